"""Helpers shared by the reliability policies: workload criticality scoping."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from linter import Expr, Finding, Graph, Resource
from policies._common import is_critical, tag

MISSION_CRITICAL = "mission-critical"


def _inherit(graph: Graph, resource: Resource, judge: Any) -> Any:
    """``judge`` of the resource or any ancestor (a node pool inherits its cluster's tags): True wins, then Expr."""
    unknown: Any = False
    current: Resource | None = resource
    seen: set[str] = set()
    while current is not None and current.address not in seen:
        seen.add(current.address)
        verdict = judge(current)
        if verdict is True:
            return True
        if isinstance(verdict, Expr) and unknown is False:
            unknown = verdict
        current = graph.parent(current)
    return unknown


def critical(graph: Graph, resource: Resource, settings: Mapping[str, Any]) -> Any:
    """High criticality (criticality tag, else production environment tag): True, False or the deciding Expr."""
    return _inherit(graph, resource, lambda r: is_critical(r, settings))


def mission_critical(graph: Graph, resource: Resource, settings: Mapping[str, Any]) -> Any:
    """Criticality tag equal to ``mission-critical``: True, False or the deciding Expr."""

    def judge(r: Resource) -> Any:
        level = tag(r, settings["criticality_tag"])
        return level if isinstance(level, Expr) else isinstance(level, str) and level.lower() == MISSION_CRITICAL

    return _inherit(graph, resource, judge)


def scoped(scope: Any, findings: Iterable[Finding]) -> Iterator[Finding]:
    """Findings of a criticality-scoped rule: kept when in scope, inconclusive when the scope is unknown."""
    if scope is True:
        yield from findings
    elif isinstance(scope, Expr):
        for finding in findings:
            if finding.outcome == "inconclusive":
                continue  # an unknown scope is reported only where the rule would otherwise fail
            note = f"{finding.message}, if the workload is critical (criticality decided by {scope.decided_by})"
            yield replace(finding, outcome="inconclusive", message=note)


def count(value: Any) -> int | None:
    """An integer written as a number or a decimal string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def show(value: Any) -> str:
    """A value for a message: an expression as written, anything else as is."""
    if isinstance(value, bool):
        return str(value).lower()
    return value.text if isinstance(value, Expr) else str(value)
