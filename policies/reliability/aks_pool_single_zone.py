"""AKS node pool of a high-criticality workload does not span availability zones.

Checks the node pools of `Microsoft.ContainerService/managedClusters`
(`properties.agentPoolProfiles[*]`) and `managedClusters/agentPools`: `availabilityZones` must list at
least two zones (three recommended) and the node count (`minCount` when autoscaling, else `count`)
must be at least the number of zones, otherwise some zones hold no node. Absent zones mean a
regional, non-zonal pool (azurerm `zones` has no default). Applies only to high-criticality
workloads: criticality tag `high` or `mission-critical` on the cluster or pool, or else a production
environment tag (settings `criticality_tag`, `high_criticality_values`, `environment_tag`,
`prod_values`). GPU pools are checked too: zonal GPU capacity is scarce, so treat a finding on a GPU
pool as a prompt to choose knowingly.

## Why is this bad?
When the workload's criticality requires high availability, the hosting platform must use
availability zones or a multi-region design (G24, G20). A single-zone pool loses every replica of the
model server in a zone outage.

## Example
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-inference'
  location: location
  tags: { criticality: 'high' }
  properties: {
    dnsPrefix: 'aks-inference'
    agentPoolProfiles: [ { name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 3 } ]
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-05-01",
  "name": "aks-inference",
  "tags": {"criticality": "high"},
  "properties": {
    "dnsPrefix": "aks-inference",
    "agentPoolProfiles": [{"name": "system", "mode": "System", "vmSize": "Standard_D4ds_v5", "count": 3}]
  }
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-inference"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  dns_prefix          = "aks-inference"
  tags                = { criticality = "high" }
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4ds_v5"
    node_count = 3
  }
  identity {
    type = "SystemAssigned"
  }
}
```

## Use instead
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-inference'
  location: location
  tags: { criticality: 'high' }
  properties: {
    dnsPrefix: 'aks-inference'
    agentPoolProfiles: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 3, availabilityZones: [ '1', '2', '3' ] }
    ]
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-05-01",
  "name": "aks-inference",
  "tags": {"criticality": "high"},
  "properties": {
    "dnsPrefix": "aks-inference",
    "agentPoolProfiles": [
      {"name": "system", "mode": "System", "vmSize": "Standard_D4ds_v5", "count": 3,
       "availabilityZones": ["1", "2", "3"]}
    ]
  }
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-inference"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  dns_prefix          = "aks-inference"
  tags                = { criticality = "high" }
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4ds_v5"
    node_count = 3
    zones      = ["1", "2", "3"]
  }
  identity {
    type = "SystemAssigned"
  }
}
```

## References
- https://learn.microsoft.com/azure/aks/availability-zones
- https://learn.microsoft.com/azure/well-architected/ai/application-platform
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.reliability._common import count, critical, scoped, show

CLUSTER = "Microsoft.ContainerService/managedClusters"
POOL = "Microsoft.ContainerService/managedClusters/agentPools"
MIN_ZONES = 2


def _pool(res: Resource, prefix: str, label: str) -> Iterator[Finding]:
    zones = res.get(f"{prefix}availabilityZones")
    if isinstance(zones, Expr):
        yield Finding.unknown(res, f"{prefix}availabilityZones", zones, f"Availability zones of {label}")
        return
    zones = zones if isinstance(zones, list) else []
    if len(zones) < MIN_ZONES:
        where = "no availability zones" if not zones else f"only zone {show(zones[0])}"
        yield Finding.at(res, f"{prefix}availabilityZones", f"AKS {label} has {where}")
        return
    auto = res.get(f"{prefix}enableAutoScaling") is True
    path = f"{prefix}{'minCount' if auto else 'count'}"
    nodes = res.get(path)
    if isinstance(nodes, Expr):
        yield Finding.unknown(res, path, nodes, f"Node count of {label}")
    elif count(nodes) is not None and count(nodes) < len(zones):
        yield Finding.at(res, path, f"AKS {label} has {nodes} node(s) for {len(zones)} zones")


@policy(id="REL001", name="aks-pool-single-zone", severity="warning", doc=__doc__, guidance=("G24", "G20"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for res in graph.of_type(CLUSTER, POOL):
        if res.existing:
            continue
        if res.is_type(POOL):
            found = list(_pool(res, "properties.", f"node pool '{show(res.name)}'"))
        else:
            found = [
                finding
                for path, pool in res.each("properties.agentPoolProfiles[*]")
                if not isinstance(pool, Expr)
                for finding in _pool(res, f"{path}.", f"node pool '{show(pool.get('name'))}' of '{show(res.name)}'")
            ]
        if found:
            yield from scoped(critical(graph, res, settings), found)
