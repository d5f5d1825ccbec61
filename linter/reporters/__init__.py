"""Reporters: pure functions ``render(findings, policies, files) -> str``, collected in one dict."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence

from linter.policy import Finding, Policy

Reporter = Callable[[Sequence[Finding], Mapping[str, Policy], Sequence[str]], str]

# format name -> module in this package; imported only when that format is asked for
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
}


def get(name: str) -> Reporter:
    module = importlib.import_module(f"linter.reporters.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]
