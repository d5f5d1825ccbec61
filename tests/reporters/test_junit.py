"""JUnit XML parses back and has one testcase per policy per file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.helpers import bicep_workspace, corpus_report, make_run, scan

from linter.reporters import get


def test_corpus_junit_parses_with_one_testcase_per_policy_per_file() -> None:
    report = corpus_report()
    root = ET.fromstring(get("junit")(make_run(report)))
    suites = root.findall("testsuite")
    ran = sorted(p.id for p in report.policies)
    assert [s.get("name") for s in suites] == sorted({*report.files, *(f.span.file for f in report.findings)})
    for suite in suites:
        names = [case.get("name").split()[0] for case in suite.findall("testcase")]
        assert names == ran, suite.get("name")
        assert int(suite.get("tests")) == len(ran)
    assert int(root.get("tests")) == len(suites) * len(ran)
    failed = {(s.get("name"), c.get("name").split()[0]) for s in suites for c in s if c.find("failure") is not None}
    expected = {(f.span.file, f.policy) for f in report.findings if f.outcome == "fail"}
    assert failed == expected
    assert int(root.get("failures")) == len(expected)


def test_failure_lists_findings_and_inconclusive_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "bad.bicep").write_text(bicep_workspace(), encoding="utf-8")
    (tmp_path / "open.bicep").write_text(
        "param access string\n" + bicep_workspace().replace("'Enabled'", "access"), encoding="utf-8"
    )
    root = ET.fromstring(get("junit")(make_run(scan(tmp_path))))
    cases = {(s.get("name"), c.get("name")): c for s in root for c in s}
    bad = cases[("bad.bicep", "TST001 test-workspace-public-access")]
    failure = bad.find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.text.startswith("bad.bicep:5:5: ML workspace allows public network access")
    skipped = cases[("open.bicep", "TST001 test-workspace-public-access")].find("skipped")
    assert skipped is not None and skipped.get("message").startswith("inconclusive:")
    assert cases[("bad.bicep", "SYS001 parse-error")].find("failure") is None
