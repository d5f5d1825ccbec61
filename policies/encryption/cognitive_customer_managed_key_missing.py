"""Azure OpenAI or AI Services account holding classified data is not encrypted with a customer-managed key.

Applies only when the `cmk_required_classifications` setting lists classifications
(default: none, so the policy reports nothing) and the account's
`cmk_classification_tag` tag (default `data-classification`) holds one of them.
Checks `Microsoft.CognitiveServices/accounts`: `properties.encryption.keySource` is
`Microsoft.KeyVault` (absent means the service default `Microsoft.CognitiveServices`,
a Microsoft-managed key), `properties.encryption.keyVaultProperties` names the key
(`keyName`, `keyVaultUri`) and the account has a managed `identity` to read it.
Terraform: the `customer_managed_key` block of `azurerm_cognitive_account` /
`azurerm_ai_services`, or an `azurerm_cognitive_account_customer_managed_key`.

## Why is this bad?
With Microsoft-managed keys the organisation cannot revoke access to stored prompts,
fine-tuning data and uploaded files, nor prove key custody as its data-protection rules
require for that classification. The guidance asks for customer-managed keys where
required as part of encryption at rest (G12), together with the regional
data-protection requirements (G2).

## Example
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  tags: { 'data-classification': 'confidential' }
  properties: { customSubDomainName: 'aoai-example' }
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
  "tags": {"data-classification": "confidential"},
  "properties": {"customSubDomainName": "aoai-example"}
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
  tags                  = { "data-classification" = "confidential" }
}
```

## Use instead
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  tags: { 'data-classification': 'confidential' }
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${uami.id}': {} } }
  properties: {
    customSubDomainName: 'aoai-example'
    encryption: {
      keySource: 'Microsoft.KeyVault'
      keyVaultProperties: {
        keyName: 'cmk'
        keyVaultUri: kv.properties.vaultUri
        identityClientId: uami.properties.clientId
      }
    }
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
  "tags": {"data-classification": "confidential"},
  "identity": {"type": "SystemAssigned"},
  "properties": {
    "customSubDomainName": "aoai-example",
    "encryption": {"keySource": "Microsoft.KeyVault",
                   "keyVaultProperties": {"keyName": "cmk", "keyVaultUri": "https://kv-example.vault.azure.net/"}}
  }
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
  tags                  = { "data-classification" = "confidential" }
  identity {
    type = "SystemAssigned"
  }
  customer_managed_key {
    key_vault_key_id = azurerm_key_vault_key.cmk.id
  }
}
```

## References
- https://learn.microsoft.com/azure/ai-services/openai/encrypt-data-at-rest
- https://learn.microsoft.com/azure/ai-services/encryption/cognitive-services-encryption-keys-portal
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies.encryption._common import classification, key_source, label

ACCOUNTS = "Microsoft.CognitiveServices/accounts"
KEY_SOURCE = "properties.encryption.keySource"
KEY = "properties.encryption.keyVaultProperties"
IDENTITY = "identity.type"


@policy(
    id="ENC003",
    name="cognitive-customer-managed-key-missing",
    severity="warning",
    doc=__doc__,
    guidance=("G12", "G2"),
)
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for account in graph.of_type(ACCOUNTS):
        level = None if account.existing else classification(account, settings)
        if level is None:
            continue
        if isinstance(level, Expr):
            yield Finding.unknown(account, "tags", level, f"the '{settings['cmk_classification_tag']}' tag")
            continue
        name = f"Account {label(account)} ({level} data)"
        value, problem = key_source(account, KEY_SOURCE, "Microsoft.KeyVault", "Microsoft.CognitiveServices")
        if isinstance(value, Expr):
            yield Finding.unknown(account, KEY_SOURCE, value, "encryption.keySource")
        elif problem:
            yield Finding.at(
                account, KEY_SOURCE, f"{name} is not encrypted with a customer-managed key (keySource is {problem})"
            )
        elif not (account.has(f"{KEY}.keyName") and account.has(f"{KEY}.keyVaultUri")):
            yield Finding.at(
                account, KEY, f"{name} uses Key Vault encryption without naming the key (keyName, keyVaultUri)"
            )
        elif account.get(IDENTITY) in (None, "None", "none"):
            yield Finding.at(account, IDENTITY, f"{name} has no managed identity to read its customer-managed key")
