"""Inline suppressions in Bicep, ARM JSON (comments and metadata) and Terraform."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import arm_workspace, bicep_workspace, scan, tf_workspace

from linter.config import Config
from linter.suppressions import from_comments

REASON = "reached through the gateway only"

CASES = {
    # name: (file name, template with the suppression on the property, on the resource)
    "bicep": (
        "main.bicep",
        lambda c: bicep_workspace(above_property=f"    // aiplatform-lint-ignore {c}\n"),
        lambda c: bicep_workspace(above_resource=f"// aiplatform-lint-ignore {c}\n"),
    ),
    "arm": (
        "azuredeploy.json",
        lambda c: arm_workspace(above_property=f"        // aiplatform-lint-ignore {c}\n"),
        lambda c: arm_workspace(metadata=_metadata(c)),
    ),
    "terraform": (
        "main.tf",
        lambda c: tf_workspace(above_property=f"  # aiplatform-lint-ignore {c}\n"),
        lambda c: tf_workspace(above_resource=f"# aiplatform-lint-ignore {c}\n"),
    ),
}


def _metadata(comment: str) -> str:
    policy_id, _, reason = comment.partition(":")
    return f'      "metadata": {{"aiplatform-lint-ignore": {{"{policy_id}": "{reason.strip()}"}}}},\n'


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _ids(report) -> list[str]:
    return [f"{f.policy}:{f.span.line}:{f.message}" for f in report.findings]


PLAIN = {"bicep": bicep_workspace, "arm": arm_workspace, "terraform": tf_workspace}


@pytest.mark.parametrize("fmt", CASES)
def test_unsuppressed_template_fails(fmt: str, tmp_path: Path) -> None:
    report = scan(_write(tmp_path, CASES[fmt][0], PLAIN[fmt]()))
    assert [f.policy for f in report.findings] == ["TST001"]


@pytest.mark.parametrize("fmt", CASES)
@pytest.mark.parametrize("where", ["property", "resource"])
def test_suppressed(fmt: str, where: str, tmp_path: Path) -> None:
    name, on_property, on_resource = CASES[fmt]
    make = on_property if where == "property" else on_resource
    report = scan(_write(tmp_path, name, make(f"TST001: {REASON}")))
    assert report.findings == []


@pytest.mark.parametrize("fmt", CASES)
def test_unused(fmt: str, tmp_path: Path) -> None:
    name, on_property, _ = CASES[fmt]
    text = on_property(f"TST001: {REASON}")
    text = text.replace("Enabled", "Disabled").replace("= true", "= false")
    report = scan(_write(tmp_path, name, text))
    assert [(f.policy, f.message) for f in report.findings] == [
        ("SYS003", "unused suppression: no TST001 finding here")
    ]


@pytest.mark.parametrize("fmt", CASES)
def test_expired(fmt: str, tmp_path: Path) -> None:
    name, on_property, _ = CASES[fmt]
    report = scan(_write(tmp_path, name, on_property(f"TST001: {REASON} [until 2001-01-31]")))
    assert sorted((f.policy, f.message) for f in report.findings if f.policy == "SYS003") == [
        ("SYS003", "suppression of TST001 expired on 2001-01-31"),
    ]
    assert [f.policy for f in report.findings if f.policy != "SYS003"] == ["TST001"]


@pytest.mark.parametrize("fmt", CASES)
def test_not_yet_expired(fmt: str, tmp_path: Path) -> None:
    name, on_property, _ = CASES[fmt]
    report = scan(_write(tmp_path, name, on_property(f"TST001: {REASON} until 2999-12-31")))
    assert report.findings == []


@pytest.mark.parametrize("fmt", CASES)
def test_missing_reason(fmt: str, tmp_path: Path) -> None:
    name, on_property, _ = CASES[fmt]
    report = scan(_write(tmp_path, name, on_property("TST001")))
    assert {f.policy for f in report.findings} == {"TST001", "SYS003"}
    (problem,) = [f for f in report.findings if f.policy == "SYS003"]
    assert "has no reason" in problem.message
    assert problem.span.file == name


@pytest.mark.parametrize("fmt", CASES)
def test_forbidden_by_config(fmt: str, tmp_path: Path) -> None:
    name, on_property, _ = CASES[fmt]
    report = scan(_write(tmp_path, name, on_property(f"TST001: {REASON}")), Config(forbid=("TST",)))
    expected = "inline suppression of TST001 is not allowed by the configuration (suppressions.forbid)"
    assert [f.message for f in report.findings if f.policy == "SYS003"] == [expected]
    assert [f.policy for f in report.findings if f.policy != "SYS003"] == ["TST001"]


def test_unknown_policy_and_sys_ids(tmp_path: Path) -> None:
    text = bicep_workspace(above_property=f"    // aiplatform-lint-ignore TST001, XYZ999, SYS001: {REASON}\n")
    report = scan(_write(tmp_path, "main.bicep", text))
    assert sorted(f.message for f in report.findings) == [
        "SYS001 findings cannot be suppressed",
        "suppression names unknown policy 'XYZ999'",
    ]


def test_policy_that_did_not_run_is_not_unused(tmp_path: Path) -> None:
    text = bicep_workspace(access="Disabled", above_property=f"    // aiplatform-lint-ignore TST001: {REASON}\n")
    report = scan(_write(tmp_path, "main.bicep", text), Config(ignore=("TST001",)))
    assert report.findings == []


def test_trailing_comment_covers_its_own_line(tmp_path: Path) -> None:
    text = bicep_workspace().replace("'Enabled'", f"'Enabled' // aiplatform-lint-ignore TST001: {REASON}")
    assert scan(_write(tmp_path, "main.bicep", text)).findings == []


def test_comment_separated_by_blank_line_does_not_apply(tmp_path: Path) -> None:
    text = f"// aiplatform-lint-ignore TST001: {REASON}\n\n" + bicep_workspace()
    report = scan(_write(tmp_path, "main.bicep", text))
    assert sorted(f.policy for f in report.findings) == ["SYS003", "TST001"]


def test_decorators_between_comment_and_resource(tmp_path: Path) -> None:
    text = bicep_workspace(above_resource=f"// aiplatform-lint-ignore TST001: {REASON}\n@description('ws')\n")
    assert scan(_write(tmp_path, "main.bicep", text)).findings == []


def test_hash_comment_is_not_a_suppression_in_json_or_bicep() -> None:
    assert from_comments("main.bicep", "# aiplatform-lint-ignore TST001: x\n") == []
    assert [s.policy for s in from_comments("main.tf", "# aiplatform-lint-ignore TST001: x\n")] == ["TST001"]


def test_parse_several_ids_and_dates() -> None:
    text = "  # aiplatform-lint-ignore net001, NET002: why not [until 2030-02-01]\nx = 1\n"
    (first, second) = from_comments("a.tf", text)
    assert (first.policy, second.policy) == ("NET001", "NET002")
    assert first.reason == "why not" and str(first.until) == "2030-02-01"
    assert first.targets == frozenset({2})
    (bad,) = from_comments("a.bicep", "// aiplatform-lint-ignore TST001: x until 2030-13-01\n")
    assert "not a calendar date" in bad.problem


def test_arm_metadata_in_symbolic_name_template(tmp_path: Path) -> None:
    text = (
        '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n'
        '  "languageVersion": "2.0",\n  "contentVersion": "1.0.0.0",\n  "resources": {\n'
        '    "ws": {\n      "type": "Microsoft.MachineLearningServices/workspaces",\n'
        '      "apiVersion": "2024-04-01",\n      "name": "mlw-test",\n      "location": "swedencentral",\n'
        f'      "metadata": {{"aiplatform-lint-ignore": {{"TST001": "{REASON}"}}}},\n'
        '      "properties": {"publicNetworkAccess": "Enabled"}\n    }\n  }\n}\n'
    )
    assert scan(_write(tmp_path, "main.json", text)).findings == []


def test_arm_metadata_problems_point_at_the_entry(tmp_path: Path) -> None:
    text = arm_workspace(metadata='      "metadata": {"aiplatform-lint-ignore": {"TST001": ""}},\n')
    report = scan(_write(tmp_path, "azuredeploy.json", text))
    (problem,) = [f for f in report.findings if f.policy == "SYS003"]
    assert "has no reason" in problem.message
    assert (problem.span.line, problem.span.column) == (10, 47)  # the "TST001" key
