"""Batch inference deployment runs on compute that cannot shut down when idle.

Checks `Microsoft.MachineLearningServices/workspaces/batchEndpoints/deployments`: the compute named
by `properties.compute` must be an AmlCompute cluster whose
`properties.properties.scaleSettings.minNodeCount` is 0 (the service default when absent; azurerm
`scale_settings.min_node_count` has no default), never a compute instance, which keeps running
between jobs. The compute is found through the reference written in `properties.compute` (a symbolic
reference, `resourceId(...)` or a literal `.../workspaces/<ws>/computes/<name>` id of a compute in the
same unit). A compute declared in another template is not judged here; an unknown minimum node
count is inconclusive. azurerm has no batch endpoint resource: Terraform declares it with
`azapi_resource`, the cluster with `azurerm_machine_learning_compute_cluster`.

## Why is this bad?
Batch inference is transient: its compute should run only while a job runs and shut down when it is
not used (G21, G14). A cluster that keeps nodes warm, or a compute instance, bills for idle capacity
between batches.

## Example
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws
  name: 'batch-cluster'
  location: location
  properties: {
    computeType: 'AmlCompute'
    properties: { vmSize: 'Standard_DS3_v2', scaleSettings: { minNodeCount: 2, maxNodeCount: 4 } }
  }
}
resource scorer 'Microsoft.MachineLearningServices/workspaces/batchEndpoints/deployments@2024-04-01' = {
  parent: batchEndpoint
  name: 'scorer'
  location: location
  properties: { compute: cluster.id }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/computes",
  "apiVersion": "2024-04-01",
  "name": "mlw/batch-cluster",
  "properties": {
    "computeType": "AmlCompute",
    "properties": {"vmSize": "Standard_DS3_v2", "scaleSettings": {"minNodeCount": 2, "maxNodeCount": 4}}
  }
}
```
```hcl
resource "azurerm_machine_learning_compute_cluster" "batch" {
  name                          = "batch-cluster"
  location                      = "swedencentral"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 2
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT10M"
  }
}
```

## Use instead
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws
  name: 'batch-cluster'
  location: location
  properties: {
    computeType: 'AmlCompute'
    properties: { vmSize: 'Standard_DS3_v2', scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/computes",
  "apiVersion": "2024-04-01",
  "name": "mlw/batch-cluster",
  "properties": {
    "computeType": "AmlCompute",
    "properties": {"vmSize": "Standard_DS3_v2", "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 4}}
  }
}
```
```hcl
resource "azurerm_machine_learning_compute_cluster" "batch" {
  name                          = "batch-cluster"
  location                      = "swedencentral"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT10M"
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/concept-endpoints-batch
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/batchendpoints/deployments
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies.inference._common import as_int, show

DEPLOYMENT = "Microsoft.MachineLearningServices/workspaces/batchEndpoints/deployments"
COMPUTE_TYPE = "Microsoft.MachineLearningServices/workspaces/computes"
COMPUTE = "properties.compute"
MIN_NODES = "properties.properties.scaleSettings.minNodeCount"
LITERAL_ID = re.compile(r"/workspaces/([^/]+)/computes/([^/]+)$", re.IGNORECASE)


def _compute(graph: Graph, dep: Resource) -> Resource | None:
    for edge in graph.out_edges(dep, EdgeKind.REFERENCE):
        target = graph.get(edge.target)
        if edge.path.lower() == COMPUTE.lower() and target is not None and target.is_type(COMPUTE_TYPE):
            return target
    value = dep.get(COMPUTE)
    match = LITERAL_ID.search(value.strip()) if isinstance(value, str) else None
    wanted = f"{match.group(1)}/{match.group(2)}".lower() if match else None
    return next((c for c in graph.of_type(COMPUTE_TYPE) if isinstance(c.name, str) and c.name.lower() == wanted), None)


@policy(
    id="INF002", name="ml-batch-deployment-always-on-compute", severity="warning", doc=__doc__, guidance=("G21", "G14")
)
def check(graph: Graph) -> Iterator[Finding]:
    for dep in graph.of_type(DEPLOYMENT):
        compute = None if dep.existing else _compute(graph, dep)
        if compute is None:
            continue
        kind, low = compute.get("properties.computeType"), compute.get(MIN_NODES) or 0
        name, owner = show(compute.name), f"Batch deployment '{show(dep.name)}'"
        if isinstance(kind, Expr):
            yield Finding.unknown(dep, COMPUTE, kind, f"Compute type of '{name}'")
        elif str(kind).lower() == "computeinstance":
            yield Finding.at(dep, COMPUTE, f"{owner} runs on compute instance '{name}', which stays on between jobs")
        elif str(kind).lower() != "amlcompute":
            continue
        elif isinstance(low, Expr):
            yield Finding.unknown(dep, COMPUTE, low, f"minNodeCount of '{name}'")
        elif (as_int(low) or 0) > 0:
            text = f"{owner} runs on cluster '{name}', which never scales below minNodeCount {low}"
            yield Finding.at(dep, COMPUTE, text)
