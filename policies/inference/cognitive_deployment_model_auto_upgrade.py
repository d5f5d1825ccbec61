"""Foundation-model deployment does not pin its model version or lets the service upgrade it.

Checks `Microsoft.CognitiveServices/accounts/deployments` (Azure OpenAI and AI Services model
deployments). `properties.model.version` must be set: without it the service deploys its current
default version. `properties.versionUpgradeOption` (API 2023-05-01 and later) must be
`NoAutoUpgrade`; absent means the service default `OnceNewDefaultVersionAvailable` (azurerm
`version_upgrade_option` has the same default), which swaps the model when a new default version
ships. `OnceCurrentVersionExpired` is accepted except for high-criticality workloads (criticality tag
of the deployment or its account, else a production environment tag), where an unknown tag makes the
result inconclusive.

## Why is this bad?
The team must know which model version serves production and pull a specific, identifiable version;
an automatic upgrade changes behaviour without a deployment and risks stale or wrong models in
production (G22).

## Example
```bicep
resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: openai
  name: 'chat'
  sku: { name: 'Standard', capacity: 10 }
  properties: {
    model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' }
  }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts/deployments",
  "apiVersion": "2024-10-01",
  "name": "oai/chat",
  "sku": {"name": "Standard", "capacity": 10},
  "properties": {"model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}}
}
```
```hcl
resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "Standard"
    capacity = 10
  }
}
```

## Use instead
```bicep
resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: openai
  name: 'chat'
  sku: { name: 'Standard', capacity: 10 }
  properties: {
    model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' }
    versionUpgradeOption: 'NoAutoUpgrade'
  }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts/deployments",
  "apiVersion": "2024-10-01",
  "name": "oai/chat",
  "sku": {"name": "Standard", "capacity": 10},
  "properties": {
    "model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"},
    "versionUpgradeOption": "NoAutoUpgrade"
  }
}
```
```hcl
resource "azurerm_cognitive_deployment" "chat" {
  name                   = "chat"
  cognitive_account_id   = azurerm_cognitive_account.openai.id
  version_upgrade_option = "NoAutoUpgrade"
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "Standard"
    capacity = 10
  }
}
```

## References
- https://learn.microsoft.com/azure/ai-services/openai/concepts/model-versions
- https://learn.microsoft.com/azure/templates/microsoft.cognitiveservices/accounts/deployments
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.inference._common import critical, show

DEPLOYMENT = "Microsoft.CognitiveServices/accounts/deployments"
VERSION, UPGRADE = "properties.model.version", "properties.versionUpgradeOption"
DEFAULT_UPGRADE = "OnceNewDefaultVersionAvailable"
UPGRADE_SINCE = "2023-05-01"


def _upgrade(graph: Graph, dep: Resource, settings: Mapping[str, Any]) -> Iterator[Finding]:
    option = dep.get(UPGRADE)
    if isinstance(option, Expr):
        yield Finding.unknown(dep, UPGRADE, option, "versionUpgradeOption")
        return
    shown = f"'{option}'" if option is not None else f"not set (service default {DEFAULT_UPGRADE})"
    option = DEFAULT_UPGRADE if option is None else option
    text = f"Model deployment '{show(dep.name)}' upgrades its model version (versionUpgradeOption is {shown})"
    if str(option).lower() == "noautoupgrade":
        return
    if str(option).lower() != "oncecurrentversionexpired":
        yield Finding.at(dep, UPGRADE, text)
        return
    crit = critical(graph, dep, settings)
    if isinstance(crit, Expr):
        yield Finding.unknown(dep, UPGRADE, crit, "Criticality (versionUpgradeOption OnceCurrentVersionExpired)")
    elif crit:
        yield Finding.at(dep, UPGRADE, f"{text} on a high-criticality workload")


@policy(id="INF003", name="cognitive-deployment-model-auto-upgrade", severity="warning", doc=__doc__, guidance=("G22",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for dep in graph.of_type(DEPLOYMENT):
        if dep.existing:
            continue
        version = dep.get(VERSION)
        if isinstance(version, Expr):
            yield Finding.unknown(dep, VERSION, version, "Model version")
        elif version is None or (isinstance(version, str) and not version.strip()):
            model = show(dep.get("properties.model.name", "?"))
            yield Finding.at(dep, VERSION, f"Model deployment '{show(dep.name)}' does not pin the version of '{model}'")
        if dep.api_version is None or dep.api_version[:10] >= UPGRADE_SINCE:
            yield from _upgrade(graph, dep, settings)
