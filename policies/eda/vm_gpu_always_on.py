"""GPU virtual machine has no enabled auto-shutdown schedule.

Checks `Microsoft.Compute/virtualMachines` whose `properties.hardwareProfile.vmSize` is a GPU
size (NC, NCC, ND, NV, NG series): a `Microsoft.DevTestLab/schedules` with
`properties.taskType` `ComputeVmShutdownTask` must target it (`properties.targetResourceId`,
or the conventional name `shutdown-computevm-<vm>`) and not be disabled (`properties.status`).
In Terraform: `azurerm_dev_test_global_vm_shutdown_schedule` with `virtual_machine_id` set to
the VM and `enabled` (default `true`). Without one the VM runs until someone stops it. A VM
tagged `always-on=justified` is exempt; a VM whose size is unknown and that has no schedule
is inconclusive.

## Why is this bad?
Data science VMs are started for a session and forgotten; a GPU VM left running overnight
costs more than most PaaS compute in a week. The guidance asks that EDA compute be stoppable
when unused (G8), that GPU capacity not be kept running idle (G9), and notes that
self-hosted VMs carry the most operational burden (G33).

## Example
```bicep
resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'dsvm-alice'
  location: 'swedencentral'
  properties: {
    hardwareProfile: { vmSize: 'Standard_NC4as_T4_v3' }
  }
}
```
```json
"properties": {"hardwareProfile": {"vmSize": "Standard_NC4as_T4_v3"}}
```
```hcl
resource "azurerm_linux_virtual_machine" "dsvm" {
  name = "dsvm-alice"
  size = "Standard_NC4as_T4_v3"
}
```

## Use instead
```bicep
resource shutdown 'Microsoft.DevTestLab/schedules@2018-09-15' = {
  name: 'shutdown-computevm-dsvm-alice'
  location: 'swedencentral'
  properties: {
    status: 'Enabled'
    taskType: 'ComputeVmShutdownTask'
    dailyRecurrence: { time: '1900' }
    timeZoneId: 'W. Europe Standard Time'
    targetResourceId: vm.id
  }
}
```
```json
{
  "type": "Microsoft.DevTestLab/schedules",
  "apiVersion": "2018-09-15",
  "name": "shutdown-computevm-dsvm-alice",
  "location": "swedencentral",
  "properties": {"status": "Enabled", "taskType": "ComputeVmShutdownTask", "dailyRecurrence": {"time": "1900"},
                 "timeZoneId": "W. Europe Standard Time",
                 "targetResourceId": "[resourceId('Microsoft.Compute/virtualMachines', 'dsvm-alice')]"}
}
```
```hcl
resource "azurerm_dev_test_global_vm_shutdown_schedule" "dsvm" {
  virtual_machine_id    = azurerm_linux_virtual_machine.dsvm.id
  location              = "swedencentral"
  enabled               = true
  daily_recurrence_time = "1900"
  timezone              = "W. Europe Standard Time"
  notification_settings {
    enabled = false
  }
}
```

## References
- https://learn.microsoft.com/azure/virtual-machines/auto-shutdown-vm
- https://learn.microsoft.com/azure/templates/microsoft.devtestlab/schedules
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import has_tag_value, is_gpu_size
from policies.eda._common import name_of, points_to

VMS = "Microsoft.Compute/virtualMachines"
SCHEDULES = "Microsoft.DevTestLab/schedules"
SIZE = "properties.hardwareProfile.vmSize"
TARGET = "properties.targetResourceId"
EXEMPT = "always-on=justified"


def _shutdown(graph: Graph, vm: Resource) -> Any:
    """True when an enabled shutdown schedule targets ``vm``, an Expr when one may, else False."""
    maybe: Any = False
    for schedule in graph.of_type(SCHEDULES):
        task, status, name = (schedule.get(p) for p in ("properties.taskType", "properties.status", "name"))
        if not (isinstance(task, str) and task.lower() == "computevmshutdowntask"):
            maybe = maybe or (task if isinstance(task, Expr) else False)
            continue
        named = isinstance(name, str) and name.lower() == f"shutdown-computevm-{vm.name}".lower()
        target = True if named and isinstance(vm.name, str) else points_to(graph, schedule, TARGET, vm)
        on = status if isinstance(status, Expr) else status is None or str(status).lower() == "enabled"
        for value in (target, on, schedule.condition):
            if isinstance(value, Expr):
                maybe = maybe or value
        if target is True and on is True and schedule.condition is True:
            return True
    return maybe


@policy(id="EDA002", name="vm-gpu-always-on", severity="warning", doc=__doc__, guidance=("G8", "G9", "G33"))
def check(graph: Graph) -> Iterator[Finding]:
    for vm in graph.of_type(VMS):
        if vm.existing:
            continue
        size = vm.get(SIZE)
        if not isinstance(size, Expr) and not is_gpu_size(size):
            continue
        exempt, shutdown = has_tag_value(vm, EXEMPT), _shutdown(graph, vm)
        if exempt is True or shutdown is True:
            continue
        unknown = next((v for v in (size, exempt, shutdown) if isinstance(v, Expr)), None)
        if unknown is not None:
            yield Finding.unknown(vm, SIZE if unknown is size else "", unknown, "Auto-shutdown of the VM")
        else:
            yield Finding.at(vm, SIZE, f"GPU VM '{name_of(vm)}' ({size}) has no enabled auto-shutdown schedule")
