"""Storage, web app, API Management or container app on the AI data path accepts plain HTTP or old TLS.

Checks `Microsoft.Storage/storageAccounts` (`supportsHttpsTrafficOnly` not `false`;
`minimumTlsVersion` not `TLS1_0`/`TLS1_1` when written — since February 2026 the service
refuses TLS 1.0/1.1 whatever the setting, so an absent value is not reported),
`Microsoft.Web/sites` (`httpsOnly: true`, absent means `false` as in azurerm
`https_only`; `siteConfig.minTlsVersion` not `1.0`/`1.1`, default `1.2`),
`Microsoft.ApiManagement/service` (`customProperties` TLS 1.0, TLS 1.1 and SSL 3.0
switches of the gateway and the backend side not `true`; absent means disabled),
`…/service/backends` (`url` not `http://`) and `Microsoft.App/containerApps`
(`configuration.ingress.allowInsecure` not `true`, default `false`). Terraform: the
azurerm equivalents (`https_traffic_only_enabled`, `min_tls_version`, `https_only`,
`site_config.minimum_tls_version`, `security` block, `url`,
`ingress.allow_insecure_connections`).

## Why is this bad?
Plain HTTP and TLS before 1.2 expose prompts, training data, keys and tokens on the
network path to reading or tampering. The guidance asks for encryption in transit
(TLS 1.2 or later, HTTPS only) on the data used and served by the AI platform (G12),
and for gateways and hosts in front of models to meet it (G6, G34).

## Example
```bicep
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-chat'
  location: 'swedencentral'
  properties: {
    serverFarmId: plan.id
    httpsOnly: false
    siteConfig: { minTlsVersion: '1.0' }
  }
}
```
```json
{
  "type": "Microsoft.Web/sites",
  "apiVersion": "2023-12-01",
  "name": "app-chat",
  "location": "swedencentral",
  "properties": {"serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'plan')]", "httpsOnly": false,
                 "siteConfig": {"minTlsVersion": "1.0"}}
}
```
```hcl
resource "azurerm_linux_web_app" "app" {
  name                = "app-chat"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  service_plan_id     = azurerm_service_plan.plan.id
  https_only          = false
  site_config {
    minimum_tls_version = "1.0"
  }
}
```

## Use instead
```bicep
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-chat'
  location: 'swedencentral'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: { minTlsVersion: '1.2' }
  }
}
```
```json
{
  "type": "Microsoft.Web/sites",
  "apiVersion": "2023-12-01",
  "name": "app-chat",
  "location": "swedencentral",
  "properties": {"serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'plan')]", "httpsOnly": true,
                 "siteConfig": {"minTlsVersion": "1.2"}}
}
```
```hcl
resource "azurerm_linux_web_app" "app" {
  name                = "app-chat"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  service_plan_id     = azurerm_service_plan.plan.id
  https_only          = true
  site_config {
    minimum_tls_version = "1.2"
  }
}
```

## References
- https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
- https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https
- https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers
- https://learn.microsoft.com/azure/container-apps/ingress-overview
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.encryption._common import label

APIM_SECURITY = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security"
OLD_PROTOCOLS = tuple(
    (f"properties.customProperties['{APIM_SECURITY}.{side}Protocols.{proto}']", f"{where} {text}")
    for side, where in (("", "gateway"), ("Backend.", "backend"))
    for proto, text in (("Tls10", "TLS 1.0"), ("Tls11", "TLS 1.1"), ("Ssl30", "SSL 3.0"))
)
# (type, path, default, is_bad(value), problem)
CHECKS: tuple[tuple[str, str, Any, Any, str], ...] = (
    (
        "Microsoft.Storage/storageAccounts",
        "properties.supportsHttpsTrafficOnly",
        True,
        lambda v: v is False,
        "accepts HTTP",
    ),
    (
        "Microsoft.Storage/storageAccounts",
        "properties.minimumTlsVersion",
        None,
        lambda v: isinstance(v, str) and v.upper() in ("TLS1_0", "TLS1_1"),
        "is set to accept TLS below 1.2",
    ),
    ("Microsoft.Web/sites", "properties.httpsOnly", False, lambda v: v is not True, "accepts HTTP"),
    (
        "Microsoft.Web/sites",
        "properties.siteConfig.minTlsVersion",
        None,
        lambda v: isinstance(v, (str, float)) and str(v) in ("1.0", "1.1"),
        "accepts TLS below 1.2",
    ),
    (
        "Microsoft.App/containerApps",
        "properties.configuration.ingress.allowInsecure",
        False,
        lambda v: v is True,
        "accepts HTTP on its ingress",
    ),
    (
        "Microsoft.ApiManagement/service/backends",
        "properties.url",
        None,
        lambda v: isinstance(v, str) and v.lower().startswith("http://"),
        "reaches its backend over HTTP",
    ),
)
APIM = "Microsoft.ApiManagement/service"
CUSTOM = "properties.customProperties"
WHAT = {
    "storageaccounts": "Storage account",
    "sites": "App Service app",
    "containerapps": "Container app",
    "backends": "API Management backend",
    "service": "API Management service",
}


def _literal_https(value: Expr) -> bool:
    return value.text.strip("'\"`").lower().startswith("https://")


def _check(resource: Resource, path: str, default: Any, is_bad: Any, problem: str) -> Iterator[Finding]:
    value = resource.get(path, default)
    if isinstance(value, Expr):
        if not (path == "properties.url" and _literal_https(value)):
            yield Finding.unknown(resource, path, value, path.rsplit(".", 1)[-1].split(".")[-1].rstrip("']"))
    elif is_bad(value):
        written = str(value).lower() if isinstance(value, bool) else f"'{value}'"
        shown = written if resource.has(path) else f"not set (service default {str(default).lower()})"
        what = WHAT[resource.type.rsplit("/", 1)[-1].lower()]
        prop = path.rsplit(".", 1)[-1].rstrip("']")
        yield Finding.at(resource, path, f"{what} {label(resource)} {problem} ({prop} is {shown})")


@policy(
    id="ENC001", name="ai-data-path-insecure-transport", severity="error", doc=__doc__, guidance=("G12", "G6", "G34")
)
def check(graph: Graph) -> Iterator[Finding]:
    for type_, path, default, is_bad, problem in CHECKS:
        for resource in graph.of_type(type_):
            if not resource.existing:
                yield from _check(resource, path, default, is_bad, problem)
    for apim in graph.of_type(APIM):
        custom = apim.get(CUSTOM)
        if apim.existing or custom is None:
            continue
        if isinstance(custom, Expr):
            yield Finding.unknown(apim, CUSTOM, custom, "customProperties")
            continue
        for path, what in OLD_PROTOCOLS:
            yield from _check(apim, path, None, lambda v: str(v).lower() == "true", f"enables {what}")
