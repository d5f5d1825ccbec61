"""Helpers shared by the encryption policies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from linter import Expr, Resource
from policies._common import tag


def label(resource: Resource) -> str:
    """The resource's own name for messages: 'name' when known, the expression as written otherwise."""
    name = resource.name
    if isinstance(name, str) and name:
        return f"'{name.rsplit('/', 1)[-1]}'"
    if isinstance(name, Expr):
        return name.text
    return resource.address


def shown(resource: Resource, path: str, value: object, default: str) -> str:
    """How a value reads in a message: the literal, or 'not set (service default X)'."""
    if not resource.has(path):
        return f"not set (service default {default})"
    if isinstance(value, bool):
        return str(value).lower()
    return f"'{value}'"


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
