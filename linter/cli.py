"""The command line: argument plumbing and exit codes only.

Exit codes: 0 no finding at or above the fail level; 1 findings; 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from linter import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_RANK = {"note": 0, "warning": 1, "error": 2}


class UsageError(click.UsageError):
    exit_code = EXIT_ERROR


def _fail(message: str) -> None:
    raise UsageError(message)


def _split_ids(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())


def boundary_for(paths: Sequence[Path]) -> Path:
    """Modules are followed inside the repository of the first path, else the working folder."""
    start = paths[0].resolve() if paths else Path.cwd()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    cwd = Path.cwd().resolve()
    if all(cwd in (p.resolve(), *p.resolve().parents) for p in paths):
        return cwd
    return Path(os.path.commonpath([str(p.resolve()) for p in paths]))


def gate_fails(findings: Sequence[Any], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    for finding in findings:
        if finding.outcome == "inconclusive":
            if fail_on == "inconclusive":
                return True
            continue
        if fail_on == "inconclusive" or _RANK[finding.severity] >= _RANK[fail_on]:
            return True
    return False


def summary(report: Any) -> str:
    counts = {"error": 0, "warning": 0, "note": 0}
    inconclusive = 0
    for finding in report.findings:
        if finding.outcome == "inconclusive":
            inconclusive += 1
        else:
            counts[finding.severity] += 1
    return (
        f"{len(report.files)} files, {report.units} deployments, {report.resources} resources, "
        f"{len(report.policies)} policies: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['note']} notes, {inconclusive} inconclusive ({report.elapsed:.2f}s)"
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="aiplatform-lint", message="%(prog)s %(version)s")
def main() -> None:
    """Lint Azure AI platform templates (Bicep, ARM JSON, Terraform) against the Well-Architected guidance."""


def _load_config(config_path: Path | None, start: Path) -> Any:
    from linter import config as cfg

    try:
        path = config_path if config_path is not None else cfg.find(start)
        return cfg.load(path)
    except cfg.ConfigError as error:
        _fail(str(error))


def _policies(policies_dir: Sequence[Path]) -> Any:
    from linter import registry

    try:
        return registry.load(policies_dir)
    except registry.RegistryError as error:
        _fail(str(error))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="text", help="Report format written to standard output.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=FILE", help="Also write FORMAT to FILE.")
@click.option("--select", multiple=True, help="Policy ids or prefixes to run (comma-separated).")
@click.option("--ignore", multiple=True, help="Policy ids or prefixes not to run (comma-separated).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Configuration file.")
@click.option("--parameters", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="ARM/Bicep parameters file (JSON or .bicepparam).")
@click.option("--var-file", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Terraform variables file.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "note", "inconclusive", "never"]),
              help="Lowest level that fails the gate (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Always exit 0 unless the linter itself fails.")
@click.option("--policies-dir", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder with extra policy modules.")
@click.option("--allow-outside-root", is_flag=True, help="Follow module paths outside the repository.")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
def scan(
    paths: tuple[Path, ...],
    fmt: str,
    outputs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    parameters: tuple[Path, ...],
    var_file: tuple[Path, ...],
    exclude: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    policies_dir: tuple[Path, ...],
    allow_outside_root: bool,
    quiet: bool,
) -> None:
    """Scan PATHS (files or folders) and report policy findings."""
    from dataclasses import replace

    from linter import config as cfg
    from linter import engine, reporters
    from linter.parsers.common import LoadOptions

    for path in (*paths, *parameters, *var_file):
        if not path.exists():
            _fail(f"path does not exist: {path}")
    if fmt not in reporters.FORMATS:
        _fail(f"unknown format {fmt!r} (choose from {', '.join(sorted(reporters.FORMATS))})")
    targets: list[tuple[str, Path]] = []
    for item in outputs:
        name, sep, file = item.partition("=")
        if not sep or not file or name not in reporters.FORMATS:
            _fail(f"--output takes FORMAT=FILE with FORMAT one of {', '.join(sorted(reporters.FORMATS))}: {item!r}")
        targets.append((name, Path(file)))
    config = _load_config(config_path, paths[0])
    all_policies = _policies(policies_dir)
    try:
        sel, ign = _split_ids(select), _split_ids(ignore)
        cfg.check_ids(sel, all_policies, "--select")
        cfg.check_ids(ign, all_policies, "--ignore")
        cfg.check_ids(config.select, all_policies, "select")
        cfg.check_ids(config.ignore, all_policies, "ignore")
    except cfg.ConfigError as error:
        _fail(str(error))
    config = replace(
        config,
        select=sel or config.select,
        ignore=(*config.ignore, *ign),
        exclude=(*config.exclude, *exclude),
        fail_on=fail_on or config.fail_on,
    )
    root = Path.cwd()
    opts = LoadOptions(
        root=root,
        parameters=tuple(p.resolve() for p in parameters),
        var_files=tuple(p.resolve() for p in var_file),
        allow_outside_root=allow_outside_root,
        boundary=boundary_for(list(paths)),
    )
    report = engine.lint([p.resolve() for p in paths], config, opts, all_policies)
    by_id = {p.id: p for p in all_policies}
    text = reporters.get(fmt)(report.findings, by_id, report.files)
    sys.stdout.write(text)
    for name, file in targets:
        try:
            file.write_text(reporters.get(name)(report.findings, by_id, report.files), encoding="utf-8")
        except OSError as error:
            _fail(f"cannot write {file}: {error.strerror or error}")
    if not quiet:
        click.echo(summary(report), err=True)
    if not exit_zero and gate_fails(report.findings, config.fail_on):
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), default="yaml")
@click.option("--parameters", multiple=True, type=click.Path(exists=True, path_type=Path, dir_okay=False))
@click.option("--var-file", multiple=True, type=click.Path(exists=True, path_type=Path, dir_okay=False))
@click.option("--allow-outside-root", is_flag=True)
def graph(
    paths: tuple[Path, ...],
    fmt: str,
    parameters: tuple[Path, ...],
    var_file: tuple[Path, ...],
    allow_outside_root: bool,
) -> None:
    """Print the normalized resource graph of each deployment under PATHS."""
    import json

    from linter import parsers
    from linter.parsers.common import LoadOptions
    from linter.parsers.link import build_graph
    from linter.reporters.graph import to_data

    opts = LoadOptions(
        root=Path.cwd(),
        parameters=tuple(p.resolve() for p in parameters),
        var_files=tuple(p.resolve() for p in var_file),
        allow_outside_root=allow_outside_root,
        boundary=boundary_for(list(paths)),
    )
    units = []
    for unit in parsers.load([p.resolve() for p in paths], opts):
        units.append(to_data(build_graph(unit.resources, unit.entry), unit.findings))
    if fmt == "json":
        sys.stdout.write(json.dumps(units, indent=2, ensure_ascii=False) + "\n")
    else:
        import yaml

        sys.stdout.write(yaml.safe_dump(units, sort_keys=False, allow_unicode=True, width=120))


@main.command(name="policies")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--policies-dir", multiple=True, type=click.Path(path_type=Path, file_okay=False))
def list_policies(fmt: str, policies_dir: tuple[Path, ...]) -> None:
    """List the policies: id, severity, name, guidance and summary."""
    found = _policies(policies_dir)
    if fmt == "json":
        import json

        data = [
            {"id": p.id, "name": p.name, "severity": p.severity, "guidance": list(p.guidance), "summary": p.summary}
            for p in found
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    for p in found:
        guidance = ",".join(p.guidance) or "-"
        click.echo(f"{p.id}  {p.severity:<7}  {p.name:<45} {guidance:<8} {p.summary}")


@main.command()
@click.argument("policy_id")
@click.option("--policies-dir", multiple=True, type=click.Path(path_type=Path, file_okay=False))
def explain(policy_id: str, policies_dir: tuple[Path, ...]) -> None:
    """Print the documentation of POLICY_ID."""
    found = {p.id: p for p in _policies(policies_dir)}
    item = found.get(policy_id.upper())
    if item is None:
        _fail(f"unknown policy id {policy_id!r} (see 'aiplatform-lint policies')")
        return
    guidance = f"\nEnforces guidance {', '.join(item.guidance)}.\n" if item.guidance else ""
    click.echo(f"# {item.id} {item.name} ({item.severity})\n{guidance}\n{item.doc.strip()}")


if __name__ == "__main__":  # pragma: no cover
    main()
