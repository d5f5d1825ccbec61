"""Inputs at and past the limits: each gives a clear finding or message, the scan ends, and the rest is reported.

The heavy cases run the scan in a child process with a generous timeout, so a
hang fails the test instead of stalling the run; nothing here measures time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from linter import parsers
from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from tests.helpers import POLICIES, arm_workspace, bicep_workspace, tf_workspace
from tests.robustness.child_scan import child_scan, findings


def with_witness(root: Path) -> str:
    """A healthy template next to the hard one: its finding proves the rest of the scan completed."""
    (root / "witness").mkdir(parents=True, exist_ok=True)
    (root / "witness" / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    return "witness/main.bicep"


def assert_witness(report: dict[str, Any], witness: str) -> None:
    assert findings(report, "TST001", witness), "the healthy template next to the hard one was not reported"


def arm_template(resources: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        **extra,
        "resources": resources,
    }


def workspace(name: str, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Microsoft.MachineLearningServices/workspaces",
        "apiVersion": "2024-04-01",
        "name": name,
        "location": "swedencentral",
        "properties": {"publicNetworkAccess": "Enabled", **properties},
    }


# -- size ------------------------------------------------------------------------------


def test_a_20_mb_template_is_read(tmp_path: Path) -> None:
    filler = "x" * 400_000
    resources = [workspace(f"ws{i}", description=filler) for i in range(50)]
    path = tmp_path / "big" / "azuredeploy.json"
    path.parent.mkdir()
    path.write_text(json.dumps(arm_template(resources), indent=1), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    witness = with_witness(tmp_path)
    report = child_scan(tmp_path)
    assert len(findings(report, "TST001", "big/azuredeploy.json")) == 50
    assert not findings(report, "SYS001")
    assert_witness(report, witness)


def test_a_file_over_the_size_limit_is_reported_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge" / "main.tf"
    path.parent.mkdir()
    with path.open("wb") as handle:  # sparse: large on paper, nothing written
        handle.truncate(40 * 1024 * 1024)
    witness = with_witness(tmp_path)
    report = child_scan(tmp_path)
    problems = findings(report, "SYS001", "huge/main.tf")
    assert problems and "byte limit" in problems[0]["message"]
    assert_witness(report, witness)


def test_ten_thousand_resources(tmp_path: Path) -> None:
    resources = [workspace(f"ws{i}", publicNetworkAccess="Disabled" if i % 2 else "Enabled") for i in range(10_000)]
    (tmp_path / "many").mkdir()
    (tmp_path / "many" / "azuredeploy.json").write_text(json.dumps(arm_template(resources)), encoding="utf-8")
    report = child_scan(tmp_path)
    assert len(findings(report, "TST001", "many/azuredeploy.json")) == 5_000


# -- nesting ----------------------------------------------------------------------------


DEPTH = 1_000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "deep/azuredeploy.json",
            json.dumps(arm_template([workspace("ws", deep="DEEP")])).replace('"DEEP"', "[" * DEPTH + "]" * DEPTH),
        ),
        ("deep/main.bicep", "var deep = " + "{ a: " * DEPTH + "1" + " }" * DEPTH + "\n"),
        ("deep/main.tf", "locals {\n  deep = " + "{ a = " * DEPTH + "1" + " }" * DEPTH + "\n}\n"),
    ],
    ids=["arm", "bicep", "terraform"],
)
def test_thousand_deep_nesting(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    witness = with_witness(tmp_path)
    report = child_scan(tmp_path)
    for finding in findings(report, "SYS001"):  # allowed: a clear "too deep" finding on that file
        assert finding["file"] == name and "deep" in finding["message"], finding
    assert_witness(report, witness)


# -- loops ---------------------------------------------------------------------------------


LOOPS = {
    "arm": (
        "loop/azuredeploy.json",
        json.dumps(
            arm_template(
                [{**workspace("[format('ws{0}', copyIndex())]"), "copy": {"name": "ws", "count": 100_000}}]
            )
        ),
    ),
    "bicep": (
        "loop/main.bicep",
        (
            "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = [for i in range(0, 100000): {\n"
            "  name: 'ws${i}'\n  location: 'swedencentral'\n  properties: { publicNetworkAccess: 'Enabled' }\n}]\n"
        ),
    ),
    "terraform": (
        "loop/main.tf",
        tf_workspace().replace('"ws" {\n', '"ws" {\n  count = 100000\n').replace('"mlw-test"', '"mlw-${count.index}"'),
    ),
}


@pytest.mark.parametrize("kind", sorted(LOOPS))
def test_a_loop_of_100000_ends_as_one_looped_resource(tmp_path: Path, kind: str) -> None:
    name, text = LOOPS[kind]
    (tmp_path / "loop").mkdir()
    (tmp_path / name).write_text(text, encoding="utf-8")
    report = child_scan(tmp_path)
    found = findings(report, "TST001", name)
    assert 1 <= len(found) <= 10_000, len(found)
    assert not findings(report, "SYS001")


# -- modules -------------------------------------------------------------------------------


def test_bicep_module_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.bicep").write_text("module b 'b.bicep' = {\n  name: 'b'\n}\n" + bicep_workspace(), encoding="utf-8")
    (tmp_path / "b.bicep").write_text("module a 'a.bicep' = {\n  name: 'a'\n}\n", encoding="utf-8")
    opts = LoadOptions(root=tmp_path)
    units = list(parsers.load([tmp_path], opts))
    modules = [r for u in units for r in u.resources if r.unresolved]
    assert any("cycle" in (r.unresolved or "") for r in modules), [r.unresolved for r in modules]
    report = child_scan(tmp_path)
    assert findings(report, "TST001", "a.bicep")


def test_terraform_module_cycle(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "main.tf").write_text('module "b" {\n  source = "../b"\n}\n' + tf_workspace(), encoding="utf-8")
    (tmp_path / "b" / "main.tf").write_text('module "a" {\n  source = "../a"\n}\n', encoding="utf-8")
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "main.tf").write_text('module "a" {\n  source = "../a"\n}\n', encoding="utf-8")
    units = list(parsers.load([tmp_path / "root"], LoadOptions(root=tmp_path)))
    unresolved = [r.unresolved for u in units for r in u.resources if r.unresolved]
    assert any("itself" in text or "deep" in text for text in unresolved), unresolved
    report = child_scan(tmp_path, tmp_path / "root")
    assert findings(report, "TST001", "a/main.tf")


def test_module_paths_outside_the_root_are_not_followed(tmp_path: Path) -> None:
    inside = tmp_path / "repo"
    inside.mkdir()
    (tmp_path / "outside.bicep").write_text(bicep_workspace(), encoding="utf-8")
    (inside / "main.bicep").write_text("module o '../outside.bicep' = {\n  name: 'o'\n}\n", encoding="utf-8")
    (tmp_path / "tfmod").mkdir()
    (tmp_path / "tfmod" / "main.tf").write_text(tf_workspace(), encoding="utf-8")
    (inside / "tf").mkdir()
    (inside / "tf" / "main.tf").write_text('module "o" {\n  source = "../../tfmod"\n}\n', encoding="utf-8")
    opts = LoadOptions(root=inside, boundary=inside)
    units = list(parsers.load([inside], opts))
    assert all(not f.startswith("..") for u in units for f in u.files), [u.files for u in units]
    unresolved = sorted(r.unresolved or "" for u in units for r in u.resources if r.unresolved)
    assert len(unresolved) == 2 and all("outside" in text for text in unresolved), unresolved
    assert not findings(child_scan(inside), "TST001")
    allowed = child_scan(inside, allow=True)
    assert {f["file"] for f in findings(allowed, "TST001")} == {"../outside.bicep", "../tfmod/main.tf"}


# -- files -----------------------------------------------------------------------------------


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to("self")  # a link to itself
    report = child_scan(tmp_path)
    assert [f["file"] for f in findings(report, "TST001")] == ["sub/main.bicep"]


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 8, "binary"),
     (b'resource "azurerm_resource_group" "rg" {\n  name = "caf\xe9"\n}\n', "UTF-8")],
    ids=["binary", "latin-1"],
)
def test_binary_or_non_utf8_tf_file(tmp_path: Path, data: bytes, words: str) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_bytes(data)
    witness = with_witness(tmp_path)
    report = child_scan(tmp_path)
    problems = findings(report, "SYS001", "tf/main.tf")
    assert len(problems) == 1 and words in problems[0]["message"], problems
    assert_witness(report, witness)


def test_file_deleted_during_the_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIPLATFORM_LINT_NO_CACHE", "1")
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone" / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    (tmp_path / "gone2").mkdir()
    (tmp_path / "gone2" / "main.tf").write_text(tf_workspace(), encoding="utf-8")
    witness = with_witness(tmp_path)
    planned = parsers.plan_jobs

    def plan_then_delete(files: Any, opts: LoadOptions) -> Any:
        jobs = planned(files, opts)
        (tmp_path / "gone" / "main.bicep").unlink()
        (tmp_path / "gone2" / "main.tf").unlink()
        return jobs

    monkeypatch.setattr(parsers, "plan_jobs", plan_then_delete)
    report = lint([tmp_path], Config(), LoadOptions(root=tmp_path), POLICIES)
    gone = [f for f in report.findings if f.policy == "SYS001" and f.span.file == "gone/main.bicep"]
    assert gone and "disappeared" in gone[0].message
    assert [f.span.file for f in report.findings if f.policy == "TST001"] == [witness]


def test_path_with_spaces_and_unicode(tmp_path: Path) -> None:
    folder = tmp_path / "my templates" / "été 漢字 ✓"
    folder.mkdir(parents=True)
    (folder / "main file.bicep").write_text(bicep_workspace(), encoding="utf-8")
    (folder / "ws é.json").write_text(arm_workspace(), encoding="utf-8")
    (folder / "tf ✓").mkdir()
    (folder / "tf ✓" / "main.tf").write_text(tf_workspace(), encoding="utf-8")
    report = child_scan(tmp_path)
    files = sorted(f["file"] for f in findings(report, "TST001"))
    base = "my templates/été 漢字 ✓"
    assert files == [f"{base}/main file.bicep", f"{base}/tf ✓/main.tf", f"{base}/ws é.json"]
