"""Model deployment may process data outside the geography that data residency allows.

Checks `Microsoft.CognitiveServices/accounts/deployments` `sku.name` (azurerm
`azurerm_cognitive_deployment` `sku[0].name`) against the `data_processing_scope` setting:
`datazone` (default) reports the Global deployment types (`GlobalStandard`,
`GlobalProvisionedManaged`, `GlobalBatch`), `region` also reports the Data Zone types
(`DataZoneStandard`, `DataZoneProvisionedManaged`, `DataZoneBatch`), `global` turns the policy
off. A deployment without `sku` is a regional Standard deployment.

## Why is this bad?
Global deployment types may process prompts and completions in any Azure region, Data Zone types
anywhere inside the data zone (US or EU). Data-residency rules decide where data may be processed;
the deployment type must respect them (G2).

## Example
```bicep
resource gpt 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: aoai
  name: 'gpt-4o'
  sku: { name: 'GlobalStandard', capacity: 10 }
  properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts/deployments",
  "apiVersion": "2024-10-01",
  "name": "aoai-example/gpt-4o",
  "sku": {"name": "GlobalStandard", "capacity": 10},
  "properties": {"model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}}
}
```
```hcl
resource "azurerm_cognitive_deployment" "gpt" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.aoai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "GlobalStandard"
    capacity = 10
  }
}
```

## Use instead
```bicep
resource gpt 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: aoai
  name: 'gpt-4o'
  sku: { name: 'DataZoneStandard', capacity: 10 }
  properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts/deployments",
  "apiVersion": "2024-10-01",
  "name": "aoai-example/gpt-4o",
  "sku": {"name": "DataZoneStandard", "capacity": 10},
  "properties": {"model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}}
}
```
```hcl
resource "azurerm_cognitive_deployment" "gpt" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.aoai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "DataZoneStandard"
    capacity = 10
  }
}
```

## References
- https://learn.microsoft.com/azure/ai-services/openai/how-to/deployment-types
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies.general._common import name_of

DEPLOYMENT = "Microsoft.CognitiveServices/accounts/deployments"
SKU = "sku.name"
GLOBAL = ("globalstandard", "globalprovisionedmanaged", "globalbatch")
DATA_ZONE = ("datazonestandard", "datazoneprovisionedmanaged", "datazonebatch")
FORBIDDEN = {"region": GLOBAL + DATA_ZONE, "datazone": GLOBAL, "global": ()}
WHERE = {"region": "outside the deployment's region", "datazone": "outside the data zone"}


@policy(id="GEN003", name="cognitive-deployment-global-processing", severity="error", doc=__doc__, guidance=("G2",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    scope = settings["data_processing_scope"]
    if not FORBIDDEN[scope]:
        return
    for deployment in graph.of_type(DEPLOYMENT):
        if deployment.existing:
            continue
        sku = deployment.get(SKU)
        if isinstance(sku, Expr):
            yield Finding.unknown(deployment, SKU, sku, "The deployment type (sku.name)")
        elif isinstance(sku, str) and sku.lower() in FORBIDDEN[scope]:
            message = f"Model deployment '{name_of(deployment)}' ({sku}) may process data {WHERE[scope]}"
            yield Finding.at(deployment, SKU, message)
