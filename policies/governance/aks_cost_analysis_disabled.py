"""AKS cluster does not enable cost analysis, so its cost cannot be split by namespace and workload.

Checks `Microsoft.ContainerService/managedClusters`: `properties.metricsProfile.costAnalysis.enabled`
must be `true` (absent means the service default, `false`; azurerm's `cost_analysis_enabled`
defaults to `false`), and cost analysis needs `sku.tier` `Standard` or `Premium` (absent means
`Free`; azurerm's `sku_tier` defaults to `Free`). The property exists from API version
2024-02-01 (stable); an older API version cannot set it, which this policy still reports.

## Why is this bad?
A cluster shared by several teams needs its cost attributable per team and workload; AKS cost
analysis adds namespace and deployment detail to Cost Management, which a chargeback model
relies on (G23).

## Example
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-shared'
  location: 'swedencentral'
  sku: { name: 'Base', tier: 'Free' }
  properties: {}
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-02-01",
  "name": "aks-shared",
  "location": "swedencentral",
  "sku": {"name": "Base", "tier": "Free"},
  "properties": {}
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name       = "aks-shared"
  location   = "swedencentral"
  dns_prefix = "aks-shared"
  sku_tier   = "Free"
}
```

## Use instead
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-shared'
  location: 'swedencentral'
  sku: { name: 'Base', tier: 'Standard' }
  properties: {
    metricsProfile: { costAnalysis: { enabled: true } }
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-02-01",
  "name": "aks-shared",
  "location": "swedencentral",
  "sku": {"name": "Base", "tier": "Standard"},
  "properties": {"metricsProfile": {"costAnalysis": {"enabled": true}}}
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name                  = "aks-shared"
  location              = "swedencentral"
  dns_prefix            = "aks-shared"
  sku_tier              = "Standard"
  cost_analysis_enabled = true
}
```

## References
- https://learn.microsoft.com/azure/aks/cost-analysis
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.general._common import name_of

AKS = "Microsoft.ContainerService/managedClusters"
ENABLED = "properties.metricsProfile.costAnalysis.enabled"
TIER = "sku.tier"
PAID_TIERS = ("standard", "premium")


@policy(id="GOV002", name="aks-cost-analysis-disabled", severity="note", doc=__doc__, guidance=("G23",))
def check(graph: Graph) -> Iterator[Finding]:
    for aks in graph.of_type(AKS):
        if aks.existing:
            continue
        enabled = aks.get(ENABLED, False)
        if isinstance(enabled, Expr):
            yield Finding.unknown(aks, ENABLED, enabled, "costAnalysis.enabled")
            continue
        if enabled is not True:
            where = "not set, service default false" if not aks.has(ENABLED) else f"{enabled!r}".lower()
            message = f"AKS cluster '{name_of(aks)}' has cost analysis disabled (enabled is {where})"
            yield Finding.at(aks, ENABLED, message)
            continue
        tier = aks.get(TIER, "Free")
        if isinstance(tier, Expr):
            yield Finding.unknown(aks, TIER, tier, "sku.tier")
        elif not isinstance(tier, str) or tier.lower() not in PAID_TIERS:
            where = "not set, service default Free" if not aks.has(TIER) else f"'{tier}'"
            message = f"AKS cluster '{name_of(aks)}' enables cost analysis on a tier without it (sku.tier is {where})"
            yield Finding.at(aks, TIER, message)
