"""Machine Learning compute cluster keeps nodes running between jobs.

Checks `Microsoft.MachineLearningServices/workspaces/computes` of `computeType` `AmlCompute`:
`properties.properties.scaleSettings.minNodeCount` must be 0 (absent means the service
default, 0) and `nodeIdleTimeBeforeScaleDown` must be no longer than the
`max_cluster_idle_scale_down` setting (default `PT30M`; absent means the service default,
two minutes). In azurerm both come from `scale_settings` (`min_node_count`,
`scale_down_nodes_after_idle_duration`), which the provider requires. A cluster tagged
`min-nodes-justified` may keep a minimum node count.

## Why is this bad?
Training runs in batches; nodes kept warm between runs bill for every idle hour, and GPU
nodes make that the largest line of the bill. The guidance asks that training compute
scale to zero once the batch is over (G14) and that GPU capacity is not kept running
while idle (G9).

## Example
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/gpu-cluster'
  location: 'swedencentral'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC24ads_A100_v4'
      scaleSettings: { minNodeCount: 2, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: 'PT2H' }
    }
  }
}
```
```json
"properties": {
  "computeType": "AmlCompute",
  "properties": {
    "vmSize": "Standard_NC24ads_A100_v4",
    "scaleSettings": {"minNodeCount": 2, "maxNodeCount": 4, "nodeIdleTimeBeforeScaleDown": "PT2H"}
  }
}
```
```hcl
resource "azurerm_machine_learning_compute_cluster" "gpu" {
  name                          = "gpu-cluster"
  location                      = "swedencentral"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_NC24ads_A100_v4"
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 2
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT2H"
  }
}
```

## Use instead
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/gpu-cluster'
  location: 'swedencentral'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC24ads_A100_v4'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: 'PT10M' }
    }
  }
}
```
```json
"scaleSettings": {"minNodeCount": 0, "maxNodeCount": 4, "nodeIdleTimeBeforeScaleDown": "PT10M"}
```
```hcl
scale_settings {
  min_node_count                       = 0
  max_node_count                       = 4
  scale_down_nodes_after_idle_duration = "PT10M"
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-create-attach-compute-cluster
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/computes
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies._common import duration_seconds, has_tag_value, is_gpu_size
from policies.training._common import name_of

COMPUTES = "Microsoft.MachineLearningServices/workspaces/computes"
KIND = "properties.computeType"
MIN_NODES = "properties.properties.scaleSettings.minNodeCount"
IDLE = "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown"
SIZE = "properties.properties.vmSize"
EXEMPT_TAG = "min-nodes-justified"


@policy(id="TRN001", name="ml-compute-cluster-idle-nodes", severity="warning", doc=__doc__, guidance=("G14", "G9"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    limit = settings["max_cluster_idle_scale_down"]
    for cluster in graph.of_type(COMPUTES):
        kind = cluster.get(KIND)
        if cluster.existing or not isinstance(kind, str) or kind.lower() != "amlcompute":
            continue
        size = cluster.get(SIZE)
        what = f"Compute cluster '{name_of(cluster)}'"
        if is_gpu_size(size):
            what = f"GPU compute cluster '{name_of(cluster)}' ({size})"
        nodes = cluster.get(MIN_NODES, 0)
        exempt = has_tag_value(cluster, EXEMPT_TAG)
        if isinstance(nodes, Expr):
            yield Finding.unknown(cluster, MIN_NODES, nodes, "minNodeCount")
        elif isinstance(nodes, int) and nodes > 0 and exempt is not True:
            if isinstance(exempt, Expr):
                yield Finding.unknown(cluster, "tags", exempt, f"tag {EXEMPT_TAG}")
            else:
                message = f"{what} never scales below {nodes} node(s) (minNodeCount is {nodes})"
                yield Finding.at(cluster, MIN_NODES, message)
        idle = cluster.get(IDLE)
        if isinstance(idle, Expr):
            yield Finding.unknown(cluster, IDLE, idle, "nodeIdleTimeBeforeScaleDown")
        elif idle is not None:
            seconds, most = duration_seconds(idle), duration_seconds(limit)
            if seconds is None or most is None or seconds > most:
                yield Finding.at(cluster, IDLE, f"{what} scales down only after {idle} idle (limit {limit})")
