"""A GPU User node pool of an AKS cluster does not autoscale down to zero nodes when idle.

Checks every `User` node pool whose `vmSize` is a GPU size (inline
`properties.agentPoolProfiles[]` or `managedClusters/agentPools`; azurerm
`azurerm_kubernetes_cluster_node_pool`): `enableAutoScaling` must be true (absent: false, the
service and azurerm default), `maxCount` set, and `minCount` 0. A pool labelled for online
inference (a node label whose key is in `inference_pool_label_keys` with the value `inference`)
keeps a floor instead: it may keep nodes, and when the cluster's criticality tag (or a
production environment tag) marks it high criticality, `minCount` must be at least
`min_online_instances` (default 3).

## Why is this bad?
GPU nodes are the most expensive part of a cluster. A fixed-size GPU pool bills for every node
around the clock, even when no job or model runs; the guidance asks for GPUs on demand and
not kept running when idle (G9), and for batch and training compute that scales to zero (G14,
G21).

## Example
```bicep
resource gpu 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {
  parent: aks
  name: 'gpu'
  properties: {
    mode: 'User'
    vmSize: 'Standard_NC24ads_A100_v4'
    count: 2
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters/agentPools",
  "apiVersion": "2024-09-01",
  "name": "aks-example/gpu",
  "properties": {"mode": "User", "vmSize": "Standard_NC24ads_A100_v4", "count": 2}
}
```
```hcl
resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 2
}
```

## Use instead
```bicep
resource gpu 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {
  parent: aks
  name: 'gpu'
  properties: {
    mode: 'User'
    vmSize: 'Standard_NC24ads_A100_v4'
    enableAutoScaling: true
    minCount: 0
    maxCount: 4
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters/agentPools",
  "apiVersion": "2024-09-01",
  "name": "aks-example/gpu",
  "properties": {"mode": "User", "vmSize": "Standard_NC24ads_A100_v4",
                 "enableAutoScaling": true, "minCount": 0, "maxCount": 4}
}
```
```hcl
resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  auto_scaling_enabled  = true
  min_count             = 0
  max_count             = 4
}
```

## References
- https://learn.microsoft.com/azure/aks/cluster-autoscaler
- https://learn.microsoft.com/azure/aks/scale-down-mode
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies._common import is_critical
from policies.aks._common import Pool, all_pools, label_value


def _problems(pool: Pool, settings: Mapping[str, Any]) -> Iterator[tuple[str, Any, str]]:
    """(property, its unknown value or None, problem) for each way the pool stays up when idle."""
    auto = pool.get("enableAutoScaling", False)
    if auto is not True:
        shown = str(auto).lower() if pool.resource.has(pool.at("enableAutoScaling")) else "not set (default false)"
        unknown = auto if isinstance(auto, Expr) else None
        yield "enableAutoScaling", unknown, f"does not autoscale (enableAutoScaling is {shown})"
        return
    if pool.get("maxCount") is None:
        yield "maxCount", None, "autoscales without a maxCount"
    low = pool.get("minCount")
    serving = label_value(pool.get("nodeLabels"), settings["inference_pool_label_keys"])
    if isinstance(serving, Expr):
        if low != 0:
            yield "nodeLabels", serving, ""
    elif isinstance(serving, str) and serving.lower() == "inference":
        floor = settings["min_online_instances"]
        if pool.cluster is None or is_critical(pool.cluster, settings) is not True:
            return
        if isinstance(low, Expr):
            yield "minCount", low, ""
        elif not isinstance(low, int) or low < floor:
            problem = f"serves online inference for a high-criticality workload with minCount {low} (below {floor})"
            yield "minCount", None, problem
    elif isinstance(low, Expr):
        yield "minCount", low, ""
    elif low != 0:
        yield "minCount", None, f"keeps nodes running when idle (minCount is {'not set' if low is None else low})"


@policy(id="AKS003", name="aks-gpu-pool-always-on", severity="warning", doc=__doc__, guidance=("G9", "G14", "G21"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for pool in all_pools(graph):
        size, mode = pool.is_gpu, pool.mode
        if size is False or (isinstance(mode, str) and mode.lower() != "user"):
            continue
        problems = list(_problems(pool, settings))
        gate = next(((p, v) for p, v in (("vmSize", size), ("mode", mode)) if isinstance(v, Expr)), None)
        if problems and gate:
            yield Finding.unknown(pool.resource, pool.at(gate[0]), gate[1], f"The {gate[0]} of node pool '{pool.name}'")
            continue
        what = f"GPU node pool '{pool.name}' ({pool.vm_size})"
        for prop, unknown, problem in problems:
            if unknown is not None:
                yield Finding.unknown(pool.resource, pool.at(prop), unknown, f"The {prop} of {what}")
            else:
                yield Finding.at(pool.resource, pool.at(prop), f"{what} {problem}")
