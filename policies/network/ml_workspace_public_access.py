"""Machine Learning workspace or AI Foundry hub accepts traffic from public networks.

Checks `Microsoft.MachineLearningServices/workspaces` (kinds Default, Hub, FeatureStore).
Absent `properties.publicNetworkAccess` means the service default, `Enabled`; azurerm's
`public_network_access_enabled` defaults to `true`. A hub-based project (kind Project,
`azurerm_ai_foundry_project`) takes its network access from its hub, which is checked instead.

## Why is this bad?
The workspace holds production data, models and secrets used during exploration,
training and hosting. Reachable from the internet, it depends on identity alone;
the guidance asks for private network access to these central repositories (G12, G25).

## Example
```bicep
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "properties": { "publicNetworkAccess": "Enabled" }
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
  public_network_access_enabled = true
  identity {
    type = "SystemAssigned"
  }
}
```

## Use instead
```bicep
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: {
    publicNetworkAccess: 'Disabled'
  }
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
For `azurerm_ai_foundry`, write `public_network_access = "Disabled"`; reach the workspace through a
private endpoint (NET002).

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy

WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
ACCESS = "properties.publicNetworkAccess"


@policy(id="NET001", name="ml-workspace-public-access", severity="error", doc=__doc__, guidance=("G12", "G25"))
def check(graph: Graph) -> Iterator[Finding]:
    for ws in graph.of_type(WORKSPACE):
        kind = ws.get("kind")
        if ws.existing or (isinstance(kind, str) and kind.lower() == "project"):
            continue
        value = ws.get(ACCESS, "Enabled")
        if isinstance(value, Expr):
            yield Finding.unknown(ws, ACCESS, value, "publicNetworkAccess")
        elif not isinstance(value, str) or value.lower() != "disabled":
            where = "not set (service default Enabled)" if not ws.has(ACCESS) else f"'{value}'"
            yield Finding.at(
                ws, ACCESS, f"ML workspace '{ws.name if isinstance(ws.name, str) else ws.address}' allows public "
                f"network access (publicNetworkAccess is {where})"
            )
