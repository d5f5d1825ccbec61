"""The CI examples in docs/ci are valid YAML and call the scan command with options that exist."""

from __future__ import annotations

import shlex

import pytest
import yaml
from tests.helpers import REPO

from linter import reporters
from linter.cli import scan

CI = REPO / "docs" / "ci"


def _scan_commands(data: object) -> list[str]:
    found: list[str] = []
    if isinstance(data, dict):
        for value in data.values():
            found.extend(_scan_commands(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(_scan_commands(value))
    elif isinstance(data, str) and "aiplatform-lint scan" in data:
        found.append(data)
    return found


@pytest.mark.parametrize(
    "name,expected", [("github-actions.yml", {"github", "sarif"}), ("azure-pipelines.yml", {"junit", "sarif"})]
)
def test_ci_example(name: str, expected: set[str]) -> None:
    data = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    (command,) = _scan_commands(data)
    args = shlex.split(command)[2:]
    ctx = scan.make_context("scan", args)
    formats = {ctx.params["fmt"]} | {item.split("=", 1)[0] for item in ctx.params["outputs"]}
    assert expected <= formats <= set(reporters.FORMATS)
