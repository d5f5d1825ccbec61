"""Baselines: accept the findings a project has today, report only new ones.

A baseline file (JSON, ``version`` 1) lists findings keyed by their fingerprint:
policy, file, resource identity (ARM type and name as written), property path and
outcome; no line numbers, so edits elsewhere in a file keep matching. The other
fields are there for people reading the file. Matching counts: two identical
findings need two baseline entries.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from linter.policy import Finding

VERSION = 1
DEFAULT_NAME = ".aiplatform-lint-baseline.json"


class BaselineError(ValueError):
    """The baseline file cannot be read: one clear line for the user."""


def entry(finding: Finding) -> dict[str, Any]:
    return {
        "fingerprint": finding.fingerprint,
        "policy": finding.policy,
        "file": finding.span.file,
        "resource": finding.resource,
        "identity": finding.identity,
        "path": finding.path,
        "outcome": finding.outcome,
        "message": finding.message,
    }


def dumps(findings: Sequence[Finding]) -> str:
    entries = sorted((entry(f) for f in findings), key=lambda e: (e["file"], e["policy"], e["resource"], e["path"]))
    data = {"version": VERSION, "tool": "aiplatform-lint", "findings": entries}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BaselineError(f"baseline file does not exist: {path}") from error
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline ({error.strerror or error})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: the baseline is not valid JSON ({error})") from error
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not an aiplatform-lint baseline (version {VERSION})")
    entries = data["findings"]
    if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
        raise BaselineError(f"{path}: every baseline entry needs a 'fingerprint'")
    return entries


def compare(
    findings: Sequence[Finding], entries: Sequence[Mapping[str, Any]]
) -> tuple[list[Finding], list[Mapping[str, Any]]]:
    """(findings not in the baseline, baseline entries no longer found)."""
    left = Counter(e["fingerprint"] for e in entries)
    new: list[Finding] = []
    for finding in findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
        else:
            new.append(finding)
    fixed: list[Mapping[str, Any]] = []
    for item in entries:
        if left[item["fingerprint"]] > 0:
            left[item["fingerprint"]] -= 1
            fixed.append(item)
    return new, fixed
