"""Spot or low-priority capacity runs work that is not marked interruptible.

Checks the capacity Azure may evict at any time: Machine Learning compute clusters with
`properties.properties.vmPriority` `LowPriority`, AKS node pools with `scaleSetPriority` `Spot`
(`properties.agentPoolProfiles[*]` and `managedClusters/agentPools`), virtual machines with
`properties.priority` `Spot` or `Low`, and scale sets with
`properties.virtualMachineProfile.priority` `Spot` or `Low`. Such capacity must carry the
`interruptible_tag` setting (default `interruptible=true`) as a tag of the resource, a tag of
the node pool or a node label, and must not be marked for online inference (the
`ai_function_tag` setting, default `ai-function`, set to `inference`). Absent, the priority is
the regular, non-evictable one (azurerm `vm_priority` / `priority` likewise).

## Why is this bad?
Evicted nodes kill the jobs and requests on them. That is acceptable only for work that
checkpoints and restarts; the guidance limits spot pricing to highly interruptible training
(G18). An online endpoint on spot nodes fails its users whenever Azure reclaims capacity.

## Example
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/train-lowpri'
  location: 'swedencentral'
  properties: {
    computeType: 'AmlCompute'
    properties: { vmSize: 'Standard_NC24ads_A100_v4', vmPriority: 'LowPriority'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } }
  }
}
```
```json
"properties": {"computeType": "AmlCompute", "properties": {"vmSize": "Standard_NC24ads_A100_v4",
  "vmPriority": "LowPriority", "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 4}}}
```
```hcl
resource "azurerm_machine_learning_compute_cluster" "lowpri" {
  name        = "train-lowpri"
  vm_size     = "Standard_NC24ads_A100_v4"
  vm_priority = "LowPriority"
}
```

## Use instead
```bicep
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/train-lowpri'
  location: 'swedencentral'
  tags: { interruptible: 'true' }
  properties: {
    computeType: 'AmlCompute'
    properties: { vmSize: 'Standard_NC24ads_A100_v4', vmPriority: 'LowPriority'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } }
  }
}
```
```json
"tags": {"interruptible": "true"}
```
```hcl
tags = { interruptible = "true" }
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-use-low-priority-batch
- https://learn.microsoft.com/azure/aks/spot-node-pool
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import has_tag_value
from policies.training._common import name_of

EVICTABLE = ("lowpriority", "spot", "low")
PLACES: tuple[tuple[str, str, str], ...] = (  # type, priority path ([*] = per pool), what
    ("Microsoft.MachineLearningServices/workspaces/computes", "properties.properties.vmPriority", "Compute cluster"),
    ("Microsoft.ContainerService/managedClusters", "properties.agentPoolProfiles[*].scaleSetPriority", "Node pool"),
    ("Microsoft.ContainerService/managedClusters/agentPools", "properties.scaleSetPriority", "Node pool"),
    ("Microsoft.Compute/virtualMachines", "properties.priority", "VM"),
    ("Microsoft.Compute/virtualMachineScaleSets", "properties.virtualMachineProfile.priority", "Scale set"),
)


def _marked(resource: Resource, pool: str, spec: str) -> Any:
    """Whether the resource or its pool carries ``key=value`` as a tag or node label: True, False or an Expr."""
    found: Any = False
    for path in ("tags", f"{pool}tags", f"{pool}nodeLabels") if pool else ("tags",):
        value = has_tag_value(resource, spec, path)
        if value is True:
            return True
        found = found or (value if isinstance(value, Expr) else False)
    return found


@policy(id="TRN002", name="compute-spot-not-interruptible", severity="warning", doc=__doc__, guidance=("G18",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    inference = f"{settings['ai_function_tag']}=inference"
    for type_, pattern, label in PLACES:
        for resource in graph.of_type(type_):
            if resource.existing:
                continue
            for path, priority in resource.each(pattern):
                pool = path.rsplit(".", 1)[0] + "." if "agentPoolProfiles" in path or "agentPools" in type_ else ""
                name = resource.get(f"{pool}name") if "agentPoolProfiles" in path else name_of(resource)
                what = f"{label} '{name}' ({priority})"
                if isinstance(priority, Expr):
                    yield Finding.unknown(resource, path, priority, "priority")
                    continue
                if not isinstance(priority, str) or priority.lower() not in EVICTABLE:
                    continue
                marker = settings["interruptible_tag"]
                serving, marked = _marked(resource, pool, inference), _marked(resource, pool, marker)
                unknown = next((v for v in (serving, marked) if isinstance(v, Expr)), None)
                if serving is True:
                    yield Finding.at(resource, path, f"{what} runs work marked {inference} on evictable capacity")
                elif unknown is not None:
                    yield Finding.unknown(resource, path, unknown, f"{marker} marking")
                elif marked is not True:
                    yield Finding.at(resource, path, f"{what} is not marked {marker}")
