"""Format-agnostic edge building: every Expr.ref in a body becomes a typed edge.

Front ends only record which resources an expression mentions. Where the
mention stands decides the edge kind:

- ``parent`` -> PARENT
- a private endpoint's ``privateLinkServiceConnections[*].properties.privateLinkServiceId``
  (or the manual variant) -> PRIVATE_ENDPOINT
- ``scope`` of an extension resource (diagnostic setting, role assignment, lock) -> SCOPE
- anything else, ``dependsOn`` included -> REFERENCE
- a resource declared inside a module/deployment gets a MODULE edge from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from linter.model import Edge, EdgeKind, Expr, Graph, Resource, join_path

PRIVATE_ENDPOINT = "microsoft.network/privateendpoints"
_PE_PATH = re.compile(
    r"^properties\.(manualPrivateLinkServiceConnections|privateLinkServiceConnections)\[\d+\]"
    r"\.properties\.privateLinkServiceId$",
    re.IGNORECASE,
)


def _walk(value: Any, parts: list[str | int]) -> Iterator[tuple[list[str | int], Expr]]:
    if isinstance(value, Expr):
        yield parts, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, [*parts, key])
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, [*parts, i])


def classify(resource: Resource, path: str) -> EdgeKind:
    lowered = path.lower()
    if lowered == "parent":
        return EdgeKind.PARENT
    if lowered == "scope":
        return EdgeKind.SCOPE
    if resource.type.lower() == PRIVATE_ENDPOINT and _PE_PATH.match(path):
        return EdgeKind.PRIVATE_ENDPOINT
    return EdgeKind.REFERENCE


def edges_of(resource: Resource, known: Mapping[str, Resource]) -> Iterator[Edge]:
    for parts, value in _walk(resource.body, []):
        path = join_path(parts)
        kind = classify(resource, path)
        for target in value.refs:
            if target != resource.address and target in known:
                yield Edge(resource.address, target, kind, path)
    if resource.module and resource.module in known:
        yield Edge(resource.module, resource.address, EdgeKind.MODULE, "")


def build_graph(resources: list[Resource], entry: str = "") -> Graph:
    known = {r.address: r for r in resources}
    edges = [edge for resource in resources for edge in edges_of(resource, known)]
    return Graph(resources, edges, entry=entry)
