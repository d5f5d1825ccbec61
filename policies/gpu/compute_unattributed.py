"""GPU compute is not attributed to an AI workload function.

Every GPU choice outside Azure Machine Learning (whose compute is AI by nature) must carry the
`ai_function_tag` (default `ai-function`) with one of `ai_function_values` (default `eda`,
`training`, `fine-tuning`, `inference`, `batch-inference`, `orchestration`): VMs and scale sets
(`tags`), AKS node pools (the pool's own `tags` or `nodeLabels`, or the cluster's `tags`),
Container Apps environments with a GPU workload profile and Container Instances groups with a
GPU (`tags`). An absent tag means no attribution. A GPU node pool named like a general-purpose
pool (`web`, `api`, `ingress`, `general`, `apps`) is reported too. Terraform: `tags` and
`node_labels` of the azurerm equivalents.

## Why is this bad?
GPU capacity is the most expensive compute a platform buys. The guidance keeps it for AI
workload functions only (G32); without an attribution nobody can tell which function pays for
it or spot general-purpose services on GPU sizes (G11, G23).

## Example
```bicep
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-gpu'
  location: 'swedencentral'
  properties: {
    hardwareProfile: {vmSize: 'Standard_NC24ads_A100_v4'}
  }
}
```
```json
{
  "type": "Microsoft.Compute/virtualMachines",
  "apiVersion": "2024-07-01",
  "name": "vm-gpu",
  "properties": {"hardwareProfile": {"vmSize": "Standard_NC24ads_A100_v4"}}
}
```
```hcl
resource "azurerm_linux_virtual_machine" "gpu" {
  name = "vm-gpu"
  size = "Standard_NC24ads_A100_v4"
  # ...
}
```

## Use instead
```bicep
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-gpu'
  location: 'swedencentral'
  tags: {'ai-function': 'training'}
  properties: {
    hardwareProfile: {vmSize: 'Standard_NC24ads_A100_v4'}
  }
}
```
```json
{
  "type": "Microsoft.Compute/virtualMachines",
  "apiVersion": "2024-07-01",
  "name": "vm-gpu",
  "tags": {"ai-function": "training"},
  "properties": {"hardwareProfile": {"vmSize": "Standard_NC24ads_A100_v4"}}
}
```
```hcl
resource "azurerm_linux_virtual_machine" "gpu" {
  name = "vm-gpu"
  size = "Standard_NC24ads_A100_v4"
  tags = { "ai-function" = "training" }
  # ...
}
```

## References
- https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources
- https://learn.microsoft.com/azure/well-architected/ai/application-platform
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies._common import tag
from policies.gpu._common import AGENT_POOL, Site, gpu_sites

GENERAL_NAMES = ("web", "api", "ingress", "general", "apps")


def _attribution(site: Site, graph: Graph, key: str, allowed: set[str]) -> Any:
    """True when attributed; else the Expr that would decide it, or the wrong value, or None."""
    places = [(site.resource, "tags")]
    if site.tags != "tags":
        places += [(site.resource, site.tags), (site.resource, f"{site.scope}.nodeLabels")]
    parent = graph.parent(site.resource) if site.resource.is_type(AGENT_POOL) else None
    places += [(parent, "tags")] if parent is not None else []
    values = [tag(resource, key, path) for resource, path in places]
    if any(isinstance(v, str) and v.lower() in allowed for v in values):
        return True
    return next((v for v in values if isinstance(v, Expr)), next((v for v in values if v is not None), None))


@policy(id="GPU002", name="gpu-compute-unattributed", severity="warning", doc=__doc__, guidance=("G32", "G11", "G23"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    key = settings["ai_function_tag"]
    allowed = {v.lower() for v in settings["ai_function_values"]}
    for site in (s for s in gpu_sites(graph) if not s.implicit_ai):
        found = _attribution(site, graph, key, allowed)
        if site.tags != "tags" and site.name.lower() in GENERAL_NAMES and not isinstance(site.value, Expr):
            where = "name" if site.scope == "properties" else f"{site.scope}.name"
            message = f"GPU {site.what} ({site.value}) has a general-purpose name"
            yield Finding.at(site.resource, where, message)
        if found is True:
            continue
        if isinstance(site.value, Expr):
            yield Finding.unknown(site.resource, site.path, site.value, f"Whether {site.what} is GPU hardware")
        elif isinstance(found, Expr):
            yield Finding.unknown(site.resource, site.tags, found, f"The {key} tag of {site.what}")
        elif found is None:
            yield Finding.at(site.resource, site.tags, f"{site.title} ({site.value}) carries no {key} tag")
        else:
            message = f"{site.title} ({site.value}) has {key} '{found}', which is not an AI function"
            yield Finding.at(site.resource, site.tags, message)
