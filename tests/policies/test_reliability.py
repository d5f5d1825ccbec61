"""Reliability policies: criticality scoping through tags, parents and unknown values."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.reliability import aks_pool_single_zone, serving_single_region

CLUSTER = """
param criticality string
param zones array
resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {{
  name: 'aks'
  location: 'swedencentral'
  tags: {tags}
  properties: {{
    dnsPrefix: 'aks'
    agentPoolProfiles: [ {{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3{zones} }} ]
  }}
}}
"""


def run(item: Policy, tmp_path: Path, text: str) -> list[Finding]:
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    report = lint([tmp_path], Config(select=(item.id,)), LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


@pytest.mark.parametrize(
    ("tags", "zones", "outcomes"),
    [
        ("{ environment: 'Production' }", "", ["fail"]),
        ("{ environment: 'dev' }", "", []),
        ("{ criticality: criticality }", "", ["inconclusive"]),
        ("{ criticality: criticality }", ", availabilityZones: [ '1', '2', '3' ]", []),
        # unknown zones on a workload of unknown criticality: nothing would fail, so nothing is said
        ("{ criticality: criticality }", ", availabilityZones: zones", []),
        ("{ criticality: 'high' }", ", availabilityZones: zones", ["inconclusive"]),
    ],
)
def test_aks_scoping(tmp_path: Path, tags: str, zones: str, outcomes: list[str]) -> None:
    found = run(aks_pool_single_zone.check, tmp_path, CLUSTER.format(tags=tags, zones=zones))
    assert [f.outcome for f in found] == outcomes


def test_node_pool_inherits_cluster_criticality(tmp_path: Path) -> None:
    text = CLUSTER.format(tags="{ criticality: 'mission-critical' }", zones=", availabilityZones: [ '1', '2' ]") + """
resource gpu 'Microsoft.ContainerService/managedClusters/agentPools@2024-05-01' = {
  parent: aks
  name: 'gpu'
  properties: { vmSize: 'Standard_NC24ads_A100_v4', count: 1, mode: 'User' }
}
"""
    found = run(aks_pool_single_zone.check, tmp_path, text)
    assert [(f.resource, f.path) for f in found] == [("gpu", "properties.availabilityZones")]


def test_high_criticality_is_not_mission_critical(tmp_path: Path) -> None:
    text = """
resource apim 'Microsoft.ApiManagement/service@2023-05-01-preview' = {
  name: 'apim'
  location: 'swedencentral'
  tags: { criticality: 'high' }
  sku: { name: 'Premium', capacity: 2 }
  properties: { publisherName: 'p', publisherEmail: 'p@example.com' }
}
"""
    assert run(serving_single_region.check, tmp_path, text) == []
    found = run(serving_single_region.check, tmp_path, text.replace("'high'", "'mission-critical'"))
    assert [f.path for f in found] == ["properties.additionalLocations"]
