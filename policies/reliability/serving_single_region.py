"""Mission-critical model serving, registry or gateway runs in a single region.

Applies only to resources whose criticality tag (setting `criticality_tag`) is `mission-critical`, on
the resource or its parent. Azure OpenAI / AI Services accounts (`Microsoft.CognitiveServices/accounts`
of kind `OpenAI` or `AIServices`) need another such account in a different region in the same
deployment (a failover target for the gateway or Front Door in front of them); container registries
need a replication (`registries/replications`, azurerm `georeplications`) in a region other than
their own; API Management services need `properties.additionalLocations` (azurerm
`additional_location`). Regions that cannot be evaluated make the result inconclusive; the symbolic
`resourceGroup().location` counts as one region.

## Why is this bad?
When the criticality requires it, the hosting platform uses availability zones or a multi-region
design (G24, G34). A mission-critical workload cannot survive a regional outage of its only model
account, image registry or gateway.

## Example
```bicep
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crinference'
  location: 'swedencentral'
  tags: { criticality: 'mission-critical' }
  sku: { name: 'Premium' }
  properties: { zoneRedundancy: 'Enabled' }
}
```
```json
{
  "type": "Microsoft.ContainerRegistry/registries",
  "apiVersion": "2023-07-01",
  "name": "crinference",
  "location": "swedencentral",
  "tags": {"criticality": "mission-critical"},
  "sku": {"name": "Premium"},
  "properties": {"zoneRedundancy": "Enabled"}
}
```
```hcl
resource "azurerm_container_registry" "acr" {
  name                    = "crinference"
  location                = "swedencentral"
  resource_group_name     = "rg-ai"
  sku                     = "Premium"
  zone_redundancy_enabled = true
  tags                    = { criticality = "mission-critical" }
}
```

## Use instead
```bicep
resource replica 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = {
  parent: acr
  name: 'germanywestcentral'
  location: 'germanywestcentral'
  properties: { zoneRedundancy: 'Enabled' }
}
```
```json
{
  "type": "Microsoft.ContainerRegistry/registries/replications",
  "apiVersion": "2023-07-01",
  "name": "crinference/germanywestcentral",
  "location": "germanywestcentral",
  "properties": {"zoneRedundancy": "Enabled"}
}
```
```hcl
resource "azurerm_container_registry" "acr" {
  name                    = "crinference"
  location                = "swedencentral"
  resource_group_name     = "rg-ai"
  sku                     = "Premium"
  zone_redundancy_enabled = true
  tags                    = { criticality = "mission-critical" }
  georeplications {
    location                = "germanywestcentral"
    zone_redundancy_enabled = true
  }
}
```

## References
- https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication
- https://learn.microsoft.com/azure/api-management/api-management-howto-deploy-multi-region
- https://learn.microsoft.com/azure/ai-services/openai/how-to/business-continuity-disaster-recovery
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.reliability._common import mission_critical, scoped, show

ACCOUNT = "Microsoft.CognitiveServices/accounts"
MODEL_KINDS = ("openai", "aiservices")
REGISTRY = "Microsoft.ContainerRegistry/registries"
REPLICA = "Microsoft.ContainerRegistry/registries/replications"
APIM = "Microsoft.ApiManagement/service"
EXTRA = "properties.additionalLocations"


def _region(value: Any) -> Any:
    return value.replace(" ", "").lower() if isinstance(value, str) else value


def _elsewhere(home: Any, others: Iterable[Any]) -> Any:
    """True when some other region differs from home, else the Expr that would decide it, else False."""
    unknown: Any = False
    for other in others:
        if isinstance(home, str) and isinstance(other, str):
            if _region(home) != _region(other):
                return True
        elif not (isinstance(home, Expr) and isinstance(other, Expr) and home == other) and unknown is False:
            unknown = home if isinstance(home, Expr) else other
    return unknown


def _single(res: Resource, label: str, verdict: Any) -> Iterator[Finding]:
    if isinstance(verdict, Expr):
        yield Finding.unknown(res, "location", verdict, f"Regions of {label} '{show(res.name)}'")
    elif verdict is False:
        text = f"Mission-critical {label} '{show(res.name)}' has no copy outside {show(res.location)}"
        yield Finding.at(res, "location", text)


def _findings(graph: Graph, res: Resource) -> Iterator[Finding]:
    if res.is_type(ACCOUNT):
        kind = res.get("kind")
        if isinstance(kind, str) and kind.lower() in MODEL_KINDS:
            peers = [
                a.location for a in graph.of_type(ACCOUNT) if a is not res and str(a.get("kind")).lower() in MODEL_KINDS
            ]
            yield from _single(res, "model account", _elsewhere(res.location, peers))
    elif res.is_type(REGISTRY):
        replicas = [r.location for r in graph.children(res, REPLICA)]
        yield from _single(res, "container registry", _elsewhere(res.location, replicas))
    else:
        extra = res.get(EXTRA)
        if isinstance(extra, Expr):
            yield Finding.unknown(res, EXTRA, extra, "additionalLocations")
        elif not extra:
            text = f"Mission-critical API Management service '{show(res.name)}' has no additional region"
            yield Finding.at(res, EXTRA, text)


@policy(id="REL004", name="serving-single-region", severity="warning", doc=__doc__, guidance=("G24", "G34"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for res in graph.of_type(ACCOUNT, REGISTRY, APIM):
        found = [] if res.existing else list(_findings(graph, res))
        if found:
            yield from scoped(mission_critical(graph, res, settings), found)
