"""API Management API in front of a model endpoint enforces no token limit.

For every API Management API whose calls reach a model endpoint (its `serviceUrl`, or a
`set-backend-service backend-id` in its policies, names an Azure OpenAI / AI Services / ML
inference endpoint or a backend pool of them; an API whose service URL and policy are both unknown,
in a deployment with model endpoints, may reach one and can only be inconclusive), looks for an `azure-openai-token-limit` or
`llm-token-limit` element in a policy that applies to it: the API's policy
(`service/apis/policies`), its operations' policies, the policies of the service's products, or
the global policy (`service/policies`); azurerm `azurerm_api_management_api_policy`,
`_api_operation_policy`, `_product_policy`, `_policy` `xml_content`. A policy given by link
(`xml-link`, azurerm `xml_link`) or by an expression that cannot be evaluated
(`loadTextContent` of a file outside the scan) gives an inconclusive result.

## Why is this bad?
Model deployments have tokens-per-minute quotas shared by every client. Without a token limit at
the gateway one consumer can exhaust the quota and throttle all others, and scale-out plans hit
limits nobody enforced (G4, G28).

## Example
```bicep
resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2023-05-01-preview' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: '<policies><inbound><base /><set-backend-service backend-id="openai" /></inbound><backend><base /></backend><outbound><base /></outbound></policies>'
  }
}
```
```json
{
  "type": "Microsoft.ApiManagement/service/apis/policies",
  "apiVersion": "2023-05-01-preview",
  "name": "apim-example/openai/policy",
  "properties": {
    "format": "rawxml",
    "value": "<policies><inbound><base /><set-backend-service backend-id=\"openai\" /></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
  }
}
```
```hcl
resource "azurerm_api_management_api_policy" "openai" {
  api_name            = azurerm_api_management_api.openai.name
  api_management_name = azurerm_api_management.apim.name
  xml_content         = "<policies><inbound><base /><set-backend-service backend-id=\"openai\" /></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
}
```

## Use instead
```bicep
resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2023-05-01-preview' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: '<policies><inbound><base /><set-backend-service backend-id="openai" /><azure-openai-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="5000" estimate-prompt-tokens="false" /></inbound><backend><base /></backend><outbound><base /></outbound></policies>'
  }
}
```
```json
{
  "type": "Microsoft.ApiManagement/service/apis/policies",
  "apiVersion": "2023-05-01-preview",
  "name": "apim-example/openai/policy",
  "properties": {
    "format": "rawxml",
    "value": "<policies><inbound><base /><set-backend-service backend-id=\"openai\" /><azure-openai-token-limit counter-key=\"@(context.Subscription.Id)\" tokens-per-minute=\"5000\" estimate-prompt-tokens=\"false\" /></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
  }
}
```
```hcl
resource "azurerm_api_management_api_policy" "openai" {
  api_name            = azurerm_api_management_api.openai.name
  api_management_name = azurerm_api_management.apim.name
  xml_content         = "<policies><inbound><base /><set-backend-service backend-id=\"openai\" /><azure-openai-token-limit counter-key=\"@(context.Subscription.Id)\" tokens-per-minute=\"5000\" estimate-prompt-tokens=\"false\" /></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
}
```

## References
- https://learn.microsoft.com/azure/api-management/azure-openai-token-limit-policy
- https://learn.microsoft.com/azure/api-management/llm-token-limit-policy
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.general._common import ai_apis, name_of, policy_text, scope_policies, undecided_policy

TOKEN_LIMIT = re.compile(r"<\s*(?:azure-openai|llm)-token-limit\b", re.IGNORECASE)


@policy(id="GEN005", name="apim-ai-api-without-token-limit", severity="warning", doc=__doc__, guidance=("G4", "G28"))
def check(graph: Graph) -> Iterator[Finding]:
    for api, _certain in ai_apis(graph):
        texts = [(item, policy_text(item)) for item in scope_policies(graph, api)]
        if any(isinstance(text, str) and TOKEN_LIMIT.search(text) for _, text in texts):
            continue
        unknown = [(item, text) for item, text in texts if isinstance(text, Expr)]
        what = f"API '{name_of(api)}'"
        if unknown:
            item, text = unknown[0]
            yield undecided_policy(api, item, text, f"Whether {what} has a token limit")
        else:
            yield Finding.at(api, "", f"{what} reaches a model endpoint without a token-limit policy")
