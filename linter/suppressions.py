"""Inline suppressions: ``aiplatform-lint-ignore`` comments and the ARM ``metadata`` form.

Syntax, one for every format (the comment marker is the format's own)::

    // aiplatform-lint-ignore NET001: reason [until 2027-03-31]     Bicep, .bicepparam, ARM JSON with comments
    # aiplatform-lint-ignore NET001, NET002: reason until 2027-03-31  Terraform, .tfvars (``//`` works too)

A comment on a line of its own covers the next line that is not itself a comment
(and, when that line is a Bicep decorator, the decorators and the declaration
below them). It suppresses the findings whose span starts on that line and every
finding of a resource whose declaration starts there. A comment at the end of a
line of code covers that line.

ARM templates without comments put the suppression in the resource's metadata,
which Azure ignores; it covers every finding of that resource::

    "metadata": {"aiplatform-lint-ignore": {"NET001": "reason [until 2027-03-31]"}}

A reason is required. A suppression that lacks a reason, has expired, names an
unknown policy, is forbidden by the configuration (``suppressions.forbid``) or
matches no finding does not suppress anything and is reported as ``SYS003``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from linter.model import Graph, Span
from linter.parsers import jsonc
from linter.policy import Finding, Severity, system_finding

MARKER = "aiplatform-lint-ignore"
_COMMENT = re.compile(r"(?P<lead>//|#)[ \t]*" + MARKER + r"\b(?P<rest>.*)$")
_ITEM = re.compile(r"^[ \t]*(?P<ids>[A-Za-z0-9_]+(?:[ \t]*,[ \t]*[A-Za-z0-9_]+)*)[ \t]*(?::(?P<reason>.*))?$")
_UNTIL = re.compile(
    r"^(?P<reason>.*?)[ \t]*(?:\[[ \t]*until[ \t]+(?P<a>[^\]\s]*)[ \t]*\]|\buntil[ \t]+(?P<b>\S+))[ \t]*$",
    re.IGNORECASE,
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_HASH_FORMATS = (".tf", ".tfvars")
_JSON_FORMATS = (".json", ".jsonc")


@dataclass
class Suppression:
    """One policy id of one suppression comment (or ARM metadata entry)."""

    span: Span  # where it is written
    policy: str
    reason: str
    until: date | None
    targets: frozenset[int]  # lines of ``span.file`` it covers
    problem: str = ""  # why it is invalid; "" when valid
    used: bool = field(default=False, compare=False)


def _parse_reason(text: str) -> tuple[str, date | None, str]:
    """``reason [until YYYY-MM-DD]`` -> (reason, until, problem)."""
    text = text.strip()
    match = _UNTIL.match(text)
    if match is None:
        return text, None, ""
    raw = match.group("a") or match.group("b") or ""
    reason = match.group("reason").strip()
    if not _DATE.match(raw):
        return reason, None, f"date {raw!r} is not YYYY-MM-DD"
    try:
        return reason, date.fromisoformat(raw), ""
    except ValueError:
        return reason, None, f"date {raw!r} is not a calendar date"


def _is_comment_line(line: str, hash_ok: bool) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("//") or (hash_ok and stripped.startswith("#"))


def _targets(lines: Sequence[str], index: int, own_line: bool, hash_ok: bool) -> frozenset[int]:
    """1-based lines covered by a comment on 0-based line ``index``."""
    if not own_line:
        return frozenset({index + 1})
    out: set[int] = set()
    i = index + 1
    while i < len(lines) and _is_comment_line(lines[i], hash_ok):
        i += 1
    while i < len(lines) and lines[i].strip():
        out.add(i + 1)
        if not lines[i].lstrip().startswith("@"):  # a Bicep decorator covers the lines down to its declaration
            break
        i += 1
    return frozenset(out)


def from_comments(file: str, text: str) -> list[Suppression]:
    """Suppressions written as comments in ``text`` (the file ``file``, a relative POSIX path)."""
    if MARKER not in text:
        return []
    lower = file.lower()
    hash_ok = lower.endswith(_HASH_FORMATS)
    lines = text.splitlines()
    out: list[Suppression] = []
    for index, line in enumerate(lines):
        if MARKER not in line:
            continue
        match = _COMMENT.search(line)
        if match is None or (match.group("lead") == "#" and not hash_ok):
            continue
        own_line = not line[: match.start()].strip()
        column = match.start() + 1
        span = Span(file, index + 1, column, index + 1, len(line) + 1)
        targets = _targets(lines, index, own_line, hash_ok)
        item = _ITEM.match(match.group("rest"))
        if item is None:
            out.append(Suppression(span, "", "", None, targets, f"{MARKER} needs a policy id: '{MARKER} ID: reason'"))
            continue
        reason, until, problem = _parse_reason(item.group("reason") or "")
        for policy_id in (part.strip().upper() for part in item.group("ids").split(",")):
            out.append(Suppression(span, policy_id, reason, until, targets, problem))
    return out


def from_arm_metadata(file: str, text: str) -> list[Suppression]:
    """Suppressions in ARM resources' ``metadata`` objects (the whole resource is covered)."""
    if MARKER not in text:
        return []
    try:
        data, positions = jsonc.loads(text)
    except jsonc.JsonError:
        return []  # the front end reports the syntax error
    lines = jsonc.Lines(text)
    out: list[Suppression] = []
    for path, (key_off, _start, _end) in sorted(positions.items(), key=lambda item: item[1][0]):
        if len(path) < 4 or path[-1] != MARKER or path[-2] != "metadata" or "resources" not in path[:-3]:
            continue
        if path[-4] != "resources":
            continue
        owner = path[:-2]
        owner_key, owner_start, _ = positions[owner]
        targets = frozenset({lines.position(owner_key)[0], lines.position(owner_start)[0]})
        value: Any = data
        for part in path:
            value = value[part]
        line, column = lines.position(key_off)
        here = Span(file, line, column, line, column + len(MARKER) + 2)
        if not isinstance(value, dict):
            out.append(Suppression(here, "", "", None, targets, f"metadata '{MARKER}' must map policy ids to reasons"))
            continue
        for policy_id, reason_text in value.items():
            id_line, id_column = lines.position(positions[(*path, policy_id)][0])
            span = Span(file, id_line, id_column, id_line, id_column + len(policy_id) + 2)
            if not isinstance(reason_text, str):
                out.append(
                    Suppression(
                        span, policy_id.upper(), "", None, targets, f"the reason for {policy_id} must be a string"
                    )
                )
                continue
            reason, until, problem = _parse_reason(reason_text)
            out.append(Suppression(span, policy_id.upper(), reason, until, targets, problem))
    return out


