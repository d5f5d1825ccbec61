"""AKS cluster exposes its Kubernetes API server on a public endpoint open to any address.

Checks `Microsoft.ContainerService/managedClusters`: the API server is private when
`properties.apiServerAccessProfile.enablePrivateCluster` is `true`. A public API server
restricted to `properties.apiServerAccessProfile.authorizedIPRanges` is accepted as the
documented fallback. Absent, the service default is a public API server open to all
addresses; azurerm's `private_cluster_enabled` defaults to `false`.

## Why is this bad?
A cluster that self-hosts models is part of the hosting platform; its control plane
reachable from the whole internet relies on credentials alone. The guidance asks that
private networking protect the platform (G25).

## Example
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-ai'
  location: 'swedencentral'
  properties: {
    dnsPrefix: 'aks-ai'
    apiServerAccessProfile: {
      enablePrivateCluster: false
    }
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-02-01",
  "name": "aks-ai",
  "properties": {"dnsPrefix": "aks-ai", "apiServerAccessProfile": {"enablePrivateCluster": false}}
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name                    = "aks-ai"
  dns_prefix              = "aks-ai"
  private_cluster_enabled = false
  # ...
}
```

## Use instead
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-ai'
  location: 'swedencentral'
  properties: {
    dnsPrefix: 'aks-ai'
    apiServerAccessProfile: {
      enablePrivateCluster: true
    }
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-02-01",
  "name": "aks-ai",
  "properties": {"dnsPrefix": "aks-ai", "apiServerAccessProfile": {"enablePrivateCluster": true}}
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name                    = "aks-ai"
  dns_prefix              = "aks-ai"
  private_cluster_enabled = true
  # ...
}
```

## References
- https://learn.microsoft.com/azure/aks/private-clusters
- https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.network._common import display

CLUSTER = "Microsoft.ContainerService/managedClusters"
PRIVATE = "properties.apiServerAccessProfile.enablePrivateCluster"
RANGES = "properties.apiServerAccessProfile.authorizedIPRanges"


@policy(id="NET012", name="aks-public-api-server", severity="error", doc=__doc__, guidance=("G25",))
def check(graph: Graph) -> Iterator[Finding]:
    for aks in graph.of_type(CLUSTER):
        if aks.existing:
            continue
        private = aks.get(PRIVATE, False)
        if isinstance(private, Expr):
            yield Finding.unknown(aks, PRIVATE, private, "enablePrivateCluster")
            continue
        if private is True:
            continue
        ranges = aks.get(RANGES)
        if isinstance(ranges, Expr):
            yield Finding.unknown(aks, RANGES, ranges, "authorizedIPRanges")
        elif not ranges:
            where = "not set (service default false)" if not aks.has(PRIVATE) else str(private).lower()
            yield Finding.at(
                aks, PRIVATE, f"AKS cluster '{display(aks)}' has a public API server open to all addresses "
                f"(enablePrivateCluster is {where}, no authorizedIPRanges)"
            )
