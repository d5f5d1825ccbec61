"""AI platform resource sends its resource logs nowhere.

Checks ML workspaces and online endpoints, Azure AI services / OpenAI accounts, AI Search,
AKS, container registries, API Management, Key Vault and Databricks workspaces. Each needs a
`Microsoft.Insights/diagnosticSettings` scoped to it (Bicep `scope:`, ARM `scope` or the
`<type>/providers/diagnosticSettings` form, Terraform `azurerm_monitor_diagnostic_setting`
`target_resource_id` or an `azapi_resource` whose `parent_id` is the resource) that has a
destination (`workspaceId`, `storageAccountId`, `eventHubAuthorizationRuleId` or
`marketplacePartnerId`) and at least one enabled `logs` entry (a category or a category group).
Without one, Azure keeps no resource logs at all (no service default). A setting whose scope,
loop or condition cannot be evaluated makes the result inconclusive.

## Why is this bad?
Without resource logs nobody can audit who called a model, changed a workspace or read a
secret, and faults go unseen. The guidance asks for monitoring with logging and auditing
of the platform (G12) and for endpoint logs to be collected (G27).

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
resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-law'
  scope: account
  properties: {
    workspaceId: law.id
    logs: [ { categoryGroup: 'audit', enabled: true } ]
  }
}
```
```json
{
  "type": "Microsoft.Insights/diagnosticSettings",
  "apiVersion": "2021-05-01-preview",
  "name": "to-law",
  "scope": "[format('Microsoft.CognitiveServices/accounts/{0}', 'oai-example')]",
  "properties": {
    "workspaceId": "[resourceId('Microsoft.OperationalInsights/workspaces', 'law-example')]",
    "logs": [{"categoryGroup": "audit", "enabled": true}]
  }
}
```
```hcl
resource "azurerm_monitor_diagnostic_setting" "oai" {
  name                       = "to-law"
  target_resource_id         = azurerm_cognitive_account.oai.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id
  enabled_log {
    category_group = "audit"
  }
}
```

## References
- https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings
- https://learn.microsoft.com/azure/ai-services/openai/how-to/monitor-openai
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
    scope_targets,
)

DESTINATIONS = ("workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId")


def _sends_logs(setting: Resource) -> Any:
    """True, an Expr (cannot tell), or the reason it sends nothing (a string)."""
    if setting.looped or isinstance(setting.condition, Expr):
        return setting.condition if isinstance(setting.condition, Expr) else Expr(text=f"the loop of {setting.address}")
    props = setting.get("properties")
    if isinstance(props, Expr):
        return props
    if not any(setting.get(f"properties.{d}") not in (None, "") for d in DESTINATIONS):
        return "no destination"
    logs = setting.get("properties.logs")
    if isinstance(logs, Expr):
        return logs
    unknown: Any = "no enabled log category"
    for entry in logs if isinstance(logs, list) else []:
        enabled = entry.get("enabled", True) if isinstance(entry, dict) else entry
        if isinstance(enabled, Expr) or isinstance(entry, Expr):
            unknown = enabled if isinstance(enabled, Expr) else entry
        elif enabled is not False and (entry.get("category") or entry.get("categoryGroup")):
            return True
    return unknown


@policy(
    id="MON001", name="ai-resource-diagnostic-logs-missing", severity="warning", doc=__doc__, guidance=("G12", "G27")
)
def check(graph: Graph) -> Iterator[Finding]:
    index = declared_index(graph)
    covered: dict[str, list[tuple[Resource, Any]]] = {}
    unresolved: list[Resource] = []
    for setting in filter(is_diagnostic_setting, graph):
        targets = scope_targets(graph, setting, index)
        if not targets and not known_id(setting.get("scope")):
            unresolved.append(setting)
        for target in targets:
            covered.setdefault(target.address, []).append((setting, _sends_logs(setting)))
    for resource in graph:
        label = AI_RESOURCES.get(resource.type.lower())
        if label is None or resource.existing:
            continue
        results = covered.get(resource.address, [])
        if any(result is True for _, result in results):
            continue
        what = f"{label} '{name_of(resource)}'"
        maybe = [(s, r) for s, r in results if isinstance(r, Expr)]
        if maybe:
            yield Finding.unknown(resource, "", maybe[0][1], f"Diagnostic setting '{name_of(maybe[0][0])}' of {what}")
        elif unresolved:
            scope = unresolved[0].get("scope")
            yield Finding.unknown(resource, "", scope, f"Scope of diagnostic setting '{name_of(unresolved[0])}'")
        elif results:
            why = "; ".join(f"'{name_of(s)}' has {r}" for s, r in results)
            yield Finding.at(resource, "", f"{what} has no diagnostic setting that sends its logs ({why})")
        else:
            yield Finding.at(resource, "", f"{what} has no diagnostic setting sending its resource logs")
