"""Machine Learning schedule runs serverless jobs more often than the allowed interval.

Checks `Microsoft.MachineLearningServices/workspaces/schedules` that are enabled
(`properties.isEnabled`, default `true`) and create jobs (`properties.action.actionType`
`CreateJob`) without a `properties.action.jobDefinition.computeId` (nor, for pipeline jobs, a
`settings.default_compute`), which the service then runs on serverless compute. The trigger must not fire more often than the
`serverless_schedule_min_interval` setting (default `PT1H`): a `Recurrence` trigger's
`frequency` × `interval` (and its `schedule.hours` / `schedule.minutes` lists), or a `Cron`
trigger's minute and hour fields. azurerm has no resource for schedules; use `azapi_resource`.

## Why is this bad?
Serverless compute is billed per job and suits occasional runs; a job started every few
minutes is a full-time workload that costs more on serverless than on a cluster that scales
to zero. The guidance keeps serverless compute away from full-time operations (G18).

## Example
```bicep
resource schedule 'Microsoft.MachineLearningServices/workspaces/schedules@2024-04-01' = {
  name: 'mlw-example/retrain'
  properties: {
    action: { actionType: 'CreateJob', jobDefinition: { jobType: 'Command', command: 'python train.py'
      environmentId: 'azureml:AzureML-sklearn-1.5:1' } }
    trigger: { triggerType: 'Recurrence', frequency: 'Minute', interval: 15 }
  }
}
```
```json
"properties": {
  "action": {"actionType": "CreateJob", "jobDefinition": {"jobType": "Command", "command": "python train.py",
             "environmentId": "azureml:AzureML-sklearn-1.5:1"}},
  "trigger": {"triggerType": "Cron", "expression": "*/15 * * * *"}
}
```
```hcl
resource "azapi_resource" "retrain" {
  type      = "Microsoft.MachineLearningServices/workspaces/schedules@2024-04-01"
  name      = "retrain"
  parent_id = azurerm_machine_learning_workspace.ws.id
  body = {
    properties = {
      action  = { actionType = "CreateJob", jobDefinition = { jobType = "Command", command = "python train.py",
                  environmentId = "azureml:AzureML-sklearn-1.5:1" } }
      trigger = { triggerType = "Recurrence", frequency = "Minute", interval = 15 }
    }
  }
}
```

## Use instead
```bicep
resource schedule 'Microsoft.MachineLearningServices/workspaces/schedules@2024-04-01' = {
  name: 'mlw-example/retrain'
  properties: {
    action: { actionType: 'CreateJob', jobDefinition: { jobType: 'Command', command: 'python train.py'
      environmentId: 'azureml:AzureML-sklearn-1.5:1' } }
    trigger: { triggerType: 'Recurrence', frequency: 'Day', interval: 1 }
  }
}
```
```json
"jobDefinition": {
  "jobType": "Command", "command": "python train.py", "environmentId": "azureml:AzureML-sklearn-1.5:1",
  "computeId": "[resourceId('Microsoft.MachineLearningServices/workspaces/computes', 'mlw-example', 'cpu')]"
}
```
```hcl
trigger = { triggerType = "Cron", expression = "0 2 * * *" }
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-schedule-pipeline-job
- https://learn.microsoft.com/azure/machine-learning/how-to-use-serverless-compute
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies._common import duration_seconds
from policies.training._common import cron_gap, name_of, recurrence_gap

SCHEDULES = "Microsoft.MachineLearningServices/workspaces/schedules"
ACTION = "properties.action"
# Where a job names its compute: command jobs, and pipeline jobs' default compute (SDK and REST spellings).
COMPUTES = tuple(
    f"properties.action.jobDefinition.{p}" for p in ("computeId", "settings.default_compute", "settings.defaultCompute")
)
TRIGGER = "properties.trigger"


@policy(id="TRN003", name="ml-schedule-serverless-frequent", severity="note", doc=__doc__, guidance=("G18",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    least = duration_seconds(settings["serverless_schedule_min_interval"]) or 3600
    for schedule in graph.of_type(SCHEDULES):
        action, enabled = schedule.get(f"{ACTION}.actionType"), schedule.get("properties.isEnabled", True)
        if schedule.existing or enabled is False or not (isinstance(action, str) and action.lower() == "createjob"):
            continue
        if any(schedule.get(path) not in (None, "") for path in COMPUTES):
            continue
        trigger = schedule.get(TRIGGER)
        if isinstance(trigger, Expr):
            yield Finding.unknown(schedule, TRIGGER, trigger, "trigger")
            continue
        kind = schedule.get(f"{TRIGGER}.triggerType")
        gap: Any = None
        if isinstance(kind, str) and kind.lower() == "cron":
            path, gap = f"{TRIGGER}.expression", cron_gap(schedule.get(f"{TRIGGER}.expression"))
        elif isinstance(kind, str) and kind.lower() == "recurrence":
            path, gap = f"{TRIGGER}.frequency", recurrence_gap(trigger)
        else:
            path = f"{TRIGGER}.triggerType"
        if isinstance(gap, Expr) or isinstance(kind, Expr):
            yield Finding.unknown(schedule, path, gap if isinstance(gap, Expr) else kind, "trigger")
        elif isinstance(gap, (int, float)) and gap < least:
            every = f"{gap / 60:g} minutes" if gap < 3600 else f"{gap / 3600:g} hours"
            message = f"Schedule '{name_of(schedule)}' starts a serverless job every {every}"
            message += f" (more often than {settings['serverless_schedule_min_interval']})"
            yield Finding.at(schedule, path, message)