def scan_text(file: str, text: str) -> list[Suppression]:
    found = from_comments(file, text)
    if file.lower().endswith(_JSON_FORMATS):
        found.extend(from_arm_metadata(file, text))
    return found


def _matches(ids: Iterable[str], policy_id: str) -> bool:
    return any(policy_id.startswith(item) for item in ids)


class Tracker:
    """Applies the suppressions of every file the scan read, and reports the problems with them."""

    def __init__(
        self,
        read: Callable[[str], str | None],
        known: Iterable[str],
        ran: Iterable[str],
        forbid: Sequence[str] = (),
        severity: Severity = "warning",
        today: date | None = None,
    ) -> None:
        self._read = read
        self._known = frozenset(known)
        self._ran = frozenset(ran)
        self._forbid = tuple(forbid)
        self._severity = severity
        self._today = today or date.today()
        self._by_file: dict[str, list[Suppression]] = {}

    def _for(self, file: str) -> list[Suppression]:
        if file not in self._by_file:
            text = self._read(file)
            found = scan_text(file, text) if text is not None else []
            for item in found:
                if not item.problem:
                    item.problem = self._validate(item)
            self._by_file[file] = found
        return self._by_file[file]

    def _validate(self, item: Suppression) -> str:
        if item.policy.startswith("SYS"):
            return f"{item.policy} findings cannot be suppressed"
        if not _ID.match(item.policy) or item.policy not in self._known:
            return f"suppression names unknown policy {item.policy!r}"
        if not item.reason:
            return f"suppression of {item.policy} has no reason ('{MARKER} {item.policy}: why')"
        if _matches(self._forbid, item.policy):
            return f"inline suppression of {item.policy} is not allowed by the configuration (suppressions.forbid)"
        if item.until is not None and item.until < self._today:
            return f"suppression of {item.policy} expired on {item.until.isoformat()}"
        return ""

    def apply(self, findings: Iterable[Finding], graph: Graph, files: Iterable[str]) -> list[Finding]:
        """The findings of one unit that no valid suppression covers; ``files`` are the files it read."""
        for file in sorted(files):
            self._for(file)
        kept: list[Finding] = []
        for finding in findings:
            if finding.policy.startswith("SYS"):
                kept.append(finding)
                continue
            places = [(finding.span.file, finding.span.line)]
            resource = graph.get(finding.resource) if finding.resource else None
            if resource is not None:
                places.append((resource.span.file, resource.span.line))
            hit = False
            for file, line in places:
                for item in self._by_file.get(file, ()):
                    if item.policy == finding.policy and line in item.targets and not item.problem:
                        item.used = True
                        hit = True
            if not hit:
                kept.append(finding)
        return kept

    def problems(self) -> list[Finding]:
        """SYS003 findings: invalid suppressions, and valid ones that matched no finding of a policy that ran."""
        out: list[Finding] = []
        for file in sorted(self._by_file):
            for item in self._by_file[file]:
                if item.problem:
                    message = item.problem
                elif item.used or item.policy not in self._ran:
                    continue
                else:
                    message = f"unused suppression: no {item.policy} finding here"
                out.append(system_finding("SYS003", item.span, message, self._severity))
        return out
