"""SARIF 2.1.0: valid against the official schema, levels, kinds, relative URIs, stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from tests.helpers import SHARED, arm_workspace, bicep_workspace, corpus_report, make_run, scan

from linter.reporters import get

SCHEMA = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validate(data: dict) -> None:
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]


def test_corpus_scan_validates() -> None:
    report = corpus_report()
    data = json.loads(get("sarif")(make_run(report)))
    _validate(data)
    run = data["runs"][0]
    assert len(run["results"]) == len(report.findings) > 0
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(rule_ids) and "TST001" in rule_ids
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
        assert not location["uri"].startswith(("/", "file:"))
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["aiplatformLint/v1"]


def test_rules_carry_policy_docs_and_levels(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    report = scan(tmp_path)
    data = json.loads(get("sarif")(make_run(report, severities={"TST001": "warning"})))
    _validate(data)
    rules = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    net = rules["TST001"]
    assert net["name"] == "test-workspace-public-access"
    assert "## Why is this bad?" in net["help"]["markdown"]
    assert net["shortDescription"]["text"].startswith("Machine Learning workspace")
    assert net["defaultConfiguration"]["level"] == "warning"
    (result,) = data["runs"][0]["results"]
    assert result["level"] == "error" and result["kind"] == "fail"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert result["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "ws", "kind": "resource"}]


def test_inconclusive_is_open_with_level_none(tmp_path: Path) -> None:
    text = "param access string\n" + bicep_workspace().replace("'Enabled'", "access")
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    data = json.loads(get("sarif")(make_run(scan(tmp_path))))
    _validate(data)
    (result,) = data["runs"][0]["results"]
    assert (result["kind"], result["level"]) == ("open", "none")


@pytest.mark.parametrize("make,name", [(bicep_workspace, "main.bicep"), (arm_workspace, "azuredeploy.json")])
def test_fingerprint_survives_edits_above(make, name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_text(make(), encoding="utf-8")
    before = json.loads(get("sarif")(make_run(scan(tmp_path))))["runs"][0]["results"][0]
    edited = make()
    if name.endswith(".bicep"):
        edited = "// a new comment\nparam unused string = 'x'\n\n" + edited
    else:
        edited = edited.replace('"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.0",\n  "variables": {},\n')
    (tmp_path / name).write_text(edited, encoding="utf-8")
    after = json.loads(get("sarif")(make_run(scan(tmp_path))))["runs"][0]["results"][0]

    def line(result: dict) -> int:
        return result["locations"][0]["physicalLocation"]["region"]["startLine"]

    assert line(after) > line(before)
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_uris_are_percent_encoded(tmp_path: Path) -> None:
    folder = tmp_path / "my templates"
    folder.mkdir()
    (folder / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    data = json.loads(get("sarif")(make_run(scan(tmp_path))))
    _validate(data)
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20templates/main.bicep"
