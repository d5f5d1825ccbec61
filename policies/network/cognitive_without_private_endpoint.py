"""Azure OpenAI / AI Services account has no working private endpoint.

Checks that every `Microsoft.CognitiveServices/accounts` resource (all kinds; OpenAI and AIServices above
all) is the target of a `Microsoft.Network/privateEndpoints` connection with group id `account`, and that
the endpoint has a private DNS zone group or a `privatelink.openai.azure.com`,
`privatelink.cognitiveservices.azure.com` or `privatelink.services.ai.azure.com` zone in the same
deployment. An endpoint whose target or group ids are unknown makes the result inconclusive. azurerm:
`azurerm_private_endpoint` with `private_service_connection.subresource_names = ["account"]` and a
`private_dns_zone_group` block.

## Why is this bad?
Without a private endpoint, applications call the model endpoint over the internet (or cannot call it
once public access is disabled); without the DNS zone the account name keeps resolving to its public
address. The guidance asks for private networking of the hosting platform (G25) and private access to the
central resources that process production data (G12).

## Example
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { customSubDomainName: 'aoai-example', publicNetworkAccess: 'Disabled' }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts",
  "apiVersion": "2024-10-01",
  "name": "aoai-example",
  "location": "swedencentral",
  "kind": "OpenAI",
  "sku": { "name": "S0" },
  "properties": { "customSubDomainName": "aoai-example", "publicNetworkAccess": "Disabled" }
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                          = "aoai-example"
  location                      = "swedencentral"
  resource_group_name           = "rg-ai"
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "aoai-example"
  public_network_access_enabled = false
}
```

## Use instead
```bicep
resource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: 'pe-aoai-example'
  location: 'swedencentral'
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      { name: 'aoai', properties: { privateLinkServiceId: aoai.id, groupIds: [ 'account' ] } }
    ]
  }
}

resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: pe
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [ { name: 'openai', properties: { privateDnsZoneId: openaiZone.id } } ]
  }
}
```
```json
{
  "type": "Microsoft.Network/privateEndpoints",
  "apiVersion": "2023-11-01",
  "name": "pe-aoai-example",
  "location": "swedencentral",
  "properties": {
    "subnet": { "id": "[parameters('subnetId')]" },
    "privateLinkServiceConnections": [
      {
        "name": "aoai",
        "properties": {
          "privateLinkServiceId": "[resourceId('Microsoft.CognitiveServices/accounts', 'aoai-example')]",
          "groupIds": [ "account" ]
        }
      }
    ]
  }
}
```
plus a `Microsoft.Network/privateEndpoints/privateDnsZoneGroups` resource named `pe-aoai-example/default`.
```hcl
resource "azurerm_private_endpoint" "pe" {
  name                = "pe-aoai-example"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "aoai"
    private_connection_resource_id = azurerm_cognitive_account.aoai.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.openai.id]
  }
}
```

## References
- https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks
- https://learn.microsoft.com/azure/private-link/private-endpoint-dns
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Finding, Graph, policy
from policies.network._common import private_endpoint_findings

ACCOUNT = "Microsoft.CognitiveServices/accounts"
KIND = "kind"


@policy(id="NET007", name="cognitive-without-private-endpoint", severity="error", doc=__doc__, guidance=("G12", "G25"))
def check(graph: Graph) -> Iterator[Finding]:
    for account in graph.of_type(ACCOUNT):
        if account.existing:
            continue
        kind = account.get(KIND)
        label = f"{kind} account" if isinstance(kind, str) else "Cognitive Services account"
        yield from private_endpoint_findings(graph, account, label)
