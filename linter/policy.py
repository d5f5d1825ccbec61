"""Policies and what they yield: Severity, Policy, @policy, Finding."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from linter.model import Expr, Graph, Resource, Span

Severity = Literal["error", "warning", "note"]
Outcome = Literal["fail", "inconclusive"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")


@dataclass(frozen=True)
class Policy:
    id: str  # "NET001": stable forever
    name: str  # kebab-case, names the bad pattern
    severity: Severity
    doc: str  # Markdown; first line is the summary
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    guidance: tuple[str, ...] = ()  # the guidance statements it enforces ("G5")
    module: str = ""
    takes_settings: bool = False  # check(graph, settings) rather than check(graph)

    def run(self, graph: Graph, settings: Mapping[str, Any]) -> Iterable[Finding]:
        return self.check(graph, settings) if self.takes_settings else self.check(graph)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc and self.doc.strip() else self.name


def policy(
    *, id: str, name: str, severity: Severity, doc: str | None, guidance: Iterable[str] = ()
) -> Callable[[Callable[..., Iterable[Finding]]], Policy]:
    """Wrap a check function into a Policy. No global side effects."""

    def wrap(check: Callable[..., Iterable[Finding]]) -> Policy:
        return Policy(
            takes_settings=check.__code__.co_argcount > 1,
            id=id,
            name=name,
            severity=severity,
            doc=doc or "",
            check=check,
            guidance=tuple(guidance),
            module=check.__module__,
        )

    return wrap


@dataclass(frozen=True, order=True)
class Finding:
    span: Span  # first field: sorting findings sorts by file/line/column
    policy: str = ""  # stamped by the engine
    severity: Severity = "warning"  # stamped by the engine
    resource: str = ""  # address
    path: str = ""  # dotted path in the body; "" = the resource itself
    message: str = ""
    outcome: Outcome = "fail"
    identity: str = ""  # resource identity for baselines (type + name text); stamped by the engine
    origin: str = field(default="", compare=False)  # where the value came from ("default of variable 'x' (v.tf:3)")

    @classmethod
    def at(cls, resource: Resource, path: str, message: str) -> Finding:
        """A failing finding at ``path`` of ``resource`` (or where it should be added)."""
        origin = resource.origin_of(path) if path else None
        if origin and origin not in message:
            message = f"{message} ({origin})"
        return cls(
            span=resource.span_of(path), resource=resource.address, path=path, message=message, origin=origin or ""
        )

    @classmethod
    def unknown(cls, resource: Resource, path: str, value: Any, what: str) -> Finding:
        """An inconclusive finding: ``what`` could not be decided because ``value`` is not known."""
        if isinstance(value, Expr):
            text = " ".join(value.text.split())  # a multi-line Bicep expression on one line
            message = f"{what} cannot be evaluated: {text} (decided by {value.decided_by})"
        else:
            message = f"{what} cannot be evaluated"
        return cls(
            span=resource.span_of(path),
            resource=resource.address,
            path=path,
            message=message,
            outcome="inconclusive",
        )

    def stamped(self, policy_id: str, severity: Severity) -> Finding:
        return replace(self, policy=policy_id, severity=severity)

    @property
    def fingerprint(self) -> str:
        """Stable across edits elsewhere in the file: no line numbers."""
        key = "\x1f".join((self.policy, self.span.file, self.identity or self.resource, self.path, self.outcome))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def system_finding(policy_id: str, span: Span, message: str, severity: Severity = "error") -> Finding:
    """A finding of the linter itself (SYS001 parse error, SYS002 policy error...)."""
    return Finding(span=span, policy=policy_id, severity=severity, message=message)


__all__ = ["Finding", "Graph", "Outcome", "Policy", "SEVERITIES", "Severity", "policy", "system_finding"]
