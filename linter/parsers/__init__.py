"""Find template files, group them into deployment units, and load each unit.

A unit is an ARM template (with its parameters file and linked templates), an
entry Bicep file (with its modules and one parameters file), or a Terraform
root module directory. Files that only serve as modules of another scanned
file are loaded through their callers, with the callers' values.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from linter.parsers.common import LoadOptions, Unit, parse_error, read_text, rel

log = logging.getLogger(__name__)

SKIP_DIRS = frozenset({".git", ".terraform", "node_modules", ".venv", "__pycache__"})
TEMPLATE_SUFFIXES = (".bicep", ".bicepparam", ".json", ".jsonc", ".tf", ".tfvars", ".tf.json")
_SCHEMA = re.compile(r'"\$schema"\s*:\s*"([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class Job:
    """One unit to load: the front end, its entry and an optional parameters file."""

    kind: str  # "arm" | "bicep" | "terraform" | "plan"
    entry: Path
    params: Path | None = None


def is_template_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(TEMPLATE_SUFFIXES)


def discover(paths: Iterable[Path], excludes: Sequence[str] = (), root: Path | None = None) -> list[Path]:
    """Template files under ``paths``: sorted, de-duplicated, skipping VCS and tool folders and ``excludes``."""
    found: dict[str, Path] = {}
    base = root or Path.cwd()

    def excluded(path: Path) -> bool:
        text = rel(path, base)
        return any(fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in excludes)

    for start in paths:
        if start.is_file():
            if not excluded(start):
                found.setdefault(os.path.abspath(start), Path(os.path.abspath(start)))
            continue
        seen_dirs: set[tuple[int, int]] = set()
        for current, dirs, files in os.walk(start, followlinks=True):
            try:
                stat = os.stat(current)
            except OSError:
                dirs[:] = []
                continue
            key = (stat.st_dev, stat.st_ino)
            if key in seen_dirs:  # a symlink loop
                dirs[:] = []
                continue
            seen_dirs.add(key)
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not excluded(Path(current) / d))
            for name in sorted(files):
                path = Path(current) / name
                if is_template_file(path) and not excluded(path):
                    found.setdefault(os.path.abspath(path), Path(os.path.abspath(path)))
    return [found[k] for k in sorted(found)]


def sniff_json(path: Path, opts: LoadOptions) -> str:
    """``"template"``, ``"parameters"``, ``"plan"``, ``"broken"`` or ``""`` (not ours: skipped silently)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return "broken"
    text = head.decode("utf-8", errors="replace")
    match = _SCHEMA.search(text)
    if match:
        schema = match.group(1).lower()
        if "deploymenttemplate" in schema:
            return "template"
        if "deploymentparameters" in schema:
            return "parameters"
        return ""
    if '"format_version"' in text and ('"planned_values"' in text or '"resource_changes"' in text):
        return "plan"
    return ""


def plan_jobs(files: Sequence[Path], opts: LoadOptions) -> list[Job]:
    """Group files into units."""
    jobs: list[Job] = []
    templates: list[Path] = []
    param_files: list[Path] = []
    bicep_files: list[Path] = []
    bicepparams: list[Path] = []
    tf_dirs: dict[Path, None] = {}
    for path in files:
        name = path.name.lower()
        if name.endswith((".json", ".jsonc")) and not name.endswith(".tf.json"):
            kind = sniff_json(path, opts)
            if kind == "template":
                templates.append(path)
            elif kind == "parameters":
                param_files.append(path)
            elif kind == "plan":
                jobs.append(Job("plan", path))
        elif name.endswith(".bicep"):
            bicep_files.append(path)
        elif name.endswith(".bicepparam"):
            bicepparams.append(path)
        elif name.endswith((".tf", ".tf.json", ".tfvars")):
            tf_dirs.setdefault(path.parent, None)

    explicit = [Path(os.path.abspath(p)) for p in opts.parameters]

    def params_for(entry: Path, candidates: Sequence[Path]) -> Path | None:
        stem = entry.name.rsplit(".", 1)[0].lower()
        for param in explicit:
            if param.name.lower().startswith(stem + ".") or len(templates) + len(bicep_files) == 1:
                return param
        for param in candidates:
            if param.parent == entry.parent and param.name.lower() in (
                f"{stem}.parameters.json",
                f"{stem}.parameters.jsonc",
            ):
                return param
        # template.json + parameters.json (a portal export): the folder's one template takes it
        alone = sum(1 for t in [*templates, *bicep_files] if t.parent == entry.parent) == 1
        for param in candidates:
            if alone and param.parent == entry.parent and param.name.lower() in ("parameters.json", "parameters.jsonc"):
                return param
        return None

    # ARM: every template is an entry (a linked template is also loaded through the template that links it).
    for template in templates:
        jobs.append(Job("arm", template, params_for(template, param_files)))

    # Bicep: entries are files no other scanned Bicep file uses as a module.
    if bicep_files or bicepparams:
        jobs.extend(_bicep_jobs(bicep_files, bicepparams, param_files, params_for, opts))
    if tf_dirs:
        jobs.extend(_terraform_jobs(list(tf_dirs), opts))
    return jobs


