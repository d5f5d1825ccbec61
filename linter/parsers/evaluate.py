"""The evaluation core shared by the ARM and Bicep front ends.

``call(name, args, ctx)`` applies a template function to already evaluated
arguments. A function that cannot know its result returns ``UNKNOWN``; the
caller turns that into an ``Expr`` carrying the source text and whatever the
arguments mention. Deployment-wide values (``resourceGroup().location``,
``uniqueString(...)``, an unset parameter) are *symbolic* ``Expr`` values: not
known, but equal to themselves everywhere in one deployment.

``ArmScope`` evaluates parsed ARM expressions (``expr.Node``) on top of it:
parameters, variables, copy indexes, user-defined functions and lambdas.
"""

from __future__ import annotations

import base64
import functools
import ipaddress
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter.model import Expr
from linter.parsers import expr as ex

MAX_ITEMS = 100_000  # largest list or string a function may build
MAX_STRING = 1_000_000


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def refs_and_inputs(values: Iterable[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Union of the resources and inputs mentioned by any Expr inside ``values``."""
    refs: dict[str, None] = {}
    inputs: dict[str, None] = {}
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, Expr):
            refs.update(dict.fromkeys(value.refs))
            inputs.update(dict.fromkeys(value.inputs))
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return tuple(sorted(refs)), tuple(sorted(inputs))


def unknown(text: str, args: Iterable[Any] = (), symbol: str | None = None) -> Expr:
    refs, inputs = refs_and_inputs(args)
    return Expr(text=text, refs=refs, inputs=inputs, symbol=symbol)


def both(a: Any, b: Any) -> Any:
    """Two deployment conditions combined (a resource inside a conditional module or deployment)."""
    if a is True:
        return b
    if b is True:
        return a
    if a is False or b is False:
        return False
    text = lambda v: v.text if isinstance(v, Expr) else str(v)  # noqa: E731
    return unknown(f"({text(a)}) && ({text(b)})", [a, b])


def contains_unknown(value: Any) -> bool:
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, Expr):
            return True
        if isinstance(current, Mapping):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False


def canonical(value: Any) -> str:
    """A stable text for a value, used to build symbols."""
    if isinstance(value, Expr):
        return value.symbol if value.symbol is not None else f"?{value.text}"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{k}:{canonical(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    return json.dumps(value)


def member(value: Any, name: str, text: str) -> Any:
    """``value.name``: symbolic values stay symbolic; other unknowns stay unknown."""
    if isinstance(value, Expr):
        if value.symbol is not None:
            return Expr(text=text, refs=value.refs, inputs=value.inputs, symbol=f"{value.symbol}.{name.lower()}")
        return unknown(text, [value])
    if isinstance(value, Mapping):
        if name in value:
            return value[name]
        lowered = name.lower()
        for key, item in value.items():
            if isinstance(key, str) and key.lower() == lowered:
                return item
        return UNKNOWN
    return UNKNOWN


def index(value: Any, key: Any, text: str) -> Any:
    if isinstance(key, Expr):
        if key.symbol is not None and isinstance(value, (Mapping, list)) and not contains_unknown(value):
            # a known table looked up by a stable key: stable too (``zones[toLower(environment().name)]``)
            refs, inputs = refs_and_inputs([key])
            return Expr(text=text, refs=refs, inputs=inputs, symbol=f"{canonical(value)}[{key.symbol}]")
        return unknown(text, [value, key])
    if isinstance(value, Expr):
        if value.symbol is not None and not isinstance(key, (dict, list)):
            return Expr(text=text, refs=value.refs, inputs=value.inputs, symbol=f"{value.symbol}[{canonical(key)}]")
        return unknown(text, [value])
    if isinstance(value, list) and isinstance(key, (int, float)) and not isinstance(key, bool):
        i = int(key)
        return value[i] if 0 <= i < len(value) else UNKNOWN
    if isinstance(value, Mapping) and isinstance(key, str):
        return member(value, key, text)
    if isinstance(value, str) and isinstance(key, int) and 0 <= key < len(value):
        return value[key]
    return UNKNOWN


# --------------------------------------------------------------------------
# Deployment context: what resourceGroup(), resourceId() and friends see.


@dataclass
class Context:
    """Deployment-wide facts shared by every expression of one unit."""

    target_scope: str = "resourceGroup"
    resources: list[tuple[str, Any, str]] = field(default_factory=list)  # (type lower, full name, address)
    base_dir: str = ""  # directory for loadTextContent & co (Bicep)
    read_file: Callable[[str], str | None] | None = None
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)  # deployment address -> its outputs
    existing: set[str] = field(default_factory=set)  # addresses of `existing` references

    def deployment_outputs(self, target: Any) -> dict[str, Any] | None:
        """``reference(<deployment>)`` once the nested deployment has been evaluated: its outputs."""
        if isinstance(target, Expr):
            addresses = [a for a in target.refs if a in self.outputs]
        elif isinstance(target, str):
            addresses = [a for t, n, a in self.resources if t == DEPLOYMENTS_TYPE and _same_name(n, target)]
            addresses = [a for a in addresses if a in self.outputs]
        else:
            return None
        if len(set(addresses)) != 1:
            return None
        return {"outputs": {k: {"value": v} for k, v in self.outputs[addresses[0]].items()}}

    def find(self, type_: str, name: Any) -> str | None:
        """Address of the declared resource with this type and full name, if exactly one matches."""
        wanted = type_.lower()
        found = [
            address
            for rtype, rname, address in self.resources
            if rtype == wanted and _same_name(rname, name)
        ]
        if len(set(found)) > 1:  # an `existing` reference to a resource declared here: the declaration
            found = [a for a in found if a not in self.existing]
        return found[0] if len(set(found)) == 1 else None

    def resource_id(self, type_: Any, names: Sequence[Any], text: str, prefix: Sequence[Any] = ()) -> Expr:
        """The id of a resource: symbolic, and a reference to it when it is declared here."""
        if isinstance(type_, Expr) or any(isinstance(n, Expr) and n.symbol is None for n in names):
            return unknown(text, [type_, *names, *prefix])
        whole = joined_path(names, text)  # ['a', x] and concat('a/', x) name the same resource
        full = whole if isinstance(whole, str) else canonical(whole)
        address = self.find(type_, _join_names(names))
        refs, inputs = refs_and_inputs([*names, *prefix])
        if address is not None:
            refs = tuple(sorted({*refs, address}))
        return Expr(text=text, refs=refs, inputs=inputs, symbol=f"resourceId({type_.lower()},{full.lower()})")


    def symbolic_id(self, target: str, text: str) -> Expr | None:
        """languageVersion 2.0: the id of the resource a symbolic name (``reference('sa')``) stands for."""
        found = [(t, n, a) for t, n, a in self.resources if a == target or a.endswith(f"/{target}")]
        if len(found) != 1:
            return None
        rtype, name, address = found[0]
        rid = self.resource_id(rtype, list(name) if isinstance(name, tuple) else [name], text)
        return Expr(text=text, refs=(address,), inputs=rid.inputs, symbol=rid.symbol)

    def parent_by_name(self, type_: str, name: Any, text: str) -> Expr | None:
        """The parent of a child resource whose name is written whole (``'vnet/subnet'``), not by ``parent:``."""
        if type_.count("/") < 2:
            return None
        parent_type = type_.rsplit("/", 1)[0]
        if isinstance(name, str) and "/" in name:
            parent_name = name.rsplit("/", 1)[0]
            return self.resource_id(parent_type, parent_name.split("/"), parent_name)
        if isinstance(name, Expr) and name.symbol is not None:
            for rtype, rname, _address in self.resources:
                if rtype != parent_type.lower() or not isinstance(rname, Expr) or rname.symbol is None:
                    continue
                flat = f"{rname.symbol[:-1]},'/" if rname.symbol.startswith("concat(") else None
                if name.symbol.startswith(f"concat({rname.symbol},'/") or (flat and name.symbol.startswith(flat)):
                    return self.resource_id(parent_type, [rname], text)
        return None


def _whole_name(name: Any) -> Any:
    """Name segments ``(a, 'b')`` as the one value ``a/b``."""
    if not isinstance(name, tuple):
        return name
    return joined_path(name, "/".join(s.text if isinstance(s, Expr) else str(s) for s in name))


def _join_names(names: Sequence[Any]) -> Any:
    if len(names) == 1:
        return names[0]
    if all(isinstance(n, str) for n in names):
        return "/".join(names)
    return tuple(names)


def _same_name(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, Expr) or isinstance(a, Expr) and isinstance(b, tuple):
        return _same_name(*(_whole_name(x) for x in (a, b)))
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same_name(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Expr) and isinstance(b, Expr):
        return a == b
    if isinstance(a, tuple) and isinstance(b, str):
        return _same_name(a, tuple(b.split("/"))) if len(b.split("/")) == len(a) else False
    if isinstance(a, str) and isinstance(b, tuple):
        return _same_name(b, a)
    return False


_RESOURCE_TYPE = re.compile(r"^[A-Za-z0-9]+\.[A-Za-z0-9.]+/[A-Za-z0-9/]+$")


def _split_resource_id_args(args: Sequence[Any]) -> tuple[list[Any], Any, list[Any]]:
    for i, arg in enumerate(args):
        if isinstance(arg, str) and _RESOURCE_TYPE.match(arg):
            return list(args[:i]), arg, list(args[i + 1 :])
    return list(args), UNKNOWN, []


# --------------------------------------------------------------------------
# The function library. Each takes evaluated args and returns a value or UNKNOWN.


def _str(v: Any) -> str:
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, str):
        return v
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (int, float)):
        return str(v)
    if v is None:
        return ""
    return json.dumps(v, separators=(",", ":"))


def _format(fmt: str, *args: Any) -> str:
    def repl(match: re.Match[str]) -> str:
        whole = match.group(0)
        if whole == "{{":
            return "{"
        if whole == "}}":
            return "}"
        i = int(match.group(1))
        spec = match.group(2) or ""
        value = args[i]
        if spec and isinstance(value, int) and spec[:1] in "Dd":
            width = int(spec[1:] or 0)
            return str(value).zfill(width)
        if spec and isinstance(value, (int, float)) and spec[:1] in "Nn":
            digits = int(spec[1:] or 2)
            return f"{value:,.{digits}f}"
        return _str(value)

    return re.sub(r"\{\{|\}\}|\{(\d+)(?::([^}]*))?\}", repl, fmt)


def _length(v: Any) -> Any:
    if isinstance(v, (str, list, dict)):
        return len(v)
    return UNKNOWN


def _empty(v: Any) -> Any:
    if v is None:
        return True
    if isinstance(v, (str, list, dict)):
        return len(v) == 0
    return UNKNOWN


def _contains(container: Any, item: Any) -> Any:
    if isinstance(container, str) and isinstance(item, (str, int)):
        return str(item).lower() in container.lower()
    if isinstance(container, list):
        if any(_equal(x, item) is True for x in container):
            return True
        return UNKNOWN if contains_unknown(container) or contains_unknown(item) else False
    if isinstance(container, dict) and isinstance(item, str):
        return any(k.lower() == item.lower() for k in container)
    return UNKNOWN


def _equal(a: Any, b: Any) -> Any:
    if isinstance(a, Expr) or isinstance(b, Expr):
        if isinstance(a, Expr) and isinstance(b, Expr) and a.symbol is not None and a == b:
            return True
        return UNKNOWN
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return False
        results = [_equal(a[k], b[k]) for k in a]
        return False if False in results else (UNKNOWN if UNKNOWN in results else True)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        results = [_equal(x, y) for x, y in zip(a, b, strict=True)]
        return False if False in results else (UNKNOWN if UNKNOWN in results else True)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    return a == b


def _union(*args: Any) -> Any:
    if all(isinstance(a, dict) for a in args):
        out: dict[str, Any] = {}
        for arg in args:
            for key, value in arg.items():
                existing = next((k for k in out if k.lower() == key.lower()), None)
                if existing is not None and isinstance(out[existing], dict) and isinstance(value, dict):
                    out[existing] = _union(out[existing], value)
                elif existing is not None:
                    out[existing] = value
                else:
                    out[key] = value
        return out
    if all(isinstance(a, list) for a in args):
        result: list[Any] = []
        for arg in args:
            for item in arg:
                if not any(_equal(item, r) is True for r in result):
                    result.append(item)
        return result
    return UNKNOWN


def _intersection(*args: Any) -> Any:
    if all(isinstance(a, dict) for a in args):
        first = args[0]
        return {k: v for k, v in first.items() if all(k in a and _equal(a[k], v) is True for a in args[1:])}
    if all(isinstance(a, list) for a in args):
        return [x for x in args[0] if all(any(_equal(x, y) is True for y in a) for a in args[1:])]
    return UNKNOWN


def _range(start: Any, count: Any) -> Any:
    if isinstance(start, int) and isinstance(count, int) and 0 <= count <= MAX_ITEMS:
        return list(range(start, start + count))
    return UNKNOWN


def _substring(s: str, start: int = 0, length: int | None = None) -> str:
    if length is None:
        return s[start:]
    if start < 0 or length < 0 or start + length > len(s):
        raise ValueError("substring out of range")
    return s[start : start + length]


def _pad_left(value: Any, width: int, char: str = " ") -> str:
    if width > MAX_STRING:
        raise ValueError("padLeft too wide")
    return _str(value).rjust(width, char[:1] or " ")


def _take(v: Any, n: int) -> Any:
    return v[: max(n, 0)] if isinstance(v, (str, list)) else UNKNOWN


def _skip(v: Any, n: int) -> Any:
    return v[max(n, 0) :] if isinstance(v, (str, list)) else UNKNOWN


def _first(v: Any) -> Any:
    if isinstance(v, (str, list)):
        return v[0] if v else (None if isinstance(v, list) else "")
    return UNKNOWN


def _last(v: Any) -> Any:
    if isinstance(v, (str, list)):
        return v[-1] if v else (None if isinstance(v, list) else "")
    return UNKNOWN


def _split(s: str, sep: Any) -> list[str]:
    seps = sep if isinstance(sep, list) else [sep]
    parts = [s]
    for one in seps:
        parts = [piece for part in parts for piece in part.split(one)]
    return parts


def _int(v: Any) -> int:
    if isinstance(v, bool):
        raise ValueError("int of bool")
    return int(v)


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "false"):
        return v.lower() == "true"
    if isinstance(v, int):
        return v != 0
    raise ValueError("not a boolean")


def _json(v: str) -> Any:
    return json.loads(v)


def _items(v: Any) -> Any:
    if isinstance(v, dict):
        return [{"key": k, "value": v[k]} for k in sorted(v, key=str.lower)]
    return UNKNOWN


def _array(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def _coalesce(*args: Any) -> Any:
    for arg in args:
        if isinstance(arg, Expr):
            return UNKNOWN
        if arg is not None:
            return arg
    return None


def _index_of(s: Any, item: Any) -> Any:
    if isinstance(s, str) and isinstance(item, str):
        return s.lower().find(item.lower())
    if isinstance(s, list):
        for i, x in enumerate(s):
            if _equal(x, item) is True:
                return i
        return -1
    return UNKNOWN


def _last_index_of(s: Any, item: Any) -> Any:
    if isinstance(s, str) and isinstance(item, str):
        return s.lower().rfind(item.lower())
    if isinstance(s, list):
        for i in range(len(s) - 1, -1, -1):
            if _equal(s[i], item) is True:
                return i
        return -1
    return UNKNOWN


def _min_max(pick: Callable[..., Any]) -> Callable[..., Any]:
    def fn(*args: Any) -> Any:
        values = args[0] if len(args) == 1 and isinstance(args[0], list) else list(args)
        if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return pick(values)
        return UNKNOWN

    return fn


def _object_keys(v: Any) -> Any:
    return list(v.keys()) if isinstance(v, dict) else UNKNOWN


def _create_object(*args: Any) -> Any:
    if len(args) % 2:
        return UNKNOWN
    out: dict[str, Any] = {}
    for key, value in zip(args[::2], args[1::2], strict=True):
        if not isinstance(key, str):
            return UNKNOWN
        out[key] = value
    return out


def _flatten(v: Any) -> Any:
    if isinstance(v, list) and all(isinstance(x, list) for x in v):
        return [y for x in v for y in x]
    return UNKNOWN


def _try_get(v: Any, *keys: Any) -> Any:
    for key in keys:
        if isinstance(v, dict) and isinstance(key, str):
            v = member(v, key, "")
            if v is UNKNOWN:
                return None
        elif isinstance(v, list) and isinstance(key, int):
            v = v[key] if 0 <= key < len(v) else None
        else:
            return None if v is None else UNKNOWN
    return v


def _parse_cidr(cidr: str) -> dict[str, Any]:
    net = ipaddress.ip_network(cidr, strict=False)
    hosts = list(net.hosts()) if net.num_addresses <= 4 else [net[1], net[-2]]
    return {
        "network": str(net.network_address),
        "netmask": str(net.netmask),
        "broadcast": str(net.broadcast_address),
        "firstUsable": str(hosts[0]) if hosts else str(net.network_address),
        "lastUsable": str(hosts[-1]) if hosts else str(net.broadcast_address),
        "cidr": net.prefixlen,
    }


def _cidr_subnet(cidr: str, prefix: int, index_: int) -> str:
    net = ipaddress.ip_network(cidr, strict=False)
    if prefix < net.prefixlen or prefix - net.prefixlen > 32:
        raise ValueError("bad prefix")
    size = 1 << (net.max_prefixlen - prefix)
    return f"{ipaddress.ip_address(int(net.network_address) + index_ * size)}/{prefix}"


def _cidr_host(cidr: str, index_: int) -> str:
    net = ipaddress.ip_network(cidr, strict=False)
    return str(net[index_ + 1])


def _arith(op: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def fn(a: Any, b: Any) -> Any:
        if all(isinstance(v, int) and not isinstance(v, bool) for v in (a, b)):
            return op(a, b)
        return UNKNOWN

    return fn


def _compare(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def fn(a: Any, b: Any) -> Any:
        if type(a) is type(b) and isinstance(a, (int, float, str)):
            return op(a, b)
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b)):
            return op(a, b)
        return UNKNOWN

    return fn


def _not(v: Any) -> Any:
    return (not v) if isinstance(v, bool) else UNKNOWN


def _and(*args: Any) -> Any:
    if any(a is False for a in args):
        return False
    return True if all(a is True for a in args) else UNKNOWN


def _or(*args: Any) -> Any:
    if any(a is True for a in args):
        return True
    return False if all(a is False for a in args) else UNKNOWN


def _if(cond: Any, a: Any, b: Any) -> Any:
    if cond is True:
        return a
    if cond is False:
        return b
    return UNKNOWN


def _string_fn(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        if not isinstance(args[0], str):
            return UNKNOWN
        return fn(*args)

    return wrapped


def _date_time_add(*args: Any) -> Any:
    return UNKNOWN


PURE: dict[str, Callable[..., Any]] = {
    "concat": lambda *a: (
        [x for v in a for x in (v if isinstance(v, list) else [v])]
        if a and isinstance(a[0], list)
        else "".join(_str(v) for v in a)
    ),
    "format": lambda f, *a: _format(f, *a),
    "tolower": _string_fn(str.lower),
    "toupper": _string_fn(str.upper),
    "replace": lambda s, old, new: s.replace(old, new),
    "split": _split,
    "substring": _substring,
    "startswith": lambda s, p: s.lower().startswith(p.lower()),
    "endswith": lambda s, p: s.lower().endswith(p.lower()),
    "contains": _contains,
    "trim": _string_fn(str.strip),
    "padleft": _pad_left,
    "last": _last,
    "first": _first,
    "take": _take,
    "skip": _skip,
    "length": _length,
    "empty": _empty,
    "join": lambda items, sep: sep.join(_str(i) for i in items),
    "indexof": _index_of,
    "lastindexof": _last_index_of,
    "if": _if,
    "and": _and,
    "or": _or,
    "not": _not,
    "equals": _equal,
    "greater": _compare(lambda a, b: a > b),
    "greaterorequals": _compare(lambda a, b: a >= b),
    "less": _compare(lambda a, b: a < b),
    "lessorequals": _compare(lambda a, b: a <= b),
    "coalesce": _coalesce,
    "union": _union,
    "intersection": _intersection,
    "createobject": _create_object,
    "createarray": lambda *a: list(a),
    "items": _items,
    "range": _range,
    "json": _json,
    "string": _str,
    "int": _int,
    "bool": _bool,
    "float": float,
    "array": _array,
    "min": _min_max(min),
    "max": _min_max(max),
    "add": _arith(lambda a, b: a + b),
    "sub": _arith(lambda a, b: a - b),
    "mul": _arith(lambda a, b: a * b),
    "div": _arith(lambda a, b: a // b if b else UNKNOWN),
    "mod": _arith(lambda a, b: a % b if b else UNKNOWN),
    "true": lambda: True,
    "false": lambda: False,
    "null": lambda: None,
    "base64": lambda s: base64.b64encode(s.encode("utf-8")).decode("ascii"),
    "base64tostring": lambda s: base64.b64decode(s).decode("utf-8"),
    "base64tojson": lambda s: json.loads(base64.b64decode(s).decode("utf-8")),
    "datauri": lambda s: "data:text/plain;charset=utf8;base64," + base64.b64encode(_str(s).encode()).decode(),
    "uri": lambda base, rel: urllib.parse.urljoin(base, rel),
    "uricomponent": lambda s: urllib.parse.quote(s, safe=""),
    "uricomponenttostring": lambda s: urllib.parse.unquote(s),
    "objectkeys": _object_keys,
    "flatten": _flatten,
    "trygetvalue": _try_get,
    "tryget": _try_get,
    "shallowmerge": lambda items: _union(*items) if isinstance(items, list) and items else {},
    "parsecidr": _parse_cidr,
    "cidrsubnet": _cidr_subnet,
    "cidrhost": _cidr_host,
    "datetimeadd": _date_time_add,
    "any": lambda v: v,
}

# Functions whose arguments may themselves hold unknowns without making the result unknown.
TOLERANT = frozenset(
    {"length", "empty", "createarray", "createobject", "array", "union", "if", "and", "or", "coalesce",
     "equals", "contains", "first", "last", "take", "skip", "concat", "items", "intersection", "any",
     "trygetvalue", "tryget", "objectkeys", "shallowmerge", "flatten", "json", "indexof", "lastindexof"}
)

DEPLOYMENTS_TYPE = "microsoft.resources/deployments"

# Unknown but stable within one deployment.
_SYMBOLIC_CALLS = frozenset(
    {"resourcegroup", "subscription", "tenant", "managementgroup", "deployment", "environment",
     "uniquestring", "guid", "utcnow", "newguid", "deployer"}
)


# String functions whose result is as stable as their arguments: symbolic in, symbolic out.
_STRING_CALLS = frozenset(
    {"replace", "tolower", "toupper", "trim", "take", "skip", "substring", "padleft", "uri", "base64", "string"}
)
_FORMAT_ITEM = re.compile(r"\{(\d+)\}|\{\{|\}\}")


def joined(parts: Iterable[Any], text: str) -> Any:
    """Strings and symbolic values joined (interpolation, ``concat``, ``format``).

    Symbolic when every unknown part is symbolic, so that ``'${a}/${b}'``,
    ``concat(a, '/', b)`` and ``format('{0}/{1}', a, b)`` are the same value.
    """
    values = list(parts)
    if any(
        (isinstance(v, Expr) and v.symbol is None) or (isinstance(v, (Mapping, list)) and contains_unknown(v))
        for v in values
    ):
        return unknown(text, values)
    if not any(isinstance(v, Expr) for v in values):
        return "".join(_str(v) for v in values)
    pieces: list[str] = []
    literal = ""
    for value in values:
        if isinstance(value, Expr):
            if literal:
                pieces.append(canonical(literal))
                literal = ""
            pieces.append(canonical(value))
        else:
            literal += _str(value)
    if literal:
        pieces.append(canonical(literal))
    if len(pieces) == 1:
        return next(v for v in values if isinstance(v, Expr))  # '${x}' is x
    refs, inputs = refs_and_inputs(values)
    return Expr(text=text, refs=refs, inputs=inputs, symbol=f"concat({','.join(pieces)})")


def joined_path(segments: Sequence[Any], text: str) -> Any:
    """Name segments joined with ``/`` (a child's full name): a string, or one stable symbol, or unknown."""
    parts: list[Any] = []
    for segment in segments:
        parts += ["/", segment] if parts else [segment]
    return joined(parts, text)


def _format_parts(template: str, args: list[Any]) -> list[Any] | None:
    """``format('{0}/{1}', a, b)`` as the parts ``[a, '/', b]``; None for format specifiers."""
    parts: list[Any] = []
    last = 0
    for match in _FORMAT_ITEM.finditer(template):
        parts.append(template[last : match.start()])
        token = match.group(0)
        if match.group(1) is None:
            parts.append(token[0])
        elif int(match.group(1)) < len(args):
            parts.append(args[int(match.group(1))])
        else:
            return None
        last = match.end()
    rest = template[last:]
    if "{" in rest or "}" in rest:
        return None
    parts.append(rest)
    return parts


def _symbolic_string_call(lowered: str, args: list[Any], text: str) -> Any:
    """A string function over symbolic arguments, or None when it is not one."""
    if not any(isinstance(a, Expr) for a in args):
        return None
    if lowered == "concat" and not any(isinstance(a, list) for a in args):
        return joined(args, text)
    if lowered == "format" and args and isinstance(args[0], str):
        parts = _format_parts(args[0], args[1:])
        return joined(parts, text) if parts is not None else None
    if lowered in _STRING_CALLS and all(
        (isinstance(a, Expr) and a.symbol is not None) or isinstance(a, (str, int, float, bool)) for a in args
    ):
        refs, inputs = refs_and_inputs(args)
        return Expr(text=text, refs=refs, inputs=inputs, symbol=f"{lowered}({','.join(canonical(a) for a in args)})")
    return None


def call(name: str, args: list[Any], ctx: Context, text: str = "") -> Any:
    """Apply the template function ``name`` to evaluated ``args``.

    Returns a value, an ``Expr`` (symbolic or carrying references), or ``UNKNOWN``.
    """
    lowered = name.lower()
    text = text or f"{name}(...)"
    if lowered in _SYMBOLIC_CALLS:
        if any(isinstance(a, Expr) and a.symbol is None for a in args):
            return unknown(text, args)
        symbol = f"{lowered}({','.join(canonical(a) for a in args)})"
        return Expr(text=text, refs=refs_and_inputs(args)[0], inputs=refs_and_inputs(args)[1], symbol=symbol)
    if lowered in ("resourceid", "subscriptionresourceid", "tenantresourceid", "managementgroupresourceid"):
        prefix, type_, names = _split_resource_id_args(args)
        if type_ is UNKNOWN:
            return unknown(text, args)
        return ctx.resource_id(type_, names, text, prefix)
    if lowered == "extensionresourceid":
        if len(args) < 3 or not isinstance(args[1], str):
            return unknown(text, args)
        inner = ctx.resource_id(args[1], args[2:], text)
        refs, inputs = refs_and_inputs([args[0], inner])
        return Expr(text=text, refs=refs, inputs=inputs, symbol=f"{canonical(args[0])}/{inner.symbol}")
    if lowered == "reference":
        target = args[0] if args else None
        outputs = ctx.deployment_outputs(target)
        if outputs is not None:
            return outputs
        if isinstance(target, str) and not target.startswith("/"):
            rid = ctx.symbolic_id(target, text)
            if rid is not None and rid.symbol is not None:
                return Expr(text=text, refs=rid.refs, inputs=rid.inputs, symbol=f"reference({rid.symbol})")
            address = next((a for t, n, a in ctx.resources if _same_name(n, target)), None)
            refs = (address,) if address else ()
            return Expr(text=text, refs=refs, symbol=f"reference({canonical(target)})")
        refs, inputs = refs_and_inputs(args[:1])
        symbol = f"reference({canonical(target)})" if isinstance(target, Expr) and target.symbol else None
        return Expr(text=text, refs=refs, inputs=inputs, symbol=symbol)
    if lowered.startswith("list") and lowered not in PURE:
        target = args[0] if args else None
        rid = ctx.symbolic_id(target, text) if isinstance(target, str) and not target.startswith("/") else None
        refs, inputs = refs_and_inputs([rid] if rid is not None else args[:1])
        return Expr(text=text, refs=refs, inputs=inputs)
    fn = PURE.get(lowered)
    if fn is None:
        return unknown(text, args)
    symbolic = _symbolic_string_call(lowered, args, text)
    if symbolic is not None:
        return symbolic
    if lowered not in TOLERANT and any(contains_unknown(a) for a in args):
        return unknown(text, args)
    if lowered in TOLERANT and lowered not in ("createarray", "createobject", "array", "union", "if",
                                                "coalesce", "any", "concat", "and", "or") and any(
        isinstance(a, Expr) for a in args[:1]
    ):
        return unknown(text, args)
    try:
        result = fn(*args)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, ZeroDivisionError, OverflowError,
            UnicodeError, json.JSONDecodeError):
        return unknown(text, args)
    if result is UNKNOWN:
        return unknown(text, args)
    if lowered == "concat" and isinstance(result, str) and any(isinstance(a, Expr) for a in args):
        return unknown(text, args)
    if isinstance(result, (str, list)) and len(result) > MAX_STRING:
        return unknown(text, args)
    return result


# --------------------------------------------------------------------------
# ARM expressions: parameters(), variables(), copyIndex(), user functions, lambdas.


@functools.lru_cache(maxsize=65536)
def parse_cached(source: str) -> ex.Node:
    """Parse an expression once per distinct text (copy loops and large templates repeat them)."""
    return ex.parse(source)


@dataclass
class Lambda:
    params: tuple[str, ...]
    body: ex.Node
    source: str
    scope: ArmScope

    def __call__(self, *args: Any) -> Any:
        inner = self.scope.child(lambdas=dict(zip((p.lower() for p in self.params), args, strict=False)))
        return inner.node(self.body, self.source)


def apply_lambda_fn(name: str, args: list[Any]) -> Any:
    """map/filter/reduce/sort/toObject/groupBy/mapValues over known collections with callable lambdas."""
    items = args[0] if args else None
    fn = args[1] if len(args) > 1 else None
    if name == "mapvalues":
        return {k: fn(v) for k, v in items.items()} if isinstance(items, dict) and callable(fn) else UNKNOWN
    if isinstance(items, dict) and name in ("map", "filter"):
        items = _items(items)
    if name == "reduce":  # reduce(array, initial, lambda(acc, x[, i]))
        if not isinstance(items, list) or len(args) < 3 or not callable(args[2]):
            return UNKNOWN
        acc = args[1]
        for i, x in enumerate(items):
            acc = args[2](acc, x, i) if _arity(args[2]) > 2 else args[2](acc, x)
        return acc
    if not isinstance(items, list) or not callable(fn):
        return UNKNOWN
    if name == "map":
        return [fn(x, i) if _arity(fn) > 1 else fn(x) for i, x in enumerate(items)]
    if name == "filter":
        out = []
        for i, x in enumerate(items):
            keep = fn(x, i) if _arity(fn) > 1 else fn(x)
            if not isinstance(keep, bool):
                return UNKNOWN
            if keep:
                out.append(x)
        return out
    if name == "sort":  # sort(array, lambda(a, b)): true when a comes before b

        def compare(a: Any, b: Any) -> int:
            if fn(a, b) is True:
                return -1
            if fn(b, a) is True:
                return 1
            return 0

        return sorted(items, key=functools.cmp_to_key(compare))
    if name == "toobject":
        out_obj: dict[str, Any] = {}
        for x in items:
            key = fn(x)
            if not isinstance(key, str):
                return UNKNOWN
            out_obj[key] = args[2](x) if len(args) > 2 and callable(args[2]) else x
        return out_obj
    if name == "groupby":
        groups: dict[str, list[Any]] = {}
        for x in items:
            key = fn(x)
            if not isinstance(key, str):
                return UNKNOWN
            groups.setdefault(key, []).append(x)
        return groups
    return UNKNOWN


def _arity(fn: Any) -> int:
    params = getattr(fn, "params", None)
    return len(params) if params is not None else 1


LAMBDA_FUNCTIONS = frozenset({"map", "filter", "reduce", "sort", "toobject", "groupby", "mapvalues"})


@dataclass
class Param:
    value: Any  # evaluated value, or an unevaluated raw default (``raw`` True)
    origin: str  # "default of parameter 'x' (main.json:12)"
    raw: bool = False


class ArmScope:
    """Evaluates ARM expression strings against parameters, variables and the deployment context."""

    def __init__(
        self,
        ctx: Context,
        params: dict[str, Param] | None = None,
        variables: Mapping[str, Any] | None = None,
        functions: Mapping[str, tuple[tuple[str, ...], Any]] | None = None,
        copy: dict[str, int] | None = None,
        lambdas: dict[str, Any] | None = None,
    ) -> None:
        self.ctx = ctx
        self.params: dict[str, Param] = {k.lower(): v for k, v in (params or {}).items()}
        self.raw_variables = {k.lower(): v for k, v in (variables or {}).items()}
        self.functions = {k.lower(): v for k, v in (functions or {}).items()}
        self.copy = copy or {}
        self.lambdas = lambdas or {}
        self._vars: dict[str, Any] = {}
        self._busy: set[str] = set()
        self.used: dict[str, str] = {}  # inputs read while evaluating, with their origin

    def child(self, copy: dict[str, int] | None = None, lambdas: dict[str, Any] | None = None) -> ArmScope:
        inner = ArmScope.__new__(ArmScope)
        inner.ctx = self.ctx
        inner.params = self.params
        inner.raw_variables = self.raw_variables
        inner.functions = self.functions
        inner.copy = {**self.copy, **(copy or {})}
        inner.lambdas = {**self.lambdas, **(lambdas or {})}
        inner._vars = self._vars  # variables cannot use copyIndex(), so every copy shares them
        inner._busy = self._busy
        inner.used = self.used
        return inner

    # -- values ------------------------------------------------------------

    def value(self, raw: Any) -> Any:
        """Evaluate a JSON value: every ``"[...]"`` string inside it is an expression."""
        if isinstance(raw, str):
            if ex.is_expression(raw):
                return self.string(raw)
            return ex.unescape(raw)
        if isinstance(raw, dict):
            return {k: self.value(v) for k, v in raw.items()}
        if isinstance(raw, list):
            return [self.value(v) for v in raw]
        return raw

    def string(self, raw: str) -> Any:
        source = raw[1:-1]
        try:
            node = parse_cached(source)
        except ex.ExprError:  # reported by the front end, which validates every expression once
            return unknown(source.strip())
        result = self.node(node, source)
        if result is UNKNOWN:
            return unknown(source.strip())
        return result

    # -- nodes -------------------------------------------------------------

    def node(self, node: ex.Node, source: str) -> Any:
        text = source[node.start : node.end]
        if node.kind == "lit":
            return node.value
        if node.kind == "member":
            base = self.node(node.args[0], source)
            if base is UNKNOWN:
                return unknown(text)
            result = member(base, str(node.value), text)
            return unknown(text, [base]) if result is UNKNOWN else result
        if node.kind == "index":
            base = self.node(node.args[0], source)
            key = self.node(node.args[1], source)
            if base is UNKNOWN or key is UNKNOWN:
                return unknown(text)
            result = index(base, key, text)
            return unknown(text, [base, key]) if result is UNKNOWN else result
        return self._call(str(node.value), node.args, source, text)

    def _call(self, name: str, arg_nodes: tuple[ex.Node, ...], source: str, text: str) -> Any:
        lowered = name.lower()
        if lowered == "parameters":
            return self._parameter(self.node(arg_nodes[0], source) if arg_nodes else None, text)
        if lowered == "variables":
            return self._variable(self.node(arg_nodes[0], source) if arg_nodes else None, text)
        if lowered == "copyindex":
            return self._copy_index([self.node(a, source) for a in arg_nodes], text)
        if lowered == "lambda":
            names = [self.node(a, source) for a in arg_nodes[:-1]]
            if not arg_nodes or not all(isinstance(n, str) for n in names):
                return unknown(text)
            return Lambda(tuple(names), arg_nodes[-1], source, self)
        if lowered == "lambdavariables":
            key = self.node(arg_nodes[0], source) if arg_nodes else None
            if isinstance(key, str) and key.lower() in self.lambdas:
                return self.lambdas[key.lower()]
            return unknown(text)
        if lowered == "if" and len(arg_nodes) == 3:
            cond = self.node(arg_nodes[0], source)
            if cond is True:
                return self.node(arg_nodes[1], source)
            if cond is False:
                return self.node(arg_nodes[2], source)
            a, b = self.node(arg_nodes[1], source), self.node(arg_nodes[2], source)
            if _equal(a, b) is True:
                return a
            return unknown(text, [cond, a, b])  # either branch may deploy: both are referenced
        if "." in lowered and lowered in self.functions:
            return self._user_function(lowered, [self.node(a, source) for a in arg_nodes], text)
        args = [self.node(a, source) for a in arg_nodes]
        args = [unknown(source[n.start : n.end]) if a is UNKNOWN else a for a, n in zip(args, arg_nodes, strict=True)]
        if lowered in LAMBDA_FUNCTIONS:
            if any(isinstance(a, Expr) for a in args[:1]):
                return unknown(text, args)
            result = apply_lambda_fn(lowered, args)
            return unknown(text, args[:1]) if result is UNKNOWN else result
        return call(name, args, self.ctx, text)

    def _parameter(self, name: Any, text: str) -> Any:
        if not isinstance(name, str):
            return unknown(text)
        key = name.lower()
        param = self.params.get(key)
        if param is None:
            return Expr(text=text, inputs=(name,))
        if param.raw:
            param.raw = False
            param.value = self.value(param.value)
            if isinstance(param.value, Expr) and param.value.symbol is None:
                param.value = Expr(text=text, inputs=(name,), symbol=f"parameters({key})")
        self.used[name] = param.origin
        return param.value

    def _variable(self, name: Any, text: str) -> Any:
        if not isinstance(name, str):
            return unknown(text)
        key = name.lower()
        if key in self._vars:
            return self._vars[key]
        if key not in self.raw_variables or key in self._busy:
            return Expr(text=text, inputs=(name,))
        self._busy.add(key)
        try:
            result = self.value(self.raw_variables[key])
        finally:
            self._busy.discard(key)
        self._vars[key] = result
        return result

    def _copy_index(self, args: list[Any], text: str) -> Any:
        offset = 0
        loop = None
        for arg in args:
            if isinstance(arg, str):
                loop = arg.lower()
            elif isinstance(arg, int):
                offset = arg
        value = self.copy.get(loop if loop is not None else "") if self.copy else None
        if value is None and loop is None and len(self.copy) == 1:
            value = next(iter(self.copy.values()))
        if value is None:
            return Expr(text=text, symbol=None)
        return value + offset

    def _user_function(self, name: str, args: list[Any], text: str) -> Any:
        params, output = self.functions[name]
        inner = ArmScope(
            self.ctx,
            params={p: Param(v, f"argument of {name}") for p, v in zip(params, args, strict=False)},
            functions=self.functions,
        )
        result = inner.value(output)
        return unknown(text, args) if result is UNKNOWN else result
