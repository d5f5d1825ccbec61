"""Azure OpenAI / AI Services account accepts traffic from any public network.

Checks every `Microsoft.CognitiveServices/accounts` resource (all kinds; OpenAI and AIServices above all):
`properties.publicNetworkAccess` must be `Disabled`, or the network ACL must deny by default
(`properties.networkAcls.defaultAction = 'Deny'`, with selected IP or virtual-network rules). Absent
`publicNetworkAccess` means the service default `Enabled`, absent `networkAcls` means `Allow`; azurerm's
`public_network_access_enabled` defaults to `true` (`azurerm_ai_services`: `public_network_access`
defaults to `"Enabled"`). The account also needs `properties.customSubDomainName` (azurerm
`custom_subdomain_name`): private endpoints and Microsoft Entra authentication only work on a custom
subdomain.

## Why is this bad?
An account open to all networks exposes the model endpoints, and with keys the whole account, to the
internet; only identity stands between a caller and the models. The guidance asks for private
networking or an egress firewall to protect the hosting platform (G25) and private access to the
central resources that process production data (G12).

## Example
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {}
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts",
  "apiVersion": "2024-10-01",
  "name": "aoai-example",
  "location": "swedencentral",
  "kind": "OpenAI",
  "sku": { "name": "S0" },
  "properties": { "publicNetworkAccess": "Enabled" }
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                = "aoai-example"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  kind                = "OpenAI"
  sku_name            = "S0"
}
```

## Use instead
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: 'aoai-example'
    publicNetworkAccess: 'Disabled'
    networkAcls: { defaultAction: 'Deny' }
  }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts",
  "apiVersion": "2024-10-01",
  "name": "aoai-example",
  "location": "swedencentral",
  "kind": "OpenAI",
  "sku": { "name": "S0" },
  "properties": {
    "customSubDomainName": "aoai-example",
    "publicNetworkAccess": "Disabled",
    "networkAcls": { "defaultAction": "Deny" }
  }
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                          = "aoai-example"
  location                      = "swedencentral"
  resource_group_name           = "rg-ai"
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "aoai-example"
  public_network_access_enabled = false
}
```

## References
- https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks
- https://learn.microsoft.com/azure/ai-services/cognitive-services-custom-subdomains
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.network._common import display

ACCOUNT = "Microsoft.CognitiveServices/accounts"
ACCESS = "properties.publicNetworkAccess"
DEFAULT_ACTION = "properties.networkAcls.defaultAction"
SUBDOMAIN = "properties.customSubDomainName"


def _is(value: object, text: str) -> bool:
    return isinstance(value, str) and value.lower() == text.lower()


@policy(id="NET006", name="cognitive-public-network-access", severity="error", doc=__doc__, guidance=("G12", "G25"))
def check(graph: Graph) -> Iterator[Finding]:
    for account in graph.of_type(ACCOUNT):
        if account.existing:
            continue
        kind = account.get("kind")
        label = f"{kind if isinstance(kind, str) else 'Cognitive Services'} account '{display(account)}'"
        access, action = account.get(ACCESS, "Enabled"), account.get(DEFAULT_ACTION, "Allow")
        if _is(access, "Disabled") or _is(action, "Deny"):
            pass
        elif isinstance(access, Expr):
            yield Finding.unknown(account, ACCESS, access, "publicNetworkAccess")
        elif isinstance(action, Expr):
            yield Finding.unknown(account, DEFAULT_ACTION, action, "networkAcls.defaultAction")
        else:
            shown = f"'{access}'" if account.has(ACCESS) else "not set (service default Enabled)"
            rule = f"'{action}'" if account.has(DEFAULT_ACTION) else "not set (Allow)"
            yield Finding.at(
                account,
                ACCESS,
                f"{label} accepts traffic from all networks (publicNetworkAccess is {shown}, "
                f"networkAcls.defaultAction is {rule})",
            )
        subdomain = account.get(SUBDOMAIN)
        if subdomain is None or subdomain == "":
            yield Finding.at(account, SUBDOMAIN, f"{label} has no customSubDomainName")
