"""The JSON report: a versioned, documented contract (docs/json-report.md)."""

from __future__ import annotations

import json
from typing import Any

from linter.policy import Finding
from linter.reporters import Run

VERSION = 1


def finding_data(f: Finding) -> dict[str, Any]:
    return {
        "policy": f.policy,
        "severity": f.severity,
        "outcome": f.outcome,
        "message": f.message,
        "file": f.span.file,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "resource": f.resource,
        "path": f.path,
        "fingerprint": f.fingerprint,
    }


def render(run: Run) -> str:
    data: dict[str, Any] = {
        "version": VERSION,
        "tool": {"name": "aiplatform-lint", "version": run.version},
        "files": list(run.files),
        "policies": list(run.ran),
        "findings": [finding_data(f) for f in run.findings],
    }
    if run.baseline is not None:
        data["baseline"] = {"file": run.baseline, "fixed": [dict(item) for item in run.fixed]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
