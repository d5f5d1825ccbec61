"""Azure OpenAI or AI Services account may send outbound traffic to any destination.

Checks `Microsoft.CognitiveServices/accounts` of kind `OpenAI` or `AIServices`:
`properties.restrictOutboundNetworkAccess` must be `true`, which limits the account's own
outbound calls (data sources, web content) to `properties.allowedFqdnList`; an empty list
blocks them all. An account whose agents are injected in a customer subnet
(`properties.networkInjections` set) sends that egress through the customer's network
controls and passes too. Absent, the service default is `false` (unrestricted); azurerm's
`outbound_network_access_restricted` defaults to `false` (`fqdns` holds the list).

## Why is this bad?
A model account that can reach any host can be made to exfiltrate prompts, grounding data
or completions. The guidance asks for private networking or an egress firewall around the
hosting platform (G25); the account-level FQDN allow-list is that egress control.

## Example
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: 'aoai-example'
    restrictOutboundNetworkAccess: false
  }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts",
  "apiVersion": "2024-10-01",
  "name": "aoai-example",
  "kind": "OpenAI",
  "sku": {"name": "S0"},
  "properties": {"customSubDomainName": "aoai-example", "restrictOutboundNetworkAccess": false}
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                               = "aoai-example"
  kind                               = "OpenAI"
  sku_name                           = "S0"
  outbound_network_access_restricted = false
  # ...
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
    restrictOutboundNetworkAccess: true
    allowedFqdnList: [
      'stexample.blob.core.windows.net'
    ]
  }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts",
  "apiVersion": "2024-10-01",
  "name": "aoai-example",
  "kind": "OpenAI",
  "sku": {"name": "S0"},
  "properties": {
    "customSubDomainName": "aoai-example",
    "restrictOutboundNetworkAccess": true,
    "allowedFqdnList": ["stexample.blob.core.windows.net"]
  }
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                               = "aoai-example"
  kind                               = "OpenAI"
  sku_name                           = "S0"
  outbound_network_access_restricted = true
  fqdns                              = ["stexample.blob.core.windows.net"]
  # ...
}
```

## References
- https://learn.microsoft.com/azure/ai-services/cognitive-services-data-loss-prevention
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.network._common import display

ACCOUNT = "Microsoft.CognitiveServices/accounts"
KINDS = ("openai", "aiservices")
RESTRICT = "properties.restrictOutboundNetworkAccess"
INJECTIONS = "properties.networkInjections"


@policy(id="NET008", name="cognitive-outbound-unrestricted", severity="warning", doc=__doc__, guidance=("G25",))
def check(graph: Graph) -> Iterator[Finding]:
    for account in graph.of_type(ACCOUNT):
        if account.existing:
            continue
        restrict = account.get(RESTRICT, False)
        if restrict is True:
            continue
        kind = account.get("kind")
        if isinstance(kind, Expr):
            yield Finding.unknown(account, "kind", kind, "kind (OpenAI or AIServices)")
        elif not isinstance(kind, str) or kind.lower() not in KINDS:
            continue
        elif isinstance(restrict, Expr):
            yield Finding.unknown(account, RESTRICT, restrict, "restrictOutboundNetworkAccess")
        elif isinstance(injections := account.get(INJECTIONS), Expr):
            yield Finding.unknown(account, INJECTIONS, injections, "networkInjections")
        elif not injections:
            where = "not set (service default false)" if not account.has(RESTRICT) else str(restrict).lower()
            yield Finding.at(
                account, RESTRICT, f"{kind} account '{display(account)}' has unrestricted outbound network access "
                f"(restrictOutboundNetworkAccess is {where})"
            )
