"""The normalized graph as plain data (``aiplatform-lint graph`` and parser snapshots)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from linter.model import Expr, Graph, Span
from linter.policy import Finding


def span_text(span: Span) -> str:
    return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


def plain(value: Any) -> Any:
    """Body values as JSON/YAML-able data; an Expr becomes ``{expr, symbol?, refs?, inputs?}``."""
    if isinstance(value, Expr):
        out: dict[str, Any] = {"expr": value.text}
        if value.symbol is not None:
            out["symbol"] = value.symbol
        if value.refs:
            out["refs"] = list(value.refs)
        if value.inputs:
            out["inputs"] = list(value.inputs)
        return out
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def to_data(graph: Graph, findings: Iterable[Finding] = ()) -> dict[str, Any]:
    resources = []
    for r in graph:
        item: dict[str, Any] = {
            "address": r.address,
            "type": r.type,
            "api_version": r.api_version,
            "format": r.format,
            "file": r.span.file,
            "span": span_text(r.span),
        }
        if r.module:
            item["module"] = r.module
        flags = [
            name
            for name, on in (
                ("looped", r.looped),
                ("conditional", r.condition is not True),
                ("existing", r.existing),
            )
            if on
        ]
        if flags:
            item["flags"] = flags
        if r.unresolved:
            item["unresolved"] = r.unresolved
        item["body"] = plain(r.body)
        item["spans"] = {path: (span_text(s) if s.file == r.span.file else f"{s.file}:{span_text(s)}")
                         for path, s in sorted(r.spans.items())}
        if r.origins:
            item["origins"] = dict(sorted(r.origins.items()))
        resources.append(item)
    edges = [f"{e.source} -> {e.target} ({e.kind.value}{' at ' + e.path if e.path else ''})" for e in graph.edges]
    data: dict[str, Any] = {"entry": graph.entry, "resources": resources, "edges": edges}
    found = [f"{f.span}: {f.policy} {f.message}" for f in sorted(findings)]
    if found:
        data["findings"] = found
    return data
