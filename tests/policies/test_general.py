"""General and governance policies on shapes the fixtures do not show: symbolic regions, settings,
gateways reached through modules, token-metric dimensions."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from linter.config import Config, from_data
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.general import (
    ai_endpoint_without_gateway,
    ai_workload_multiple_regions,
    cognitive_deployment_global_processing,
    resource_region_not_allowed,
)
from policies.general._common import region_key
from policies.governance import ai_resource_chargeback_tags_missing, apim_ai_token_metrics_missing


def run(
    item: Policy, tmp_path: Path, files: Mapping[str, str], settings: Mapping[str, Any] | None = None
) -> list[Finding]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = from_data({"select": [item.id], "settings": dict(settings)}) if settings else Config(select=(item.id,))
    report = lint([tmp_path], config, LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")], report.findings
    return [f for f in report.findings if f.policy == item.id]


WORKSPACE_WITH_STORAGE = """
param location string = resourceGroup().location
param storageLocation string = {storage}
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {{
  name: 'st'
  location: storageLocation
  kind: 'StorageV2'
  sku: {{ name: 'Standard_ZRS' }}
  tags: {tags}
}}
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {{
  name: 'mlw'
  location: location
  properties: {{ storageAccount: st.id }}
}}
"""


def test_same_symbolic_region_passes(tmp_path: Path) -> None:
    text = WORKSPACE_WITH_STORAGE.format(storage="location", tags="{}")
    assert run(ai_workload_multiple_regions.check, tmp_path, {"main.bicep": text}) == []


def test_literal_against_symbolic_region_is_inconclusive(tmp_path: Path) -> None:
    text = WORKSPACE_WITH_STORAGE.format(storage="'eastus'", tags="{}")
    found = run(ai_workload_multiple_regions.check, tmp_path, {"main.bicep": text})
    assert [(f.resource, f.path, f.outcome) for f in found] == [("st", "location", "inconclusive")]
    assert "resourceGroup().location" in found[0].message


def test_unknown_exempt_tag_is_inconclusive(tmp_path: Path) -> None:
    text = "param tags object\n" + WORKSPACE_WITH_STORAGE.format(storage="'eastus'", tags="tags").replace(
        "location: location\n", "location: 'westeurope'\n"
    )
    found = run(ai_workload_multiple_regions.check, tmp_path, {"main.bicep": text})
    assert [(f.resource, f.path, f.outcome) for f in found] == [("st", "tags", "inconclusive")]


def test_region_exempt_type_is_ignored(tmp_path: Path) -> None:
    text = WORKSPACE_WITH_STORAGE.format(storage="'eastus'", tags="{}")
    text = text.replace("location: location\n", "location: 'westeurope'\n")
    settings = {"region_exempt_types": ["Microsoft.Storage/storageAccounts"]}
    assert run(ai_workload_multiple_regions.check, tmp_path, {"main.bicep": text}, settings) == []


def test_region_keys() -> None:
    assert region_key("West Europe") == region_key("westeurope") == ("literal", "westeurope")
    assert region_key(42) is None


def test_allowed_regions_not_configured_is_silent(tmp_path: Path) -> None:
    text = WORKSPACE_WITH_STORAGE.format(storage="'eastus'", tags="{}")
    assert run(resource_region_not_allowed.check, tmp_path, {"main.bicep": text}) == []
    found = run(resource_region_not_allowed.check, tmp_path, {"main.bicep": text}, {"allowed_regions": ["East US"]})
    assert [(f.resource, f.outcome) for f in found] == [("ws", "inconclusive")]


DEPLOYMENT = """
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {{
  name: 'aoai'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {{ name: 'S0' }}
}}
resource d 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {{
  parent: aoai
  name: 'gpt'
  sku: {{ name: '{sku}', capacity: 1 }}
}}
"""


def test_processing_scope_setting(tmp_path: Path) -> None:
    check = cognitive_deployment_global_processing.check
    zone = {"main.bicep": DEPLOYMENT.format(sku="DataZoneStandard")}
    assert run(check, tmp_path / "a", zone) == []
    assert len(run(check, tmp_path / "b", zone, {"data_processing_scope": "region"})) == 1
    world = {"main.bicep": DEPLOYMENT.format(sku="GlobalStandard")}
    assert run(check, tmp_path / "c", world, {"data_processing_scope": "global"}) == []


def test_gateway_through_module_output(tmp_path: Path) -> None:
    files = {
        "main.bicep": """
module ai 'ai.bicep' = {
  name: 'ai'
}
resource apim 'Microsoft.ApiManagement/service@2023-05-01-preview' existing = {
  name: 'apim'
}
resource backend 'Microsoft.ApiManagement/service/backends@2023-05-01-preview' = {
  parent: apim
  name: 'openai'
  properties: {
    protocol: 'http'
    url: ai.outputs.endpoint
  }
}
""",
        "ai.bicep": """
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
}
output endpoint string = aoai.properties.endpoint
""",
    }
    assert run(ai_endpoint_without_gateway.check, tmp_path, files) == []


def test_chargeback_tags_compare_keys_case_insensitively(tmp_path: Path) -> None:
    text = """
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'cr'
  location: 'swedencentral'
  sku: { name: 'Premium' }
  tags: { TEAM: 'a' }
}
"""
    check = ai_resource_chargeback_tags_missing.check
    assert run(check, tmp_path / "a", {"main.bicep": text}, {"required_tags": ["team"]}) == []
    found = run(check, tmp_path / "b", {"main.bicep": text}, {"required_tags": ["team", "owner"]})
    assert [f.message for f in found] == ["Container registry 'cr' lacks required tags: owner"]


def test_token_metric_dimensions() -> None:
    dims = apim_ai_token_metrics_missing._dimensions
    text = (
        '<policies><inbound><llm-emit-token-metric namespace="ai">'
        '<dimension name="API ID" />\n<dimension name="Subscription ID" value="@(context.Subscription.Id)" />'
        "</llm-emit-token-metric></inbound></policies>"
    )
    assert dims(text) == {"api id", "subscription id"}
    assert dims('<azure-openai-emit-token-metric namespace="x" />') == set()
    assert dims("<policies />") is None


def test_one_inconclusive_per_unknown_region(tmp_path: Path) -> None:
    text = WORKSPACE_WITH_STORAGE.format(storage="location", tags="{}")
    found = run(resource_region_not_allowed.check, tmp_path, {"main.bicep": text}, {"allowed_regions": ["eastus"]})
    assert [(f.resource, f.outcome) for f in found] == [("st", "inconclusive")]
    assert "and 1 more resource cannot be evaluated" in found[0].message
