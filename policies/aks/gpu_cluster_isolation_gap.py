"""An AKS cluster with GPU node pools does not keep AI and other workloads on separate pools.

Applies to `Microsoft.ContainerService/managedClusters` with at least one GPU node pool (inline
or `managedClusters/agentPools`; azurerm `azurerm_kubernetes_cluster` and
`azurerm_kubernetes_cluster_node_pool`). Three checks: (a) every `System` pool carries the taint
`CriticalAddonsOnly=true:NoSchedule` (azurerm `only_critical_addons_enabled = true`; absent:
no taint); (b) when the cluster also runs general workloads (tag `shared=true`, web app routing
`properties.ingressProfile.webAppRouting.enabled`, or the Application Gateway ingress add-on
`properties.addonProfiles.ingressApplicationGateway.enabled`), at least one non-GPU `User`
pool without a GPU taint (`gpu_taint_keys`) exists for them; (c) every GPU `User` pool carries
a node label whose key is in `inference_pool_label_keys` (default `workload`, `ai-function`),
so AI pods can be pinned to it; an Azure Machine Learning Kubernetes compute attached to the
cluster (`workspaces/computes`, `computeType` `Kubernetes`, `properties.resourceId` naming the
cluster) must steer each instance type of `properties.properties.instanceTypes` that requests
`nvidia.com/gpu` to a labelled GPU pool through its `nodeSelector`, and must not steer an
instance type that requests no GPU there.

## Why is this bad?
GPU isolation needs the whole cluster's help: add-ons and general pods fall back onto the
system pool unless it is reserved for critical add-ons, web traffic needs a pool of its own,
and AI pods need a label to select the GPU pool. Without them AI and other workloads share
nodes, which the guidance rules out for predictable performance and security (G31, G28).

## Example
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-example'
  location: 'swedencentral'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-example'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: 'Standard_D4s_v5'
        count: 3
      }
      {
        name: 'gpu'
        mode: 'User'
        vmSize: 'Standard_NC24ads_A100_v4'
        count: 1
        nodeTaints: ['sku=gpu:NoSchedule']
      }
    ]
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-09-01",
  "name": "aks-example",
  "properties": {"agentPoolProfiles": [
    {"name": "system", "mode": "System", "vmSize": "Standard_D4s_v5", "count": 3},
    {"name": "gpu", "mode": "User", "vmSize": "Standard_NC24ads_A100_v4", "count": 1,
     "nodeTaints": ["sku=gpu:NoSchedule"]}
  ]}
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks-example"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  # ...
}

resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  node_taints           = ["sku=gpu:NoSchedule"]
}
```

## Use instead
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-example'
  location: 'swedencentral'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-example'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: 'Standard_D4s_v5'
        count: 3
        nodeTaints: ['CriticalAddonsOnly=true:NoSchedule']
      }
      {
        name: 'gpu'
        mode: 'User'
        vmSize: 'Standard_NC24ads_A100_v4'
        count: 1
        nodeTaints: ['sku=gpu:NoSchedule']
        nodeLabels: {
          workload: 'inference'
        }
      }
    ]
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-09-01",
  "name": "aks-example",
  "properties": {"agentPoolProfiles": [
    {"name": "system", "mode": "System", "vmSize": "Standard_D4s_v5", "count": 3,
     "nodeTaints": ["CriticalAddonsOnly=true:NoSchedule"]},
    {"name": "gpu", "mode": "User", "vmSize": "Standard_NC24ads_A100_v4", "count": 1,
     "nodeTaints": ["sku=gpu:NoSchedule"], "nodeLabels": {"workload": "inference"}}
  ]}
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks-example"
  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4s_v5"
    only_critical_addons_enabled = true
  }
  # ...
}

resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  node_taints           = ["sku=gpu:NoSchedule"]
  node_labels           = { workload = "inference" }
}
```

## References
- https://learn.microsoft.com/azure/aks/use-system-pools
- https://learn.microsoft.com/azure/aks/operator-best-practices-advanced-scheduler
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies._common import has_tag_value
from policies.aks._common import CLUSTER, Pool, cluster_pools, has_taint, label_value

CRITICAL_ONLY = ("CriticalAddonsOnly=true",)
ML_COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes"
INSTANCE_TYPES = "properties.properties.instanceTypes[*]"
GPU_RESOURCE = "nvidia.com/gpu"
GENERAL_SIGNALS = (
    ("properties.ingressProfile.webAppRouting.enabled", "web app routing is enabled"),
    ("properties.addonProfiles.ingressApplicationGateway.enabled", "the Application Gateway ingress is enabled"),
)


def _mode(pool: Pool) -> Any:
    mode = pool.mode
    return mode.lower() if isinstance(mode, str) else mode


def _general(pool: Pool, keys: list[str]) -> Any:
    """Whether general workloads can land on ``pool``: a non-GPU User pool without a GPU taint."""
    mode, gpu, tainted = _mode(pool), pool.is_gpu, has_taint(pool.get("nodeTaints"), keys)
    unknown = next((v for v in (mode, gpu, tainted) if isinstance(v, Expr)), None)
    return unknown if unknown is not None else (mode == "user" and gpu is False and tainted is False)


def _signal(cluster: Resource) -> tuple[str, str] | None:
    """The first sign that the cluster also runs general (non-AI) workloads: (path, plain words)."""
    if has_tag_value(cluster, "shared=true") is True:
        return "tags.shared", "it is tagged shared=true"
    return next(((path, why) for path, why in GENERAL_SIGNALS if cluster.get(path) is True), None)


def _wants_gpu(instance_type: Mapping[str, Any]) -> Any:
    """Whether an ML instance type requests or limits ``nvidia.com/gpu`` above 0: True, False or an Expr."""
    resources = instance_type.get("resources")
    if isinstance(resources, Expr):
        return resources
    amounts = [resources.get(kind) for kind in ("requests", "limits")] if isinstance(resources, Mapping) else []
    counts = [a if isinstance(a, Expr) else a.get(GPU_RESOURCE) for a in amounts if isinstance(a, (Mapping, Expr))]
    unknown = next((c for c in counts if isinstance(c, Expr)), None)
    return unknown if unknown is not None else any(str(c).strip() not in ("", "0", "None") for c in counts)


def _instance_types(graph: Graph, cluster: Resource, pools: list[Pool]) -> Iterator[Finding]:
    """Instance types of ML Kubernetes computes on ``cluster`` that miss, or misuse, the labelled GPU pools."""
    labels = [p.get("nodeLabels") for p in pools if p.is_gpu is True]
    labels = [lbl for lbl in labels if isinstance(lbl, Mapping)]
    for compute in graph.sources(cluster, EdgeKind.REFERENCE):
        kind = compute.get("properties.computeType")
        if not compute.is_type(ML_COMPUTE) or compute.existing or not (isinstance(kind, str) and kind == "Kubernetes"):
            continue
        for path, spec in compute.each(INSTANCE_TYPES):
            if not isinstance(spec, Mapping):
                continue
            selector, wants = spec.get("nodeSelector"), _wants_gpu(spec)
            unknown = next((v for v in (selector, wants) if isinstance(v, Expr)), None)
            if unknown is not None:
                yield Finding.unknown(compute, f"{path}.nodeSelector", unknown, "The instance type's GPU placement")
                continue
            chosen = selector.items() if isinstance(selector, Mapping) and selector else None
            hits = chosen is not None and any(all(lbl.get(k) == v for k, v in chosen) for lbl in labels)
            name = path[path.rindex("['") + 2:-2] if path.endswith("']") else path.rsplit(".", 1)[-1]
            if wants and not hits:
                yield Finding.at(compute, f"{path}.nodeSelector", f"ML instance type '{name}' requests GPUs "
                                 "but its nodeSelector selects no labelled GPU node pool")
            elif hits and not wants:
                yield Finding.at(compute, f"{path}.nodeSelector", f"ML instance type '{name}' requests no GPU "
                                 "but its nodeSelector selects a GPU node pool")


@policy(id="AKS002", name="aks-gpu-cluster-isolation-gap", severity="warning", doc=__doc__, guidance=("G31", "G28"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    keys = settings["gpu_taint_keys"]
    for cluster in graph.of_type(CLUSTER):
        pools = list(cluster_pools(graph, cluster))
        if cluster.existing or not any(p.is_gpu is True for p in pools):
            continue
        name = cluster.name if isinstance(cluster.name, str) else cluster.address
        for pool in (p for p in pools if _mode(p) == "system"):
            reserved = has_taint(pool.get("nodeTaints"), CRITICAL_ONLY, ("noschedule",))
            if isinstance(reserved, Expr):
                yield Finding.unknown(pool.resource, pool.at("nodeTaints"), reserved, "The system pool taints")
            elif not reserved:
                problem = "is not restricted to critical add-ons (no CriticalAddonsOnly=true:NoSchedule taint)"
                message = f"System node pool '{pool.name}' of GPU cluster '{name}' {problem}"
                yield Finding.at(pool.resource, pool.at("nodeTaints"), message)
        signal = _signal(cluster)
        general = [_general(p, keys) for p in pools]
        if signal and True not in general:
            unknown = next((g for g in general if isinstance(g, Expr)), None)
            if unknown is not None:
                yield Finding.unknown(cluster, signal[0], unknown, "Whether a general-purpose User pool exists")
            else:
                yield Finding.at(cluster, signal[0], f"GPU cluster '{name}' runs general workloads ({signal[1]}) "
                                 "but has no non-GPU User node pool for them")
        for pool in (p for p in pools if p.is_gpu is True and _mode(p) == "user"):
            label = label_value(pool.get("nodeLabels"), settings["inference_pool_label_keys"])
            if isinstance(label, Expr):
                yield Finding.unknown(pool.resource, pool.at("nodeLabels"), label, "The node labels")
            elif label is None:
                keys_text = ", ".join(settings["inference_pool_label_keys"])
                yield Finding.at(pool.resource, pool.at("nodeLabels"), f"GPU node pool '{pool.name}' "
                                 f"({pool.vm_size}) has no node label with a key in ({keys_text})")
        yield from _instance_types(graph, cluster, pools)
