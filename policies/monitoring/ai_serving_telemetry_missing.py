"""Model serving or orchestration host sends no application telemetry.

Checks Machine Learning online deployments (`…/onlineEndpoints/deployments`:
`properties.appInsightsEnabled`, default `false`), Machine Learning workspaces and AI Foundry
hubs (`properties.applicationInsights`, not set by default; projects use their hub's), and,
when tagged with the `ai_function_tag` setting (default `ai-function`) as `inference`,
`batch-inference` or `orchestration`, App Service apps (an `APPLICATIONINSIGHTS_CONNECTION_STRING`
or `APPINSIGHTS_INSTRUMENTATIONKEY` app setting in `properties.siteConfig.appSettings` or a
`config/appsettings` child; azurerm `app_settings`) and Container Apps environments
(`properties.appLogsConfiguration.destination`; azurerm `log_analytics_workspace_id` or
`logs_destination`). Online deployments exist in Terraform only as `azapi_resource`.

## Why is this bad?
Without request traces, latency and failure metrics, nobody can tell why a model endpoint or
an orchestration flow is slow or failing. The guidance asks that endpoint logs and metrics be
collected (G27) and that orchestration meets production monitoring standards (G34).

## Example
```bicep
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {
  name: 'mlw-example/chat/blue'
  location: 'swedencentral'
  sku: { name: 'Default', capacity: 2 }
  properties: { endpointComputeType: 'Managed', instanceType: 'Standard_DS3_v2', model: 'azureml:chat:1' }
}
```
```json
"properties": {"endpointComputeType": "Managed", "instanceType": "Standard_DS3_v2", "model": "azureml:chat:1"}
```
```hcl
resource "azapi_resource" "blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01"
  name      = "blue"
  parent_id = azapi_resource.chat.id
  location  = "swedencentral"
  body = {
    sku        = { name = "Default", capacity = 2 }
    properties = { endpointComputeType = "Managed", instanceType = "Standard_DS3_v2", model = "azureml:chat:1" }
  }
}
```

## Use instead
```bicep
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {
  name: 'mlw-example/chat/blue'
  location: 'swedencentral'
  sku: { name: 'Default', capacity: 2 }
  properties: { endpointComputeType: 'Managed', instanceType: 'Standard_DS3_v2', model: 'azureml:chat:1'
    appInsightsEnabled: true }
}
```
```json
"properties": {"endpointComputeType": "Managed", "instanceType": "Standard_DS3_v2", "model": "azureml:chat:1",
               "appInsightsEnabled": true}
```
```hcl
properties = { endpointComputeType = "Managed", instanceType = "Standard_DS3_v2", model = "azureml:chat:1",
               appInsightsEnabled = true }
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-monitor-online-endpoints
- https://learn.microsoft.com/azure/azure-monitor/app/azure-web-apps
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import tag
from policies.monitoring._common import name_of

DEPLOYMENTS = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"
WORKSPACES = "Microsoft.MachineLearningServices/workspaces"
SITES, SITE_CONFIG = "Microsoft.Web/sites", "Microsoft.Web/sites/config"
ENVIRONMENTS = "Microsoft.App/managedEnvironments"
LOGS = "properties.appLogsConfiguration.destination"
INSIGHTS = "properties.appInsightsEnabled"
LINKED = "properties.applicationInsights"
APP_SETTINGS = "properties.siteConfig.appSettings"
KEYS = ("applicationinsights_connection_string", "appinsights_instrumentationkey")
SERVING = ("inference", "batch-inference", "orchestration")


def _site_telemetry(graph: Graph, site: Resource) -> Any:
    """True when an app setting names Application Insights, an Expr when unknown, else False."""
    settings = site.get(APP_SETTINGS)
    if isinstance(settings, Expr):
        return settings
    names: list[Any] = [item.get("name") if isinstance(item, dict) else item for item in settings or []]
    for config in graph.children(site, SITE_CONFIG):
        if isinstance(config.name, str) and config.name.lower().endswith("appsettings"):
            props = config.get("properties")
            names += [props] if isinstance(props, Expr) else list(props or {})
    if any(isinstance(n, str) and n.lower() in KEYS for n in names):
        return True
    return next((n for n in names if isinstance(n, Expr)), False)


def _checks(graph: Graph, role: Callable[[Resource], Any]) -> Iterator[tuple[Resource, str, Any, str]]:
    """(resource, path, telemetry on: True / False / Expr, message when off) for every host in scope."""
    for dep in graph.of_type(DEPLOYMENTS):
        on = dep.get(INSIGHTS, False)
        where = f"is {str(on).lower()}" if dep.has(INSIGHTS) else "not set, default false"
        where = f"appInsightsEnabled {where}"
        yield dep, INSIGHTS, on, f"Online deployment '{name_of(dep)}' sends no application telemetry ({where})"
    for ws in graph.of_type(WORKSPACES):
        kind, linked = ws.get("kind", "Default"), ws.get(LINKED)
        if not (isinstance(kind, str) and kind.lower() == "project"):
            on = isinstance(linked, Expr) or linked not in (None, "")  # an expression writes some resource id
            yield (
                ws,
                LINKED,
                on,
                f"ML workspace '{name_of(ws)}' has no Application Insights (applicationInsights not set)",
            )
    for site in graph.of_type(SITES):
        serving, on = role(site), _site_telemetry(graph, site)
        if serving is not False:
            on = serving if on is not True and isinstance(serving, Expr) else on
            yield site, APP_SETTINGS, on, f"App '{name_of(site)}' has no Application Insights connection string setting"
    for env in graph.of_type(ENVIRONMENTS):
        serving, dest = role(env), env.get(LOGS)
        on = dest if isinstance(dest, Expr) else dest not in (None, "", "none")
        if serving is not False:
            on = serving if on is not True and isinstance(serving, Expr) else on
            yield (
                env,
                LOGS,
                on,
                f"Container Apps environment '{name_of(env)}' sends its logs nowhere (destination not set)",
            )


@policy(id="MON003", name="ai-serving-telemetry-missing", severity="warning", doc=__doc__, guidance=("G27", "G34"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    def role(resource: Resource) -> Any:
        value = tag(resource, settings["ai_function_tag"])
        return value if isinstance(value, Expr) else isinstance(value, str) and value.lower() in SERVING

    for resource, path, on, message in _checks(graph, role):
        if resource.existing or on is True:
            continue
        if isinstance(on, Expr):
            yield Finding.unknown(resource, path, on, path.rsplit(".", 1)[-1])
        else:
            yield Finding.at(resource, path, message)
