"""Find template files, group them into deployment units, and load each unit.

A unit is an ARM template (with its parameters file and linked templates), an
entry Bicep file (with its modules and one parameters file), or a Terraform
root module directory. Files that only serve as modules of another scanned
file are loaded through their callers, with the callers' values.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from linter import cache
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


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Parsing makes millions of short-lived objects and no garbage cycles to speak of: collect less often."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 50_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def plan_jobs(files: Sequence[Path], opts: LoadOptions) -> list[Job]:
    """Group files into units."""
    with _few_collections():
        return _plan_jobs(files, opts)


def _plan_jobs(files: Sequence[Path], opts: LoadOptions) -> list[Job]:
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
    entries_in: Counter[Path] = Counter(t.parent for t in (*templates, *bicep_files))
    indexes: dict[int, dict[tuple[Path, str], Path]] = {}

    def params_for(entry: Path, candidates: Sequence[Path]) -> Path | None:
        stem = entry.name.rsplit(".", 1)[0].lower()
        for param in explicit:
            if param.name.lower().startswith(stem + ".") or len(templates) + len(bicep_files) == 1:
                return param
        index = indexes.get(id(candidates))
        if index is None:  # (folder, lower-case name) -> the first such candidate
            index = indexes[id(candidates)] = {}
            for param in candidates:
                index.setdefault((param.parent, param.name.lower()), param)
        names = (f"{stem}.parameters.json", f"{stem}.parameters.jsonc")
        # template.json + parameters.json (a portal export): the folder's one template takes it
        if entries_in[entry.parent] == 1:
            names += ("parameters.json", "parameters.jsonc")
        for name in names:
            if (entry.parent, name) in index:
                return index[(entry.parent, name)]
        return None

    # ARM: entries are templates no other scanned template links through relativePath (a linked template
    # is loaded through its caller, with the caller's parameters).
    linked = _linked_templates(templates, opts)
    for template in templates:
        if template not in linked:
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
    edges: dict[Path, set[Path]] = {}
    store = _store(opts)

    def modules_of(path: Path) -> list[Path] | None:
        text, _ = read_text(path, opts)
        return bicep.module_paths(path, text) if text is not None else None

    for path in bicep_files:
        try:
            if store is None:
                targets = modules_of(path)
            else:  # depends on the file's content only, which the cache records as it is read
                key = cache.make_key("bicep-modules", os.path.abspath(path), opts)
                targets = store.cached(key, lambda path=path: modules_of(path))
        except Exception:  # noqa: BLE001 - a broken file is reported when it is loaded
            log.debug("module scan failed for %s", path, exc_info=True)
            continue
        if targets is not None:
            edges[path.resolve()] = {p.resolve() for p in targets}
            used.update(edges[path.resolve()])
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
    roots = {p.resolve() for p in bicep_files if p.resolve() in by_target or p.resolve() not in used}
    roots.update(by_target)
    roots.update(_unreached([p.resolve() for p in bicep_files], edges, roots))  # files only used in a cycle
    for path in bicep_files:
        resolved = path.resolve()
        if resolved in by_target:
            jobs.extend(Job("bicep", path, param) for param in sorted(by_target.pop(resolved)))
        elif resolved in roots:
            jobs.append(Job("bicep", path, params_for(path, param_files)))
    for target, params in sorted(by_target.items()):  # a bicepparam whose target was not in the scan
        jobs.extend(Job("bicep", target, param) for param in sorted(params))

    return jobs


def _terraform_jobs(tf_dirs: list[Path], opts: LoadOptions) -> list[Job]:
    """Root modules are directories no other scanned directory uses as a module."""
    from linter.parsers import terraform

    jobs: list[Job] = []
    modules: set[Path] = set()
    edges: dict[Path, set[Path]] = {}
    store = _store(opts)
    for directory in tf_dirs:
        try:
            if store is None:
                sources = terraform.module_sources(directory, opts)
            else:  # depends on the folder's files and on which module folders exist: all recorded
                key = cache.make_key("terraform-modules", os.path.abspath(directory), opts)
                sources = store.cached(key, lambda directory=directory: terraform.module_sources(directory, opts))
            edges[Path(os.path.abspath(directory))] = {Path(os.path.abspath(p)) for p in sources}
            modules.update(edges[Path(os.path.abspath(directory))])
        except Exception:  # noqa: BLE001
            log.debug("module scan failed for %s", directory, exc_info=True)
    nodes = [Path(os.path.abspath(d)) for d in tf_dirs]
    roots = {d for d in nodes if d not in modules}
    roots.update(_unreached(nodes, edges, roots))  # folders only used in a cycle
    for directory in tf_dirs:
        if Path(os.path.abspath(directory)) in roots:
            jobs.append(Job("terraform", directory))
    return jobs


def _unreached(nodes: Sequence[Path], edges: dict[Path, set[Path]], roots: set[Path]) -> list[Path]:
    """Nodes no root reaches (modules of one another in a cycle): the first of each such group, to load it."""
    reached: set[Path] = set()

    def visit(start: Path) -> None:
        stack = [start]
        while stack:
            node = stack.pop()
            if node not in reached:
                reached.add(node)
                stack.extend(edges.get(node, ()))

    for root in sorted(roots):
        visit(root)
    extra: list[Path] = []
    for node in sorted(set(nodes)):
        if node not in reached:
            extra.append(node)
            visit(node)
    return extra


def _store(opts: LoadOptions) -> cache.Store | None:
    return cache.Store.open((opts.boundary or opts.root,))


_RELATIVE_PATH = re.compile(r'"relativePath"\s*:\s*"([^"\[][^"]*)"', re.IGNORECASE)


def _linked_templates(templates: Sequence[Path], opts: LoadOptions) -> set[Path]:
    """Templates that another of ``templates`` links with a literal ``relativePath``."""
    known = {Path(os.path.normpath(t)): t for t in templates}
    linked: set[Path] = set()
    for template in templates:
        text, _ = read_text(template, opts)
        for match in _RELATIVE_PATH.finditer(text or ""):
            target = known.get(Path(os.path.normpath(template.parent / match.group(1))))
            if target is not None and target != template:
                linked.add(target)
    return linked


def load_job(job: Job, opts: LoadOptions) -> Unit:
    """Run one front end, or take its result from the cache when none of the files it read has changed."""
    store = _store(opts)
    with _few_collections():
        if store is None:
            return _load_job(job, opts)
        key = cache.make_key("unit", job, opts)
        return store.cached(key, lambda: _load_job(job, opts), lambda unit, reads: _unit_reads(unit, opts, reads))


def _unit_reads(unit: Unit, opts: LoadOptions, reads: cache.Reads) -> None:
    """Beyond what the front end recorded: every file of the unit, and the listing of the folders holding them."""
    crashed = ("could not be read:", "template is nested too deeply")
    if any(f.policy == "SYS001" and f.message.startswith(crashed) for f in unit.findings):
        reads.unstable = True  # a front end failure is not worth keeping
        return
    folders = {os.path.abspath(opts.root / unit.entry)}
    for name in sorted(unit.files):
        path = os.path.abspath(opts.root / name)
        folders.add(os.path.dirname(path))
        if path not in reads.seen:
            try:
                with open(path, "rb") as handle:
                    cache.note_read(path, handle.read())
            except OSError:
                cache.note_read(path, None)
    for folder in sorted(folders):
        if os.path.isdir(folder):
            cache.note_listing(folder)


def _load_job(job: Job, opts: LoadOptions) -> Unit:
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


JOBS_ENV = "AIPLATFORM_LINT_JOBS"
PARALLEL_MIN_JOBS = 48  # fewer deployments than this load faster in one process


def workers_for(count: int) -> int:
    """How many processes load ``count`` deployments: ``$AIPLATFORM_LINT_JOBS``, else one per usable core."""
    setting = os.environ.get(JOBS_ENV, "").strip()
    if setting.isdigit() and int(setting) > 0:
        wanted = int(setting)
    else:
        try:
            wanted = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            wanted = os.cpu_count() or 1
        if count < PARALLEL_MIN_JOBS:
            wanted = 1
    return max(1, min(wanted, count, 32))


def load_jobs(jobs: Sequence[Job], opts: LoadOptions, workers: int | None = None) -> Iterator[Unit]:
    """``load_job`` for each job, in the order of ``jobs``; spread over processes when many must be loaded.

    Deployments already in the cache are taken here; only the others count towards going parallel,
    so a repeat scan does not pay for processes. The results are the same, in the same order,
    whatever the number of processes.
    """
    store = _store(opts)
    ready: dict[int, Unit] = {}
    if store is not None:
        with _few_collections():
            for i, job in enumerate(jobs):
                hit, value = store.get(cache.make_key("unit", job, opts))
                if hit:
                    ready[i] = value
    missing = [job for i, job in enumerate(jobs) if i not in ready]
    count = workers if workers is not None else workers_for(len(missing))
    if count <= 1 or len(missing) < 2:
        for i, job in enumerate(jobs):
            yield ready[i] if i in ready else load_job(job, opts)
        return
    import functools
    import multiprocessing
    import pickle

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(8, len(missing) // (count * 8)))
    with context.Pool(count) as pool:
        results = zip(missing, pool.imap(functools.partial(_load_pickled, opts=opts), missing, chunksize=chunk))
        for i in range(len(jobs)):
            if i in ready:
                yield ready[i]
                continue
            job, data = next(results)
            yield pickle.loads(data) if data is not None else load_job(job, opts)


def _load_pickled(job: Job, opts: LoadOptions) -> bytes | None:
    """In a worker process: the unit, pickled; None when it cannot be (the main process then loads it)."""
    import pickle

    try:
        return pickle.dumps(load_job(job, opts), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - e.g. a value that cannot be pickled
        return None


def load(paths: Iterable[Path], opts: LoadOptions, excludes: Sequence[str] = ()) -> Iterator[Unit]:
    files = discover(paths, excludes, opts.root)
    jobs = plan_jobs(files, opts)
    yield from load_jobs(jobs, opts)
