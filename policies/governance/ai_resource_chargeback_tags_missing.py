"""AI platform resource lacks the tags that attribute its cost to a team and workload.

Checks that `tags` holds every key of the `required_tags` setting (default `cost-center`,
`owner`, `workload`, `environment`; keys compare case-insensitively, values are not checked) on:
ML workspaces, their computes, online and batch endpoints and deployments; Cognitive Services
accounts; AKS clusters and their node pools (`agentPoolProfiles[].tags`, `agentPools`
`properties.tags`; azurerm `default_node_pool.tags`, `azurerm_kubernetes_cluster_node_pool.tags`);
container registries; API Management; Databricks and Synapse workspaces; GPU virtual machines
and scale sets; App Service plans; container apps. Absent `tags` means no tags. Tags that
cannot be evaluated give an inconclusive result.

## Why is this bad?
A centralised AI platform shared by teams needs chargeback: usage must be attributable per
team and workload, and cost reports group by tags. An untagged GPU cluster or model endpoint is
cost nobody owns (G23).

## Example
```bicep
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  tags: { owner: 'team-a' }
  properties: {}
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "tags": {"owner": "team-a"},
  "properties": {}
}
```
```hcl
resource "azurerm_machine_learning_workspace" "ws" {
  name     = "mlw-example"
  location = "swedencentral"
  tags     = { owner = "team-a" }
}
```

## Use instead
```bicep
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  tags: { 'cost-center': 'cc-1234', owner: 'team-a', workload: 'chat', environment: 'prod' }
  properties: {}
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "tags": {"cost-center": "cc-1234", "owner": "team-a", "workload": "chat", "environment": "prod"},
  "properties": {}
}
```
```hcl
resource "azurerm_machine_learning_workspace" "ws" {
  name     = "mlw-example"
  location = "swedencentral"
  tags = {
    cost-center = "cc-1234"
    owner       = "team-a"
    workload    = "chat"
    environment = "prod"
  }
}
```

## References
- https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources
- https://learn.microsoft.com/azure/aks/use-tags
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import is_gpu_size
from policies.general._common import name_of

ML = "Microsoft.MachineLearningServices/workspaces"
AKS = "Microsoft.ContainerService/managedClusters"
KINDS = {
    ML: "ML workspace",
    f"{ML}/computes": "ML compute",
    f"{ML}/onlineEndpoints": "Online endpoint",
    f"{ML}/onlineEndpoints/deployments": "Online deployment",
    f"{ML}/batchEndpoints": "Batch endpoint",
    f"{ML}/batchEndpoints/deployments": "Batch deployment",
    "Microsoft.CognitiveServices/accounts": "Cognitive Services account",
    AKS: "AKS cluster",
    "Microsoft.ContainerRegistry/registries": "Container registry",
    "Microsoft.ApiManagement/service": "API Management service",
    "Microsoft.Databricks/workspaces": "Databricks workspace",
    "Microsoft.Synapse/workspaces": "Synapse workspace",
    "Microsoft.Web/serverfarms": "App Service plan",
    "Microsoft.App/containerApps": "Container app",
}
GPU_HOSTS = {
    "Microsoft.Compute/virtualMachines": ("GPU virtual machine", "properties.hardwareProfile.vmSize"),
    "Microsoft.Compute/virtualMachineScaleSets": ("GPU scale set", "sku.name"),
}
POOLS = f"{AKS}/agentPools"


def _missing(tags: Any, required: list[str]) -> list[str] | Expr:
    if isinstance(tags, Expr):
        return tags
    keys = {k.lower() for k in tags} if isinstance(tags, Mapping) else set()
    return [key for key in required if key.lower() not in keys]


def _check(resource: Resource, path: str, what: str, required: list[str]) -> Iterator[Finding]:
    missing = _missing(resource.get(path), required)
    if isinstance(missing, Expr):
        yield Finding.unknown(resource, path, missing, f"{what} tags")
    elif missing:
        yield Finding.at(resource, path, f"{what} lacks required tags: {', '.join(missing)}")


def _targets(graph: Graph) -> Iterator[tuple[Resource, str, str]]:
    for resource in graph:
        if resource.existing:
            continue
        kind = next((label for t, label in KINDS.items() if resource.is_type(t)), None)
        if kind:
            yield resource, "tags", f"{kind} '{name_of(resource)}'"
        if resource.is_type(AKS):
            for path, pool in resource.each("properties.agentPoolProfiles[*]"):
                label = pool.get("name") if isinstance(pool, Mapping) else None
                pools = f"Node pool '{label}'" if isinstance(label, str) else "Node pools"
                yield resource, f"{path}.tags", f"{pools} of AKS cluster '{name_of(resource)}'"
        elif resource.is_type(POOLS):
            yield resource, "properties.tags", f"Node pool '{name_of(resource)}'"
        for type_, (label, size_path) in GPU_HOSTS.items():
            if resource.is_type(type_) and is_gpu_size(resource.get(size_path)):
                yield resource, "tags", f"{label} '{name_of(resource)}'"


@policy(id="GOV001", name="ai-resource-chargeback-tags-missing", severity="warning", doc=__doc__, guidance=("G23",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    required = list(settings["required_tags"])
    if not required:
        return
    for resource, path, what in _targets(graph):
        yield from _check(resource, path, what, required)
