"""Machine Learning workspace or AI Foundry hub lets its compute reach the internet without restriction.

Checks `Microsoft.MachineLearningServices/workspaces` (kinds Default, Hub, FeatureStore; a Project uses its
hub's network). `properties.managedNetwork.isolationMode` must be `AllowOnlyApprovedOutbound`;
`AllowInternetOutbound` opens all egress, and `Disabled` (also when absent, the service default; azurerm
`managed_network.isolation_mode` has no default either) leaves the workspace without a managed network.
A workspace without a managed network passes only on the bring-your-own-network path: serverless compute
in a customer subnet without public IPs (`properties.serverlessComputeSettings.serverlessComputeCustomSubnet`
set and `serverlessComputeNoPublicIP = true`; azurerm `serverless_compute.subnet_id` and
`public_ip_enabled = false`), or, when it declares compute instances or clusters, every one of them in a
subnet without a public IP. Routing that network's egress through a firewall is NET013.

## Why is this bad?
Training jobs, notebooks and managed endpoints run with access to production data; with open egress
they can send that data, or be made to, anywhere on the internet. The guidance asks for private
networking or an egress firewall to protect the platform (G25) and for private access to the data used
during exploration (G12).

## Example
```bicep
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: {
    managedNetwork: { isolationMode: 'AllowInternetOutbound' }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "properties": { "managedNetwork": { "isolationMode": "AllowInternetOutbound" } }
}
```
```hcl
resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw-example"
  location                = "swedencentral"
  resource_group_name     = "rg-ml"
  application_insights_id = azurerm_application_insights.appi.id
  key_vault_id            = azurerm_key_vault.kv.id
  storage_account_id      = azurerm_storage_account.st.id
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "AllowInternetOutbound"
  }
}
```

## Use instead
```bicep
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: {
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "properties": { "managedNetwork": { "isolationMode": "AllowOnlyApprovedOutbound" } }
}
```
```hcl
resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw-example"
  location                = "swedencentral"
  resource_group_name     = "rg-ml"
  application_insights_id = azurerm_application_insights.appi.id
  key_vault_id            = azurerm_key_vault.kv.id
  storage_account_id      = azurerm_storage_account.st.id
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-managed-network
- https://learn.microsoft.com/azure/machine-learning/how-to-network-isolation-planning
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, Resource, policy
from policies.network._common import display

WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes"
MODE = "properties.managedNetwork.isolationMode"
SERVERLESS_SUBNET = "properties.serverlessComputeSettings.serverlessComputeCustomSubnet"
SERVERLESS_NO_PIP = "properties.serverlessComputeSettings.serverlessComputeNoPublicIP"
VM_COMPUTE_TYPES = ("computeinstance", "amlcompute")


def _own_network(graph: Graph, ws: Resource) -> bool:
    """Serverless compute in a subnet without public IPs, or every declared VM compute in one."""
    if ws.get(SERVERLESS_SUBNET) not in (None, "") and ws.get(SERVERLESS_NO_PIP) is True:
        return True
    computes = [
        c for c in graph.children(ws, COMPUTE) if str(c.get("properties.computeType", "")).lower() in VM_COMPUTE_TYPES
    ]
    return bool(computes) and all(
        c.get("properties.properties.subnet.id") not in (None, "")
        and c.get("properties.properties.enableNodePublicIp") is False
        for c in computes
    )


@policy(id="NET003", name="ml-workspace-egress-unrestricted", severity="error", doc=__doc__, guidance=("G12", "G25"))
def check(graph: Graph) -> Iterator[Finding]:
    for ws in graph.of_type(WORKSPACE):
        kind = ws.get("kind", "Default")
        if ws.existing or (isinstance(kind, str) and kind.lower() == "project"):
            continue
        mode = ws.get(MODE, "Disabled")
        if isinstance(mode, Expr):
            yield Finding.unknown(ws, MODE, mode, "managedNetwork.isolationMode")
        elif not isinstance(mode, str) or mode.lower() == "allowonlyapprovedoutbound":
            continue
        elif mode.lower() == "allowinternetoutbound":
            yield Finding.at(
                ws,
                MODE,
                f"ML workspace '{display(ws)}' allows all outbound internet traffic (isolationMode is '{mode}')",
            )
        elif not _own_network(graph, ws):
            shown = f"'{mode}'" if ws.has(MODE) else "not set (service default Disabled)"
            yield Finding.at(
                ws,
                MODE,
                f"ML workspace '{display(ws)}' has no managed network and no private "
                f"compute network (isolationMode is {shown})",
            )
