"""Helpers shared by the encryption policies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linter import Expr, Resource
from policies._common import label, shown  # noqa: F401 - used by this domain's policies
from policies._common import tag






def classification(resource: Resource, settings: Mapping[str, Any]) -> Any:
    """The classification that asks for customer-managed keys: the tag value, None when not required, or an Expr."""
    wanted = [str(v).lower() for v in settings["cmk_required_classifications"]]
    if not wanted:
        return None
    value = tag(resource, settings["cmk_classification_tag"])
    if isinstance(value, Expr):
        return value
    if isinstance(value, str) and value.lower() in wanted:
        return value
    return None


def key_source(resource: Resource, path: str, wanted: str, default: str) -> tuple[Any, str | None]:
    """(value, problem): problem is None when ``path`` holds ``wanted`` (case-insensitive)."""
    value = resource.get(path, default)
    if isinstance(value, Expr):
        return value, None
    if isinstance(value, str) and value.lower() == wanted.lower():
        return value, None
    return value, (f"'{value}'" if resource.has(path) else f"not set (service default {default})")
