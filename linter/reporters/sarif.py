"""SARIF 2.1.0, built from plain dicts.

- ``tool.driver.rules``: every policy that ran or has a finding, with the policy's
  Markdown doc as help and its configured severity as the default level.
- ``results``: ``level`` is the severity (error / warning / note); an inconclusive
  result has ``kind: "open"`` and level ``none``, as SARIF requires for kinds
  other than ``fail``.
- Locations are relative URIs with ``uriBaseId: "%SRCROOT%"`` (the folder the scan
  ran in), so no absolute path leaks into the report.
- ``partialFingerprints`` hold the finding's fingerprint (policy, file, resource
  identity, property path; no line numbers), so results survive edits above them.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from linter.policy import Finding, Policy
from linter.reporters import Run

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "aiplatformLint/v1"


def _rule(item: Policy, level: str) -> dict[str, Any]:
    doc = item.doc.strip()
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip() and not p.strip().startswith("#")]
    rule: dict[str, Any] = {
        "id": item.id,
        "name": item.name,
        "shortDescription": {"text": item.summary},
        "fullDescription": {"text": " ".join(paragraphs[0].split()) if paragraphs else item.summary},
        "help": {"text": doc or item.summary, "markdown": doc or item.summary},
        "defaultConfiguration": {"level": level},
    }
    if item.guidance:
        rule["properties"] = {"tags": sorted(item.guidance)}
    return rule


def _uri(file: str) -> str:
    return quote(file, safe="/-._~")


def _result(finding: Finding, index: int, baseline: bool) -> dict[str, Any]:
    span = finding.span
    region: dict[str, Any] = {"startLine": max(span.line, 1), "startColumn": max(span.column, 1)}
    if (span.end_line, span.end_column) > (span.line, span.column):
        region["endLine"] = span.end_line
        region["endColumn"] = max(span.end_column, 1)
    result: dict[str, Any] = {
        "ruleId": finding.policy,
        "ruleIndex": index,
        "kind": "open" if finding.outcome == "inconclusive" else "fail",
        "level": "none" if finding.outcome == "inconclusive" else finding.severity,
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(span.file), "uriBaseId": SRCROOT},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.resource:
        result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": finding.resource, "kind": "resource"}]
        if finding.path:
            result["properties"] = {"path": finding.path}
    if baseline:
        result["baselineState"] = "new"
    return result


def render(run: Run) -> str:
    ids = sorted({*run.ran, *(f.policy for f in run.findings)} & set(run.policies))
    rules = [_rule(run.policies[i], run.severities.get(i, run.policies[i].severity)) for i in ids]
    index = {rule_id: n for n, rule_id in enumerate(ids)}
    results = [_result(f, index[f.policy], run.baseline is not None) for f in run.findings if f.policy in index]
    data = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aiplatform-lint",
                        "version": run.version,
                        "semanticVersion": run.version,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"description": {"text": "The folder the scan ran in."}}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