def _bicep_jobs(
    bicep_files: list[Path],
    bicepparams: list[Path],
    param_files: list[Path],
    params_for: Callable[[Path, Sequence[Path]], Path | None],
    opts: LoadOptions,
) -> list[Job]:
    from linter.parsers import bicep

    jobs: list[Job] = []
    used: set[Path] = set()
    for path in bicep_files:
        text, _ = read_text(path, opts)
        if text is not None:
            try:
                used.update(p.resolve() for p in bicep.module_paths(path, text))
            except Exception:  # noqa: BLE001 - a broken file is reported when it is loaded
                log.debug("module scan failed for %s", path, exc_info=True)
    by_target: dict[Path, list[Path]] = {}
    for param in bicepparams:
        text, problem = read_text(param, opts)
        target = None
        if text is not None:
            try:
                target = bicep.using_target(param, text)
            except Exception:  # noqa: BLE001
                target = None
        if target is not None and target.exists():
            by_target.setdefault(target.resolve(), []).append(param)
        else:
            jobs.append(Job("missing-using", param))
    for path in bicep_files:
        resolved = path.resolve()
        if resolved in by_target:
            jobs.extend(Job("bicep", path, param) for param in sorted(by_target.pop(resolved)))
        elif resolved not in used:
            jobs.append(Job("bicep", path, params_for(path, param_files)))
    for target, params in sorted(by_target.items()):  # a bicepparam whose target was not in the scan
        jobs.extend(Job("bicep", target, param) for param in sorted(params))

    return jobs


def _terraform_jobs(tf_dirs: list[Path], opts: LoadOptions) -> list[Job]:
    """Root modules are directories no other scanned directory uses as a module."""
    from linter.parsers import terraform

    jobs: list[Job] = []
    modules: set[Path] = set()
    for directory in tf_dirs:
        try:
            modules.update(Path(os.path.abspath(p)) for p in terraform.module_sources(directory, opts))
        except Exception:  # noqa: BLE001
            log.debug("module scan failed for %s", directory, exc_info=True)
    for directory in tf_dirs:
        if Path(os.path.abspath(directory)) not in modules:
            jobs.append(Job("terraform", directory))
    return jobs


def load_job(job: Job, opts: LoadOptions) -> Unit:
    """Run one front end; an unexpected failure becomes a SYS001 finding, never a crash."""
    try:
        if job.kind == "arm":
            from linter.parsers import arm

            return arm.load(job.entry, opts, job.params)
        if job.kind == "bicep":
            from linter.parsers import bicep

            return bicep.load(job.entry, opts, job.params)
        if job.kind == "missing-using":
            return _missing_using(job.entry, opts)
        if job.kind == "terraform":
            from linter.parsers import terraform

            return terraform.load(job.entry, opts)
        from linter.parsers import terraform

        return terraform.load_plan(job.entry, opts)
    except RecursionError:
        message = "template is nested too deeply to read"
    except Exception as error:  # noqa: BLE001 - the scan goes on
        log.debug("front end failed on %s", job.entry, exc_info=True)
        message = f"could not be read: {type(error).__name__}: {error}"
    fmt = {"arm": "arm", "bicep": "bicep"}.get(job.kind, "terraform")
    unit = Unit(entry=rel(job.entry, opts.root), format=fmt)  # type: ignore[arg-type]
    unit.findings.append(parse_error(unit.entry, 1, 1, message))
    return unit


def _missing_using(path: Path, opts: LoadOptions) -> Unit:
    """A .bicepparam whose ``using`` target does not exist (or cannot be read)."""
    unit = Unit(entry=rel(path, opts.root), format="bicep")
    unit.files.add(unit.entry)
    text, problem = read_text(path, opts)
    if text is None:
        unit.findings.append(problem or parse_error(unit.entry, 1, 1, "file cannot be read"))
        return unit
    if re.search(r"^\s*using\s+none\b", text, re.MULTILINE):
        return unit
    match = re.search(r"^\s*using\s+'([^']*)'", text, re.MULTILINE)
    if match is None:
        unit.findings.append(parse_error(unit.entry, 1, 1, "parameters file has no 'using' statement"))
    else:
        line = text.count("\n", 0, match.start(1)) + 1
        column = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1)
        unit.findings.append(
            parse_error(unit.entry, line, column, f"'using' target {match.group(1)!r} does not exist")
        )
    return unit


def load(paths: Iterable[Path], opts: LoadOptions, excludes: Sequence[str] = ()) -> Iterator[Unit]:
    files = discover(paths, excludes, opts.root)
    jobs = plan_jobs(files, opts)
    for job in jobs:
        yield load_job(job, opts)
