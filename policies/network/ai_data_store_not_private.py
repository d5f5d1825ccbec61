"""Storage account, key vault or AI Search service used by an AI resource is public or lacks a working private endpoint.

Applies to `Microsoft.Storage/storageAccounts`, `Microsoft.KeyVault/vaults` and
`Microsoft.Search/searchServices` that an AI resource of the deployment refers to: an Azure
Machine Learning / AI Foundry resource (`Microsoft.MachineLearningServices/*`: workspace
`storageAccount`/`keyVault`, datastores, connections) or a `Microsoft.CognitiveServices/*`
resource (`userOwnedStorage`, connections, capability hosts). Each must refuse public traffic
(`properties.publicNetworkAccess` `Disabled`, absent: `Enabled`; or for storage and key vault
`properties.networkAcls.defaultAction` `Deny`, absent: `Allow`) and be reached by a private
endpoint of its group (`blob`/`file`/`dfs`/`queue`/`table`/`web`, `vault`, `searchService`)
with a private DNS zone group or a matching `privatelink.*` zone; a managed private endpoint of an
ML workspace's managed network counts too (an outbound rule of type `PrivateEndpoint`, or the
workspace's own storage account and key vault while `managedNetwork.isolationMode` is on). azurerm:
`public_network_access_enabled` (default `true`), `network_rules.default_action`,
`network_acls.default_action`, `azurerm_private_endpoint.subresource_names`.

## Why is this bad?
These stores hold the production data, secrets and indexes that exploration, training and
grounding use. The guidance asks for private network access to the central data and code
repositories (G12) and private networking for the platform (G25).

## Example
```bicep
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stexample'
  location: 'swedencentral'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: {
    storageAccount: st.id
  }
}
```
```json
{
  "type": "Microsoft.KeyVault/vaults",
  "apiVersion": "2023-07-01",
  "name": "kv-example",
  "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
                 "networkAcls": {"defaultAction": "Allow"}}
}
```
```hcl
resource "azurerm_storage_account" "st" {
  name                          = "stexample"
  public_network_access_enabled = true
  # ...
}

resource "azurerm_machine_learning_workspace" "ws" {
  storage_account_id = azurerm_storage_account.st.id
  # ...
}
```

## Use instead
```bicep
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stexample'
  location: 'swedencentral'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    publicNetworkAccess: 'Disabled'
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: 'pe-stexample-blob'
  location: 'swedencentral'
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      { name: 'blob', properties: { privateLinkServiceId: st.id, groupIds: [ 'blob' ] } }
    ]
  }
}

resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: pe
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [ { name: 'blob', properties: { privateDnsZoneId: blobZoneId } } ]
  }
}
```
```json
{
  "type": "Microsoft.KeyVault/vaults",
  "apiVersion": "2023-07-01",
  "name": "kv-example",
  "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
                 "publicNetworkAccess": "Disabled", "networkAcls": {"defaultAction": "Deny"}}
}
```
```hcl
resource "azurerm_storage_account" "st" {
  name                          = "stexample"
  public_network_access_enabled = false
  # ...
}

resource "azurerm_private_endpoint" "blob" {
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.blob.id]
  }
  # ...
}
```

## References
- https://learn.microsoft.com/azure/storage/common/storage-private-endpoints
- https://learn.microsoft.com/azure/key-vault/general/private-link-service
- https://learn.microsoft.com/azure/search/service-create-private-endpoint
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import EdgeKind, Finding, Graph, Resource, policy
from policies.network._common import (
    managed_private_endpoint,
    private_endpoint_findings,
    public_access_findings,
)

STORES = {
    "microsoft.storage/storageaccounts": ("Storage account", "properties.networkAcls.defaultAction"),
    "microsoft.keyvault/vaults": ("Key vault", "properties.networkAcls.defaultAction"),
    "microsoft.search/searchservices": ("AI Search service", None),
}
AI_PROVIDERS = ("microsoft.machinelearningservices/", "microsoft.cognitiveservices/")


def _used_by_ai(graph: Graph, store: Resource) -> bool:
    return any(r.type.lower().startswith(AI_PROVIDERS) for r in graph.sources(store, EdgeKind.REFERENCE))


@policy(id="NET010", name="ai-data-store-not-private", severity="error", doc=__doc__, guidance=("G12", "G25"))
def check(graph: Graph) -> Iterator[Finding]:
    for store in graph.of_type(*(t for t in STORES)):
        if store.existing or not _used_by_ai(graph, store):
            continue
        label, acl = STORES[store.type.lower()]
        yield from public_access_findings(store, label, acl)
        if managed_private_endpoint(graph, store) is None:
            yield from private_endpoint_findings(graph, store, label)
