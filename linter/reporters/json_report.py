"""The JSON report: a versioned, documented contract (docs/json-report.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from linter.policy import Finding, Policy

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


def render(findings: Sequence[Finding], policies: Mapping[str, Policy], files: Sequence[str] = ()) -> str:
    data = {
        "version": VERSION,
        "tool": "aiplatform-lint",
        "files": list(files),
        "findings": [finding_data(f) for f in findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
