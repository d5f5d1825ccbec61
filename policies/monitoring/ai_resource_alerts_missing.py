"""AI resource has no alert rule that notifies anyone.

Checks Azure AI services / OpenAI accounts, ML online endpoints and AKS clusters. Each needs
an enabled alert rule with at least one action group: a `Microsoft.Insights/metricAlerts` or
`activityLogAlerts` whose `properties.scopes` names the resource, or a
`Microsoft.Insights/scheduledQueryRules` whose scopes name the resource or the Log Analytics
workspace its diagnostic settings send logs to. In Terraform: `azurerm_monitor_metric_alert`,
`azurerm_monitor_scheduled_query_rules_alert_v2` (`scopes`, `action`). No alert exists unless
one is declared. An alert rule whose scopes, loop or condition cannot be evaluated makes the
result inconclusive.

## Why is this bad?
Throttled model calls, failing endpoints or unhealthy nodes go unnoticed until users complain.
The guidance asks for monitoring and alerting on the platform (G12) and for endpoint faults
to be detected (G27).

## Example
```bicep
resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { customSubDomainName: 'oai-example' }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts",
  "apiVersion": "2024-10-01",
  "name": "oai-example",
  "location": "swedencentral",
  "kind": "OpenAI",
  "sku": {"name": "S0"},
  "properties": {"customSubDomainName": "oai-example"}
}
```
```hcl
resource "azurerm_cognitive_account" "oai" {
  name                = "oai-example"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  kind                = "OpenAI"
  sku_name            = "S0"
}
```

## Use instead
```bicep
resource throttled 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'oai-throttled'
  location: 'global'
  properties: {
    severity: 2
    enabled: true
    scopes: [ account.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [ { criterionType: 'StaticThresholdCriterion', name: 'throttled', metricName: 'ClientErrors'
                 operator: 'GreaterThan', threshold: 10, timeAggregation: 'Total' } ]
    }
    actions: [ { actionGroupId: oncall.id } ]
  }
}
```
```json
{
  "type": "Microsoft.Insights/metricAlerts",
  "apiVersion": "2018-03-01",
  "name": "oai-throttled",
  "location": "global",
  "properties": {
    "severity": 2,
    "enabled": true,
    "scopes": ["[resourceId('Microsoft.CognitiveServices/accounts', 'oai-example')]"],
    "evaluationFrequency": "PT5M",
    "windowSize": "PT15M",
    "criteria": {"odata.type": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", "allOf": []},
    "actions": [{"actionGroupId": "[resourceId('Microsoft.Insights/actionGroups', 'ag-oncall')]"}]
  }
}
```
```hcl
resource "azurerm_monitor_metric_alert" "throttled" {
  name                = "oai-throttled"
  resource_group_name = "rg-ai"
  scopes              = [azurerm_cognitive_account.oai.id]
  criteria {
    metric_namespace = "Microsoft.CognitiveServices/accounts"
    metric_name      = "ClientErrors"
    aggregation      = "Total"
    operator         = "GreaterThan"
    threshold        = 10
  }
  action {
    action_group_id = azurerm_monitor_action_group.oncall.id
  }
}
```

## References
- https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-overview
- https://learn.microsoft.com/azure/ai-services/openai/how-to/monitor-openai#set-up-alerts
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.monitoring._common import (
    AI_RESOURCES,
    declared_index,
    is_diagnostic_setting,
    known_id,
    name_of,
    resolve,
    scope_targets,
)

WATCHED = (
    "Microsoft.CognitiveServices/accounts",
    "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
    "Microsoft.ContainerService/managedClusters",
)
ALERTS = (
    "Microsoft.Insights/metricAlerts",
    "Microsoft.Insights/activityLogAlerts",
    "Microsoft.Insights/scheduledQueryRules",
)
ACTIONS = (
    "properties.actions[*].actionGroupId",
    "properties.actions.actionGroups[*]",
    "properties.actions.actionGroups[*].actionGroupId",
)


def _state(alert: Resource) -> Any:
    """True when the rule is on and notifies an action group, an Expr when that is unknown, else False."""
    for value in (alert.condition, alert.get("properties.enabled", True)):
        if isinstance(value, Expr):
            return value
    if alert.looped:
        return Expr(text=f"the loop of {alert.address}")
    if alert.get("properties.enabled", True) is False:
        return False
    groups = [value for path in ACTIONS for _, value in alert.each(path) if value not in (None, "")]
    return bool(groups)


@policy(id="MON004", name="ai-resource-alerts-missing", severity="note", doc=__doc__, guidance=("G12", "G27"))
def check(graph: Graph) -> Iterator[Finding]:
    index = declared_index(graph)
    sinks: dict[str, set[str]] = {}  # resource -> Log Analytics workspaces its diagnostic settings send to
    for setting in filter(is_diagnostic_setting, graph):
        for target in scope_targets(graph, setting, index):
            found = resolve(graph, setting.get("properties.workspaceId"), index)
            sinks.setdefault(target.address, set()).update(w.address for w in found)
    watched: dict[str, list[Any]] = {}
    unresolved: list[tuple[Resource, Any]] = []
    for alert in graph.of_type(*ALERTS):
        scopes = [value for _, value in alert.each("properties.scopes[*]")] or [alert.get("properties.scopes")]
        hits = [r for value in scopes for r in resolve(graph, value, index)]
        if not hits:
            unresolved.append((alert, next((v for v in scopes if isinstance(v, Expr) and not known_id(v)), None)))
        for hit in hits:
            watched.setdefault(hit.address, []).append(_state(alert))
    for resource in graph.of_type(*WATCHED):
        if resource.existing:
            continue
        keys = (resource.address, *sorted(sinks.get(resource.address, ())))
        states = [state for key in keys for state in watched.get(key, [])]
        if True in states:
            continue
        what = f"{AI_RESOURCES[resource.type.lower()]} '{name_of(resource)}'"
        maybe = [s for s in states if isinstance(s, Expr)]
        if maybe:
            yield Finding.unknown(resource, "", maybe[0], f"Alert rule on {what}")
        elif unresolved and any(value is not None for _, value in unresolved):
            alert, value = next((a, v) for a, v in unresolved if v is not None)
            yield Finding.unknown(resource, "", value, f"Scopes of alert rule '{name_of(alert)}'")
        elif states:
            yield Finding.at(resource, "", f"{what} has alert rules, but none is enabled with an action group")
        else:
            yield Finding.at(resource, "", f"{what} has no alert rule")
