"""Training policies on shapes the fixtures do not show: trigger arithmetic, settings, unknown values."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config, default_settings
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.training import ml_compute_cluster_idle_nodes, ml_schedule_serverless_frequent
from policies.training._common import cron_gap, recurrence_gap


def run(item: Policy, tmp_path: Path, text: str, settings: dict | None = None) -> list[Finding]:
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    config = Config(select=(item.id,), settings={**default_settings(), **(settings or {})})
    report = lint([tmp_path], config, LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


@pytest.mark.parametrize(
    ("expression", "seconds"),
    [
        ("*/5 * * * *", 300),
        ("0 * * * *", 3600),
        ("0 */2 * * *", 7200),
        ("15 3 * * 1-5", 86400),
        ("0,30 8-18 * * *", 1800),
        ("@daily", None),
        ("0 2 * *", None),
    ],
)
def test_cron_gap(expression: str, seconds: int | None) -> None:
    assert cron_gap(expression) == seconds


@pytest.mark.parametrize(
    ("trigger", "seconds"),
    [
        ({"frequency": "Minute", "interval": 15}, 900),
        ({"frequency": "Hour", "interval": 2}, 7200),
        ({"frequency": "Day", "interval": 1, "schedule": {"hours": [8, 9, 10], "minutes": [0]}}, 3600),
        ({"frequency": "Day", "interval": 1, "schedule": {"hours": [8], "minutes": [0, 20]}}, 1200),
        ({"frequency": "Fortnight", "interval": 1}, None),
    ],
)
def test_recurrence_gap(trigger: dict, seconds: int | None) -> None:
    assert recurrence_gap(trigger) == seconds


def schedule(trigger: str, compute: str = "") -> str:
    return f"""
resource retrain 'Microsoft.MachineLearningServices/workspaces/schedules@2024-04-01' = {{
  name: 'mlw/retrain'
  properties: {{
    action: {{ actionType: 'CreateJob', jobDefinition: {{ jobType: 'Command', command: 'python train.py'{compute} }} }}
    trigger: {trigger}
  }}
}}
"""


def test_schedule_on_a_cluster_passes(tmp_path: Path) -> None:
    compute = ", computeId: '/subscriptions/0/resourceGroups/rg/providers/x/computes/cpu'"
    text = schedule("{ triggerType: 'Cron', expression: '*/5 * * * *' }", compute)
    assert run(ml_schedule_serverless_frequent.check, tmp_path, text) == []


def test_schedule_interval_follows_setting(tmp_path: Path) -> None:
    text = schedule("{ triggerType: 'Recurrence', frequency: 'Hour', interval: 2 }")
    assert run(ml_schedule_serverless_frequent.check, tmp_path, text) == []
    stricter = {"serverless_schedule_min_interval": "PT6H"}
    [finding] = run(ml_schedule_serverless_frequent.check, tmp_path, text, stricter)
    assert "every 2 hours" in finding.message


def test_schedule_with_unknown_expression_is_inconclusive(tmp_path: Path) -> None:
    text = "param cron string\n" + schedule("{ triggerType: 'Cron', expression: cron }")
    [finding] = run(ml_schedule_serverless_frequent.check, tmp_path, text)
    assert finding.outcome == "inconclusive" and "'cron'" in finding.message


def cluster(nodes: str, tags: str = "{}") -> str:
    return f"""
resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {{
  name: 'mlw/cpu'
  location: 'swedencentral'
  tags: {tags}
  properties: {{
    computeType: 'AmlCompute'
    properties: {{ vmSize: 'Standard_D4s_v3', scaleSettings: {{ minNodeCount: {nodes}, maxNodeCount: 4 }} }}
  }}
}}
"""


def test_cluster_min_nodes_unknown_is_inconclusive(tmp_path: Path) -> None:
    [finding] = run(ml_compute_cluster_idle_nodes.check, tmp_path, "param nodes int\n" + cluster("nodes"))
    assert finding.outcome == "inconclusive" and "'nodes'" in finding.message


def test_cluster_min_nodes_exempt_by_tag(tmp_path: Path) -> None:
    assert run(ml_compute_cluster_idle_nodes.check, tmp_path, cluster("1", "{ 'min-nodes-justified': 'sla' }")) == []
    [finding] = run(ml_compute_cluster_idle_nodes.check, tmp_path, cluster("1"))
    assert finding.path == "properties.properties.scaleSettings.minNodeCount"
