"""Azure Machine Learning online or batch endpoint accepts keys or AML tokens instead of Entra ID tokens.

Checks `Microsoft.MachineLearningServices/workspaces/onlineEndpoints` and
`…/batchEndpoints`: `properties.authMode` must be `AADToken` (`Key` and `AMLToken` are
reported). The property is required by the API, so an endpoint without it is not
reported. azurerm has no resource for these endpoints: Terraform declares them with
`azapi_resource`, whose `body` is the ARM body. Serverless endpoints
(`…/serverlessEndpoints`) only offer `Key` and are not checked here: put them behind a
gateway that authenticates callers with Entra ID.

## Why is this bad?
An endpoint key is a shared secret that never expires by itself and identifies no
caller; an AML token is tied to the workspace rather than to the caller's Entra
identity and role assignments. The guidance asks for Microsoft Entra ID and role-based
access control on model endpoints (G26).

## Example
```bicep
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  name: 'mlw-example/scoring'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: {
    authMode: 'Key'
    publicNetworkAccess: 'Disabled'
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/scoring",
  "location": "swedencentral",
  "identity": {"type": "SystemAssigned"},
  "properties": {"authMode": "Key", "publicNetworkAccess": "Disabled"}
}
```
```hcl
resource "azapi_resource" "endpoint" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01"
  name      = "scoring"
  location  = "swedencentral"
  parent_id = azurerm_machine_learning_workspace.mlw.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "Key"
      publicNetworkAccess = "Disabled"
    }
  }
}
```

## Use instead
```bicep
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  name: 'mlw-example/scoring'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: {
    authMode: 'AADToken'
    publicNetworkAccess: 'Disabled'
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/scoring",
  "location": "swedencentral",
  "identity": {"type": "SystemAssigned"},
  "properties": {"authMode": "AADToken", "publicNetworkAccess": "Disabled"}
}
```
```hcl
resource "azapi_resource" "endpoint" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01"
  name      = "scoring"
  location  = "swedencentral"
  parent_id = azurerm_machine_learning_workspace.mlw.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "AADToken"
      publicNetworkAccess = "Disabled"
    }
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/concept-endpoints-online-auth
- https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-online-endpoint
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.identity._common import label

ENDPOINTS = {
    "Microsoft.MachineLearningServices/workspaces/onlineEndpoints": "Online endpoint",
    "Microsoft.MachineLearningServices/workspaces/batchEndpoints": "Batch endpoint",
}
AUTH_MODE = "properties.authMode"


@policy(id="IAM004", name="ml-endpoint-key-auth", severity="error", doc=__doc__, guidance=("G26",))
def check(graph: Graph) -> Iterator[Finding]:
    for endpoint in graph.of_type(*ENDPOINTS):
        if endpoint.existing or not endpoint.has(AUTH_MODE):
            continue
        mode = endpoint.get(AUTH_MODE)
        if isinstance(mode, Expr):
            yield Finding.unknown(endpoint, AUTH_MODE, mode, "authMode")
        elif not isinstance(mode, str) or mode.lower() != "aadtoken":
            what = next(v for k, v in ENDPOINTS.items() if endpoint.is_type(k))
            yield Finding.at(
                endpoint, AUTH_MODE, f"{what} {label(endpoint)} does not require Entra ID tokens (authMode is '{mode}')"
            )
