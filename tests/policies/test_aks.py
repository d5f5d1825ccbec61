"""AKS policies on shapes the fixtures do not show: taint spellings, inline GPU pools, unknown sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.aks import gpu_cluster_isolation_gap, gpu_pool_always_on, gpu_pool_shared
from policies.aks._common import has_taint

CLUSTER = """
param size string
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {{
  name: 'aks'
  location: 'swedencentral'
  tags: {tags}
  properties: {{
    dnsPrefix: 'aks'
    agentPoolProfiles: [
      {{name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3}}
      {{name: 'gpu', mode: 'User', vmSize: {size}, {extra}}}
    ]
  }}
}}
"""


def run(item: Policy, tmp_path: Path, size: str = "'Standard_NC24ads_A100_v4'", extra: str = "",
        tags: str = "{}") -> list[Finding]:
    (tmp_path / "main.bicep").write_text(CLUSTER.format(size=size, extra=extra, tags=tags), encoding="utf-8")
    report = lint([tmp_path], Config(select=(item.id,)), LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


@pytest.mark.parametrize(
    ("taints", "expected"),
    [
        (["sku=gpu:NoSchedule"], True),
        (["nvidia.com/gpu:NoExecute"], True),
        (["GPU=true:NoSchedule"], True),
        (["sku=gpu:PreferNoSchedule"], False),
        (["team=ml:NoSchedule"], False),
        ([], False),
        (None, False),
    ],
)
def test_taint_spellings(taints: object, expected: bool) -> None:
    assert has_taint(taints, ["nvidia.com/gpu", "sku", "gpu", "workload"]) is expected


def test_taint_key_value_setting() -> None:
    assert has_taint(["sku=gpu:NoSchedule"], ["sku=gpu"]) is True
    assert has_taint(["sku=cpu:NoSchedule"], ["sku=gpu"]) is False


def test_inline_gpu_pool_untainted(tmp_path: Path) -> None:
    found = run(gpu_pool_shared.check, tmp_path, extra="count: 1")
    assert [(f.path, f.outcome) for f in found] == [("properties.agentPoolProfiles[1].nodeTaints", "fail")]


def test_inline_gpu_pool_tainted_passes(tmp_path: Path) -> None:
    assert run(gpu_pool_shared.check, tmp_path, extra="nodeTaints: ['workload=inference:NoExecute']") == []


def test_unknown_size_is_inconclusive(tmp_path: Path) -> None:
    found = run(gpu_pool_shared.check, tmp_path, size="size", extra="count: 1")
    assert [(f.path, f.outcome) for f in found] == [("properties.agentPoolProfiles[1].vmSize", "inconclusive")]
    assert "'size'" in found[0].message


def test_non_gpu_pool_is_ignored(tmp_path: Path) -> None:
    assert run(gpu_pool_shared.check, tmp_path, size="'Standard_D8s_v5'") == []


def test_scale_to_zero_passes(tmp_path: Path) -> None:
    extra = "enableAutoScaling: true, minCount: 0, maxCount: 3"
    assert run(gpu_pool_always_on.check, tmp_path, extra=extra) == []


def test_autoscale_without_max(tmp_path: Path) -> None:
    found = run(gpu_pool_always_on.check, tmp_path, extra="enableAutoScaling: true, minCount: 0")
    assert [f.path for f in found] == ["properties.agentPoolProfiles[1].maxCount"]


def test_online_inference_pool_floor_when_critical(tmp_path: Path) -> None:
    extra = "enableAutoScaling: true, minCount: 1, maxCount: 4, nodeLabels: {workload: 'inference'}"
    assert run(gpu_pool_always_on.check, tmp_path, extra=extra) == []
    found = run(gpu_pool_always_on.check, tmp_path, extra=extra, tags="{criticality: 'high'}")
    assert [f.path for f in found] == ["properties.agentPoolProfiles[1].minCount"]
    assert "below 3" in found[0].message


def test_shared_tag_needs_general_pool(tmp_path: Path) -> None:
    extra = "nodeTaints: ['sku=gpu:NoSchedule'], nodeLabels: {'ai-function': 'inference'}"
    found = run(gpu_cluster_isolation_gap.check, tmp_path, extra=extra, tags="{shared: 'true'}")
    assert sorted(f.path for f in found) == ["properties.agentPoolProfiles[0].nodeTaints", "tags.shared"]
