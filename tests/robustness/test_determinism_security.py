"""Same input, same bytes out (run to run, serial or parallel, cold or warm cache); and a scan changes nothing.

The scan never writes into the scanned tree, never opens a network connection
and never runs template content as code.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml

from linter import parsers
from linter.config import Config
from linter.engine import lint, lint_units
from linter.parsers.common import LoadOptions
from linter.parsers.link import build_graph
from linter.reporters.graph import to_data
from tests.helpers import CORPUS, POLICIES
from tests.robustness.child_scan import child_scan

SUBSET = ("Azure__azureml-examples", "Azure-Samples__aks-openai-terraform", "Azure__azure-quickstart-templates")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Part of the corpus (all three formats), copied so that a test may compare it before and after."""
    root = tmp_path_factory.mktemp("tree")
    for name in SUBSET:
        shutil.copytree(CORPUS / name, root / name)
    return root


def dump_units(units: list[Any]) -> str:
    data = [to_data(build_graph(u.resources, u.entry), u.findings) for u in units]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


# -- determinism ---------------------------------------------------------------------------


def test_json_report_is_byte_identical_across_runs_and_cache_states(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIPLATFORM_LINT_CACHE_DIR", str(tmp_path / "one"))
    first = child_scan(tree)
    warm = child_scan(tree)  # every deployment from the cache
    monkeypatch.setenv("AIPLATFORM_LINT_CACHE_DIR", str(tmp_path / "two"))
    second = child_scan(tree)
    monkeypatch.setenv("AIPLATFORM_LINT_NO_CACHE", "1")
    uncached = child_scan(tree)
    assert first["findings"], "the subset should have findings"
    assert first == second == warm == uncached


def test_parallel_loading_gives_the_same_units_in_the_same_order(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIPLATFORM_LINT_NO_CACHE", "1")
    opts = LoadOptions(root=tree)
    jobs = parsers.plan_jobs(parsers.discover([tree], (), tree), opts)
    assert len(jobs) > 10
    serial = list(parsers.load_jobs(jobs, opts, workers=1))
    parallel = list(parsers.load_jobs(jobs, opts, workers=3))
    assert [u.entry for u in serial] == [u.entry for u in parallel]
    assert dump_units(serial) == dump_units(parallel)
    found_serial, _, _ = lint_units(serial, POLICIES, Config())
    found_parallel, _, _ = lint_units(parallel, POLICIES, Config())
    assert found_serial == found_parallel


def test_many_jobs_are_loaded_in_parallel_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert parsers.workers_for(parsers.PARALLEL_MIN_JOBS - 1) == 1
    assert parsers.workers_for(500) == 2
    monkeypatch.setenv("AIPLATFORM_LINT_JOBS", "1")
    assert parsers.workers_for(500) == 1


# -- security ---------------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every path under ``root`` with its kind, size, modification time and content hash."""
    out: dict[str, tuple[Any, ...]] = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else ""
            out[path.relative_to(root).as_posix()] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, digest)
    return out


def test_the_scanned_tree_is_unchanged(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("AIPLATFORM_LINT_CACHE_DIR", str(cache))
    before = snapshot(tree)
    child_scan(tree)
    child_scan(tree)
    lint([tree], Config(), LoadOptions(root=tree), POLICIES)
    assert snapshot(tree) == before
    assert any(cache.rglob("*")), "the cache should have been written, outside the tree"


def test_a_cache_folder_inside_the_tree_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CORPUS / "Azure__azureml-examples", root)
    monkeypatch.setenv("AIPLATFORM_LINT_CACHE_DIR", str(root / ".cache" / "aiplatform-lint"))
    before = snapshot(root)
    report = lint([root], Config(), LoadOptions(root=root, boundary=root), POLICIES)
    assert report.units > 0
    assert snapshot(root) == before


def test_a_scan_with_the_network_blocked(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the linter tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("AIPLATFORM_LINT_NO_CACHE", "1")
    report = lint([tree], Config(), LoadOptions(root=tree), POLICIES)
    assert report.units > 10
    assert not [f for f in report.findings if f.policy == "SYS002"]
    opts = LoadOptions(root=tree)
    jobs = parsers.plan_jobs(parsers.discover([tree], (), tree), opts)
    assert len(list(parsers.load_jobs(jobs, opts, workers=2))) == len(jobs)


def test_template_content_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    command = f"__import__('os').system('touch {marker}')"
    (tmp_path / "main.bicep").write_text(
        f"var a = {command}\nvar b = '${{{command}}}'\noutput c string = string(a)\n", encoding="utf-8"
    )
    (tmp_path / "azuredeploy.json").write_text(
        '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",'
        f' "variables": {{"a": "[{command}]"}}, "resources": [], "outputs": {{"o": {{"type": "string", '
        '"value": "[variables(\'a\')]"}}}',
        encoding="utf-8",
    )
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(
        f'locals {{\n  a = "${{{command.replace(chr(39), chr(34))}}}"\n}}\noutput "o" {{\n  value = local.a\n}}\n',
        encoding="utf-8",
    )
    lint([tmp_path], Config(), LoadOptions(root=tmp_path), POLICIES)
    assert not marker.exists()
