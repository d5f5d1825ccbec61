"""Helpers shared by the identity policies."""

from __future__ import annotations

from linter import Expr, Resource


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
