"""Machine Learning workspace or AI Foundry hub has no working private endpoint.

Checks that a `Microsoft.MachineLearningServices/workspaces` resource (kinds Default, Hub, FeatureStore; a
Project is reached through its hub) is the target of a `Microsoft.Network/privateEndpoints` connection
with group id `amlworkspace`, and that the endpoint has a private DNS zone group or a
`privatelink.api.azureml.ms` / `privatelink.notebooks.azure.net` zone in the same deployment. Without
an endpoint the workspace is reachable only over its public endpoint (or not at all). An endpoint whose
target or group ids are unknown makes the result inconclusive. azurerm: `azurerm_private_endpoint` with
`private_service_connection.subresource_names = ["amlworkspace"]` and a `private_dns_zone_group` block.

## Why is this bad?
Clients reach the workspace, its notebooks and its APIs over the internet, or, with public access
disabled, cannot reach it at all; without the DNS zone the private address is never used. The guidance
asks for private network access to the central data and model repositories (G12) and private networking
of the platform (G25).

## Example
```bicep
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: { publicNetworkAccess: 'Disabled' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "properties": { "publicNetworkAccess": "Disabled" }
}
```
```hcl
resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-example"
  location                      = "swedencentral"
  resource_group_name           = "rg-ml"
  application_insights_id       = azurerm_application_insights.appi.id
  key_vault_id                  = azurerm_key_vault.kv.id
  storage_account_id            = azurerm_storage_account.st.id
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
}
```

## Use instead
```bicep
resource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: 'pe-mlw-example'
  location: 'swedencentral'
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      { name: 'mlw', properties: { privateLinkServiceId: ws.id, groupIds: [ 'amlworkspace' ] } }
    ]
  }
}

resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: pe
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [ { name: 'api', properties: { privateDnsZoneId: apiZone.id } } ]
  }
}
```
```json
{
  "type": "Microsoft.Network/privateEndpoints",
  "apiVersion": "2023-11-01",
  "name": "pe-mlw-example",
  "location": "swedencentral",
  "properties": {
    "subnet": { "id": "[parameters('subnetId')]" },
    "privateLinkServiceConnections": [
      {
        "name": "mlw",
        "properties": {
          "privateLinkServiceId": "[resourceId('Microsoft.MachineLearningServices/workspaces', 'mlw-example')]",
          "groupIds": [ "amlworkspace" ]
        }
      }
    ]
  }
}
```
plus a `Microsoft.Network/privateEndpoints/privateDnsZoneGroups` resource named `pe-mlw-example/default`.
```hcl
resource "azurerm_private_endpoint" "pe" {
  name                = "pe-mlw-example"
  location            = "swedencentral"
  resource_group_name = "rg-ml"
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "mlw"
    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.api.id, azurerm_private_dns_zone.notebooks.id]
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link
- https://learn.microsoft.com/azure/private-link/private-endpoint-dns
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Finding, Graph, policy
from policies.network._common import private_endpoint_findings

WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
KIND = "kind"


@policy(
    id="NET002", name="ml-workspace-without-private-endpoint", severity="error", doc=__doc__, guidance=("G12", "G25")
)
def check(graph: Graph) -> Iterator[Finding]:
    for ws in graph.of_type(WORKSPACE):
        kind = ws.get(KIND, "Default")
        if ws.existing or (isinstance(kind, str) and kind.lower() == "project"):
            continue
        yield from private_endpoint_findings(graph, ws, "ML workspace")
