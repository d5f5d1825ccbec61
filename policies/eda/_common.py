"""Helpers shared by the policies of this folder."""

from __future__ import annotations

import re
from typing import Any

from linter import Expr, Graph, Resource
from policies._common import name_of  # noqa: F401 - used by this domain's policies




_ID = re.compile(r"/providers/([A-Za-z0-9.]+/[A-Za-z0-9]+)/'?,?([^/]+)$", re.IGNORECASE)
_RESOURCE_ID = re.compile(r"resourceId\(([^,()]+),([^()]+)\)")


def points_to(graph: Graph, source: Resource, path: str, target: Resource) -> Any:
    """Whether the resource id at ``path`` of ``source`` names ``target``: True, False, or the Expr when unknown."""
    if any(edge.path == path and edge.target == target.address for edge in graph.out_edges(source)):
        return True
    value = source.get(path)
    if isinstance(value, Expr) and value.refs:
        return False
    name = target.name.lower() if isinstance(target.name, str) else None
    texts = [value.symbol or "", value.text] if isinstance(value, Expr) else [value if isinstance(value, str) else ""]
    symbol = _RESOURCE_ID.fullmatch(texts[0])
    if symbol:
        return (symbol.group(1), symbol.group(2)) == (target.type.lower(), name)
    for text in texts:
        match = _ID.search(text.strip())
        if match:
            return match.group(1).lower() == target.type.lower() and match.group(2).strip(" ',)\"").lower() == name
    return value if isinstance(value, Expr) else False
