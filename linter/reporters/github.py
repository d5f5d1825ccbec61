"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Inconclusive results are notices. Values are escaped as the runner expects
(``%``, CR and LF everywhere; also ``:`` and ``,`` in properties).
"""

from __future__ import annotations

from linter.policy import Finding
from linter.reporters import Run

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, name: str) -> str:
    span = finding.span
    command = "notice" if finding.outcome == "inconclusive" else _COMMAND[finding.severity]
    props = [f"file={_prop(span.file)}", f"line={span.line}", f"col={span.column}"]
    if span.end_line >= span.line:
        props.append(f"endLine={span.end_line}")
    if span.end_line == span.line and span.end_column > span.column:
        props.append(f"endColumn={span.end_column}")
    title = f"{finding.policy} {name}".strip()
    if finding.outcome == "inconclusive":
        title += " (inconclusive)"
    props.append(f"title={_prop(title)}")
    where = ", ".join(part for part in (finding.resource, finding.path) if part)
    message = finding.message + (f" ({where})" if where else "")
    return f"::{command} {','.join(props)}::{_data(message)}"


def render(run: Run) -> str:
    out = []
    for finding in run.findings:
        item = run.policies.get(finding.policy)
        out.append(annotation(finding, item.name if item is not None else ""))
    return "".join(line + "\n" for line in out)
