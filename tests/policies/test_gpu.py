"""GPU policies on shapes the fixtures do not show: settings, profiles, attribution places."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.gpu import compute_unattributed, family_unapproved
from policies.gpu._common import profile_family


def run(item: Policy, tmp_path: Path, text: str) -> list[Finding]:
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    report = lint([tmp_path], Config(select=(item.id,)), LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


def vm(size: str, tags: str = "{}") -> str:
    return f"""
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {{
  name: 'vm'
  location: 'swedencentral'
  tags: {tags}
  properties: {{
    hardwareProfile: {{vmSize: {size}}}
  }}
}}
"""


@pytest.mark.parametrize(
    ("profile", "family"),
    [("NC24-A100", "NC_A100_v4"), ("Consumption-GPU-NC8as-T4", "NCasT4_v3"),
     ("Consumption-GPU-NC24-A100", "NC_A100_v4"), ("D4", None)],
)
def test_profile_family(profile: str, family: str | None) -> None:
    assert profile_family(profile) == family


@pytest.mark.parametrize(
    ("size", "verdict"),
    [("'Standard_NC24ads_A100_v4'", None), ("'Standard_D4s_v5'", None), ("'Standard_NP10s'", None),
     ("'Standard_NV12s_v3'", "retired NVv3"), ("'Standard_NG8ads_V620_v1'", "NGads_V620 family, which is not"),
     ("'Standard_NC6_Promo'", "retired NC"), ("'Standard_NC7x_v9'", "unrecognised")],
)
def test_family_verdicts(tmp_path: Path, size: str, verdict: str | None) -> None:
    found = run(family_unapproved.check, tmp_path, vm(size))
    assert [verdict in f.message for f in found] == ([True] if verdict else [])


def test_unknown_size_is_inconclusive(tmp_path: Path) -> None:
    found = run(family_unapproved.check, tmp_path, "param size string\n" + vm("size"))
    assert [(f.path, f.outcome) for f in found] == [("properties.hardwareProfile.vmSize", "inconclusive")]


def test_unapproved_ai_function_value(tmp_path: Path) -> None:
    found = run(compute_unattributed.check, tmp_path, vm("'Standard_NC4as_T4_v3'", "{'ai-function': 'web'}"))
    assert [f.path for f in found] == ["tags"]
    assert "'web'" in found[0].message


def test_ml_compute_is_implicitly_ai(tmp_path: Path) -> None:
    text = """
resource compute 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: 'mlw/gpu-cluster'
  location: 'swedencentral'
  properties: {
    computeType: 'AmlCompute'
    properties: {vmSize: 'Standard_NC24ads_A100_v4'}
  }
}
"""
    assert run(compute_unattributed.check, tmp_path, text) == []
