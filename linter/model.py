"""The normalized resource model: Span, Expr, Resource, Edge, EdgeKind, Graph.

Pure data and queries. Every front end (ARM, Bicep, Terraform) produces these
shapes in the ARM vocabulary; policies read nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Format = Literal["arm", "bicep", "terraform"]

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\*|\d+|'[^']*'|\"[^\"]*\")\]")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A region of a source file: POSIX path relative to the lint root, 1-based, end column exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, eq=False)
class Expr:
    """A value the linter cannot evaluate statically.

    ``text`` is the expression as written (for messages); ``refs`` are the
    addresses of resources it mentions; ``inputs`` name the parameters or
    variables whose values would decide it. A *symbolic* value (``symbol`` set)
    is unknown but stable: ``resourceGroup().location`` or an unset parameter
    is equal to itself everywhere in a deployment, so policies may compare it.
    """

    text: str
    refs: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    symbol: str | None = None

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if isinstance(other, Expr) and self.symbol is not None:
            return self.symbol == other.symbol
        return False

    def __hash__(self) -> int:
        return hash(self.symbol) if self.symbol is not None else id(self)

    def __repr__(self) -> str:
        return f"Expr({self.text!r})"

    @property
    def decided_by(self) -> str:
        """Plain words for what would decide this value."""
        if self.inputs:
            names = ", ".join(f"'{name}'" for name in self.inputs)
            return f"the value of {names}"
        return f"the expression {self.text}"


def is_unknown(value: Any) -> bool:
    """True when ``value`` is, or contains at its top, an unevaluated expression."""
    return isinstance(value, Expr)


def split_path(path: str) -> list[str | int]:
    """``"a.b[0].c['x.y']"`` -> ``['a', 'b', 0, 'c', 'x.y']``; ``[*]`` stays ``'*'``."""
    parts: list[str | int] = []
    for match in _PATH_PART.finditer(path):
        name, index = match.groups()
        if name is not None:
            parts.append(name)
        elif index == "*":
            parts.append("*")
        elif index[0] in "'\"":
            parts.append(index[1:-1])
        else:
            parts.append(int(index))
    return parts


def join_path(parts: Iterable[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_$@][\w$@-]*", part):
            out += f".{part}" if out else part
        else:
            out += f"['{part}']"
    return out


def _child(value: Any, key: str | int) -> tuple[bool, Any]:
    """Step one path part into ``value``, comparing object keys case-insensitively."""
    if isinstance(value, Mapping):
        if isinstance(key, int):
            return False, None
        if key in value:
            return True, value[key]
        lowered = key.lower()
        for k, v in value.items():
            if isinstance(k, str) and k.lower() == lowered:
                return True, v
        return False, None
    if isinstance(value, list) and isinstance(key, int):
        if 0 <= key < len(value):
            return True, value[key]
    return False, None


@dataclass(frozen=True)
class Resource:
    """One Azure resource in ARM vocabulary, with a side table of source spans."""

    address: str
    type: str
    format: Format
    body: Mapping[str, Any]
    span: Span
    spans: Mapping[str, Span] = field(default_factory=dict)
    api_version: str | None = None
    module: str | None = None
    origins: Mapping[str, str] = field(default_factory=dict)
    looped: bool = False
    condition: Any = True
    existing: bool = False
    unresolved: str | None = None

    @property
    def name(self) -> Any:
        return self.body.get("name")

    @property
    def location(self) -> Any:
        return self.body.get("location")

    def get(self, path: str, default: Any = None) -> Any:
        """The written value at ``path``; an ``Expr`` met on the way is returned as is."""
        value: Any = self.body
        for part in split_path(path):
            if isinstance(value, Expr):
                return value
            found, value = _child(value, part)
            if not found:
                return default
        return value

    def has(self, path: str) -> bool:
        value: Any = self.body
        for part in split_path(path):
            if isinstance(value, Expr):
                return True
            found, value = _child(value, part)
            if not found:
                return False
        return True

    def each(self, path: str) -> Iterator[tuple[str, Any]]:
        """Expand ``[*]`` in ``path``; yields ``(concrete path, value)`` for values that exist."""
        yield from _expand(self.body, split_path(path), [])

    def span_of(self, path: str) -> Span:
        """Span of the deepest written prefix of ``path``; the declaration when none is written."""
        if not path:
            return self.span
        parts = split_path(path)
        index = {k.lower(): v for k, v in self.spans.items()}
        while parts:
            span = index.get(join_path(parts).lower())
            if span is not None:
                return span
            parts.pop()
        return self.span

    def origin_of(self, path: str) -> str | None:
        """Where the value at ``path`` came from (a parameter default, a parameters file...)."""
        parts = split_path(path)
        index = {k.lower(): v for k, v in self.origins.items()}
        while parts:
            origin = index.get(join_path(parts).lower())
            if origin is not None:
                return origin
            parts.pop()
        return None

    def is_type(self, *types: str) -> bool:
        """Case-insensitive; the common case (the type spelt as the policy spells it) costs no lower()."""
        if self.type in types:
            return True
        mine = self.type.lower()
        return any(mine == t.lower() for t in types)


def _expand(value: Any, parts: list[str | int], done: list[str | int]) -> Iterator[tuple[str, Any]]:
    if not parts:
        yield join_path(done), value
        return
    head, rest = parts[0], parts[1:]
    if isinstance(value, Expr):
        yield join_path(done), value
        return
    if head == "*":
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from _expand(item, rest, [*done, i])
        elif isinstance(value, Mapping):
            for key in value:
                yield from _expand(value[key], rest, [*done, key])
        return
    found, child = _child(value, head)
    if found:
        yield from _expand(child, rest, [*done, head])


class EdgeKind(StrEnum):
    REFERENCE = "reference"  # expression mention or dependsOn
    PARENT = "parent"  # child -> parent
    PRIVATE_ENDPOINT = "private-endpoint"  # private endpoint -> target resource
    SCOPE = "scope"  # extension resource (diagnostic setting, role assignment, lock) -> scope
    MODULE = "module"  # deployment/module -> resource declared inside it


@dataclass(frozen=True, slots=True, order=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    path: str  # where in the source's body the link is written ("" for MODULE)


class Graph:
    """Resources of one deployment unit plus typed edges. Immutable once built."""

    def __init__(self, resources: Iterable[Resource], edges: Iterable[Edge] = (), entry: str = "") -> None:
        self.entry = entry
        self._resources: dict[str, Resource] = {}
        for resource in resources:
            self._resources.setdefault(resource.address, resource)
        self.edges: tuple[Edge, ...] = tuple(sorted(set(edges)))
        self._by_type: dict[str, list[Resource]] = {}
        for resource in self._resources.values():
            self._by_type.setdefault(resource.type.lower(), []).append(resource)
        self._out: dict[str, list[Edge]] = {}
        self._in: dict[str, list[Edge]] = {}
        for edge in self.edges:
            self._out.setdefault(edge.source, []).append(edge)
            self._in.setdefault(edge.target, []).append(edge)

    def __iter__(self) -> Iterator[Resource]:
        return iter(self._resources.values())

    def __len__(self) -> int:
        return len(self._resources)

    def __contains__(self, address: object) -> bool:
        return address in self._resources

    def __getitem__(self, address: str) -> Resource:
        return self._resources[address]

    def get(self, address: str) -> Resource | None:
        return self._resources.get(address)

    def of_type(self, *types: str) -> Iterator[Resource]:
        """Resources of any of ``types`` (case-insensitive), in declaration order."""
        if len(types) == 1:
            yield from self._by_type.get(types[0].lower(), ())
            return
        wanted = {t.lower() for t in types}
        for resource in self._resources.values():
            if resource.type.lower() in wanted:
                yield resource

    def out_edges(self, resource: Resource, kind: EdgeKind | None = None) -> Iterator[Edge]:
        for edge in self._out.get(resource.address, ()):
            if kind is None or edge.kind == kind:
                yield edge

    def in_edges(self, resource: Resource, kind: EdgeKind | None = None) -> Iterator[Edge]:
        for edge in self._in.get(resource.address, ()):
            if kind is None or edge.kind == kind:
                yield edge

    def targets(self, resource: Resource, kind: EdgeKind | None = None) -> Iterator[Resource]:
        """Resources that ``resource`` points to (outgoing edges)."""
        seen: set[str] = set()
        for edge in self.out_edges(resource, kind):
            if edge.target not in seen and edge.target in self._resources:
                seen.add(edge.target)
                yield self._resources[edge.target]

    def sources(self, resource: Resource, kind: EdgeKind | None = None) -> Iterator[Resource]:
        """Resources that point to ``resource`` (incoming edges)."""
        seen: set[str] = set()
        for edge in self.in_edges(resource, kind):
            if edge.source not in seen and edge.source in self._resources:
                seen.add(edge.source)
                yield self._resources[edge.source]

    def parent(self, resource: Resource) -> Resource | None:
        return next(self.targets(resource, EdgeKind.PARENT), None)

    def children(self, resource: Resource, type_: str | None = None) -> Iterator[Resource]:
        for child in self.sources(resource, EdgeKind.PARENT):
            if type_ is None or child.is_type(type_):
                yield child
