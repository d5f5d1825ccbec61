"""AI inference endpoint is not fronted by an API Management gateway.

For every Azure OpenAI / AI Services account (`Microsoft.CognitiveServices/accounts` of kind
`OpenAI` or `AIServices`; azurerm `azurerm_cognitive_account`, `azurerm_ai_services`) and every
ML online or serverless endpoint (azapi only) declared in the deployment, looks for an API
Management backend (`service/backends` `properties.url` or `properties.resourceId`; azurerm
`azurerm_api_management_backend` `url`, `resource_id`) or API (`service/apis`
`properties.serviceUrl`; azurerm `service_url`) that names it: by reference, by resource id, or
by host (`<customSubDomainName>.openai.azure.com`, `.cognitiveservices.azure.com`,
`.services.ai.azure.com`, `<endpoint>.<region>.inference.ml.azure.com`). A backend or API whose
URL cannot be evaluated makes the result inconclusive.

## Why is this bad?
Model endpoints are APIs like any other: behind a gateway they get one place for
authentication, quotas, token accounting, routing and safe rollout. Called directly, each client
holds the endpoint and its limits (G6). Pair this with the network policies so the endpoint cannot
be reached around the gateway.

## Example
```bicep
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { customSubDomainName: 'aoai-example' }
}
```
```json
{
  "type": "Microsoft.CognitiveServices/accounts",
  "apiVersion": "2024-10-01",
  "name": "aoai-example",
  "location": "swedencentral",
  "kind": "OpenAI",
  "sku": {"name": "S0"},
  "properties": {"customSubDomainName": "aoai-example"}
}
```
```hcl
resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-example"
  location              = "swedencentral"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-example"
}
```

## Use instead
```bicep
resource backend 'Microsoft.ApiManagement/service/backends@2023-05-01-preview' = {
  parent: apim
  name: 'openai'
  properties: {
    protocol: 'http'
    url: '${aoai.properties.endpoint}openai'
  }
}
```
```json
{
  "type": "Microsoft.ApiManagement/service/backends",
  "apiVersion": "2023-05-01-preview",
  "name": "apim-example/openai",
  "properties": {"protocol": "http", "url": "https://aoai-example.openai.azure.com/openai"}
}
```
```hcl
resource "azurerm_api_management_backend" "openai" {
  name                = "openai"
  api_management_name = azurerm_api_management.apim.name
  protocol            = "http"
  url                 = "${azurerm_cognitive_account.aoai.endpoint}openai"
}
```

## References
- https://learn.microsoft.com/azure/api-management/genai-gateway-capabilities
- https://learn.microsoft.com/azure/architecture/ai-ml/guide/azure-openai-gateway-guide
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Finding, Graph, policy
from policies.general._common import ai_endpoints, compact, fronting, name_of, undecided


@policy(id="GEN004", name="ai-endpoint-without-gateway", severity="warning", doc=__doc__, guidance=("G6",))
def check(graph: Graph) -> Iterator[Finding]:
    unknown = list(undecided(graph))
    for endpoint in ai_endpoints(graph):
        if next(fronting(graph, endpoint), None) is not None:
            continue
        what = f"{endpoint.type} '{name_of(endpoint)}'"
        if unknown:
            item, _, value = unknown[0]
            yield Finding.unknown(endpoint, "", compact(value), f"Whether {what} is fronted by '{name_of(item)}'")
        else:
            yield Finding.at(endpoint, "", f"{what} is not fronted by an API Management backend or API")
