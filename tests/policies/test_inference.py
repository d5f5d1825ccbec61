"""Inference policies on shapes the fixtures do not show: split endpoint declarations, image references."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.inference import inference_image_unpinned, ml_online_endpoint_traffic_inconsistent

ENDPOINT = """
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' existing = {{
  name: 'mlw'
}}
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {{
  parent: ws
  name: 'ep'
  location: 'swedencentral'
  properties: {{ authMode: 'AADToken' }}
}}
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {{
  parent: endpoint
  name: {blue}
  location: 'swedencentral'
  sku: {{ name: 'Default', capacity: 3 }}
  properties: {{ endpointComputeType: 'Managed' }}
}}
resource update 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {{
  name: 'mlw/ep'
  location: 'swedencentral'
  properties: {{ authMode: 'AADToken', traffic: {traffic} }}
  dependsOn: [ blue ]
}}
"""


def run(item: Policy, tmp_path: Path, text: str) -> list[Finding]:
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    report = lint([tmp_path], Config(select=(item.id,)), LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


def test_traffic_set_by_a_second_declaration_finds_the_deployment(tmp_path: Path) -> None:
    text = ENDPOINT.format(blue="'blue'", traffic="{ blue: 100 }")
    assert run(ml_online_endpoint_traffic_inconsistent.check, tmp_path, text) == []


def test_traffic_typo_fails_when_deployments_are_declared(tmp_path: Path) -> None:
    text = ENDPOINT.format(blue="'blue'", traffic="{ bleu: 100 }")
    found = run(ml_online_endpoint_traffic_inconsistent.check, tmp_path, text)
    assert [(f.path, f.outcome) for f in found] == [("properties.traffic.bleu", "fail")]


def test_deployment_with_unknown_name_makes_a_missing_name_inconclusive(tmp_path: Path) -> None:
    text = "param name string\n" + ENDPOINT.format(blue="name", traffic="{ green: 100 }")
    found = run(ml_online_endpoint_traffic_inconsistent.check, tmp_path, text)
    assert [(f.path, f.outcome) for f in found] == [("properties.traffic.green", "inconclusive")]


def test_unknown_share_is_inconclusive_and_skips_the_sum(tmp_path: Path) -> None:
    text = "param share int\n" + ENDPOINT.format(blue="'blue'", traffic="{ blue: share }")
    found = run(ml_online_endpoint_traffic_inconsistent.check, tmp_path, text)
    assert [(f.path, f.outcome) for f in found] == [("properties.traffic.blue", "inconclusive")]


APP = """
param location string = 'swedencentral'
resource app 'Microsoft.App/containerApps@2024-03-01' = {{
  name: 'ca'
  location: location
  properties: {{ template: {{ containers: [ {{ name: 'c', image: {image} }} ] }} }}
}}
"""


@pytest.mark.parametrize(
    ("image", "outcome"),
    [
        ("'registry.example.com:5000/team/scoring:2.1.0'", None),
        ("'registry.example.com:5000/team/scoring'", "fail"),
        ("'scoring:STABLE'", "fail"),
        ("'scoring@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'", None),
        ("'${location}.example.com/scoring:1'", None),
    ],
)
def test_image_tags(tmp_path: Path, image: str, outcome: str | None) -> None:
    found = run(inference_image_unpinned.check, tmp_path, APP.format(image=image))
    assert [f.outcome for f in found] == ([outcome] if outcome else [])


ENDPOINT_UNKNOWN_NAME = """
param prefix string
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' existing = { name: 'mlw' }
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  parent: ws
  name: '${prefix}-ep'
  location: 'swedencentral'
  properties: { authMode: 'AADToken', traffic: TRAFFIC }
}
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {
  parent: endpoint
  name: 'blue'
  location: 'swedencentral'
  sku: { name: 'Default', capacity: 3 }
  properties: { endpointComputeType: 'Managed' }
}
"""


@pytest.mark.parametrize(("traffic", "expected"), [("{ blue: 100 }", []), ("{ bleu: 100 }", ["fail"])])
def test_deployment_own_name_is_known_when_only_the_endpoint_name_is_not(
    tmp_path: Path, traffic: str, expected: list[str]
) -> None:
    text = ENDPOINT_UNKNOWN_NAME.replace("TRAFFIC", traffic)
    found = run(ml_online_endpoint_traffic_inconsistent.check, tmp_path, text)
    assert [f.outcome for f in found] == expected
