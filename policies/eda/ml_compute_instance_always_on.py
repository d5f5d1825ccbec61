"""Machine Learning compute instance keeps running when idle.

Checks `Microsoft.MachineLearningServices/workspaces/computes` of `computeType`
`ComputeInstance`. The instance passes when `properties.properties.idleTimeBeforeShutdown`
is an ISO-8601 duration no longer than the `max_idle_shutdown` setting (default `PT60M`;
the service accepts PT15M to P3D), or when `properties.properties.schedules.computeStartStop`
holds an enabled `Stop` schedule. Absent both, the service never stops the instance.
`azurerm_machine_learning_compute_instance` has no argument for either, so an instance
declared with it always fails; declare it with `azapi_resource` to set them.

## Why is this bad?
An exploration instance left running overnight bills for every idle hour, and a GPU size
multiplies that cost. The guidance asks that EDA compute shut down when idle or on a
schedule (G8) and that GPU capacity is not kept running unused (G9).

## Example
```bicep
resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/ci-alice'
  location: 'swedencentral'
  properties: {
    computeType: 'ComputeInstance'
    properties: { vmSize: 'Standard_NC4as_T4_v3' }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/computes",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/ci-alice",
  "location": "swedencentral",
  "properties": {"computeType": "ComputeInstance", "properties": {"vmSize": "Standard_NC4as_T4_v3"}}
}
```
```hcl
resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci-alice"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "Standard_NC4as_T4_v3"
}
```

## Use instead
```bicep
resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw-example/ci-alice'
  location: 'swedencentral'
  properties: {
    computeType: 'ComputeInstance'
    properties: { vmSize: 'Standard_NC4as_T4_v3', idleTimeBeforeShutdown: 'PT30M' }
  }
}
```
```json
"properties": {
  "computeType": "ComputeInstance",
  "properties": {"vmSize": "Standard_NC4as_T4_v3", "idleTimeBeforeShutdown": "PT30M"}
}
```
```hcl
resource "azapi_resource" "ci" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-04-01"
  name      = "ci-alice"
  parent_id = azurerm_machine_learning_workspace.ws.id
  location  = "swedencentral"
  body = {
    properties = {
      computeType = "ComputeInstance"
      properties  = { vmSize = "Standard_NC4as_T4_v3", idleTimeBeforeShutdown = "PT30M" }
    }
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance#configure-idle-shutdown
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/computes
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import duration_seconds, is_gpu_size
from policies.eda._common import name_of

COMPUTES = "Microsoft.MachineLearningServices/workspaces/computes"
KIND = "properties.computeType"
IDLE = "properties.properties.idleTimeBeforeShutdown"
SCHEDULES = "properties.properties.schedules.computeStartStop"
SIZE = "properties.properties.vmSize"
AZURERM = ".azurerm_machine_learning_compute_instance."


def _stop_schedule(ci: Resource) -> Any:
    """True when an enabled Stop schedule exists, an Expr when one may, else False."""
    schedules = ci.get(SCHEDULES)
    if isinstance(schedules, Expr):
        return schedules
    unknown: Any = False
    for item in schedules if isinstance(schedules, list) else []:
        action, status = (item.get(k) if isinstance(item, dict) else None for k in ("action", "status"))
        for value in (action, status):
            if isinstance(value, Expr):
                unknown = unknown or value
        enabled = status is None or (isinstance(status, str) and status.lower() == "enabled")
        if isinstance(action, str) and action.lower() == "stop" and enabled:
            return True
    return unknown


@policy(id="EDA001", name="ml-compute-instance-always-on", severity="warning", doc=__doc__, guidance=("G8", "G9"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    limit = settings["max_idle_shutdown"]
    for ci in graph.of_type(COMPUTES):
        kind = ci.get(KIND)
        stop = _stop_schedule(ci)
        if ci.existing or stop is True or (isinstance(kind, str) and kind.lower() != "computeinstance"):
            continue
        if not isinstance(kind, str):
            if isinstance(kind, Expr) and not ci.has(IDLE):
                yield Finding.unknown(ci, KIND, kind, "computeType")
            continue
        size = ci.get(SIZE)
        what = f"Compute instance '{name_of(ci)}'"
        if is_gpu_size(size):
            what = f"GPU compute instance '{name_of(ci)}' ({size})"
        idle = ci.get(IDLE)
        if isinstance(idle, Expr):
            yield Finding.unknown(ci, IDLE, idle, "idleTimeBeforeShutdown")
        elif idle is not None:
            seconds, most = duration_seconds(idle), duration_seconds(limit)
            if seconds is None or most is None or seconds > most:
                yield Finding.at(ci, IDLE, f"{what} shuts down only after {idle} idle (limit {limit})")
        elif isinstance(stop, Expr):
            yield Finding.unknown(ci, SCHEDULES, stop, "computeStartStop schedule")
        else:
            note = "; azurerm_machine_learning_compute_instance cannot set it" if AZURERM in f".{ci.address}" else ""
            yield Finding.at(ci, IDLE, f"{what} has no idle shutdown and no enabled Stop schedule{note}")
