"""``file:line:col: ID level: message (resource, path)``, one line per finding.

With ``show_source`` each line is followed by the source line and a caret
marker under the span; with ``color`` the id and level are coloured (the CLI
turns colour on only when standard output is a terminal).
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.policy import Finding
from linter.reporters import Run

_COLORS = {"error": "31", "warning": "33", "note": "36", "inconclusive": "35"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def level_of(finding: Finding) -> str:
    return "inconclusive" if finding.outcome == "inconclusive" else finding.severity


def line(finding: Finding, color: bool = False) -> str:
    level = level_of(finding)
    where = ", ".join(part for part in (finding.resource, finding.path) if part)
    suffix = f" ({where})" if where else ""
    span = finding.span
    head = f"{span.file}:{span.line}:{span.column}:"
    return (
        f"{_paint(head, '1', color)} {_paint(finding.policy, '1', color)} "
        f"{_paint(level + ':', _COLORS[level], color)} {finding.message}{suffix}"
    )


def excerpt(finding: Finding, lines: Sequence[str] | None) -> list[str]:
    """The first source line of the span, with ``^`` under the spanned columns."""
    span = finding.span
    if not lines or not 1 <= span.line <= len(lines):
        return []
    text = lines[span.line - 1].rstrip("\r\n").expandtabs(1)
    start = max(span.column - 1, 0)
    end = span.end_column - 1 if span.end_line == span.line else len(text)
    width = max(min(end, len(text)) - start, 1)
    gutter = f"{span.line:>5} | "
    return [f"{gutter}{text}", f"{' ' * (len(gutter) - 2)}| {' ' * start}{'^' * width}"]


def render(run: Run) -> str:
    out: list[str] = []
    for finding in run.findings:
        out.append(line(finding, run.color))
        if run.show_source:
            out.extend(excerpt(finding, run.source(finding.span.file)))
    return "".join(item + "\n" for item in out)
