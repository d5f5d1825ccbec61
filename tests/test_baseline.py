"""Baselines: written by `baseline write`, matched by policy + resource identity + path, not lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.helpers import POLICIES, bicep_workspace

from linter import registry
from linter.baseline import compare, dumps
from linter.cli import main
from linter.model import Span
from linter.policy import Finding

SECOND = bicep_workspace().replace("resource ws ", "resource ws2 ").replace("mlw-test", "mlw-second")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(registry, "load", lambda extra_dirs=(): POLICIES)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    result = CliRunner().invoke(main, ["baseline", "write", ".", "--select", "TST001"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _scan(*extra: str):
    return CliRunner().invoke(
        main,
        ["scan", ".", "--select", "TST001", "--baseline", ".aiplatform-lint-baseline.json", "--format", "json", *extra],
    )


def test_baseline_file_lists_the_findings(project: Path) -> None:
    data = json.loads((project / ".aiplatform-lint-baseline.json").read_text())
    assert data["version"] == 1
    (entry,) = data["findings"]
    assert (entry["policy"], entry["file"], entry["resource"], entry["path"]) == (
        "TST001",
        "main.bicep",
        "ws",
        "properties.publicNetworkAccess",
    )
    assert "line" not in entry


def test_scan_with_baseline_is_clean(project: Path) -> None:
    result = _scan()
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []


def test_edit_above_the_finding_still_matches(project: Path) -> None:
    text = "// a comment\nparam unused string = 'x'\n\n\n" + bicep_workspace()
    (project / "main.bicep").write_text(text, encoding="utf-8")
    result = _scan()
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []


def test_new_finding_is_reported(project: Path) -> None:
    (project / "main.bicep").write_text(bicep_workspace() + "\n" + SECOND, encoding="utf-8")
    result = _scan()
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["resource"] == "ws2"


def test_fixed_findings_are_listed(project: Path) -> None:
    (project / "main.bicep").write_text(bicep_workspace(access="Disabled"), encoding="utf-8")
    result = _scan()
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [e["resource"] for e in data["baseline"]["fixed"]] == ["ws"]
    assert "fixed: main.bicep: TST001" in result.stderr


def test_bad_baseline_file_is_a_usage_error(project: Path) -> None:
    (project / "bad.json").write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", ".", "--baseline", "bad.json"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "not an aiplatform-lint baseline" in result.stderr


def test_compare_counts_duplicates() -> None:
    finding = Finding(span=Span("a.bicep", 3, 1, 3, 2), policy="TST001", resource="ws", path="p")
    moved = Finding(span=Span("a.bicep", 9, 1, 9, 2), policy="TST001", resource="ws", path="p")
    entries = json.loads(dumps([finding]))["findings"]
    assert compare([moved], entries) == ([], [])
    new, fixed = compare([finding, moved], entries)
    assert len(new) == 1 and fixed == []
