"""Always-on orchestration compute cannot scale with load.

For resources marked as orchestration (tag `ai_function_tag` = `orchestration`): a
`Microsoft.Web/serverfarms` plan that is marked, or that hosts a marked `Microsoft.Web/sites`
app (`properties.serverFarmId`), needs a `Microsoft.Insights/autoscalesettings` whose
`properties.targetResourceUri` is the plan, `enabled` (default true) and with a profile whose
`capacity.maximum` exceeds `capacity.minimum`, or else `properties.elasticScaleEnabled = true`
with `maximumElasticWorkerCount` set; a `Microsoft.App/containerApps` app needs
`template.scale.maxReplicas` (service default 10) above `minReplicas` (default 0). Terraform:
`azurerm_service_plan` + `azurerm_monitor_autoscale_setting.target_resource_id` or
`premium_plan_auto_scale_enabled` / `maximum_elastic_worker_count`; `azurerm_container_app`
`template.max_replicas` / `min_replicas` (same defaults). Prompt-flow online deployments are
covered by the online-inference autoscale policy.

## Why is this bad?
Orchestration endpoints are always on. A fixed instance count pays for peak capacity all day
or fails under a burst; the guidance asks for elastic compute for orchestration (G36).

## Example
```bicep
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-flow'
  location: 'swedencentral'
  tags: {'ai-function': 'orchestration'}
  properties: {
    managedEnvironmentId: env.id
    template: {scale: {minReplicas: 2, maxReplicas: 2}}
  }
}
```
```json
{
  "type": "Microsoft.App/containerApps",
  "apiVersion": "2024-03-01",
  "name": "ca-flow",
  "tags": {"ai-function": "orchestration"},
  "properties": {"template": {"scale": {"minReplicas": 2, "maxReplicas": 2}}}
}
```
```hcl
resource "azurerm_container_app" "flow" {
  name = "ca-flow"
  tags = { "ai-function" = "orchestration" }
  template {
    min_replicas = 2
    max_replicas = 2
    # ...
  }
}
```

## Use instead
```bicep
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-flow'
  location: 'swedencentral'
  tags: {'ai-function': 'orchestration'}
  properties: {
    managedEnvironmentId: env.id
    template: {scale: {minReplicas: 1, maxReplicas: 5}}
  }
}
```
```json
{
  "type": "Microsoft.App/containerApps",
  "apiVersion": "2024-03-01",
  "name": "ca-flow",
  "tags": {"ai-function": "orchestration"},
  "properties": {"template": {"scale": {"minReplicas": 1, "maxReplicas": 5}}}
}
```
```hcl
resource "azurerm_container_app" "flow" {
  name = "ca-flow"
  tags = { "ai-function" = "orchestration" }
  template {
    min_replicas = 1
    max_replicas = 5
    # ...
  }
}
```

## References
- https://learn.microsoft.com/azure/container-apps/scale-app
- https://learn.microsoft.com/azure/app-service/manage-scale-up
- https://learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-overview
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies.orchestration._common import any_of, orchestration

PLAN = "Microsoft.Web/serverfarms"
SITE = "Microsoft.Web/sites"
AUTOSCALE = "Microsoft.Insights/autoscalesettings"
APP = "Microsoft.App/containerApps"
MIN, MAX = "properties.template.scale.minReplicas", "properties.template.scale.maxReplicas"


def _number(value: Any) -> Any:
    """ints, and digit strings as ARM autoscale capacities are written; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value if isinstance(value, (int, Expr)) else None


def _name(resource: Resource) -> str:
    return resource.name if isinstance(resource.name, str) else resource.address


def _elastic_setting(setting: Resource) -> Any:
    """Whether an autoscale setting can change the instance count: True, False, or an Expr."""
    enabled = setting.get("properties.enabled", True)
    if enabled is not True:
        return enabled if isinstance(enabled, Expr) else False
    results = []
    for path, _ in setting.each("properties.profiles[*]"):
        low, high = (_number(setting.get(f"{path}.capacity.{k}")) for k in ("minimum", "maximum"))
        unknown = next((v for v in (low, high) if isinstance(v, Expr)), None)
        scales = isinstance(low, int) and isinstance(high, int) and high > low
        results.append(unknown if unknown is not None else scales)
    return any_of(results)


def _plan_elastic(graph: Graph, plan: Resource) -> Any:
    """Whether the plan's instance count follows load: an autoscale setting on it, or elastic scale."""
    settings = [s for s in graph.sources(plan, EdgeKind.REFERENCE) if s.is_type(AUTOSCALE)
                and any(e.target == plan.address and e.path.lower() == "properties.targetresourceuri"
                        for e in graph.out_edges(s, EdgeKind.REFERENCE))]
    burst = plan.get("properties.elasticScaleEnabled")
    if not isinstance(burst, Expr):
        burst = burst is True and plan.get("properties.maximumElasticWorkerCount") is not None
    return any_of([burst, *(_elastic_setting(s) for s in settings)])


@policy(id="ORC002", name="orchestration-compute-inelastic", severity="warning", doc=__doc__, guidance=("G36",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for plan in (p for p in graph.of_type(PLAN) if not p.existing):
        sites = [s for s in graph.sources(plan, EdgeKind.REFERENCE) if s.is_type(SITE)]
        marked = any_of([orchestration(graph, plan, settings), *(orchestration(graph, s, settings) for s in sites)])
        elastic = _plan_elastic(graph, plan) if marked is not False else True
        if isinstance(marked, Expr) and elastic is not True:
            yield Finding.unknown(plan, "tags", marked, "Whether the App Service plan hosts orchestration")
        elif isinstance(elastic, Expr):
            yield Finding.unknown(plan, "sku", elastic, "The autoscale of orchestration App Service plan")
        elif elastic is False:
            yield Finding.at(plan, "sku", f"Orchestration App Service plan '{_name(plan)}' has a fixed instance count "
                             "(no enabled autoscale setting with maximum above minimum, no elastic scale)")
    for app in (a for a in graph.of_type(APP) if not a.existing):
        marked = orchestration(graph, app, settings)
        low, high = _number(app.get(MIN, 0)), _number(app.get(MAX, 10))
        if marked is False or (isinstance(low, int) and isinstance(high, int) and high > low):
            continue
        unknown = next((v for v in (marked, low, high) if isinstance(v, Expr)), None)
        if unknown is not None:
            yield Finding.unknown(app, MAX, unknown, "Whether the orchestration container app can scale")
        else:
            yield Finding.at(app, MAX, f"Orchestration container app '{_name(app)}' cannot scale out "
                             f"(maxReplicas {high}, minReplicas {low})")
