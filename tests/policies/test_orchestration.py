"""Orchestration policies on shapes the fixtures do not show: markers, plans and autoscale settings."""

from __future__ import annotations

from pathlib import Path

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.orchestration import compute_inelastic, gpu_compute

PLAN = """
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {{
  name: 'asp'
  location: 'swedencentral'
  tags: {{'ai-function': 'orchestration'}}
  sku: {{name: 'P1v3', capacity: 2}}
  properties: {plan}
}}
"""

AUTOSCALE = """
resource scale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {{
  name: 'scale-asp'
  location: 'swedencentral'
  properties: {{
    enabled: {enabled}
    targetResourceUri: plan.id
    profiles: [
      {{name: 'default', capacity: {{minimum: '2', maximum: '{maximum}', default: '2'}}, rules: []}}
    ]
  }}
}}
"""


def run(item: Policy, tmp_path: Path, text: str) -> list[Finding]:
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    report = lint([tmp_path], Config(select=(item.id,)), LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


def test_plan_without_autoscale(tmp_path: Path) -> None:
    found = run(compute_inelastic.check, tmp_path, PLAN.format(plan="{}"))
    assert [(f.resource, f.path) for f in found] == [("plan", "sku")]


def test_plan_with_elastic_scale(tmp_path: Path) -> None:
    text = PLAN.format(plan="{elasticScaleEnabled: true, maximumElasticWorkerCount: 10}")
    assert run(compute_inelastic.check, tmp_path, text) == []


def test_plan_with_autoscale_setting(tmp_path: Path) -> None:
    text = PLAN.format(plan="{}") + AUTOSCALE.format(enabled="true", maximum=6)
    assert run(compute_inelastic.check, tmp_path, text) == []


def test_plan_with_disabled_or_flat_autoscale(tmp_path: Path) -> None:
    for enabled, maximum in (("false", 6), ("true", 2)):
        text = PLAN.format(plan="{}") + AUTOSCALE.format(enabled=enabled, maximum=maximum)
        assert [f.path for f in run(compute_inelastic.check, tmp_path, text)] == ["sku"]


def test_unmarked_plan_is_ignored(tmp_path: Path) -> None:
    text = PLAN.format(plan="{}").replace("'orchestration'", "'inference'")
    assert run(compute_inelastic.check, tmp_path, text) == []


def test_unknown_marker_is_inconclusive(tmp_path: Path) -> None:
    text = """
param tags object
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm'
  location: 'swedencentral'
  tags: tags
  properties: {
    hardwareProfile: {vmSize: 'Standard_NC4as_T4_v3'}
  }
}
"""
    found = run(gpu_compute.check, tmp_path, text)
    assert [(f.path, f.outcome) for f in found] == [("tags", "inconclusive")]
    assert run(gpu_compute.check, tmp_path, text.replace("NC4as_T4_v3", "D4s_v5")) == []
