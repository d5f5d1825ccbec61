"""Tests generated from fixtures: snapshot, pass/fail matrix, cross-format parity, orphans.

A policy whose settings must be configured to fire (``allowed_regions``...) keeps them in
``settings.yaml`` in its fixture folder: a mapping of ``settings`` keys, applied to every case
of that policy on top of the defaults and validated like the configuration file.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from linter import registry
from linter.config import Config, from_data, validate
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from linter.reporters.text import line

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
POLICIES = [p for p in registry.load() if not p.id.startswith("SYS")]
FORMATS = ("bicep", "json", "tf")


def fixture_dir(item: Policy) -> Path:
    parts = item.module.split(".")[1:]  # policies.network.ml_workspace_public_access -> network/ml_...
    return FIXTURES.joinpath(*parts)


def config_for(item: Policy, folder: Path) -> Config:
    """Only ``item`` selected; the fixture folder's ``settings.yaml`` applied when present."""
    extra = folder / "settings.yaml"
    if not extra.is_file():
        return Config(select=(item.id,))
    data = {"select": [item.id], "settings": yaml.safe_load(extra.read_text(encoding="utf-8")) or {}}
    validate(data, str(extra))
    return from_data(data, str(extra))


def lint_one(item: Policy, case: Path, tmp: Path) -> list[Finding]:
    """Lint one fixture file (or case folder) as its own unit, with only ``item`` selected."""
    unit = tmp / case.name
    if case.is_dir():
        shutil.copytree(case, unit)
    else:
        unit.mkdir(parents=True)
        shutil.copy(case, unit / case.name)
    report = lint([unit], config_for(item, case.parent), LoadOptions(root=unit), [item])
    if case.is_file():
        return report.findings
    prefix = f"{case.name}/"
    return [replace(f, span=replace(f.span, file=prefix + f.span.file)) for f in report.findings]


def cases(item: Policy) -> list[Path]:
    return sorted(p for p in fixture_dir(item).iterdir() if p.name.startswith(("pass", "fail")))


@pytest.mark.parametrize("item", POLICIES, ids=lambda p: p.id)
def test_snapshot(item: Policy, tmp_path: Path, snapshot: Callable[[Path, str], None]) -> None:
    findings: list[Finding] = []
    for case in cases(item):
        findings.extend(lint_one(item, case, tmp_path))
    snapshot(fixture_dir(item) / "findings.txt", "".join(line(f) + "\n" for f in sorted(findings)))


@pytest.mark.parametrize("item", POLICIES, ids=lambda p: p.id)
def test_matrix(item: Policy, tmp_path: Path) -> None:
    folder = fixture_dir(item)
    for kind in ("pass", "fail"):
        for ext in FORMATS:
            assert (folder / f"{kind}.{ext}").is_file(), f"{folder.name} lacks {kind}.{ext}"
    for case in cases(item):
        findings = lint_one(item, case, tmp_path / case.name)
        found = [f for f in findings if f.policy == item.id]
        system = [f"{f.span} {f.message}" for f in findings if f.policy.startswith("SYS")]
        if case.name.startswith("fail"):
            assert found, f"{case.name} yields no {item.id} finding"
        else:
            assert not found, f"{case.name} yields {[str(f.span) + ' ' + f.message for f in found]}"
        assert not system, system


@pytest.mark.parametrize("item", POLICIES, ids=lambda p: p.id)
def test_formats_agree(item: Policy, tmp_path: Path) -> None:
    seen = {}
    for ext in FORMATS:
        case = fixture_dir(item) / f"fail.{ext}"
        seen[ext] = Counter((f.policy, f.path, f.outcome) for f in lint_one(item, case, tmp_path / ext))
    assert seen["bicep"] == seen["json"] == seen["tf"], seen


def test_orphans() -> None:
    expected = {fixture_dir(p) for p in POLICIES}
    present = {p.parent for p in FIXTURES.rglob("findings.txt")}
    assert present == expected
