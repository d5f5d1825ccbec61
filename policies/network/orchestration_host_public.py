"""Orchestration host (App Service or Container Apps) is public or not integrated in a virtual network.

Applies to hosts marked as orchestration: the `ai_function_tag` tag (default `ai-function`) set to
`orchestration` on the resource, or an app setting / container environment variable named in
`orchestration_env_markers` (default `PROMPTFLOW_RUN_MODE`). `Microsoft.Web/sites` must have
`properties.publicNetworkAccess` `Disabled` (absent: `Enabled`, unless a private endpoint reaches
the site), `properties.virtualNetworkSubnetId` set and all outbound traffic routed into the VNet
(`properties.vnetRouteAllEnabled`, `properties.siteConfig.vnetRouteAllEnabled` or
`properties.outboundVnetRouting.allTraffic`; absent: `false`). `Microsoft.App/managedEnvironments`
(directly marked, or hosting a marked container app) must have `properties.vnetConfiguration.internal`
`true` (absent: `false`) and `properties.vnetConfiguration.infrastructureSubnetId` set. azurerm:
`public_network_access_enabled` (default `true`), `virtual_network_subnet_id`,
`site_config.vnet_route_all_enabled` (default `false`), `internal_load_balancer_enabled` (default `false`),
`infrastructure_subnet_id`.

## Why is this bad?
Orchestrators hold the credentials and the data flow between users, models and grounding
data; the guidance asks that they meet the same production security standard as the rest
of the platform (G34), behind private networking (G25).

## Example
```bicep
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-orchestrator'
  location: 'swedencentral'
  tags: { 'ai-function': 'orchestration' }
  properties: {
    serverFarmId: plan.id
    publicNetworkAccess: 'Enabled'
  }
}
```
```json
{
  "type": "Microsoft.App/managedEnvironments",
  "apiVersion": "2024-03-01",
  "name": "cae-orchestrator",
  "tags": {"ai-function": "orchestration"},
  "properties": {"vnetConfiguration": {"internal": false}}
}
```
```hcl
resource "azurerm_linux_web_app" "app" {
  name                          = "app-orchestrator"
  tags                          = { "ai-function" = "orchestration" }
  public_network_access_enabled = true
  # ...
}
```

## Use instead
```bicep
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-orchestrator'
  location: 'swedencentral'
  tags: { 'ai-function': 'orchestration' }
  properties: {
    serverFarmId: plan.id
    publicNetworkAccess: 'Disabled'
    virtualNetworkSubnetId: subnet.id
    vnetRouteAllEnabled: true
  }
}
```
```json
{
  "type": "Microsoft.App/managedEnvironments",
  "apiVersion": "2024-03-01",
  "name": "cae-orchestrator",
  "tags": {"ai-function": "orchestration"},
  "properties": {"vnetConfiguration": {"internal": true, "infrastructureSubnetId": "[variables('subnetId')]"}}
}
```
```hcl
resource "azurerm_linux_web_app" "app" {
  name                          = "app-orchestrator"
  tags                          = { "ai-function" = "orchestration" }
  public_network_access_enabled = false
  virtual_network_subnet_id     = azurerm_subnet.app.id
  site_config {
    vnet_route_all_enabled = true
  }
  # ...
}
```

## References
- https://learn.microsoft.com/azure/app-service/overview-vnet-integration
- https://learn.microsoft.com/azure/container-apps/networking
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies._common import tag
from policies.network._common import display, private_endpoints

SITE = "Microsoft.Web/sites"
ENVIRONMENT = "Microsoft.App/managedEnvironments"
CONTAINER_APP = "Microsoft.App/containerApps"
ACCESS = "properties.publicNetworkAccess"
SUBNET = "properties.virtualNetworkSubnetId"
ROUTE_ALL = ("properties.vnetRouteAllEnabled", "properties.siteConfig.vnetRouteAllEnabled",
             "properties.outboundVnetRouting.allTraffic")
INTERNAL = "properties.vnetConfiguration.internal"
INFRA_SUBNET = "properties.vnetConfiguration.infrastructureSubnetId"
SETTINGS = ("properties.siteConfig.appSettings[*].name", "properties.template.containers[*].env[*].name")


def _marked(r: Resource, settings: Mapping[str, Any]) -> bool:
    value = tag(r, settings["ai_function_tag"])
    if isinstance(value, str) and value.lower() == "orchestration":
        return True
    markers = {m.lower() for m in settings["orchestration_env_markers"]}
    return any(isinstance(v, str) and v.lower() in markers for p in SETTINGS for _, v in r.each(p))


def _site(graph: Graph, site: Resource) -> Iterator[Finding]:
    name = f"Orchestration app '{display(site)}'"
    access = site.get(ACCESS)
    if isinstance(access, Expr):
        yield Finding.unknown(site, ACCESS, access, "publicNetworkAccess")
    elif (access is None and not private_endpoints(graph, site)) or (access and str(access).lower() != "disabled"):
        shown = f"'{access}'" if access else "not set (service default Enabled)"
        yield Finding.at(site, ACCESS, f"{name} allows public network access (publicNetworkAccess is {shown})")
    if not site.get(SUBNET):
        yield Finding.at(
            site, SUBNET, f"{name} is not integrated in a virtual network (virtualNetworkSubnetId is not set)"
        )
        return
    routes = [site.get(p) for p in ROUTE_ALL if site.has(p)]
    if True in routes:
        return
    unknown = next((v for v in routes if isinstance(v, Expr)), None)
    if unknown is not None:
        yield Finding.unknown(site, ROUTE_ALL[0], unknown, "vnetRouteAllEnabled")
    else:
        where = next((p for p in ROUTE_ALL if site.has(p)), ROUTE_ALL[0])
        yield Finding.at(site, where, f"{name} does not route all outbound traffic into its virtual network "
                         f"(vnetRouteAllEnabled is {'false' if routes else 'not set (service default false)'})")


def _environment(env: Resource) -> Iterator[Finding]:
    name = f"Orchestration Container Apps environment '{display(env)}'"
    internal = env.get(INTERNAL, False)
    if isinstance(internal, Expr):
        yield Finding.unknown(env, INTERNAL, internal, "vnetConfiguration.internal")
    elif internal is not True:
        shown = "false" if env.has(INTERNAL) else "not set (service default false)"
        yield Finding.at(env, INTERNAL, f"{name} has a public ingress endpoint (vnetConfiguration.internal is {shown})")
    if not env.get(INFRA_SUBNET):
        yield Finding.at(env, INFRA_SUBNET, f"{name} is not integrated in a virtual network "
                         "(vnetConfiguration.infrastructureSubnetId is not set)")


@policy(id="NET014", name="orchestration-host-public", severity="error", doc=__doc__, guidance=("G25", "G34"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for site in graph.of_type(SITE):
        if not site.existing and _marked(site, settings):
            yield from _site(graph, site)
    envs = {e.address: e for e in graph.of_type(ENVIRONMENT) if _marked(e, settings)}
    for app in graph.of_type(CONTAINER_APP):
        if _marked(app, settings):
            envs.update((e.address, e) for e in graph.targets(app, EdgeKind.REFERENCE) if e.is_type(ENVIRONMENT))
    for env in sorted(envs.values(), key=lambda e: (e.span, e.address)):
        if not env.existing:
            yield from _environment(env)
