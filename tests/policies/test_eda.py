"""EDA policies on shapes the fixtures do not show: schedules, settings, unknown values, schedule names."""

from __future__ import annotations

from pathlib import Path

from linter.config import Config, default_settings
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.eda import ml_compute_instance_always_on, vm_gpu_always_on


def run(item: Policy, tmp_path: Path, text: str, settings: dict | None = None) -> list[Finding]:
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    config = Config(select=(item.id,), settings={**default_settings(), **(settings or {})})
    report = lint([tmp_path], config, LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


def instance(inner: str, kind: str = "'ComputeInstance'") -> str:
    return f"""
resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {{
  name: 'mlw/ci-alice'
  location: 'swedencentral'
  properties: {{
    computeType: {kind}
    properties: {{ vmSize: 'Standard_DS3_v2', {inner} }}
  }}
}}
"""


def stop(status: str) -> str:
    return (
        "schedules: { computeStartStop: [ { action: 'Stop', status: '" + status + "', triggerType: 'Cron', "
        "cron: { expression: '0 19 * * *' } } ] }"
    )


def test_disabled_stop_schedule_does_not_count(tmp_path: Path) -> None:
    assert run(ml_compute_instance_always_on.check, tmp_path, instance(stop("Enabled"))) == []
    [finding] = run(ml_compute_instance_always_on.check, tmp_path, instance(stop("Disabled")))
    assert finding.outcome == "fail"


def test_idle_limit_follows_setting(tmp_path: Path) -> None:
    text = instance("idleTimeBeforeShutdown: 'PT45M'")
    assert run(ml_compute_instance_always_on.check, tmp_path, text) == []
    [finding] = run(ml_compute_instance_always_on.check, tmp_path, text, {"max_idle_shutdown": "PT30M"})
    assert "PT45M" in finding.message


def test_unknown_compute_type_is_inconclusive(tmp_path: Path) -> None:
    text = "param kind string\n" + instance("sshSettings: { sshPublicAccess: 'Disabled' }", "kind")
    [finding] = run(ml_compute_instance_always_on.check, tmp_path, text)
    assert finding.outcome == "inconclusive" and finding.path == "properties.computeType"


def vm(size: str) -> str:
    return f"""
resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {{
  name: 'dsvm-alice'
  location: 'swedencentral'
  properties: {{ hardwareProfile: {{ vmSize: {size} }} }}
}}
"""


def test_shutdown_schedule_found_by_conventional_name(tmp_path: Path) -> None:
    schedule = """
resource shutdown 'Microsoft.DevTestLab/schedules@2018-09-15' = {
  name: 'shutdown-computevm-dsvm-alice'
  location: 'swedencentral'
  properties: { status: 'Enabled', taskType: 'ComputeVmShutdownTask', dailyRecurrence: { time: '1900' } }
}
"""
    assert run(vm_gpu_always_on.check, tmp_path, vm("'Standard_NC4as_T4_v3'") + schedule) == []


def test_non_gpu_vm_passes_and_unknown_size_is_inconclusive(tmp_path: Path) -> None:
    assert run(vm_gpu_always_on.check, tmp_path, vm("'Standard_D4s_v5'")) == []
    [finding] = run(vm_gpu_always_on.check, tmp_path, "param size string\n" + vm("size"))
    assert finding.outcome == "inconclusive" and "'size'" in finding.message
