"""The content-hash cache: used when nothing a deployment read has changed, never otherwise; damage is ignored."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from linter import cache, parsers
from linter.config import Config
from linter.engine import lint
from linter.parsers import arm, bicep, terraform
from linter.parsers.common import LoadOptions
from tests.helpers import CORPUS, POLICIES, bicep_workspace, tf_workspace


def scan(root: Path) -> list[tuple[str, str, int, str]]:
    report = lint([root], Config(), LoadOptions(root=root, boundary=root), POLICIES)
    return [(f.policy, f.span.file, f.span.line, f.message) for f in report.findings]


def forbid_front_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a front end ran although its result was cached")

    for module in (arm, bicep, terraform):
        monkeypatch.setattr(module, "load", fail)
    monkeypatch.setattr(bicep, "module_paths", fail)
    monkeypatch.setattr(terraform, "module_sources", fail)


def test_a_repeat_scan_of_unchanged_files_runs_no_front_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CORPUS / "Azure__azureml-examples", root / "a")
    shutil.copytree(CORPUS / "Azure-Samples__aks-openai-terraform", root / "b")
    first = scan(root)
    forbid_front_ends(monkeypatch)
    assert scan(root) == first
    assert first


def test_off_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path) -> None:
    (tmp_path / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    monkeypatch.setenv("AIPLATFORM_LINT_NO_CACHE", "1")
    scan(tmp_path)
    assert not any(private_cache.rglob("*"))
    assert cache.Store.open() is None


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AIPLATFORM_LINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == tmp_path / "aiplatform-lint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "aiplatform-lint"


def test_changed_module_content_is_seen(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text("module m 'mod/ws.bicep' = {\n  name: 'm'\n}\n", encoding="utf-8")
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "ws.bicep").write_text(bicep_workspace("Disabled"), encoding="utf-8")
    assert not [f for f in scan(tmp_path) if f[0] == "TST001"]
    (tmp_path / "mod" / "ws.bicep").write_text(bicep_workspace("Enabled"), encoding="utf-8")
    assert [f[1] for f in scan(tmp_path) if f[0] == "TST001"] == ["mod/ws.bicep"]


def test_a_module_file_that_appears_is_seen(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text("module m 'mod/deeper/ws.bicep' = {\n  name: 'm'\n}\n", encoding="utf-8")
    (tmp_path / "mod").mkdir()  # no folder the deployment read from changes: only the missing file appears
    missing = [f for f in scan(tmp_path) if f[0] == "SYS001"]
    assert missing and "does not exist" in missing[0][3]
    (tmp_path / "mod" / "deeper").mkdir()
    (tmp_path / "mod" / "deeper" / "ws.bicep").write_text(bicep_workspace(), encoding="utf-8")
    after = scan(tmp_path)
    assert not [f for f in after if f[0] == "SYS001"]
    assert [f[1] for f in after if f[0] == "TST001"] == ["mod/deeper/ws.bicep"]


def test_a_new_file_in_a_terraform_folder_is_seen(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('module "m" {\n  source = "./mod"\n}\n', encoding="utf-8")
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "variables.tf").write_text('variable "x" {\n  default = 1\n}\n', encoding="utf-8")
    assert not scan(tmp_path)
    (tmp_path / "mod" / "ws.tf").write_text(tf_workspace(), encoding="utf-8")
    assert [f[1] for f in scan(tmp_path) if f[0] == "TST001"] == ["mod/ws.tf"]
    (tmp_path / "terraform.tfvars").write_text('x = 2\n', encoding="utf-8")
    assert [f[1] for f in scan(tmp_path) if f[0] == "TST001"] == ["mod/ws.tf"]


def test_a_parameters_file_that_appears_is_seen(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text(
        "param access string = 'Disabled'\n" + bicep_workspace().replace("'Enabled'", "access"), encoding="utf-8"
    )
    assert not scan(tmp_path)
    (tmp_path / "main.bicepparam").write_text("using 'main.bicep'\nparam access = 'Enabled'\n", encoding="utf-8")
    assert [f[1] for f in scan(tmp_path) if f[0] == "TST001"] == ["main.bicep"]


def test_another_tool_version_does_not_use_old_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.make_key("unit", "x")
    monkeypatch.setattr(cache, "_STAMP", "another version")
    assert cache.make_key("unit", "x") != key


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign key"])
def test_damaged_entries_are_ignored(tmp_path: Path, private_cache: Path, damage: str) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CORPUS / "Azure__azureml-examples", root)
    first = scan(root)
    entries = [p for p in private_cache.rglob("*") if p.is_file()]
    assert entries
    for index, entry in enumerate(entries):
        data = entry.read_bytes()
        if damage == "garbage":
            entry.write_bytes(bytes(range(256)) * 4)
        elif damage == "truncated":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            entry.write_bytes(b"")
        else:  # a well-formed entry filed under another key
            entry.write_bytes(entries[(index + 1) % len(entries)].read_bytes() if len(entries) > 1 else b"")
    assert scan(root) == first
    assert scan(root) == first


def test_the_cache_folder_is_safe_to_delete(tmp_path: Path, private_cache: Path) -> None:
    (tmp_path / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    first = scan(tmp_path)
    shutil.rmtree(private_cache)
    assert scan(tmp_path) == first
    shutil.rmtree(private_cache)
    private_cache.write_text("not a folder", encoding="utf-8")
    assert scan(tmp_path) == first


def test_a_result_read_while_a_file_changed_is_not_stored() -> None:
    with cache.recording() as reads:
        cache.note_read("/x/a.bicep", b"one")
        cache.note_read("/x/a.bicep", b"two")
    assert reads.unstable


def test_parallel_workers_fill_the_cache(tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CORPUS / "Azure-Samples__aks-openai-terraform", root)
    opts = LoadOptions(root=root)
    jobs = parsers.plan_jobs(parsers.discover([root], (), root), opts)
    parallel = list(parsers.load_jobs(jobs, opts, workers=2))
    forbid_front_ends(monkeypatch)
    again = list(parsers.load_jobs(jobs, opts, workers=1))
    assert [u.entry for u in again] == [u.entry for u in parallel]
    assert [len(u.resources) for u in again] == [len(u.resources) for u in parallel]


def test_entries_unused_for_a_month_are_pruned(tmp_path: Path, private_cache: Path) -> None:
    (tmp_path / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    scan(tmp_path)
    entries = [p for p in private_cache.rglob("*") if p.is_file() and p.name != "last-prune"]
    old = entries[0]
    os.utime(old, (1_000_000_000, 1_000_000_000))
    store = cache.Store(private_cache)
    store.prune()  # pruned less than a day ago: nothing happens
    assert old.exists()
    (private_cache / "v1" / "last-prune").unlink()
    store.prune()
    assert not old.exists()
    assert all(p.exists() for p in entries[1:])
