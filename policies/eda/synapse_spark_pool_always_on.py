"""Synapse Spark pool neither pauses when idle nor scales with demand.

Checks `Microsoft.Synapse/workspaces/bigDataPools`: `properties.autoPause.enabled` must be
`true` with `delayInMinutes` no longer than the `spark_autopause_max_minutes` setting
(default 15), and `properties.autoScale.enabled` must be `true`. Absent, both are off (the
pool keeps its fixed `nodeCount` running); in azurerm (`azurerm_synapse_spark_pool`) they are
on only when the `auto_pause` / `auto_scale` blocks are written.

## Why is this bad?
Spark pools used for data exploration and preparation sit idle between sessions; a pool that
never pauses, or that always runs its maximum node count, bills for capacity nobody uses,
and GPU-accelerated pools most of all. The guidance asks that EDA compute be stoppable when
unused (G8) and that capacity, GPU above all, not be kept running while idle (G9).

## Example
```bicep
resource pool 'Microsoft.Synapse/workspaces/bigDataPools@2021-06-01' = {
  name: 'syn-example/eda'
  location: 'swedencentral'
  properties: {
    nodeSize: 'Medium'
    nodeSizeFamily: 'MemoryOptimized'
    nodeCount: 10
    sparkVersion: '3.4'
  }
}
```
```json
"properties": {"nodeSize": "Medium", "nodeSizeFamily": "MemoryOptimized", "nodeCount": 10, "sparkVersion": "3.4"}
```
```hcl
resource "azurerm_synapse_spark_pool" "eda" {
  name                 = "eda"
  synapse_workspace_id = azurerm_synapse_workspace.syn.id
  node_size_family     = "MemoryOptimized"
  node_size            = "Medium"
  node_count           = 10
  spark_version        = "3.4"
}
```

## Use instead
```bicep
resource pool 'Microsoft.Synapse/workspaces/bigDataPools@2021-06-01' = {
  name: 'syn-example/eda'
  location: 'swedencentral'
  properties: {
    nodeSize: 'Medium'
    nodeSizeFamily: 'MemoryOptimized'
    sparkVersion: '3.4'
    autoPause: { enabled: true, delayInMinutes: 15 }
    autoScale: { enabled: true, minNodeCount: 3, maxNodeCount: 10 }
  }
}
```
```json
"autoPause": {"enabled": true, "delayInMinutes": 15},
"autoScale": {"enabled": true, "minNodeCount": 3, "maxNodeCount": 10}
```
```hcl
auto_pause {
  delay_in_minutes = 15
}
auto_scale {
  min_node_count = 3
  max_node_count = 10
}
```

## References
- https://learn.microsoft.com/azure/synapse-analytics/spark/apache-spark-autoscale
- https://learn.microsoft.com/azure/synapse-analytics/spark/apache-spark-pool-configurations
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies.eda._common import name_of

POOLS = "Microsoft.Synapse/workspaces/bigDataPools"
PAUSE = "properties.autoPause.enabled"
DELAY = "properties.autoPause.delayInMinutes"
SCALE = "properties.autoScale.enabled"
FAMILY = "properties.nodeSizeFamily"


@policy(id="EDA003", name="synapse-spark-pool-always-on", severity="warning", doc=__doc__, guidance=("G8", "G9"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    limit = settings["spark_autopause_max_minutes"]
    for pool in graph.of_type(POOLS):
        if pool.existing:
            continue
        gpu = pool.get(FAMILY)
        what = f"{'GPU ' if isinstance(gpu, str) and gpu.lower() == 'hardwareacceleratedgpu' else ''}Spark pool"
        what = f"{what} '{name_of(pool)}'"
        paused, delay, scaled = pool.get(PAUSE, False), pool.get(DELAY), pool.get(SCALE, False)
        if isinstance(paused, Expr):
            yield Finding.unknown(pool, PAUSE, paused, "autoPause.enabled")
        elif paused is not True:
            where = "not set; default off" if not pool.has(PAUSE) else f"is {paused}"
            yield Finding.at(pool, PAUSE, f"{what} never pauses when idle (autoPause.enabled {where})")
        elif isinstance(delay, Expr):
            yield Finding.unknown(pool, DELAY, delay, "autoPause.delayInMinutes")
        elif isinstance(delay, (int, float)) and delay > limit:
            yield Finding.at(pool, DELAY, f"{what} pauses only after {delay} idle minutes (limit {limit})")
        if isinstance(scaled, Expr):
            yield Finding.unknown(pool, SCALE, scaled, "autoScale.enabled")
        elif scaled is not True:
            where = "not set; default off" if not pool.has(SCALE) else f"is {scaled}"
            yield Finding.at(pool, SCALE, f"{what} runs a fixed node count (autoScale.enabled {where})")
