"""Provisioned model deployment of a critical workload has nowhere to send traffic beyond its capacity.

Checks `Microsoft.CognitiveServices/accounts/deployments` whose `sku.name` is
`ProvisionedManaged`, `GlobalProvisionedManaged` or `DataZoneProvisionedManaged`, in an account
of a high-criticality workload (its `criticality_tag` in `high_criticality_values`, or, without
it, its `environment_tag` in `prod_values`). It passes when either
`properties.spilloverDeploymentName` (API version 2024-10-01 and later; azurerm has no argument
for it, use `azapi_resource`) names a Standard, GlobalStandard or DataZoneStandard deployment of
the same model in the same account, or an API Management backend pool (`properties.type`
`Pool`) with at least two `properties.pool.services` includes a backend that sends to the
account (azapi for Terraform).

## Why is this bad?
A provisioned deployment has a fixed throughput; traffic above it is rejected with 429 errors.
The guidance for critical workloads combines the provisioned base load with burst capacity
elsewhere — spillover to a standard deployment, or a gateway pool of several deployments (G28, G29).

## Example
```bicep
resource ptu 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: aoai  // tagged criticality: high
  name: 'gpt-4o-ptu'
  sku: { name: 'ProvisionedManaged', capacity: 100 }
  properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts/deployments",
  "apiVersion": "2024-10-01",
  "name": "aoai-example/gpt-4o-ptu",
  "sku": {"name": "ProvisionedManaged", "capacity": 100},
  "properties": {"model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}}
}
```
```hcl
resource "azurerm_cognitive_deployment" "ptu" {
  name                 = "gpt-4o-ptu"
  cognitive_account_id = azurerm_cognitive_account.aoai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "ProvisionedManaged"
    capacity = 100
  }
}
```

## Use instead
```bicep
resource ptu 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: aoai
  name: 'gpt-4o-ptu'
  sku: { name: 'ProvisionedManaged', capacity: 100 }
  properties: {
    model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' }
    spilloverDeploymentName: 'gpt-4o-paygo'
  }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts/deployments",
  "apiVersion": "2024-10-01",
  "name": "aoai-example/gpt-4o-ptu",
  "sku": {"name": "ProvisionedManaged", "capacity": 100},
  "properties": {
    "model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"},
    "spilloverDeploymentName": "gpt-4o-paygo"
  }
}
```
```hcl
resource "azapi_resource" "ptu" {
  type      = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"
  name      = "gpt-4o-ptu"
  parent_id = azurerm_cognitive_account.aoai.id
  body = {
    sku = { name = "ProvisionedManaged", capacity = 100 }
    properties = {
      model                   = { format = "OpenAI", name = "gpt-4o", version = "2024-08-06" }
      spilloverDeploymentName = "gpt-4o-paygo"
    }
  }
}
```

## References
- https://learn.microsoft.com/azure/ai-services/openai/how-to/spillover-traffic-management
- https://learn.microsoft.com/azure/api-management/backends#load-balanced-pool
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import is_critical
from policies.general._common import BACKENDS, mentions, name_of, pool_members, short_name

DEPLOYMENT = "Microsoft.CognitiveServices/accounts/deployments"
PROVISIONED = ("provisionedmanaged", "globalprovisionedmanaged", "datazoneprovisionedmanaged")
STANDARD = ("standard", "globalstandard", "datazonestandard")
SPILLOVER = "properties.spilloverDeploymentName"
TARGETS = ("properties.url", "properties.resourceId")


def _pooled(graph: Graph, account: Resource) -> bool:
    for pool in graph.of_type(BACKENDS):
        kind = pool.get("properties.type")
        items = [item for _, item in pool.each("properties.pool.services[*].id")]
        if not (isinstance(kind, str) and kind.lower() == "pool" and len(items) >= 2):
            continue
        members = [m for item in items for m in pool_members(graph, pool, item)]
        if any(mentions(m.get(path), account, graph) for m in members for path in TARGETS):
            return True
    return False


def _spillover(graph: Graph, ptu: Resource, account: Resource, target: str) -> bool:
    model = ptu.get("properties.model.name")
    for sibling in graph.children(account, DEPLOYMENT):
        sku = sibling.get("sku.name", "Standard")
        if short_name(sibling).lower() == target.lower() and isinstance(sku, str) and sku.lower() in STANDARD:
            return sibling.get("properties.model.name") == model
    return False


@policy(id="GEN006", name="cognitive-ptu-without-overflow", severity="note", doc=__doc__, guidance=("G28", "G29"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for ptu in graph.of_type(DEPLOYMENT):
        sku, account = ptu.get("sku.name"), graph.parent(ptu)
        if ptu.existing or account is None or not (isinstance(sku, str) and sku.lower() in PROVISIONED):
            continue
        critical = is_critical(account, settings)
        if isinstance(critical, Expr):
            yield Finding.unknown(ptu, "", critical, f"The criticality of account '{name_of(account)}'")
            continue
        if not critical or _pooled(graph, account):
            continue
        target = ptu.get(SPILLOVER)
        if isinstance(target, Expr):
            yield Finding.unknown(ptu, SPILLOVER, target, "spilloverDeploymentName")
        elif not (isinstance(target, str) and _spillover(graph, ptu, account, target)):
            shown = f"'{target}' is not a standard deployment of the same model" if target else "not set"
            message = f"Provisioned deployment '{name_of(ptu)}' ({sku}) has no overflow capacity"
            yield Finding.at(ptu, SPILLOVER, f"{message} (spilloverDeploymentName {shown})")
