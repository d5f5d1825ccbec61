"""JUnit XML: one ``<testsuite>`` per scanned file, one ``<testcase>`` per policy that ran on it.

A testcase fails with one ``<failure>`` listing its findings in that file; a
testcase with only inconclusive results is ``<skipped>`` with their list. Counts
stay stable from run to run, which CI dashboards (Azure Pipelines, GitLab) need.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from linter.policy import Finding
from linter.reporters import Run


def _describe(finding: Finding) -> str:
    where = ", ".join(part for part in (finding.resource, finding.path) if part)
    span = finding.span
    return f"{span.file}:{span.line}:{span.column}: {finding.message}" + (f" ({where})" if where else "")


def render(run: Run) -> str:
    by_file: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in run.findings:
        by_file[finding.span.file][finding.policy].append(finding)
    files = sorted({*run.files, *by_file})
    suites = ET.Element("testsuites", name="aiplatform-lint")
    total = failed = skipped = 0
    for file in files:
        found = by_file.get(file, {})
        ids = sorted({*run.ran, *found})
        suite = ET.SubElement(suites, "testsuite", name=file)
        suite_failed = suite_skipped = 0
        for policy_id in ids:
            item = run.policies.get(policy_id)
            name = f"{policy_id} {item.name}" if item is not None else policy_id
            case = ET.SubElement(suite, "testcase", name=name, classname=file, file=file)
            findings = found.get(policy_id, [])
            fails = [f for f in findings if f.outcome == "fail"]
            open_ = [f for f in findings if f.outcome == "inconclusive"]
            if fails:
                suite_failed += 1
                first = fails[0]
                failure = ET.SubElement(case, "failure", message=first.message, type=first.severity)
                failure.text = "\n".join(_describe(f) for f in fails) + "\n"
            elif open_:
                suite_skipped += 1
                skip = ET.SubElement(case, "skipped", message=f"inconclusive: {open_[0].message}")
                skip.text = "\n".join(_describe(f) for f in open_) + "\n"
        suite.set("tests", str(len(ids)))
        suite.set("failures", str(suite_failed))
        suite.set("errors", "0")
        suite.set("skipped", str(suite_skipped))
        total += len(ids)
        failed += suite_failed
        skipped += suite_skipped
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    suites.set("errors", "0")
    suites.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
