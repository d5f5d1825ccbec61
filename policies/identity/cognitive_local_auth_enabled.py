"""Azure OpenAI or AI Services account accepts API keys.

Checks every `Microsoft.CognitiveServices/accounts` (kinds `OpenAI`, `AIServices` and
the other Azure AI services): `properties.disableLocalAuth` must be `true`. Absent means
the service default `false` (keys enabled); azurerm's `local_auth_enabled`
(`azurerm_cognitive_account`) and `local_authentication_enabled` (`azurerm_ai_services`)
default to `true`.

## Why is this bad?
An account key grants full data-plane access to every deployment, never expires on its
own and leaves no caller identity in the logs. The guidance asks for Microsoft Entra ID
and role-based access control on model endpoints rather than keys (G26), and for
identity-based access to the data used by the platform (G12).

## Example
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: 'aoai-example'
    disableLocalAuth: false
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
  "sku": {"name": "S0"},
  "properties": {"customSubDomainName": "aoai-example", "disableLocalAuth": false}
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-example"
  location              = "swedencentral"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-example"
  local_auth_enabled    = true
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
    disableLocalAuth: true
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
  "sku": {"name": "S0"},
  "properties": {"customSubDomainName": "aoai-example", "disableLocalAuth": true}
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-example"
  location              = "swedencentral"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-example"
  local_auth_enabled    = false
}
```
For `azurerm_ai_services` the argument is `local_authentication_enabled = false`.

## References
- https://learn.microsoft.com/azure/ai-services/disable-local-auth
- https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.identity._common import label, shown

ACCOUNTS = "Microsoft.CognitiveServices/accounts"
DISABLE_LOCAL_AUTH = "properties.disableLocalAuth"


@policy(id="IAM003", name="cognitive-local-auth-enabled", severity="error", doc=__doc__, guidance=("G26", "G12"))
def check(graph: Graph) -> Iterator[Finding]:
    for account in graph.of_type(ACCOUNTS):
        if account.existing:
            continue
        value = account.get(DISABLE_LOCAL_AUTH, False)
        if isinstance(value, Expr):
            yield Finding.unknown(account, DISABLE_LOCAL_AUTH, value, "disableLocalAuth")
        elif value is not True:
            kind = account.get("kind")
            what = f"{kind} account" if isinstance(kind, str) else "Cognitive Services account"
            state = shown(account, DISABLE_LOCAL_AUTH, value, "false")
            yield Finding.at(
                account, DISABLE_LOCAL_AUTH, f"{what} {label(account)} accepts API keys (disableLocalAuth is {state})"
            )
