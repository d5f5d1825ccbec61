"""Orchestration runs on GPU compute.

A resource marked as orchestration (tag `ai_function_tag` = `orchestration` on it or on its
container, or an Azure Machine Learning online deployment whose `environmentVariables` name one
of `orchestration_env_markers`, default `PROMPTFLOW_RUN_MODE`) must use a general-purpose size:
VM `properties.hardwareProfile.vmSize`, scale set `sku.name`, ML compute
`properties.properties.vmSize`, online deployment `properties.instanceType`, AKS pool `vmSize`
(the pool's `tags` or `nodeLabels`, or the cluster's `tags`, carry the marker), and a container
app's `properties.workloadProfileName`, looked up in the `workloadProfiles` of the environment
its `managedEnvironmentId` names. Terraform: `size`, `sku`, `vm_size`, `virtual_machine_size`,
`workload_profile_name` -> `azurerm_container_app_environment.workload_profile[*]`; online
deployments through `azapi_resource`.

## Why is this bad?
Orchestration (prompt flow, agents, LangChain or Semantic Kernel hosts) calls models; it does
not run them. GPU sizes add cost and nothing else, and the guidance asks for general-purpose
SKUs for orchestration (G35, G32).

## Example
```bicep
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-flow'
  location: 'swedencentral'
  tags: {
    'ai-function': 'orchestration'
  }
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_NC4as_T4_v3'
    }
  }
}
```
```json
{
  "type": "Microsoft.Compute/virtualMachines",
  "apiVersion": "2024-07-01",
  "name": "vm-flow",
  "tags": {"ai-function": "orchestration"},
  "properties": {"hardwareProfile": {"vmSize": "Standard_NC4as_T4_v3"}}
}
```
```hcl
resource "azurerm_linux_virtual_machine" "flow" {
  name = "vm-flow"
  size = "Standard_NC4as_T4_v3"
  tags = { "ai-function" = "orchestration" }
  # ...
}
```

## Use instead
```bicep
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-flow'
  location: 'swedencentral'
  tags: {
    'ai-function': 'orchestration'
  }
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D4s_v5'
    }
  }
}
```
```json
{
  "type": "Microsoft.Compute/virtualMachines",
  "apiVersion": "2024-07-01",
  "name": "vm-flow",
  "tags": {"ai-function": "orchestration"},
  "properties": {"hardwareProfile": {"vmSize": "Standard_D4s_v5"}}
}
```
```hcl
resource "azurerm_linux_virtual_machine" "flow" {
  name = "vm-flow"
  size = "Standard_D4s_v5"
  tags = { "ai-function" = "orchestration" }
  # ...
}
```
A container app moves to a general-purpose workload profile of its environment (for example
`Consumption`); a node pool, ML compute or online deployment to a `Standard_D`/`E`/`F` size.

## References
- https://learn.microsoft.com/azure/container-apps/workload-profiles-overview
- https://learn.microsoft.com/azure/well-architected/ai/application-platform
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies._common import is_gpu_profile, is_gpu_size
from policies.orchestration._common import orchestration, tagged

SIZES = {
    "Microsoft.Compute/virtualMachines": ("VM", "properties.hardwareProfile.vmSize"),
    "Microsoft.Compute/virtualMachineScaleSets": ("scale set", "sku.name"),
    "Microsoft.MachineLearningServices/workspaces/computes": ("ML compute", "properties.properties.vmSize"),
    "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments": (
        "online deployment", "properties.instanceType"),
}
CLUSTER = "Microsoft.ContainerService/managedClusters"
AGENT_POOL = "Microsoft.ContainerService/managedClusters/agentPools"
APP = "Microsoft.App/containerApps"
PROFILE = "properties.workloadProfileName"
ENV_ID = "properties.managedEnvironmentId"


def _name(value: Any, fallback: str) -> str:
    return value.rsplit("/", 1)[-1] if isinstance(value, str) else fallback


def _profile_type(graph: Graph, app: Resource, name: str) -> Any:
    """The type of the workload profile ``name`` in the environment the app runs in (None if not found)."""
    env = next((e.target for e in graph.out_edges(app, EdgeKind.REFERENCE)
                if e.path.lower() == ENV_ID.lower() and e.target in graph), None)
    profiles = graph[env].get("properties.workloadProfiles") if env else None
    if isinstance(profiles, Expr):
        return profiles
    for profile in profiles if isinstance(profiles, list) else []:
        if isinstance(profile, Mapping) and str(profile.get("name")).lower() == name.lower():
            return profile.get("workloadProfileType")
    return None


def _hosts(graph: Graph, settings: Mapping[str, Any]) -> Iterator[tuple[Resource, str, Any, Any, str]]:
    """(resource, size path, size or profile type, orchestration marker, what) for every hardware choice."""
    for r in (r for r in graph if not r.existing):
        kind, path = next((v for t, v in SIZES.items() if r.is_type(t)), (None, None))
        name = _name(r.name, r.address)
        if kind and path:
            yield r, path, r.get(path), orchestration(graph, r, settings), f"{kind} '{name}'"
        elif r.is_type(AGENT_POOL):
            places = [(r, "properties.tags"), (r, "properties.nodeLabels"), (graph.parent(r), "tags")]
            yield r, "properties.vmSize", r.get("properties.vmSize"), tagged(settings, places), f"node pool '{name}'"
        elif r.is_type(CLUSTER):
            for pool in (path for path, body in r.each("properties.agentPoolProfiles[*]") if isinstance(body, Mapping)):
                places = [(r, "tags"), (r, f"{pool}.tags"), (r, f"{pool}.nodeLabels")]
                what = f"node pool '{_name(r.get(f'{pool}.name'), pool)}'"
                yield r, f"{pool}.vmSize", r.get(f"{pool}.vmSize"), tagged(settings, places), what
        elif r.is_type(APP) and isinstance(profile := r.get(PROFILE), str):
            kind = _profile_type(graph, r, profile)
            if kind is not None:
                yield r, PROFILE, kind, orchestration(graph, r, settings), f"container app '{name}'"


@policy(id="ORC001", name="orchestration-gpu-compute", severity="warning", doc=__doc__, guidance=("G35", "G32"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for r, path, size, marked, what in _hosts(graph, settings):
        gpu = size if isinstance(size, Expr) else is_gpu_profile(size) if path == PROFILE else is_gpu_size(size)
        if marked is False or gpu is False:
            continue
        if isinstance(marked, Expr):
            gpu_what = f"GPU {what}" if gpu is True else f"{what} (size {getattr(size, 'text', size)})"
            yield Finding.unknown(r, "tags", marked, f"Whether {gpu_what} hosts orchestration")
        elif isinstance(gpu, Expr):
            yield Finding.unknown(r, path, gpu, f"The size of orchestration {what}")
        else:
            hardware = f"GPU workload profile '{r.get(PROFILE)}' ({size})" if path == PROFILE else f"GPU size {size}"
            yield Finding.at(r, path, f"Orchestration {what} runs on {hardware}")
