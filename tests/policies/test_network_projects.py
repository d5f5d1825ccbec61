"""Hub-based AI Foundry projects take their network settings from their hub."""

from __future__ import annotations

from pathlib import Path

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from policies.network import ml_online_endpoint_public_network, ml_workspace_public_access

HUB_AND_PROJECT = """
resource hub 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'hub1'
  location: 'swedencentral'
  kind: 'Hub'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'MODE' } }
}
resource project 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'proj1'
  location: 'swedencentral'
  kind: 'Project'
  properties: { hubResourceId: hub.id }
}
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  parent: project
  name: 'ep1'
  location: 'swedencentral'
  properties: { authMode: 'AADToken', publicNetworkAccess: 'Disabled' }
}
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {
  parent: endpoint
  name: 'blue'
  location: 'swedencentral'
  properties: { endpointComputeType: 'Managed' }
}
"""


def _run(check, tmp_path: Path, mode: str) -> list[tuple[str, str]]:
    (tmp_path / "main.bicep").write_text(HUB_AND_PROJECT.replace("MODE", mode), encoding="utf-8")
    report = lint([tmp_path], Config(select=(check.id,)), LoadOptions(root=tmp_path), [check])
    return [(f.resource, f.outcome) for f in report.findings]


def test_project_is_not_judged_on_its_own_public_access(tmp_path: Path) -> None:
    assert _run(ml_workspace_public_access.check, tmp_path, "AllowOnlyApprovedOutbound") == []


def test_deployment_egress_follows_the_hubs_managed_network(tmp_path: Path) -> None:
    assert _run(ml_online_endpoint_public_network.check, tmp_path, "AllowOnlyApprovedOutbound") == []
    assert _run(ml_online_endpoint_public_network.check, tmp_path, "Disabled") == [("blue", "fail")]
