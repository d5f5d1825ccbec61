"""Managed online deployment of a high-criticality workload runs fewer instances than the minimum.

Checks `Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments` with
`properties.endpointComputeType = 'Managed'`: `sku.capacity` (default 1) must be at least the
`min_online_instances` setting (default 3), and so must `capacity.minimum` of every profile of an
autoscale setting (`Microsoft.Insights/autoscalesettings`) whose `properties.targetResourceUri` is the
deployment. Applies only to high-criticality workloads: criticality tag `high` or `mission-critical`
on the deployment, its endpoint or workspace, or else a production environment tag. azurerm has no
online deployment resource: Terraform declares it with `azapi_resource` and the autoscale setting with
`azurerm_monitor_autoscale_setting` (`profile.capacity.minimum`).

## Why is this bad?
Serving APIs are production resources and take the same reliability requirements as any other
(G24): with one or two instances, a node repair, an upgrade or a zone fault leaves the endpoint
without capacity; Azure Machine Learning recommends at least three instances for production.

## Example
```bicep
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {
  parent: endpoint
  name: 'blue'
  location: location
  tags: { criticality: 'high' }
  sku: { name: 'Default', capacity: 1 }
  properties: { endpointComputeType: 'Managed', instanceType: 'Standard_DS3_v2' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
  "apiVersion": "2024-04-01",
  "name": "mlw/ep/blue",
  "tags": {"criticality": "high"},
  "sku": {"name": "Default", "capacity": 1},
  "properties": {"endpointComputeType": "Managed", "instanceType": "Standard_DS3_v2"}
}
```
```hcl
resource "azapi_resource" "blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01"
  name      = "blue"
  parent_id = azapi_resource.endpoint.id
  tags      = { criticality = "high" }
  body = {
    sku        = { name = "Default", capacity = 1 }
    properties = { endpointComputeType = "Managed", instanceType = "Standard_DS3_v2" }
  }
}
```

## Use instead
```bicep
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {
  parent: endpoint
  name: 'blue'
  location: location
  tags: { criticality: 'high' }
  sku: { name: 'Default', capacity: 3 }
  properties: { endpointComputeType: 'Managed', instanceType: 'Standard_DS3_v2' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
  "apiVersion": "2024-04-01",
  "name": "mlw/ep/blue",
  "tags": {"criticality": "high"},
  "sku": {"name": "Default", "capacity": 3},
  "properties": {"endpointComputeType": "Managed", "instanceType": "Standard_DS3_v2"}
}
```
```hcl
resource "azapi_resource" "blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01"
  name      = "blue"
  parent_id = azapi_resource.endpoint.id
  tags      = { criticality = "high" }
  body = {
    sku        = { name = "Default", capacity = 3 }
    properties = { endpointComputeType = "Managed", instanceType = "Standard_DS3_v2" }
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-deploy-online-endpoints
- https://learn.microsoft.com/azure/machine-learning/how-to-autoscale-endpoints
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies.reliability._common import count, critical, scoped, show

DEPLOYMENT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"
AUTOSCALE = "Microsoft.Insights/autoscalesettings"
TARGET = "properties.targetResourceUri"
CAPACITY = "sku.capacity"


def _autoscale(graph: Graph, dep: Resource) -> list[Resource]:
    found = {e.source for e in graph.in_edges(dep, EdgeKind.REFERENCE) if e.path.lower() == TARGET.lower()}
    return [graph[a] for a in sorted(found) if a in graph and graph[a].is_type(AUTOSCALE)]


def _findings(graph: Graph, dep: Resource, floor: int) -> Iterator[Finding]:
    name = show(dep.name)
    capacity = 1 if dep.get(CAPACITY) is None else dep.get(CAPACITY)
    if isinstance(capacity, Expr):
        yield Finding.unknown(dep, CAPACITY, capacity, f"Instance count of '{name}'")
    elif (count(capacity) or 0) < floor:
        runs = "sets no sku.capacity (default 1 instance)"
        if dep.get(CAPACITY) is not None:
            runs = f"runs {capacity} instance(s)"
        yield Finding.at(dep, CAPACITY, f"Managed online deployment '{name}' {runs}, fewer than {floor}")
    for setting in _autoscale(graph, dep):
        for path, low in setting.each("properties.profiles[*].capacity.minimum"):
            if isinstance(low, Expr):
                yield Finding.unknown(setting, path, low, f"Autoscale minimum of '{name}'")
            elif (count(low) or 0) < floor:
                text = f"Autoscale of '{name}' lets it shrink to {low} instance(s), fewer than {floor}"
                yield Finding.at(setting, path, text)


@policy(id="REL003", name="ml-online-deployment-low-instance-count", severity="warning", doc=__doc__, guidance=("G24",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    floor = settings["min_online_instances"]
    for dep in graph.of_type(DEPLOYMENT):
        compute = dep.get("properties.endpointComputeType")
        if dep.existing or (isinstance(compute, str) and compute.lower() != "managed") or compute is None:
            continue
        found = list(_findings(graph, dep, floor))
        if isinstance(compute, Expr) and found:
            found = [Finding.unknown(dep, "properties.endpointComputeType", compute, "endpointComputeType")]
        if found:
            yield from scoped(critical(graph, dep, settings), found)
