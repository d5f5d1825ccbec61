"""API Management API in front of a model endpoint emits no per-consumer token-usage metrics.

For every API Management API whose calls reach a model endpoint (see GEN005 for how it is found),
looks for an `azure-openai-emit-token-metric` or `llm-emit-token-metric` element with at least one
`dimension` named in the `token_metric_dimensions` setting (default `Subscription ID`), in a policy
that applies to the API (its own, its operations', its service's products', or the global policy;
azurerm `xml_content` of the matching policy resources). The API Management service must also
have an Application Insights logger (`service/loggers` `properties.loggerType`
`applicationInsights`; azurerm `azurerm_api_management_logger` with an `application_insights`
block), where the metrics go. Linked or unevaluated policy documents give an inconclusive result.

## Why is this bad?
A shared model gateway serves many teams. Without token counts per subscription (or another
consumer dimension) the platform cannot tell who used what, so model cost cannot be charged
back to teams and workloads (G23).

## Example
```bicep
resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2023-05-01-preview' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: '<policies><inbound><base /><azure-openai-emit-token-metric namespace="openai"><dimension name="API ID" /></azure-openai-emit-token-metric></inbound><backend><base /></backend><outbound><base /></outbound></policies>'
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
    "value": "<policies><inbound><base /><azure-openai-emit-token-metric namespace=\"openai\"><dimension name=\"API ID\" /></azure-openai-emit-token-metric></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
  }
}
```
```hcl
resource "azurerm_api_management_api_policy" "openai" {
  api_name            = azurerm_api_management_api.openai.name
  api_management_name = azurerm_api_management.apim.name
  xml_content         = "<policies><inbound><base /><azure-openai-emit-token-metric namespace=\"openai\"><dimension name=\"API ID\" /></azure-openai-emit-token-metric></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
}
```

## Use instead
```bicep
resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2023-05-01-preview' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: '<policies><inbound><base /><azure-openai-emit-token-metric namespace="openai"><dimension name="Subscription ID" /><dimension name="API ID" /></azure-openai-emit-token-metric></inbound><backend><base /></backend><outbound><base /></outbound></policies>'
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
    "value": "<policies><inbound><base /><azure-openai-emit-token-metric namespace=\"openai\"><dimension name=\"Subscription ID\" /><dimension name=\"API ID\" /></azure-openai-emit-token-metric></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
  }
}
```
```hcl
resource "azurerm_api_management_api_policy" "openai" {
  api_name            = azurerm_api_management_api.openai.name
  api_management_name = azurerm_api_management.apim.name
  xml_content         = "<policies><inbound><base /><azure-openai-emit-token-metric namespace=\"openai\"><dimension name=\"Subscription ID\" /><dimension name=\"API ID\" /></azure-openai-emit-token-metric></inbound><backend><base /></backend><outbound><base /></outbound></policies>"
}
```

## References
- https://learn.microsoft.com/azure/api-management/azure-openai-emit-token-metric-policy
- https://learn.microsoft.com/azure/api-management/llm-emit-token-metric-policy
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.general._common import ai_apis, name_of, policy_text, scope_policies, service_of, undecided_policy

EMIT = re.compile(
    r"<\s*(?:azure-openai|llm)-emit-token-metric\b[^>]*?(?:/>|>(.*?)</\s*(?:azure-openai|llm)-emit-token-metric\s*>)",
    re.IGNORECASE | re.DOTALL,
)
DIMENSION = re.compile(r"<\s*dimension\b[^>]*\bname\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
LOGGERS = "Microsoft.ApiManagement/service/loggers"
LOGGER_TYPE = "properties.loggerType"


def _dimensions(text: str) -> set[str] | None:
    """Dimension names of the emit-token-metric elements; None when there is none."""
    found = EMIT.findall(text)
    return {d.lower() for body in found for d in DIMENSION.findall(body)} if found else None


def _logger(graph: Graph, service: Resource) -> Iterator[Finding]:
    kinds = [logger.get(LOGGER_TYPE) for logger in graph.children(service, LOGGERS)]
    if any(isinstance(k, str) and k.lower() == "applicationinsights" for k in kinds):
        return
    unknown = next((k for k in kinds if isinstance(k, Expr)), None)
    what = f"API Management service '{name_of(service)}'"
    if unknown is not None:
        yield Finding.unknown(service, "", unknown, f"Whether {what} has an Application Insights logger")
    else:
        yield Finding.at(service, "", f"{what} has no Application Insights logger to receive token metrics")


@policy(id="GOV003", name="apim-ai-token-metrics-missing", severity="warning", doc=__doc__, guidance=("G23",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    wanted = {d.lower() for d in settings["token_metric_dimensions"]}
    services: dict[str, Resource] = {}
    for api, certain in ai_apis(graph):
        service = service_of(graph, api)
        if certain and service is not None and not service.existing:
            services.setdefault(service.address, service)
        texts = [(item, policy_text(item)) for item in scope_policies(graph, api)]
        found = [_dimensions(text) for _, text in texts if isinstance(text, str)]
        if any(dims is not None and (dims & wanted or not wanted) for dims in found):
            continue
        unknown = [(item, text) for item, text in texts if isinstance(text, Expr)]
        what = f"API '{name_of(api)}'"
        if unknown:
            yield undecided_policy(api, unknown[0][0], unknown[0][1], f"Whether {what} emits token metrics")
        elif any(dims is not None for dims in found):
            shown = ", ".join(sorted(settings["token_metric_dimensions"]))
            yield Finding.at(api, "", f"{what} emits token metrics without a consumer dimension ({shown})")
        else:
            yield Finding.at(api, "", f"{what} reaches a model endpoint without emitting token-usage metrics")
    for service in services.values():
        yield from _logger(graph, service)
