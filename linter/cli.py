"""The command line: argument plumbing and exit codes only.

Exit codes: 0 no finding at or above the fail level; 1 findings; 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from linter import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_RANK = {"note": 0, "warning": 1, "error": 2}


class UsageError(click.UsageError):
    exit_code = EXIT_ERROR


def _fail(message: str) -> NoReturn:
    raise UsageError(message)


class _Group(click.Group):
    """Every user error is one line on stderr and exit code 2 (click would print the usage too)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.Abort:
            click.echo("aiplatform-lint: aborted", err=True)
            sys.exit(EXIT_ERROR)
        except click.ClickException as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # no command given: the help, as click prints it
                click.echo(error.format_message(), err=True)
            else:
                click.echo(f"aiplatform-lint: error: {error.format_message()}", err=True)
            sys.exit(EXIT_ERROR)
        except OSError as error:
            click.echo(f"aiplatform-lint: error: {error}", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as error:  # noqa: BLE001 - a bug of the linter: one line, exit 2
            if os.environ.get("AIPLATFORM_LINT_DEBUG"):
                raise
            click.echo(f"aiplatform-lint: internal error: {type(error).__name__}: {error} "
                       "(set AIPLATFORM_LINT_DEBUG=1 for the traceback)", err=True)
            sys.exit(EXIT_ERROR)
        sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


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


class Progress:
    """A progress bar on ``stream``, drawn only on a terminal and only once ``delay`` seconds have passed."""

    def __init__(self, stream: IO[str], delay: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.drawn = False
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total == 0 or self.clock() - self.started < self.delay:
            return
        width = 30
        filled = width * done // total
        if self.drawn and filled == self.last and done != total:
            return
        self.last = filled
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} deployments")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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


def _probe(path: Path) -> None:
    """Raise OSError when ``path`` cannot be read."""
    if path.is_dir():
        os.listdir(path)
    else:
        with path.open("rb") as handle:
            handle.read(1)


def _scan_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("--select", multiple=True, help="Policy ids or prefixes to run (comma-separated)."),
        click.option("--ignore", multiple=True, help="Policy ids or prefixes not to run (comma-separated)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="Configuration file (default: .aiplatform-lint.yaml found from the first path upwards)."),
        click.option("--parameters", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
                     help="ARM/Bicep parameters file (JSON or .bicepparam)."),
        click.option("--var-file", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
                     help="Terraform variables file."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB."),
        click.option("--policies-dir", multiple=True, type=click.Path(path_type=Path, file_okay=False),
                     help="Folder with extra policy modules."),
        click.option("--allow-outside-root", is_flag=True, help="Follow module paths outside the repository."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _prepare(
    paths: Sequence[Path],
    select: Sequence[str],
    ignore: Sequence[str],
    config_path: Path | None,
    parameters: Sequence[Path],
    var_file: Sequence[Path],
    exclude: Sequence[str],
    policies_dir: Sequence[Path],
    allow_outside_root: bool,
    fail_on: str | None = None,
) -> tuple[Any, tuple[Any, ...], Any, list[Path], set[str] | None]:
    """Check the arguments; (config, all policies, load options, paths to load, files to report or None)."""
    from linter import config as cfg
    from linter import context, parsers
    from linter.parsers.common import LoadOptions, rel

    for path in (*paths, *parameters, *var_file):
        if not path.exists():
            _fail(f"path does not exist: {path}")
        try:
            _probe(path)
        except OSError as error:
            _fail(f"cannot read {path}: {error.strerror or error}")
    config = _load_config(config_path, paths[0])
    all_policies = _policies(policies_dir)
    try:
        sel, ign = _split_ids(select), _split_ids(ignore)
        cfg.check_ids(sel, all_policies, "--select")
        cfg.check_ids(ign, all_policies, "--ignore")
        cfg.check_ids(config.select, all_policies, "select")
        cfg.check_ids(config.ignore, all_policies, "ignore")
        cfg.check_ids(tuple(config.severity), all_policies, "severity")
        cfg.check_ids(config.forbid, all_policies, "suppressions.forbid")
    except cfg.ConfigError as error:
        where = f"{config.path}: " if config.path and "--" not in str(error) else ""
        _fail(where + str(error))
    config = replace(
        config,
        select=sel or config.select,
        ignore=(*config.ignore, *ign),
        exclude=(*config.exclude, *exclude),
        fail_on=fail_on or config.fail_on,
    )
    root = Path.cwd()
    boundary = boundary_for(list(paths))
    opts = LoadOptions(
        root=root,
        parameters=tuple(p.resolve() for p in parameters),
        var_files=tuple(p.resolve() for p in var_file),
        allow_outside_root=allow_outside_root,
        boundary=boundary,
    )
    given = [p for p in paths if p.is_file()]
    folders = [p for p in paths if not p.is_file()]
    if not given:
        return config, all_policies, opts, [p.resolve() for p in paths], None
    # File-name mode: load the files' context, report what the given files (and folders) hold or decide.
    chosen = parsers.discover(given, config.exclude, root)
    only = {rel(p, root) for p in chosen}
    only.update(rel(p, root) for p in parsers.discover(folders, config.exclude, root))
    load = context.expand(chosen, boundary, opts, config.exclude) + [p.resolve() for p in folders]
    return config, all_policies, opts, load, only


def _reporter_names(fmt: str, outputs: Sequence[str]) -> list[tuple[str, Path]]:
    from linter import reporters

    choices = ", ".join(sorted(reporters.FORMATS))
    if fmt not in reporters.FORMATS:
        _fail(f"unknown format {fmt!r} (choose from {choices})")
    targets: list[tuple[str, Path]] = []
    for item in outputs:
        name, sep, file = item.partition("=")
        if not sep or not file or name not in reporters.FORMATS:
            _fail(f"--output takes FORMAT=FILE with FORMAT one of {choices}: {item!r}")
        targets.append((name, Path(file)))
    return targets


def _source_reader(opts: Any) -> Callable[[str], Sequence[str] | None]:
    """Lines of a scanned file for source excerpts, read as the front ends read it (BOM, size limit)."""
    from linter.parsers.common import read_text

    cache: dict[str, Sequence[str] | None] = {}

    def read(file: str) -> Sequence[str] | None:
        if file not in cache:
            text, _ = read_text(opts.root / file, opts)
            cache[file] = text.splitlines() if text is not None else None
        return cache[file]

    return read


def _set_env_for_this_run(key: str, value: str | None) -> None:
    """Set ``key`` for the loaders of this command, and put the old value back when it ends."""
    if value is None:
        return
    old = os.environ.get(key)
    os.environ[key] = value
    restore = (lambda: os.environ.pop(key, None)) if old is None else (lambda: os.environ.__setitem__(key, old))
    click.get_current_context().call_on_close(restore)


@main.command()
@_scan_options
@click.option("--format", "fmt", default="text", metavar="FORMAT",
              help="Report format on standard output: text, json, sarif, junit, github.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=FILE",
              help="Also write FORMAT to FILE (repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "note", "inconclusive", "never"]),
              help="Lowest level that fails the gate (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (2 still means the linter failed).")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Report only findings not in this baseline file, and list the fixed ones.")
@click.option("--show-source", is_flag=True, help="Text format: print the source line under each finding.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Text format colours (auto: only on a terminal, and not when NO_COLOR is set).")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (AIPLATFORM_LINT_NO_CACHE=1).")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes that load deployments (default: one per core for large trees; AIPLATFORM_LINT_JOBS).")
def scan(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    parameters: tuple[Path, ...],
    var_file: tuple[Path, ...],
    exclude: tuple[str, ...],
    policies_dir: tuple[Path, ...],
    allow_outside_root: bool,
    fmt: str,
    outputs: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    baseline_path: Path | None,
    show_source: bool,
    color: str,
    quiet: bool,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Scan PATHS (files or folders) and report policy findings.

    Given files (as pre-commit passes them), the files' context is loaded too
    (the Terraform module folder, Bicep callers and parameters, ARM parameters)
    and only findings located in the given files, or whose value they decide, are reported.

    Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage,
    configuration or internal error.
    """
    from linter import baseline as bl
    from linter import engine, reporters

    _set_env_for_this_run("AIPLATFORM_LINT_NO_CACHE", "1" if no_cache else None)
    _set_env_for_this_run("AIPLATFORM_LINT_JOBS", str(jobs) if jobs is not None else None)
    targets = _reporter_names(fmt, outputs)
    config, all_policies, opts, load, only = _prepare(
        paths, select, ignore, config_path, parameters, var_file, exclude, policies_dir, allow_outside_root, fail_on
    )
    baseline_file = baseline_path or (Path(config.baseline) if config.baseline else None)
    entries = None
    if baseline_file is not None:
        try:
            entries = bl.load(baseline_file)
        except bl.BaselineError as error:
            _fail(str(error))
    progress = Progress(sys.stderr)
    try:
        report = engine.lint(load, config, opts, all_policies, only_files=only, progress=progress)
    finally:
        progress.close()
    fixed: list[Any] = []
    if entries is not None:
        scanned = set(report.files)
        relevant = [
            e for e in entries
            if e.get("file") in scanned or (only is None and not (opts.root / str(e.get("file", ""))).exists())
        ]
        report.findings, fixed = bl.compare(report.findings, relevant)
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    run = reporters.Run(
        findings=report.findings,
        policies={p.id: p for p in all_policies},
        ran=tuple(p.id for p in report.policies),
        files=report.files,
        version=__version__,
        severities=dict(config.severity),
        fixed=fixed,
        baseline=str(baseline_file) if baseline_file is not None else None,
        show_source=show_source,
        color=use_color,
        source=_source_reader(opts),
    )
    sys.stdout.write(reporters.get(fmt)(run))
    for name, file in targets:
        try:
            file.write_text(reporters.get(name)(replace(run, color=False)), encoding="utf-8")
        except OSError as error:
            _fail(f"cannot write {file}: {error.strerror or error}")
    if not quiet:
        for item in fixed:
            where = ", ".join(str(item.get(k)) for k in ("resource", "path") if item.get(k))
            click.echo(f"fixed: {item.get('file')}: {item.get('policy')} {item.get('message', '')}"
                       + (f" ({where})" if where else ""), err=True)
        line = summary(report)
        if entries is not None:
            line += f"; baseline {baseline_file}: {len(fixed)} fixed"
        click.echo(line, err=True)
    if not exit_zero and gate_fails(report.findings, config.fail_on):
        sys.exit(EXIT_FINDINGS)


@main.group()
def baseline() -> None:
    """Record today's findings so that scans with --baseline report only new ones."""


@baseline.command(name="write")
@_scan_options
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False),
              help="Baseline file to write (default: the config's 'baseline', else .aiplatform-lint-baseline.json).")
def baseline_write(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    parameters: tuple[Path, ...],
    var_file: tuple[Path, ...],
    exclude: tuple[str, ...],
    policies_dir: tuple[Path, ...],
    allow_outside_root: bool,
    output: Path | None,
) -> None:
    """Scan PATHS and write every finding to the baseline file."""
    from linter import baseline as bl
    from linter import engine

    config, all_policies, opts, load, only = _prepare(
        paths, select, ignore, config_path, parameters, var_file, exclude, policies_dir, allow_outside_root
    )
    report = engine.lint(load, config, opts, all_policies, only_files=only)
    target = output or (Path(config.baseline) if config.baseline else Path(bl.DEFAULT_NAME))
    try:
        target.write_text(bl.dumps(report.findings), encoding="utf-8")
    except OSError as error:
        _fail(f"cannot write {target}: {error.strerror or error}")
    click.echo(f"wrote {len(report.findings)} findings to {target}", err=True)


@main.command()
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
def init(folder: Path) -> None:
    """Write a commented starter .aiplatform-lint.yaml (every key at its default) into FOLDER."""
    from linter import config as cfg

    target = folder / cfg.CONFIG_NAME
    if target.exists():
        _fail(f"{target} already exists; not overwriting it")
    if not folder.is_dir():
        _fail(f"folder does not exist: {folder}")
    try:
        target.write_text(cfg.starter(), encoding="utf-8")
    except OSError as error:
        _fail(f"cannot write {target}: {error.strerror or error}")
    click.echo(f"wrote {target}", err=True)


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
    name_width = max((len(p.name) for p in found), default=0)
    guidance_width = max((len(",".join(p.guidance) or "-") for p in found), default=0)
    for p in found:
        guidance = ",".join(p.guidance) or "-"
        click.echo(f"{p.id}  {p.severity:<7}  {p.name:<{name_width}}  {guidance:<{guidance_width}}  {p.summary}")


@main.command()
@click.argument("policy_id")
@click.option("--policies-dir", multiple=True, type=click.Path(path_type=Path, file_okay=False))
def explain(policy_id: str, policies_dir: tuple[Path, ...]) -> None:
    """Print the documentation of POLICY_ID."""
    found = {p.id: p for p in _policies(policies_dir)}
    item = found.get(policy_id.upper())
    if item is None:
        _fail(f"unknown policy id {policy_id!r} (see 'aiplatform-lint policies')")
    guidance = f"\nEnforces guidance {', '.join(item.guidance)}.\n" if item.guidance else ""
    click.echo(f"# {item.id} {item.name} ({item.severity})\n{guidance}\n{item.doc.strip()}")


if __name__ == "__main__":  # pragma: no cover
    main()
