"""Container registry holding model images is reachable from public networks or lacks a working private endpoint.

Checks `Microsoft.ContainerRegistry/registries`: `sku.name` must be `Premium` (the only tier
with private endpoints and network rules); `properties.publicNetworkAccess` must be `Disabled`
(absent: `Enabled`) or `properties.networkRuleSet.defaultAction` `Deny` (absent: `Allow`;
`networkRuleBypassOptions: AzureServices` is accepted); and a private endpoint with group id
`registry` must reach it, with a private DNS zone group or a `privatelink.azurecr.*` zone (or a
managed private endpoint of an ML workspace's managed network: a `PrivateEndpoint` outbound rule,
or the workspace's own registry while `managedNetwork.isolationMode` is on).
azurerm: `sku`, `public_network_access_enabled` (default `true`),
`network_rule_set.default_action` (default `Allow`), `azurerm_private_endpoint` with
`subresource_names = ["registry"]`.

## Why is this bad?
Hosts pull model and serving images from the registry; a public registry is a path to
tamper with or exfiltrate them. The guidance asks for private network access to the central
repositories of container images (G12) and private networking on the hosting platform (G25).

## Example
```bicep
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crexample'
  location: 'swedencentral'
  sku: { name: 'Basic' }
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}
```
```json
{
  "type": "Microsoft.ContainerRegistry/registries",
  "apiVersion": "2023-07-01",
  "name": "crexample",
  "sku": {"name": "Premium"},
  "properties": {"publicNetworkAccess": "Enabled"}
}
```
```hcl
resource "azurerm_container_registry" "acr" {
  name                          = "crexample"
  sku                           = "Premium"
  public_network_access_enabled = true
  # ...
}
```

## Use instead
```bicep
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crexample'
  location: 'swedencentral'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: 'pe-crexample'
  location: 'swedencentral'
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      { name: 'registry', properties: { privateLinkServiceId: acr.id, groupIds: [ 'registry' ] } }
    ]
  }
}

resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: pe
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [ { name: 'acr', properties: { privateDnsZoneId: zoneId } } ]
  }
}
```
```json
{
  "type": "Microsoft.ContainerRegistry/registries",
  "apiVersion": "2023-07-01",
  "name": "crexample",
  "sku": {"name": "Premium"},
  "properties": {"publicNetworkAccess": "Disabled"}
}
```
```hcl
resource "azurerm_container_registry" "acr" {
  name                          = "crexample"
  sku                           = "Premium"
  public_network_access_enabled = false
  # ...
}

resource "azurerm_private_endpoint" "acr" {
  name      = "pe-crexample"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id]
  }
  # ...
}
```

## References
- https://learn.microsoft.com/azure/container-registry/container-registry-private-link
- https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.network._common import (
    display,
    managed_private_endpoint,
    private_endpoint_findings,
    public_access_findings,
)

REGISTRY = "Microsoft.ContainerRegistry/registries"
SKU = "sku.name"
ACL = "properties.networkRuleSet.defaultAction"
LABEL = "Container registry"


@policy(id="NET009", name="container-registry-not-private", severity="error", doc=__doc__, guidance=("G12", "G25"))
def check(graph: Graph) -> Iterator[Finding]:
    for acr in graph.of_type(REGISTRY):
        if acr.existing:
            continue
        sku = acr.get(SKU)
        if isinstance(sku, Expr):
            yield Finding.unknown(acr, SKU, sku, f"SKU of {LABEL.lower()} '{display(acr)}'")
            continue
        if not isinstance(sku, str) or sku.lower() != "premium":
            yield Finding.at(acr, SKU, f"{LABEL} '{display(acr)}' has SKU '{sku or 'none'}', which allows "
                             "neither private endpoints nor network rules")
            continue
        yield from public_access_findings(acr, LABEL, ACL)
        if managed_private_endpoint(graph, acr) is None:
            yield from private_endpoint_findings(graph, acr, LABEL)
