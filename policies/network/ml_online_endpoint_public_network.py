"""Machine Learning online endpoint accepts public traffic, or its deployment has open egress.

Checks `Microsoft.MachineLearningServices/workspaces/onlineEndpoints` (managed endpoints; a Kubernetes
endpoint, with `properties.compute` set, follows its cluster's network): `properties.publicNetworkAccess`
must be `Disabled` (absent means the service default `Enabled`). Checks `onlineEndpoints/deployments` of
managed endpoints whose workspace has no managed network (with one, the workspace isolation mode governs
egress, NET003): `properties.egressPublicNetworkAccess` must be `Disabled` (absent: `Enabled`). When the
workspace is declared elsewhere, an open egress is inconclusive. azurerm has no online-endpoint resource:
write them with `azapi_resource` (same ARM body).

## Why is this bad?
A public scoring endpoint can be called from anywhere with its key or token, and a deployment with open
egress can send request data to any internet address. The guidance asks for private networking or an
egress firewall to protect the hosting platform (G25).

## Example
```bicep
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  parent: ws
  name: 'score-example'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'AADToken', publicNetworkAccess: 'Enabled' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/score-example",
  "location": "swedencentral",
  "identity": { "type": "SystemAssigned" },
  "properties": { "authMode": "AADToken", "publicNetworkAccess": "Enabled" }
}
```
```hcl
resource "azapi_resource" "endpoint" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01"
  name      = "score-example"
  location  = "swedencentral"
  parent_id = azurerm_machine_learning_workspace.ws.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = { authMode = "AADToken", publicNetworkAccess = "Enabled" }
  }
}
```

## Use instead
```bicep
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  parent: ws
  name: 'score-example'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'AADToken', publicNetworkAccess: 'Disabled' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/score-example",
  "location": "swedencentral",
  "identity": { "type": "SystemAssigned" },
  "properties": { "authMode": "AADToken", "publicNetworkAccess": "Disabled" }
}
```
```hcl
resource "azapi_resource" "endpoint" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01"
  name      = "score-example"
  location  = "swedencentral"
  parent_id = azurerm_machine_learning_workspace.ws.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = { authMode = "AADToken", publicNetworkAccess = "Disabled" }
  }
}
```
A deployment of a workspace without a managed network also sets `egressPublicNetworkAccess: 'Disabled'`.

## References
- https://learn.microsoft.com/azure/machine-learning/concept-secure-online-endpoint
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/onlineendpoints
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, Resource, policy
from policies.network._common import display, hub_of

ENDPOINT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints"
DEPLOYMENT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"
INGRESS = "properties.publicNetworkAccess"
EGRESS = "properties.egressPublicNetworkAccess"
MODE = "properties.managedNetwork.isolationMode"


def _open(resource: Resource, path: str) -> tuple[bool | None, str]:
    value = resource.get(path, "Enabled")
    if isinstance(value, Expr):
        return None, ""
    shown = f"'{value}'" if resource.has(path) else "not set (service default Enabled)"
    return str(value).lower() != "disabled", shown


def _managed(graph: Graph, ws: Resource | None) -> bool | None:
    kind = ws.get("kind") if ws is not None else None
    if ws is not None and isinstance(kind, str) and kind.lower() == "project":
        ws = hub_of(graph, ws)  # a hub-based project runs in its hub's network
    if ws is None or ws.existing:
        return None
    mode = ws.get(MODE, "Disabled")
    return None if isinstance(mode, Expr) else str(mode).lower() != "disabled"


@policy(id="NET005", name="ml-online-endpoint-public-network", severity="error", doc=__doc__, guidance=("G25",))
def check(graph: Graph) -> Iterator[Finding]:
    for endpoint in graph.of_type(ENDPOINT):
        if endpoint.existing or endpoint.get("properties.compute") not in (None, ""):
            continue
        is_open, shown = _open(endpoint, INGRESS)
        if is_open is None:
            yield Finding.unknown(endpoint, INGRESS, endpoint.get(INGRESS), "publicNetworkAccess")
        elif is_open:
            yield Finding.at(
                endpoint,
                INGRESS,
                f"Online endpoint '{display(endpoint)}' accepts public traffic (publicNetworkAccess is {shown})",
            )
    for deployment in graph.of_type(DEPLOYMENT):
        kind = deployment.get("properties.endpointComputeType", "Managed")
        if deployment.existing or (isinstance(kind, str) and kind.lower() == "kubernetes"):
            continue
        endpoint = graph.parent(deployment)
        ws = graph.parent(endpoint) if endpoint is not None else None
        managed = _managed(graph, ws)
        is_open, shown = _open(deployment, EGRESS)
        if managed or is_open is False:
            continue
        message = f"Online deployment '{display(deployment)}' has open egress (egressPublicNetworkAccess is {shown})"
        if is_open is None:
            yield Finding.unknown(deployment, EGRESS, deployment.get(EGRESS), "egressPublicNetworkAccess")
        elif managed is None:
            yield Finding.unknown(deployment, EGRESS, None, f"{message}; whether its workspace has a managed network")
        else:
            yield Finding.at(deployment, EGRESS, message)
