"""Reporters: pure functions ``render(run) -> str``, collected in one dict.

A ``Run`` carries what any report may show: the findings, every known policy, the
policies that ran, the files scanned, and the baseline comparison when one was used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter.policy import Finding, Policy


@dataclass(frozen=True)
class Run:
    findings: Sequence[Finding]
    policies: Mapping[str, Policy]  # every known policy, by id
    ran: Sequence[str] = ()  # ids of the policies that ran, sorted
    files: Sequence[str] = ()  # template files scanned (relative POSIX paths)
    version: str = ""
    severities: Mapping[str, str] = field(default_factory=dict)  # configured overrides, by policy id
    fixed: Sequence[Mapping[str, Any]] = ()  # baseline entries no longer found
    baseline: str | None = None  # the baseline file used, if any
    show_source: bool = False  # text: print the source line under each finding
    color: bool = False  # text: ANSI colours
    source: Callable[[str], Sequence[str] | None] = field(default=lambda _file: None, compare=False)


Reporter = Callable[[Run], str]

# format name -> module in this package; imported only when that format is asked for
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
}


def get(name: str) -> Reporter:
    module = importlib.import_module(f"linter.reporters.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]
