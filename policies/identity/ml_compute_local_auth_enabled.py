"""Azure Machine Learning compute instance or cluster accepts local authentication.

Checks `Microsoft.MachineLearningServices/workspaces/computes` of compute type
`ComputeInstance` and `AmlCompute`: `properties.disableLocalAuth` must be `true`.
Absent means the service default `false` (local authentication enabled); azurerm's
`local_auth_enabled` (`azurerm_machine_learning_compute_instance`,
`azurerm_machine_learning_compute_cluster`) defaults to `true`.

## Why is this bad?
With local authentication the compute accepts credentials that are managed and audited
apart from Microsoft Entra ID, so access to the production data it reads escapes the
workspace's role assignments. The guidance asks for identity-based access and
authorization on the exploration and training platform (G12) and for Entra ID rather
than local credentials (G26).

## Example
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/cpu-cluster'
  location: 'swedencentral'
  properties: {
    computeType: 'AmlCompute'
    disableLocalAuth: false
    properties: { vmSize: 'Standard_D4ds_v5', scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/computes",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/cpu-cluster",
  "location": "swedencentral",
  "properties": {
    "computeType": "AmlCompute",
    "disableLocalAuth": false,
    "properties": {"vmSize": "Standard_D4ds_v5", "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 4}}
  }
}
```
```hcl
resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  location                      = "swedencentral"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.mlw.id
  vm_size                       = "Standard_D4ds_v5"
  vm_priority                   = "Dedicated"
  local_auth_enabled            = true
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
```

## Use instead
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/cpu-cluster'
  location: 'swedencentral'
  properties: {
    computeType: 'AmlCompute'
    disableLocalAuth: true
    properties: { vmSize: 'Standard_D4ds_v5', scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/computes",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/cpu-cluster",
  "location": "swedencentral",
  "properties": {
    "computeType": "AmlCompute",
    "disableLocalAuth": true,
    "properties": {"vmSize": "Standard_D4ds_v5", "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 4}}
  }
}
```
```hcl
resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  location                      = "swedencentral"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.mlw.id
  vm_size                       = "Standard_D4ds_v5"
  vm_priority                   = "Dedicated"
  local_auth_enabled            = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-integrate-azure-policy
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/computes
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.identity._common import label, shown

COMPUTES = "Microsoft.MachineLearningServices/workspaces/computes"
COMPUTE_TYPE = "properties.computeType"
KINDS = {"computeinstance": "Compute instance", "amlcompute": "Compute cluster"}
DISABLE_LOCAL_AUTH = "properties.disableLocalAuth"


@policy(id="IAM001", name="ml-compute-local-auth-enabled", severity="error", doc=__doc__, guidance=("G12", "G26"))
def check(graph: Graph) -> Iterator[Finding]:
    for compute in graph.of_type(COMPUTES):
        if compute.existing:
            continue
        value = compute.get(DISABLE_LOCAL_AUTH, False)
        if value is True:
            continue
        kind = compute.get(COMPUTE_TYPE)
        if isinstance(kind, Expr):
            yield Finding.unknown(compute, COMPUTE_TYPE, kind, "computeType")
            continue
        what = KINDS.get(kind.lower()) if isinstance(kind, str) else None
        if what is None:
            continue
        if isinstance(value, Expr):
            yield Finding.unknown(compute, DISABLE_LOCAL_AUTH, value, "disableLocalAuth")
        else:
            state = shown(compute, DISABLE_LOCAL_AUTH, value, "false")
            yield Finding.at(
                compute,
                DISABLE_LOCAL_AUTH,
                f"{what} {label(compute)} accepts local authentication (disableLocalAuth is {state})",
            )
