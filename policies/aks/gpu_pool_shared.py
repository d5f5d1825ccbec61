"""A GPU node pool of an AKS cluster is open to general workloads (untainted, or a System pool).

Checks every node pool whose `vmSize` is a GPU size (catalog section 3): inline
`properties.agentPoolProfiles[]` of `Microsoft.ContainerService/managedClusters` and
`managedClusters/agentPools` resources (azurerm `default_node_pool` and
`azurerm_kubernetes_cluster_node_pool`). The pool must run in `User` mode and carry a
`NoSchedule` or `NoExecute` taint whose key is in the `gpu_taint_keys` setting (default
`nvidia.com/gpu`, `sku`, `gpu`, `workload`; an entry `key=value` also requires the value).
Absent `nodeTaints` means no taint; absent `mode` means `System` for the cluster's first
inline pool (azurerm `default_node_pool` is always System, so a GPU-sized default pool is reported) and
`User` for an agentPools resource (azurerm `mode` defaults to `User`). A pool list, or a pool,
that cannot be evaluated is reported as inconclusive, as is an unknown size of an untainted or
System pool.

## Why is this bad?
Without a taint any pod can be scheduled on the expensive GPU nodes, and a System pool also
runs the cluster's own add-ons there. The guidance asks for a dedicated, isolated GPU pool
(G31) and for GPU compute to serve AI workload functions only (G32).

## Example
```bicep
resource gpu 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {
  parent: aks
  name: 'gpu'
  properties: {
    mode: 'User'
    vmSize: 'Standard_NC24ads_A100_v4'
    count: 1
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters/agentPools",
  "apiVersion": "2024-09-01",
  "name": "aks-example/gpu",
  "properties": {"mode": "User", "vmSize": "Standard_NC24ads_A100_v4", "count": 1}
}
```
```hcl
resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 1
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
    count: 1
    nodeTaints: ['sku=gpu:NoSchedule']
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters/agentPools",
  "apiVersion": "2024-09-01",
  "name": "aks-example/gpu",
  "properties": {"mode": "User", "vmSize": "Standard_NC24ads_A100_v4", "count": 1,
                 "nodeTaints": ["sku=gpu:NoSchedule"]}
}
```
```hcl
resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 1
  node_taints           = ["sku=gpu:NoSchedule"]
}
```

## References
- https://learn.microsoft.com/azure/aks/use-nvidia-gpu
- https://learn.microsoft.com/azure/aks/operator-best-practices-advanced-scheduler
- https://learn.microsoft.com/azure/aks/use-system-pools
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies.aks._common import all_pools, has_taint, unknown_pools


@policy(id="AKS001", name="aks-gpu-pool-shared", severity="error", doc=__doc__, guidance=("G31", "G32"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for cluster, path, value in unknown_pools(graph):
        yield Finding.unknown(cluster, path, value, "The node pools of the cluster")
    for pool in all_pools(graph):
        tainted = has_taint(pool.get("nodeTaints"), settings["gpu_taint_keys"])
        mode = pool.mode
        user = mode if isinstance(mode, Expr) else isinstance(mode, str) and mode.lower() == "user"
        gpu = pool.is_gpu
        if gpu is False or (tainted is True and user is True):
            continue
        if isinstance(gpu, Expr):
            yield Finding.unknown(pool.resource, pool.at("vmSize"), gpu, f"The VM size of node pool '{pool.name}'")
            continue
        what = f"GPU node pool '{pool.name}' ({pool.vm_size})"
        if isinstance(user, Expr):
            yield Finding.unknown(pool.resource, pool.at("mode"), user, f"The mode of {what}")
        elif not user:
            unset = "" if pool.resource.has(pool.at("mode")) else " (mode not set: the cluster's first pool)"
            yield Finding.at(pool.resource, pool.at("mode"), f"{what} runs in {mode} mode{unset}")
        if isinstance(tainted, Expr):
            yield Finding.unknown(pool.resource, pool.at("nodeTaints"), tainted, f"The taints of {what}")
        elif not tainted:
            yield Finding.at(pool.resource, pool.at("nodeTaints"), f"{what} has no NoSchedule taint with a GPU key")
