"""The engine: load units, run policies, stamp, filter, de-duplicate, sort."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from linter import parsers, registry, suppressions
from linter.config import Config
from linter.model import Expr, Graph, Resource
from linter.parsers.common import LoadOptions, Unit, file_span, read_text, rel
from linter.parsers.link import build_graph
from linter.policy import Finding, Policy

log = logging.getLogger(__name__)


@dataclass
class Report:
    findings: list[Finding]
    policies: tuple[Policy, ...]  # the policies that ran
    files: list[str] = field(default_factory=list)  # every template file scanned (relative POSIX paths)
    units: int = 0
    resources: int = 0
    elapsed: float = 0.0


def identity(resource: Resource) -> str:
    """What a baseline keys a resource by: its type and name as written, not its position."""
    name = resource.name
    text = name.text if isinstance(name, Expr) else str(name)
    return f"{resource.type.lower()}|{text}"


def run_policies(graph: Graph, policies: Sequence[Policy], config: Config) -> list[Finding]:
    out: list[Finding] = []
    for item in policies:
        if item.id.startswith("SYS"):
            continue
        severity = config.severity.get(item.id, item.severity)
        try:
            for finding in item.run(graph, config.settings):
                resource = graph.get(finding.resource)
                stamped = finding.stamped(item.id, severity)  # type: ignore[arg-type]
                if resource is not None:
                    stamped = replace(stamped, identity=identity(resource))
                out.append(stamped)
        except Exception as error:  # noqa: BLE001 - one policy's bug must not stop the scan
            log.debug("policy %s failed", item.id, exc_info=True)
            first = next(iter(graph), None)
            out.append(
                Finding(
                    span=first.span if first is not None else file_span(graph.entry),
                    policy="SYS002",
                    severity="error",
                    message=f"policy {item.id} failed on this deployment: {type(error).__name__}: {error}",
                )
            )
    return out


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per policy, place, path, message and outcome (a module reached twice reports once)."""
    seen: dict[tuple[object, ...], Finding] = {}
    for finding in findings:
        key = (finding.policy, finding.span, finding.path, finding.message, finding.outcome)
        if key not in seen or finding.resource < seen[key].resource:
            seen[key] = finding
    return sorted(seen.values())


def lint_units(
    units: Iterable[Unit],
    policies: Sequence[Policy],
    config: Config,
    tracker: suppressions.Tracker | None = None,
) -> tuple[list[Finding], int, int]:
    findings: list[Finding] = []
    count = resources = 0
    for unit in units:
        count += 1
        findings.extend(unit.findings)
        graph = build_graph(unit.resources, unit.entry)
        resources += len(graph)
        found = run_policies(graph, policies, config)
        if tracker is not None:
            found = tracker.apply(found, graph, unit.files)
        findings.extend(found)
    if tracker is not None:
        findings.extend(tracker.problems())
    return findings, count, resources


Progress = Callable[[int, int], None]  # (deployments done, deployments in all)


def _decided_in(finding: Finding, files: set[str]) -> bool:
    """The value at fault comes from one of ``files`` (a variable default, a parameters file)."""
    return any(f"({file}:" in finding.origin or f" {file}:" in finding.origin for file in files)


def lint(
    paths: Sequence[Path],
    config: Config,
    opts: LoadOptions,
    policies: Sequence[Policy] | None = None,
    only_files: set[str] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Scan ``paths``; ``only_files`` keeps the findings located in those files (pre-commit mode)."""
    started = time.perf_counter()
    known = tuple(policies if policies is not None else registry.load())
    chosen = tuple(config.enabled(known))
    files = parsers.discover(paths, config.exclude, opts.root)
    jobs = parsers.plan_jobs(files, opts)

    def units() -> Iterator[Unit]:
        for done, unit in enumerate(parsers.load_jobs(jobs, opts)):  # in processes when there are many
            if progress is not None:
                progress(done, len(jobs))
            yield unit
        if progress is not None:
            progress(len(jobs), len(jobs))

    def read(file: str) -> str | None:
        text, _ = read_text(opts.root / file, opts)
        return text

    tracker = suppressions.Tracker(
        read,
        known=(p.id for p in known),
        ran=(p.id for p in chosen),
        forbid=config.forbid,
        severity=config.severity.get("SYS003", "warning"),  # type: ignore[arg-type]
    )
    findings, unit_count, resources = lint_units(units(), chosen, config, tracker)
    scanned = sorted(rel(f, opts.root) for f in files)
    if only_files is not None:  # findings in those files, or whose value one of them decides
        findings = [f for f in findings if f.span.file in only_files or _decided_in(f, only_files)]
        scanned = [f for f in scanned if f in only_files]
    findings = dedupe(findings)
    return Report(
        findings=findings,
        policies=chosen,
        files=scanned,
        units=unit_count,
        resources=resources,
        elapsed=time.perf_counter() - started,
    )
