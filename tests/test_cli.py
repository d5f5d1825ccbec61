"""The command line: exit codes, gate semantics, outputs, one-line user errors, init, config discovery."""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from tests.helpers import POLICIES, bicep_workspace

from linter import cli, config, registry
from linter.cli import Progress, main

OPEN = "param access string\n" + bicep_workspace().replace("'Enabled'", "access")


@pytest.fixture(autouse=True)
def small_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI sees a fixed policy set, so these tests do not depend on the policy pack."""
    monkeypatch.setattr(registry, "load", lambda extra_dirs=(): POLICIES)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "main.bicep").write_text(bicep_workspace(), encoding="utf-8")
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "main.bicep").write_text(bicep_workspace(access="Disabled"), encoding="utf-8")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "main.bicep").write_text(OPEN, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("aiplatform-lint: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# --- exit codes and the gate ---------------------------------------------------------------------------------


def test_clean_exits_0(project: Path) -> None:
    result = run("scan", "good", "--select", "TST001")
    assert result.exit_code == 0 and result.stdout == ""


def test_findings_exit_1_with_text_lines_and_summary(project: Path) -> None:
    result = run("scan", "bad", "--select", "TST001")
    assert result.exit_code == 1
    assert result.stdout.startswith("bad/main.bicep:5:5: TST001 error: ")
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith(
        "1 files, 1 deployments, 1 resources, 4 policies: 1 errors, 0 warnings, 0 notes, 0 inconclusive ("
    )
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_fail_on_and_exit_zero(project: Path, tmp_path: Path) -> None:
    (tmp_path / "cfg.yaml").write_text("severity: {TST001: note}\n", encoding="utf-8")
    assert run("scan", "bad", "--select", "TST001", "--config", "cfg.yaml").exit_code == 0  # note < warning
    assert run("scan", "bad", "--select", "TST001", "--config", "cfg.yaml", "--fail-on", "note").exit_code == 1
    assert run("scan", "bad", "--select", "TST001", "--fail-on", "error").exit_code == 1
    assert run("scan", "bad", "--select", "TST001", "--exit-zero").exit_code == 0
    assert run("scan", "bad", "--select", "TST001", "--fail-on", "never").exit_code == 0


def test_inconclusive_passes_unless_asked(project: Path) -> None:
    result = run("scan", "open", "--select", "TST001")
    assert result.exit_code == 0
    assert "TST001 inconclusive:" in result.stdout
    assert "1 inconclusive" in result.stderr
    assert run("scan", "open", "--select", "TST001", "--fail-on", "inconclusive").exit_code == 1


def test_several_outputs(project: Path, tmp_path: Path) -> None:
    result = run(
        "scan",
        "bad",
        "--select",
        "TST001",
        "--format",
        "json",
        "--output",
        "sarif=out.sarif",
        "--output",
        "junit=out.xml",
        "--output",
        "github=out.txt",
        "-q",
    )
    assert result.exit_code == 1
    assert result.stderr == ""
    assert json.loads(result.stdout)["findings"][0]["policy"] == "TST001"
    assert json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"][0]["ruleId"] == "TST001"
    assert ET.parse(tmp_path / "out.xml").getroot().get("failures") == "1"
    assert (tmp_path / "out.txt").read_text().startswith("::error file=bad/main.bicep,line=5")


def test_show_source(project: Path) -> None:
    result = run("scan", "bad", "--select", "TST001", "--show-source", "--color", "always")
    assert "    5 |     publicNetworkAccess: 'Enabled'" in result.stdout
    assert "\x1b[31m" in result.stdout


def test_file_arguments_report_only_those_files(project: Path) -> None:
    both = run("scan", "bad", "good", "--select", "TST001", "--format", "json")
    assert [f["file"] for f in json.loads(both.stdout)["findings"]] == ["bad/main.bicep"]
    only_good = run("scan", "good/main.bicep", "--select", "TST001", "--format", "json")
    assert only_good.exit_code == 0 and json.loads(only_good.stdout)["files"] == ["good/main.bicep"]


# --- user errors: one line, exit 2 ------------------------------------------------------------------------------


def test_usage_errors_are_one_line(project: Path) -> None:
    one_line_error(run("scan"), "Missing argument")
    one_line_error(run("lint", "bad"), "No such command 'lint'")


def test_missing_path(project: Path) -> None:
    one_line_error(run("scan", "nope"), "path does not exist: nope")


def test_unreadable_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = project / "bad" / "main.bicep"
    if os.geteuid() == 0:  # root reads anything: simulate the permission error

        def deny(path: Path) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(cli, "_probe", deny)
    else:
        target.chmod(0)
    one_line_error(run("scan", "bad/main.bicep"), "cannot read bad/main.bicep: Permission denied")


def test_bad_format(project: Path) -> None:
    one_line_error(run("scan", "bad", "--format", "xml"), "unknown format 'xml'", "sarif")
    one_line_error(run("scan", "bad", "--output", "sarif"), "--output takes FORMAT=FILE")


def test_bad_option_value(project: Path) -> None:
    one_line_error(run("scan", "bad", "--fail-on", "sometimes"), "--fail-on")


def test_unknown_policy_id(project: Path) -> None:
    one_line_error(run("scan", "bad", "--select", "XYZ999"), "--select: no policy id matches 'XYZ999'")
    one_line_error(run("explain", "XYZ999"), "unknown policy id 'XYZ999'")


def test_unknown_policy_id_in_config(project: Path, tmp_path: Path) -> None:
    (tmp_path / "cfg.yaml").write_text("severity: {XYZ999: note}\n", encoding="utf-8")
    one_line_error(run("scan", "bad", "--config", "cfg.yaml"), "cfg.yaml: severity: no policy id matches 'XYZ999'")


def test_bad_config_key(project: Path, tmp_path: Path) -> None:
    (tmp_path / "cfg.yaml").write_text("selcet: [NET]\n", encoding="utf-8")
    one_line_error(run("scan", "bad", "--config", "cfg.yaml"), "cfg.yaml", "unknown key", "'selcet'")


def test_bad_config_value(project: Path, tmp_path: Path) -> None:
    (tmp_path / "cfg.yaml").write_text("suppressions: {forbid: net}\n", encoding="utf-8")
    one_line_error(run("scan", "bad", "--config", "cfg.yaml"), "suppressions/forbid", "not of type 'array'")
    (tmp_path / "cfg.yaml").write_text("fail-on: [\n", encoding="utf-8")
    one_line_error(run("scan", "bad", "--config", "cfg.yaml"), "invalid YAML")


def test_missing_config_file(project: Path) -> None:
    one_line_error(run("scan", "bad", "--config", "none.yaml"), "none.yaml", "cannot read")


# --- config discovery and init ----------------------------------------------------------------------------------


def test_config_is_found_walking_up_from_the_scanned_path(project: Path, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".aiplatform-lint.yaml").write_text("select: [TST001]\nseverity: {TST001: note}\n", encoding="utf-8")
    deep = tmp_path / "bad" / "deeper"
    deep.mkdir()
    (deep / "x.bicep").write_text(bicep_workspace(), encoding="utf-8")
    assert config.find(deep) == tmp_path / ".aiplatform-lint.yaml"
    assert config.find(deep / "x.bicep") == tmp_path / ".aiplatform-lint.yaml"
    result = run("scan", "bad/deeper")
    assert result.exit_code == 0  # a note does not fail the default gate
    assert "TST001 note:" in result.stdout
    (tmp_path / ".aiplatform-lint.yaml").unlink()
    assert run("scan", "bad/deeper", "--select", "TST001").exit_code == 1


def test_config_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".aiplatform-lint.yaml").write_text("ignore: [TST001]\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert config.find(repo) is None


def test_init_writes_a_starter_that_loads_as_the_defaults(project: Path, tmp_path: Path) -> None:
    result = run("init")
    assert result.exit_code == 0, result.output
    text = (tmp_path / ".aiplatform-lint.yaml").read_text()
    assert "# Lowest level that makes the exit code 1.\nfail-on: warning\n" in text
    data = yaml.safe_load(text)
    assert set(data) == set(config.schema()["properties"])
    assert set(data["settings"]) == set(config.schema()["properties"]["settings"]["properties"])
    written = tmp_path / ".aiplatform-lint.yaml"
    assert config.load(written) == config.from_data({}, str(written))


def test_init_refuses_to_overwrite(project: Path, tmp_path: Path) -> None:
    (tmp_path / ".aiplatform-lint.yaml").write_text("select: [NET]\n", encoding="utf-8")
    one_line_error(run("init"), "already exists")
    assert (tmp_path / ".aiplatform-lint.yaml").read_text() == "select: [NET]\n"


# --- progress bar -------------------------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_after_the_delay() -> None:
    now = [0.0]
    stream = _Tty()
    bar = Progress(stream, delay=1.0, clock=lambda: now[0])
    bar(1, 10)
    assert stream.getvalue() == ""
    now[0] = 1.5
    bar(5, 10)
    assert "5/10 deployments" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")
    plain = io.StringIO()
    silent = Progress(plain, delay=0.0, clock=lambda: now[0])
    silent(5, 10)
    silent.close()
    assert plain.getvalue() == ""


def test_no_cache_and_jobs_flags_give_the_same_findings(project: Path) -> None:
    plain = run("scan", "bad", "--select", "TST001", "--format", "json", "-q")
    flagged = run("scan", "bad", "--select", "TST001", "--format", "json", "-q", "--no-cache", "--jobs", "2")
    assert plain.exit_code == flagged.exit_code == 1
    assert plain.stdout == flagged.stdout and "TST001" in plain.stdout
    assert "AIPLATFORM_LINT_NO_CACHE" not in os.environ and "AIPLATFORM_LINT_JOBS" not in os.environ
