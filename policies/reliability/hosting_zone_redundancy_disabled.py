"""Serving, gateway, search or orchestration host of a high-criticality workload is not zone-redundant.

Checks, for high-criticality workloads only (criticality tag `high` or `mission-critical`, or else a
production environment tag): App Service plans (`Microsoft.Web/serverfarms`) need
`properties.zoneRedundant = true` (default false; azurerm `zone_balancing_enabled`) and `sku.capacity`
of at least 3 (default 1; azurerm `worker_count`), except serverless consumption plans (`Y1`, `FC1`);
Container Apps environments (`Microsoft.App/managedEnvironments`) need `properties.zoneRedundant =
true` (default false; azurerm `zone_redundancy_enabled`); API Management services need at least two
`zones` (Premium; azurerm `zones`); AI Search services need `properties.replicaCount` of at least 3
(default 1; azurerm `replica_count`). Container registries are not checked: the service now makes
every registry zone-redundant in regions with availability zones, whatever `properties.zoneRedundancy`
says.

## Why is this bad?
Serving APIs, their gateway, their search index and orchestration hosts are production resources;
when the workload's criticality requires high availability they must survive a zone outage (G24,
G34). A single-zone host takes the whole inference path down with its zone.

## Example
```bicep
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-orchestrator'
  location: location
  tags: { criticality: 'high' }
  sku: { name: 'P1v3', capacity: 1 }
  properties: { reserved: true }
}
```
```json
{
  "type": "Microsoft.Web/serverfarms",
  "apiVersion": "2023-12-01",
  "name": "asp-orchestrator",
  "tags": {"criticality": "high"},
  "sku": {"name": "P1v3", "capacity": 1},
  "properties": {"reserved": true}
}
```
```hcl
resource "azurerm_service_plan" "plan" {
  name                = "asp-orchestrator"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  os_type             = "Linux"
  sku_name            = "P1v3"
  worker_count        = 1
  tags                = { criticality = "high" }
}
```

## Use instead
```bicep
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-orchestrator'
  location: location
  tags: { criticality: 'high' }
  sku: { name: 'P1v3', capacity: 3 }
  properties: { reserved: true, zoneRedundant: true }
}
```
```json
{
  "type": "Microsoft.Web/serverfarms",
  "apiVersion": "2023-12-01",
  "name": "asp-orchestrator",
  "tags": {"criticality": "high"},
  "sku": {"name": "P1v3", "capacity": 3},
  "properties": {"reserved": true, "zoneRedundant": true}
}
```
```hcl
resource "azurerm_service_plan" "plan" {
  name                   = "asp-orchestrator"
  location               = "swedencentral"
  resource_group_name    = "rg-ai"
  os_type                = "Linux"
  sku_name               = "P1v3"
  worker_count           = 3
  zone_balancing_enabled = true
  tags                   = { criticality = "high" }
}
```

## References
- https://learn.microsoft.com/azure/reliability/reliability-app-service
- https://learn.microsoft.com/azure/search/search-reliability
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.reliability._common import count, critical, scoped, show

SERVERLESS_PLANS = ("y1", "fc1")
# type -> [(path, default, test, what the finding says)]
Check = tuple[str, Any, Callable[[Any], bool], str]


def _enabled(value: Any) -> bool:
    return value is True


CHECKS: dict[str, tuple[str, list[Check]]] = {
    "Microsoft.Web/serverfarms": ("App Service plan", [
        ("properties.zoneRedundant", False, _enabled, "is not zone-redundant (zoneRedundant is {v})"),
        ("sku.capacity", 1, lambda v: (count(v) or 0) >= 3, "runs {v} instance(s), fewer than 3"),
    ]),
    "Microsoft.App/managedEnvironments": ("Container Apps environment", [
        ("properties.zoneRedundant", False, _enabled, "is not zone-redundant (zoneRedundant is {v})"),
    ]),
    "Microsoft.ApiManagement/service": ("API Management service", [
        ("zones", [], lambda v: isinstance(v, list) and len(v) >= 2, "spans {n} availability zone(s)"),
    ]),
    "Microsoft.Search/searchServices": ("AI Search service", [
        ("properties.replicaCount", 1, lambda v: (count(v) or 0) >= 3, "has {v} replica(s), fewer than 3"),
    ]),
}


def _findings(res: Resource, label: str, checks: list[Check]) -> Iterator[Finding]:
    if str(res.get("sku.name")).lower() in SERVERLESS_PLANS:
        return
    for path, default, ok, text in checks:
        written = res.get(path)
        value = default if written is None else written
        if isinstance(value, Expr):
            yield Finding.unknown(res, path, value, f"{label} {path}")
        elif not ok(value):
            shown = show(value) if written is not None else f"not set (default {show(default)})"
            said = text.format(v=shown, n=len(value) if isinstance(value, list) else 0)
            yield Finding.at(res, path, f"{label} '{show(res.name)}' {said}")


@policy(id="REL002", name="hosting-zone-redundancy-disabled", severity="warning", doc=__doc__, guidance=("G24", "G34"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for type_, (label, checks) in CHECKS.items():
        for res in graph.of_type(type_):
            found = [] if res.existing else list(_findings(res, label, checks))
            if found:
                yield from scoped(critical(graph, res, settings), found)
