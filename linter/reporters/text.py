"""``file:line:col: ID level: message (resource, path)``, one line per finding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from linter.policy import Finding, Policy


def line(finding: Finding) -> str:
    level = "inconclusive" if finding.outcome == "inconclusive" else finding.severity
    where = ", ".join(part for part in (finding.resource, finding.path) if part)
    suffix = f" ({where})" if where else ""
    span = finding.span
    return f"{span.file}:{span.line}:{span.column}: {finding.policy} {level}: {finding.message}{suffix}"


def render(findings: Sequence[Finding], policies: Mapping[str, Policy], files: Sequence[str] = ()) -> str:
    return "".join(line(f) + "\n" for f in findings)
