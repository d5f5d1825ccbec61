"""Text (excerpt, colour), JSON (versioned contract) and GitHub annotations."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import bicep_workspace, make_run, scan

from linter.model import Span
from linter.policy import Finding
from linter.reporters import get
from linter.reporters.github import annotation
from linter.reporters.text import excerpt


def _report(tmp_path: Path):
    (tmp_path / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    return scan(tmp_path)


def test_text_line_and_excerpt(tmp_path: Path) -> None:
    report = _report(tmp_path)
    lines = (tmp_path / "main.bicep").read_text().splitlines()
    out = get("text")(make_run(report, show_source=True, source=lambda _f: lines)).splitlines()
    assert out[0].startswith("main.bicep:5:5: TST001 error: ML workspace allows public network access")
    assert out[0].endswith("(ws, properties.publicNetworkAccess)")
    assert out[1] == "    5 |     publicNetworkAccess: 'Enabled'"
    assert out[2] == "      |     " + "^" * len("publicNetworkAccess: 'Enabled'")
    assert "\x1b[" not in "".join(out)


def test_text_colour_only_when_asked(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert "\x1b[31merror:\x1b[0m" in get("text")(make_run(report, color=True))
    assert "\x1b[" not in get("text")(make_run(report))


def test_excerpt_outside_the_file_is_empty() -> None:
    finding = Finding(span=Span("a.bicep", 9, 1, 9, 2))
    assert excerpt(finding, ["one line"]) == []
    assert excerpt(finding, None) == []


def test_json_contract(tmp_path: Path) -> None:
    report = _report(tmp_path)
    data = json.loads(get("json")(make_run(report)))
    assert data["version"] == 1
    assert data["tool"] == {"name": "aiplatform-lint", "version": "0.1.0"}
    assert data["files"] == ["main.bicep"]
    (item,) = data["findings"]
    assert set(item) == {
        "policy",
        "severity",
        "outcome",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "resource",
        "path",
        "fingerprint",
    }
    assert (item["policy"], item["file"], item["line"], item["column"]) == ("TST001", "main.bicep", 5, 5)
    assert "baseline" not in data
    with_baseline = json.loads(get("json")(make_run(report, baseline="b.json", fixed=[{"policy": "TST001"}])))
    assert with_baseline["baseline"] == {"file": "b.json", "fixed": [{"policy": "TST001"}]}


def test_github_annotations(tmp_path: Path) -> None:
    report = _report(tmp_path)
    (line,) = get("github")(make_run(report)).splitlines()
    assert line.startswith(
        "::error file=main.bicep,line=5,col=5,endLine=5,endColumn=35,"
        "title=TST001 test-workspace-public-access::ML workspace allows"
    )
    odd = Finding(span=Span("a,b:c.tf", 1, 1, 1, 1), policy="X001", message="50% done\nnext", outcome="inconclusive")
    assert annotation(odd, "n") == (
        "::notice file=a%2Cb%3Ac.tf,line=1,col=1,endLine=1,title=X001 n (inconclusive)::50%25 done%0Anext"
    )
