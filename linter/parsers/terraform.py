"""Terraform front end: a root module directory (or a ``terraform show -json`` plan) -> Resources.

A root module is every ``*.tf``/``*.tf.json`` file of one directory, with its
variables set from defaults, ``terraform.tfvars``, ``*.auto.tfvars`` and
``--var-file``. Locals, module calls (local sources, and registry sources
once ``terraform init`` has recorded them in ``.terraform/modules/modules.json``),
``count``/``for_each`` instances and ``dynamic`` blocks are evaluated; every
value that cannot be known stays an ``Expr``.

Resources are then put in ARM vocabulary: ``azurerm_*`` through the data table
in ``terraform_map``, ``azapi_resource`` from its ``type`` and ``body``
(``azapi_update_resource`` is merged into the resource it updates). Types
without a mapping keep their Terraform type name (``random_string``,
``azurerm_<unmapped>``) with their attributes under ``properties``; they carry
references but are never mistaken for ARM types. Data sources whose type maps
to an Azure type are ``existing`` resources; other data sources are not in
the graph (references to them stay symbolic, e.g.
``data.azurerm_resource_group.rg.location``).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.model import Expr, Resource, Span, join_path, split_path
from linter.parsers import common, evaluate, jsonc, terraform_map
from linter.parsers.common import LoadOptions, Unit
from linter.parsers.terraform_eval import (
    Attribute,
    Block,
    Body,
    EvalError,
    Evaluator,
    Lazy,
    Node,
    State,
    Trace,
    convert,
    equal,
    parse_hcl,
    parse_json,
    parse_type,
    plain,
    to_set,
    unknown,
)

DEPLOYMENTS = "Microsoft.Resources/deployments"
MAX_MODULE_DEPTH = 32
MAX_LAZY_DEPTH = 200

# Attributes and blocks that steer Terraform itself, not the resource.
_META_ATTRS = frozenset({"count", "for_each", "depends_on", "provider", "providers"})
_META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection", "timeouts", "precondition", "postcondition"})
_IGNORED_TYPES = frozenset({"azapi_resource_action"})
_ROLES = ("parent", "scope", "merge_into")  # table attributes that link to another resource
_NOT_MERGED = frozenset({"name", "parent", "scope"})

# Extension resources: azapi ``parent_id`` is their scope, not their parent.
_EXTENSION_TYPES = frozenset(
    {
        "microsoft.authorization/roleassignments",
        "microsoft.authorization/locks",
        "microsoft.authorization/policyassignments",
        "microsoft.authorization/policyexemptions",
        "microsoft.authorization/roleeligibilityschedulerequests",
        "microsoft.insights/diagnosticsettings",
        "microsoft.resources/tags",
        "microsoft.security/advancedthreatprotectionsettings",
        "microsoft.alertsmanagement/smartdetectoralertrules",
        "microsoft.maintenance/configurationassignments",
    }
)

# --------------------------------------------------------------------------
# Static content of a module directory.


@dataclass
class _Source:
    directory: Path
    rel: str  # relative to the lint root
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Attribute] = field(default_factory=dict)
    resources: dict[str, Block] = field(default_factory=dict)  # "type.name"
    data: dict[str, Block] = field(default_factory=dict)  # "type.name"
    calls: dict[str, Block] = field(default_factory=dict)
    outputs: dict[str, Block] = field(default_factory=dict)
    order: list[tuple[str, str]] = field(default_factory=list)  # (kind, key) in file order
    types: dict[int, Any] = field(default_factory=dict)  # id(variable block) -> parsed type


def _tf_files(directory: Path) -> list[Path]:
    try:
        entries = common.list_dir(directory)
    except OSError:
        return []
    return [p for p in entries if p.is_file() and (p.name.endswith(".tf") or p.name.endswith(".tf.json"))]


# Files parsed while finding module folders (those with a module block), kept for the deployments that load them:
# each is parsed once per scan even when the scan holds more files than parse_hcl's cache.
_planned: dict[tuple[str, str], Body] = {}


def _parse_file(path: Path, opts: LoadOptions, text: str | None = None) -> tuple[Body | None, list[Any], str]:
    name = common.rel(path, opts.root)
    problem = None
    if text is None:
        text, problem = common.read_text(path, opts)
    if text is None:
        return None, [problem] if problem else [], name
    try:
        body = _planned.get((name, text))
        if body is None:
            body = parse_json(text, name) if path.name.endswith(".json") else parse_hcl(text, name)
    except RecursionError:
        return None, [common.parse_error(name, 1, 1, "file is nested too deeply to parse")], name
    except Exception as error:  # noqa: BLE001 - never lose the unit to one file
        return None, [common.parse_error(name, 1, 1, f"file could not be parsed ({type(error).__name__})")], name
    findings = [common.parse_error(name, line, column, message) for line, column, message in body.errors]
    return body, findings, name


def _first_string(node: Node | None) -> str | None:
    if node is not None and node.kind == "lit" and isinstance(node.value, str):
        return node.value
    return None


def _is_local_source(source: str) -> bool:
    return source.startswith("./") or source.startswith("../") or source in (".", "..")


def module_sources(directory: Path, opts: LoadOptions) -> list[Path]:
    """Module directories used by ``directory``: local sources, and those ``terraform init`` downloaded.

    A directory listed here is a module of another one, not a root module.
    """
    found: set[Path] = set()
    manifest = directory / ".terraform" / "modules" / "modules.json"
    if common.is_file(manifest):
        text, _ = common.read_text(manifest, opts)
        try:
            data = json.loads(text) if text else {}
        except json.JSONDecodeError:
            data = {}
        for entry in data.get("Modules", []) if isinstance(data, dict) else []:
            if isinstance(entry, dict) and entry.get("Key") and isinstance(entry.get("Dir"), str):
                target = Path(os.path.normpath(directory / entry["Dir"]))
                if common.is_dir(target) and common.inside_root(target, opts):
                    found.add(target)
    for path in _tf_files(directory):
        text, _ = common.read_text(path, opts)
        if text is None or "module" not in text:  # no module block: no need to parse the file
            continue
        body, _, _ = _parse_file(path, opts, text)
        if body is None:
            continue
        _planned[(common.rel(path, opts.root), text)] = body
        for block in body.blocks:
            if block.type != "module":
                continue
            source = _first_string(block.attrs["source"].node) if "source" in block.attrs else None
            if source is None or not _is_local_source(source):
                continue
            target = Path(os.path.normpath(directory / source))
            if common.is_dir(target) and common.inside_root(target, opts):
                found.add(target)
    return sorted(found)


# --------------------------------------------------------------------------
# Instances (count / for_each).


@dataclass
class _Inst:
    address: str  # relative to the module: azurerm_x.y, azurerm_x.y[0], azurerm_x.y["k"], module.m
    bindings: dict[str, Any]
    condition: Any = True
    looped: bool = False


def _key_text(key: Any) -> str:
    if isinstance(key, int) and not isinstance(key, bool):
        return f"[{key}]"
    text = str(key).replace("\\", "\\\\").replace('"', '\\"')
    return f'["{text}"]'


def _negated(cond: Expr) -> Expr:
    return Expr(text=f"!({cond.text})", refs=cond.refs, inputs=cond.inputs)


def _empty(value: Any) -> bool:
    return value == 0 or value is None or (isinstance(value, (list, dict)) and not value and value is not True)


# --------------------------------------------------------------------------
# One module instance: the environment that resolves names.


class _Module:
    def __init__(
        self,
        loader: _Loader,
        source: _Source,
        address: str,
        parent: _Module | None = None,
        call: Block | None = None,
        call_inst: _Inst | None = None,
        key: str = "",
        condition: Any = True,
        looped: bool = False,
    ) -> None:
        self.loader = loader
        self.source = source
        self.address = address
        self.prefix = f"{address}." if address else ""
        self.parent = parent
        self.call = call
        self.call_inst = call_inst
        self.key = key  # modules.json key: "net", "net.sub"
        self.condition = condition
        self.looped = looped
        self.state = loader.state
        self.ev = Evaluator(loader.state, self)
        self._vars: dict[str, tuple[Any, Trace]] = {}
        self._locals: dict[str, tuple[Any, Trace]] = {}
        self._outputs: dict[str, tuple[Any, Trace]] = {}
        self._attrs: dict[tuple[str, str], tuple[Any, Trace]] = {}
        self._instances: dict[tuple[str, str], list[_Inst]] = {}
        self._children: dict[str, _Module | str] = {}
        self._values: dict[tuple[str, str], Any] = {}

    @property
    def dirs(self) -> Iterator[Path]:
        module: _Module | None = self
        while module is not None:
            yield module.source.directory
            module = module.parent

    # -- evaluation helpers -----------------------------------------------

    def keep(self, node: Node, bindings: Mapping[str, Any] | None = None) -> Any:
        """Evaluate, keeping resource objects (``Lazy``) for further traversal; errors become unknown."""
        return (self.ev.child(bindings) if bindings else self.ev).keep(node)

    def _memo(self, table: dict[Any, tuple[Any, Trace]], key: Any, compute: Callable[[], Any], text: str) -> Any:
        found = table.get(key)
        if found is not None:
            self.state.replay(found[1])
            return found[0]
        guard = (id(self), id(table), key)
        if guard in self.state.busy or self.state.depth > MAX_LAZY_DEPTH:
            return unknown(text)
        self.state.busy.add(guard)
        self.state.depth += 1
        try:
            value, trace = self.state.traced(compute)
        finally:
            self.state.busy.discard(guard)
            self.state.depth -= 1
        table[key] = (value, trace)
        return value

    # -- Env ---------------------------------------------------------------

    def resolve(self, name: str, chain: list[Node], ev: Evaluator) -> tuple[Any, int]:
        first = chain[0].value if chain and chain[0].kind == "getattr" else None
        if name == "var" and first is not None:
            return self.variable(first), 1
        if name == "local" and first is not None:
            return self.local(first, chain[0].text), 1
        if name == "module" and first is not None:
            return self.module_value(first, chain[0].text), 1
        if name == "data" and first is not None and len(chain) > 1 and chain[1].kind == "getattr":
            key = f"{first}.{chain[1].value}"
            if key in self.source.data:
                return self.resource_value("data", key, chain[1].text), 2
            return unknown(chain[1].text), 2
        if name == "path":
            return {"module": self.loader.path_module(self.source), "root": ".", "cwd": "."}, 0
        if name == "terraform":
            return {"workspace": "default", "applying": False}, 0
        if name in ("count", "each"):
            raise EvalError(f"{name} is not available here")
        if name == "self":
            return unknown("self"), 0
        if first is not None and f"{name}.{first}" in self.source.resources:
            return self.resource_value("managed", f"{name}.{first}", chain[0].text), 1
        return unknown(chain[0].text if chain else name), len(chain[:1])

    # -- variables, locals, outputs -----------------------------------------

    def variable(self, name: str) -> Any:
        return self._memo(self._vars, name, lambda: self._variable(name), f"var.{name}")

    def _unset(self, name: str) -> Expr:
        symbol = f"var.{name}" if not self.address else f"{self.address}.var.{name}"
        return Expr(text=f"var.{name}", inputs=(name,), symbol=symbol)

    def _variable(self, name: str) -> Any:
        block = self.source.variables.get(name)
        value: Any = None
        found = False
        if self.call is None:
            assigned = self.loader.tfvars.get(name)
            if assigned is not None:
                node, span = assigned
                value = self.keep(node)
                self.state.note_origin(f"variable '{name}' from {span.file}:{span.line}")
                found = True
        elif self.call is not None and name in self.call.attrs and name not in _CALL_META and self.parent:
            attr = self.call.attrs[name]
            value, trace = self.state.traced(lambda: self.parent.keep(attr.node, self.call_inst.bindings))
            if not trace.origins and not isinstance(value, Expr):
                call_name = self.call.labels[0] if self.call.labels else "?"
                self.state.note_origin(f"argument '{name}' of module '{call_name}' ({attr.span.file}:{attr.span.line})")
            found = True
        default = block.attrs.get("default") if block is not None else None
        if block is not None and found and value is None and default is not None:
            nullable = block.attrs.get("nullable")
            if nullable is not None and nullable.node.kind == "lit" and nullable.node.value is False:
                found = False
        if not found:
            if default is None:
                return self._unset(name)
            value = self.keep(default.node)
            if not isinstance(value, Expr):
                self.state.note_origin(f"default of variable '{name}' ({default.span.file}:{default.span.line})")
        if block is not None and "type" in block.attrs:
            type_ = self.source.types.get(id(block))
            if type_ is None:
                type_ = parse_type(block.attrs["type"].node)
                self.source.types[id(block)] = type_
            value = convert(value, type_, self.ev)
        return value

    def local(self, name: str, text: str) -> Any:
        attr = self.source.locals.get(name)
        if attr is None:
            return unknown(text)
        return self._memo(self._locals, name, lambda: self.keep(attr.node), text)

    def output(self, name: str, text: str) -> Any:
        block = self.source.outputs.get(name)
        if block is None or "value" not in block.attrs:
            return unknown(text)
        return self._memo(self._outputs, name, lambda: self.keep(block.attrs["value"].node), text)

    # -- resources -----------------------------------------------------------

    def block_of(self, mode: str, key: str) -> Block:
        if mode == "managed":
            return self.source.resources[key]
        if mode == "data":
            return self.source.data[key]
        return self.source.calls[key]

    def base_address(self, mode: str, key: str) -> str:
        if mode == "data":
            return f"data.{key}"
        if mode == "module":
            return f"module.{key}"
        return key

    def instances(self, mode: str, key: str) -> list[_Inst]:
        memo_key = (mode, key)
        found = self._instances.get(memo_key)
        if found is None:
            guard = (id(self), "instances", memo_key)
            if guard in self.state.busy:
                base = self.base_address(mode, key)
                return [_Inst(base, {}, True, True)]
            self.state.busy.add(guard)
            try:
                with self.state.untraced():
                    found = self._expand(self.block_of(mode, key), self.base_address(mode, key))
            finally:
                self.state.busy.discard(guard)
            self._instances[memo_key] = found
        return found

    def _expand(self, block: Block, base: str) -> list[_Inst]:
        if "count" in block.attrs:
            return self._expand_count(block.attrs["count"].node, base)
        if "for_each" in block.attrs:
            return self._expand_for_each(block.attrs["for_each"].node, base)
        return [_Inst(base, {})]

    def _branches(self, node: Node) -> tuple[Expr, Any, Any] | None:
        """For ``c ? a : b`` with an unknown ``c``: the condition and both branch values."""
        inner = node
        while inner.kind == "paren":
            inner = inner.args[0]
        if inner.kind != "cond":
            return None
        cond = plain(self.keep(inner.args[0]))
        if not isinstance(cond, Expr):
            return None
        return cond, self.keep(inner.args[1]), self.keep(inner.args[2])

    def _expand_count(self, node: Node, base: str) -> list[_Inst]:
        value = plain(self.keep(node))
        condition: Any = True
        if isinstance(value, Expr):
            branches = self._branches(node)
            if branches is not None:
                cond, a, b = branches
                if _empty(b) and isinstance(a, int) and not isinstance(a, bool):
                    value, condition = a, cond
                elif _empty(a) and isinstance(b, int) and not isinstance(b, bool):
                    value, condition = b, _negated(cond)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value > common.MAX_INSTANCES:
            index = unknown("count.index", [value])
            return [_Inst(base, {"count": {"index": index}}, True, True)]
        return [_Inst(f"{base}[{i}]", {"count": {"index": i}}, condition) for i in range(max(value, 0))]

    def _expand_for_each(self, node: Node, base: str) -> list[_Inst]:
        value = self.keep(node)
        condition: Any = True
        if isinstance(value, (Expr, Lazy)):
            branches = self._branches(node)
            if branches is not None:
                cond, a, b = branches
                if _empty(b) and isinstance(a, (dict, list)):
                    value, condition = a, cond
                elif _empty(a) and isinstance(b, (dict, list)):
                    value, condition = b, _negated(cond)
        items: list[tuple[Any, Any]] | None = None
        if isinstance(value, dict):
            items = [(k, value[k]) for k in sorted(value)]
        elif isinstance(value, list):
            items = [(v, v) for v in to_set(value)]
        if value is None:
            items = []
        if (
            items is None
            or len(items) > common.MAX_INSTANCES
            or any(not isinstance(k, (str, int, float)) or isinstance(k, bool) for k, _ in items)
        ):
            coll = plain(value)
            each = {"key": unknown("each.key", [coll]), "value": unknown("each.value", [coll])}
            return [_Inst(base, {"each": each}, True, True)]
        out = []
        for key, item in items:
            key_text = key if isinstance(key, str) else evaluate._str(key)
            out.append(_Inst(f"{base}{_key_text(key_text)}", {"each": {"key": key_text, "value": item}}, condition))
        return out

    def resource_value(self, mode: str, key: str, text: str) -> Any:
        memo_key = (mode, key)
        if memo_key in self._values:
            value = self._values[memo_key]
        else:
            value = self._resource_value(mode, key)
            self._values[memo_key] = value
        for address in _addresses(value):
            self.state.note_ref(address)
        return value

    def _resource_value(self, mode: str, key: str) -> Any:
        block = self.block_of(mode, key)
        insts = self.instances(mode, key)
        base = self.base_address(mode, key)
        full = self.prefix + base
        if len(insts) == 1 and insts[0].looped:
            return Expr(text=full, refs=(full,), symbol=full)

        def lazy(inst: _Inst) -> Lazy:
            address = self.prefix + inst.address
            self.loader.instances[address] = (self, mode, key, inst)
            return Lazy(address, lambda name, text: self.instance_attr(mode, key, inst, name, text), (address,))

        if "count" in block.attrs:
            return [lazy(inst) for inst in insts]
        if "for_each" in block.attrs:
            return {inst.bindings["each"]["key"]: lazy(inst) for inst in insts}
        return lazy(insts[0]) if insts else None

    def instance_attr(self, mode: str, key: str, inst: _Inst, name: str, text: str) -> Any:
        address = self.prefix + inst.address
        self.state.note_ref(address)
        block = self.block_of(mode, key)
        attr = block.attrs.get(name)
        if attr is None or name in _META_ATTRS or name == "id":
            return Expr(text=text, refs=(address,), symbol=f"{address}.{name}")
        return self.attr_value(inst, attr, text)

    def attr_value(self, inst: _Inst, attr: Attribute, text: str = "") -> Any:
        return self._memo(
            self._attrs, (inst.address, attr.name), lambda: self.keep(attr.node, inst.bindings), text or attr.node.text
        )

    def attr_traced(self, inst: _Inst, attr: Attribute) -> tuple[Any, Trace]:
        value = self.attr_value(inst, attr)
        found = self._attrs.get((inst.address, attr.name))
        return value, found[1] if found is not None else Trace()

    # -- module calls ----------------------------------------------------------

    def module_value(self, name: str, text: str) -> Any:
        if name not in self.source.calls:
            return unknown(text)
        memo_key = ("module", name)
        if memo_key in self._values:
            return self._values[memo_key]
        block = self.source.calls[name]
        insts = self.instances("module", name)
        full = self.prefix + f"module.{name}"
        if len(insts) == 1 and insts[0].looped:
            value: Any = Expr(text=full, refs=(full,), symbol=full)
        else:

            def lazy(inst: _Inst) -> Lazy:
                address = self.prefix + inst.address
                return Lazy(address, lambda out, out_text: self.module_output(name, inst, out, out_text), (address,))

            if "count" in block.attrs:
                value = [lazy(inst) for inst in insts]
            elif "for_each" in block.attrs:
                value = {inst.bindings["each"]["key"]: lazy(inst) for inst in insts}
            else:
                value = lazy(insts[0]) if insts else None
        self._values[memo_key] = value
        return value

    def module_output(self, name: str, inst: _Inst, out: str, text: str) -> Any:
        child = self.child(name, inst)
        if isinstance(child, _Module):
            return child.output(out, text)
        address = self.prefix + inst.address
        return self.state.mark_nullable(Expr(text=text, refs=(address,), symbol=f"{address}.{out}"))

    def child(self, name: str, inst: _Inst) -> _Module | str:
        """The module instance behind a call instance, or why it could not be loaded."""
        found = self._children.get(inst.address)
        if found is None:
            found = self.loader.child_module(self, name, inst)
            self._children[inst.address] = found
        return found


_CALL_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


def _addresses(value: Any) -> Iterator[str]:
    if isinstance(value, Lazy):
        yield value.address
    elif isinstance(value, Expr):
        yield from value.refs
    elif isinstance(value, dict):
        for item in value.values():
            yield from _addresses(item)
    elif isinstance(value, list):
        for item in value:
            yield from _addresses(item)


# --------------------------------------------------------------------------
# Resource records: built per instance, completed once every record is known.


@dataclass
class _Rec:
    address: str
    type: str
    body: dict[str, Any]
    span: Span
    header: Span
    spans: dict[str, Span] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    api_version: str | None = None
    module: str | None = None
    looped: bool = False
    condition: Any = True
    existing: bool = False
    unresolved: str | None = None
    tf_type: str = ""
    own_name: Any = None
    parent_value: Any = None  # the parent reference as evaluated (id Expr, id string or parent name)
    parent_text: str = ""
    parent_refs: tuple[str, ...] = ()  # resources mentioned while evaluating it
    parent_is_name: bool = False
    parent_mentions: tuple[str, ...] = ()  # every resource the parent reference mentions
    update_target: Any = None  # azapi_update_resource: resource_id value
    update_body: dict[str, Any] | None = None
    merge_target: Any = None  # merge_into: the id of the resource this one configures
    extra: list[_Rec] = field(default_factory=list)  # child resources declared as nested blocks


@dataclass
class _Link:
    """A parent or scope reference: its value, the resources read to compute it, its text and span."""

    value: Any
    refs: tuple[str, ...]
    text: str
    span: Span

    def as_expr(self) -> Expr:
        if isinstance(self.value, Expr):
            return self.value
        return Expr(text=self.value if isinstance(self.value, str) else self.text, refs=self.refs)


class _Emitter:
    """Copies evaluated values into an ARM body, recording spans and origins from the side table."""

    def __init__(self, state: State, rec: _Rec) -> None:
        self.state = state
        self.rec = rec

    def put(self, path: list[str | int], value: Any, span: Span | None, origin: str | None) -> None:
        _set_path(self.rec.body, path, self.clean(value, path))
        key = join_path(path)
        if span is not None:
            self.rec.spans[key] = span
        if origin:
            self.rec.origins[key] = origin

    def clean(self, value: Any, path: list[str | int]) -> Any:
        """Drop null object members; record the spans of nested elements written as literals."""
        if isinstance(value, Lazy):
            return value.as_expr(value.address)
        if isinstance(value, dict):
            entries = self.state.entries(value) or {}
            out: dict[str, Any] = {}
            for key, item in value.items():
                if item is None:
                    continue
                here = [*path, key]
                self._note(entries.get(key), here)
                out[key] = self.clean(item, here)
            return out
        if isinstance(value, list):
            entries = self.state.entries(value) or {}
            result = []
            for i, item in enumerate(value):
                here = [*path, i]
                self._note(entries.get(i), here)
                result.append(self.clean(item, here))
            return result
        return value

    def _note(self, entry: tuple[Span | None, str | None] | None, path: list[str | int]) -> None:
        if entry is None:
            return
        span, origin = entry
        key = join_path(path)
        if span is not None and span.file:
            self.rec.spans[key] = span
        if origin:
            self.rec.origins[key] = origin


def _set_path(body: dict[str, Any], path: list[str | int], value: Any) -> None:
    current: Any = body
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(current, dict):
            child = current.get(part) if isinstance(part, str) else None
            if not isinstance(child, (dict, list)):
                child = [] if isinstance(nxt, int) else {}
                current[part] = child
            current = child
        elif isinstance(current, list) and isinstance(part, int):
            while len(current) <= part:
                current.append(None)
            if not isinstance(current[part], (dict, list)):
                current[part] = [] if isinstance(nxt, int) else {}
            current = current[part]
        else:
            return
    last = path[-1]
    if isinstance(current, dict) and isinstance(last, str):
        current[last] = value
    elif isinstance(current, list) and isinstance(last, int):
        while len(current) <= last:
            current.append(None)
        current[last] = value


def _deep_merge(target: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = value


def _arm_type_depth(arm_type: str) -> int:
    """Number of name segments of a resource type: storageAccounts 1, storageAccounts/blobServices 2."""
    return max(arm_type.count("/"), 1)


def _names_from_id(resource_id: str) -> str | None:
    """``/subscriptions/../providers/Microsoft.Network/virtualNetworks/v/subnets/s`` -> ``v/s``."""
    if "/providers/" not in resource_id.lower():
        return None
    tail = re.split(r"/providers/", resource_id, flags=re.IGNORECASE)[-1].strip("/").split("/")
    if len(tail) < 3:
        return None
    return "/".join(tail[2::2])


# --------------------------------------------------------------------------
# The loader of one unit.


class _Loader:
    def __init__(self, root_dir: Path, opts: LoadOptions) -> None:
        self.root_dir = root_dir
        self.opts = opts
        self.state = State()
        self.findings: list[Any] = []
        self.files: set[str] = set()
        self.sources: dict[Path, _Source] = {}
        self.tfvars: dict[str, tuple[Node, Span]] = {}
        self.records: list[_Rec] = []
        self.modules_json: dict[str, Path] | None = None
        self.instances: dict[str, tuple[_Module, str, str, _Inst]] = {}  # address -> where it is declared

    # -- reading -------------------------------------------------------------

    def source(self, directory: Path) -> _Source:
        key = Path(os.path.normpath(directory))
        found = self.sources.get(key)
        if found is not None:
            return found
        src = _Source(directory=key, rel=common.rel(key, self.opts.root))
        for path in _tf_files(key):
            body, findings, name = _parse_file(path, self.opts)
            self.files.add(name)
            self.findings.extend(findings)
            if body is not None:
                self._collect(src, body)
        self.sources[key] = src
        return src

    def _collect(self, src: _Source, body: Body) -> None:
        for block in body.blocks:
            kind, labels = block.type, block.labels
            if kind == "resource" and len(labels) >= 2:
                key = f"{labels[0]}.{labels[1]}"
                if key not in src.resources:
                    src.resources[key] = block
                    src.order.append(("managed", key))
            elif kind == "data" and len(labels) >= 2:
                key = f"{labels[0]}.{labels[1]}"
                if key not in src.data:
                    src.data[key] = block
                    src.order.append(("data", key))
            elif kind == "module" and labels:
                if labels[0] not in src.calls:
                    src.calls[labels[0]] = block
                    src.order.append(("module", labels[0]))
            elif kind == "variable" and labels:
                src.variables.setdefault(labels[0], block)
            elif kind == "output" and labels:
                src.outputs.setdefault(labels[0], block)
            elif kind == "locals":
                for name, attr in block.attrs.items():
                    src.locals.setdefault(name, attr)

    def read_tfvars(self) -> None:
        candidates: list[Path] = []
        for name in ("terraform.tfvars", "terraform.tfvars.json"):
            if common.is_file(self.root_dir / name):
                candidates.append(self.root_dir / name)
        try:
            autos = sorted(
                p
                for p in common.list_dir(self.root_dir)
                if p.is_file() and (p.name.endswith(".auto.tfvars") or p.name.endswith(".auto.tfvars.json"))
            )
        except OSError:
            autos = []
        candidates.extend(autos)
        candidates.extend(Path(p) for p in self.opts.var_files)
        for path in candidates:
            name = common.rel(path, self.opts.root)
            text, problem = common.read_text(path, self.opts)
            self.files.add(name)
            if text is None:
                if problem is not None:
                    self.findings.append(problem)
                continue
            try:
                body = _json_tfvars(text, name) if path.name.endswith(".json") else parse_hcl(text, name)
            except Exception as error:  # noqa: BLE001 - a broken variables file must not lose the unit
                self.findings.append(common.parse_error(name, 1, 1, f"file could not be parsed ({error})"))
                continue
            for line, column, message in body.errors:
                self.findings.append(common.parse_error(name, line, column, message))
            for attr_name, attr in body.attrs.items():
                self.tfvars[attr_name] = (attr.node, attr.span)

    def path_module(self, src: _Source) -> str:
        try:
            return Path(os.path.relpath(src.directory, self.root_dir)).as_posix()
        except ValueError:
            return src.directory.as_posix()

    def modules_manifest(self) -> dict[str, Path]:
        if self.modules_json is None:
            self.modules_json = {}
            path = self.root_dir / ".terraform" / "modules" / "modules.json"
            if common.is_file(path):
                text, problem = common.read_text(path, self.opts)
                self.files.add(common.rel(path, self.opts.root))
                if problem is not None:
                    self.findings.append(problem)
                try:
                    data = json.loads(text) if text is not None else {}
                except json.JSONDecodeError as error:
                    self.findings.append(
                        common.parse_error(
                            common.rel(path, self.opts.root), error.lineno, error.colno, f"invalid JSON: {error.msg}"
                        )
                    )
                    data = {}
                for entry in data.get("Modules", []) if isinstance(data, dict) else []:
                    if (
                        isinstance(entry, dict)
                        and isinstance(entry.get("Key"), str)
                        and isinstance(entry.get("Dir"), str)
                        and entry["Key"]
                    ):
                        self.modules_json[entry["Key"]] = Path(os.path.normpath(self.root_dir / entry["Dir"]))
        return self.modules_json

    # -- modules ---------------------------------------------------------------

    def child_module(self, parent: _Module, name: str, inst: _Inst) -> _Module | str:
        block = parent.source.calls[name]
        source = plain(parent.keep(block.attrs["source"].node)) if "source" in block.attrs else None
        if not isinstance(source, str):
            return "module source cannot be evaluated"
        key = f"{parent.key}.{name}" if parent.key else name
        if _is_local_source(source):
            directory = Path(os.path.normpath(parent.source.directory / source))
            if not common.is_dir(directory):
                where = block.attrs["source"].span
                problem = common.parse_error(where.file, where.line, where.column, f"module folder '{source}' does not exist")
                if problem not in self.findings:  # once, however many instances the module has
                    self.findings.append(problem)
                return f"module directory {source} not found"
        else:
            found = self.modules_manifest().get(key)
            if found is None or not common.is_dir(found):
                return f"registry module {source}"
            directory = found
        if not common.inside_root(directory, self.opts):
            return f"module {source} is outside the lint root"
        real = Path(os.path.realpath(directory))
        if any(Path(os.path.realpath(d)) == real for d in parent.dirs):
            return f"module {source} includes itself"
        depth = sum(1 for _ in parent.dirs)
        if depth >= MAX_MODULE_DEPTH:
            return f"module {source} is nested too deeply"
        src = self.source(directory)
        return _Module(
            self,
            src,
            parent.prefix + inst.address,
            parent,
            block,
            inst,
            key,
            evaluate.both(parent.condition, inst.condition),
            parent.looped or inst.looped,
        )

    # -- building ----------------------------------------------------------------

    def build(self, module: _Module) -> None:
        for kind, key in module.source.order:
            try:
                if kind == "module":
                    self._build_call(module, key)
                    continue
                block = module.block_of(kind, key)
                for inst in module.instances(kind, key):
                    rec = self._build_resource(module, kind, block, inst)
                    if rec is not None:
                        self.records.append(rec)
            except RecursionError:
                block = module.block_of(kind, key)
                self.findings.append(
                    common.parse_error(
                        block.span.file, block.span.line, block.span.column, "block is too deeply nested to evaluate"
                    )
                )
            except Exception as error:  # noqa: BLE001 - one block must not lose the unit
                block = module.block_of(kind, key)
                self.findings.append(
                    common.parse_error(
                        block.span.file,
                        block.span.line,
                        block.span.column,
                        f"block could not be evaluated ({type(error).__name__}: {error})",
                    )
                )

    def _build_call(self, module: _Module, name: str) -> None:
        block = module.source.calls[name]
        for inst in module.instances("module", name):
            child = module.child(name, inst)
            address = module.prefix + inst.address
            rec = _Rec(
                address=address,
                type=DEPLOYMENTS,
                body={"name": name},
                span=block.span,
                header=block.header,
                module=module.address or None,
                looped=module.looped or inst.looped,
                condition=evaluate.both(module.condition, inst.condition),
                tf_type="module",
                unresolved=child if isinstance(child, str) else None,
            )
            rec.spans["name"] = block.header
            emit = _Emitter(self.state, rec)
            params: dict[str, Any] = {}
            rec.body["properties"] = {"parameters": params}
            for arg, attr in block.attrs.items():
                if arg in _CALL_META:
                    continue
                value, trace = self.state.traced(lambda a=attr, i=inst: module.keep(a.node, i.bindings))
                emit.put(
                    ["properties", "parameters", arg],
                    plain(value, attr.node.text),
                    attr.span,
                    self.state.origin_of(value, trace),
                )
            self._depends_on(module, block, inst, rec)
            self.records.append(rec)
            if isinstance(child, _Module):
                self.build(child)

    def _depends_on(self, module: _Module, block: Block, inst: _Inst, rec: _Rec) -> None:
        attr = block.attrs.get("depends_on")
        if attr is None or attr.node.kind != "tuple":
            return
        items = []
        for item in attr.node.args:
            value = module.keep(item, inst.bindings)
            refs = tuple(sorted(set(_addresses(value))))
            items.append(Expr(text=item.text, refs=refs))
        if items:
            rec.body["dependsOn"] = items
            rec.spans["dependsOn"] = attr.span

    def tf_body(
        self,
        module: _Module,
        block: Block,
        inst: _Inst,
        bindings: Mapping[str, Any],
        skip: frozenset[str] = frozenset(),
        top: bool = False,
    ) -> dict[str, Any]:
        """The Terraform attributes and nested blocks of one block instance, with a side table of spans."""
        out: dict[str, Any] = {}
        entries: dict[Any, tuple[Span | None, str | None]] = {}
        for name, attr in block.attrs.items():
            if name in _META_ATTRS or name in skip:
                continue
            if top:
                value, trace = module.attr_traced(inst, attr)
            else:
                value, trace = self.state.traced(lambda a=attr: module.keep(a.node, bindings))
            out[name] = plain(value, attr.node.text)
            entries[name] = (attr.span, self.state.origin_of(value, trace))
        lists: dict[str, list[Any]] = {}
        list_entries: dict[str, dict[Any, tuple[Span | None, str | None]]] = {}
        for sub in block.blocks:
            if sub.type in _META_BLOCKS:
                continue
            if sub.type == "dynamic" and sub.labels:
                produced = self._dynamic(module, sub, inst, bindings)
                label = sub.labels[0]
            else:
                produced = [(self.tf_body(module, sub, inst, bindings), sub.span)]
                label = sub.type
            items = lists.setdefault(label, [])
            table = list_entries.setdefault(label, {})
            for value, span in produced:
                table[len(items)] = (span, None)
                items.append(value)
        for label, items in lists.items():
            if label in out or not items:
                continue
            self.state.record(items, list_entries[label])
            out[label] = items
            entries[label] = (list_entries[label][0][0], None)
        self.state.record(out, entries)
        return out

    def _dynamic(
        self, module: _Module, block: Block, inst: _Inst, bindings: Mapping[str, Any]
    ) -> list[tuple[dict[str, Any], Span]]:
        label = block.labels[0]
        iterator = label
        if "iterator" in block.attrs and block.attrs["iterator"].node.kind in ("name", "lit"):
            iterator = str(block.attrs["iterator"].node.value)
        content = next((b for b in block.blocks if b.type == "content"), None)
        if content is None or "for_each" not in block.attrs:
            return []
        coll = module.keep(block.attrs["for_each"].node, bindings)
        if isinstance(coll, dict):
            pairs = [(k, coll[k]) for k in sorted(coll)]
        elif isinstance(coll, list):
            pairs = list(enumerate(coll))
        elif coll is None:
            pairs = []
        else:
            flat = plain(coll)
            pairs = [(unknown(f"{iterator}.key", [flat]), unknown(f"{iterator}.value", [flat]))]
        if len(pairs) > common.MAX_INSTANCES:
            flat = plain(coll)
            pairs = [(unknown(f"{iterator}.key", [flat]), unknown(f"{iterator}.value", [flat]))]
        out = []
        for key, value in pairs:
            inner = {**bindings, iterator: {"key": key, "value": value}}
            out.append((self.tf_body(module, content, inst, inner), block.span))
        return out

    def _build_resource(self, module: _Module, kind: str, block: Block, inst: _Inst) -> _Rec | None:
        tf_type = block.labels[0]
        existing = kind == "data"
        if tf_type in _IGNORED_TYPES:
            return None
        tmap = terraform_map.TYPES.get(tf_type)
        if existing and tmap is None and tf_type != "azapi_resource":
            return None
        address = module.prefix + inst.address
        rec = _Rec(
            address=address,
            type=tf_type,
            body={},
            span=block.span,
            header=block.header,
            module=module.address or None,
            looped=module.looped or inst.looped,
            condition=evaluate.both(module.condition, inst.condition),
            existing=existing,
            tf_type=tf_type,
        )
        if tf_type in ("azapi_resource", "azapi_update_resource"):
            self._azapi(module, block, inst, rec)
        else:
            tf = self.tf_body(module, block, inst, inst.bindings, top=True)
            if tmap is not None:
                self._azurerm(module, block, inst, rec, tmap, tf)
            else:
                self._unmapped(rec, tf)
        self._depends_on(module, block, inst, rec)
        return rec

    # -- azurerm ---------------------------------------------------------------

    def _azurerm(
        self, module: _Module, block: Block, inst: _Inst, rec: _Rec, tmap: terraform_map.TypeMap, tf: dict[str, Any]
    ) -> None:
        roles: dict[str, _Link] = {}
        for role in _ROLES:
            attr_name = getattr(tmap, role)
            if attr_name and attr_name in block.attrs:
                attr = block.attrs[attr_name]
                value, trace = module.attr_traced(inst, attr)
                roles[role] = _Link(plain(value, attr.node.text), tuple(trace.refs), attr.node.text, attr.span)
        self.assemble_azurerm(rec, tmap, tf, roles)

    def assemble_azurerm(
        self, rec: _Rec, tmap: terraform_map.TypeMap, tf: dict[str, Any], roles: Mapping[str, _Link]
    ) -> None:
        rec.type = tmap.arm_type
        self._translate(rec, tmap, tf, common_attrs=True)
        rec.own_name = rec.body.get("name")
        scope = roles.get("scope")
        if scope is not None and scope.value is not None:
            rec.body["scope"] = scope.as_expr()
            rec.spans["scope"] = scope.span
        merge = roles.get("merge_into")
        if merge is not None and merge.value is not None:
            rec.merge_target = merge.as_expr()
        parent = roles.get("parent")
        if parent is not None and parent.value is not None:
            rec.parent_value = parent.value
            rec.parent_text = parent.text
            rec.parent_refs = parent.refs
            rec.parent_is_name = (
                not parent.value.startswith("/") if isinstance(parent.value, str) else tmap.parent.endswith("_name")
            )
            rec.spans["parent"] = parent.span
        for block, child_map in tmap.children.items():
            self._children(rec, block, child_map, tf)

    def _translate(self, rec: _Rec, tmap: terraform_map.TypeMap, tf: dict[str, Any], common_attrs: bool) -> None:
        """Write the ARM body of ``rec`` from the Terraform values ``tf`` by the table entry ``tmap``."""
        emit = _Emitter(self.state, rec)
        for path, value in tmap.fixed.items():
            emit.put(split_path(path), value, None, None)
        attrs = {**terraform_map.COMMON, **tmap.attrs} if common_attrs else tmap.attrs
        defaults: list[tuple[list[str | int], Any, Span, str]] = []
        for tf_path, attr in attrs.items():
            for indices, value, span, origin, where in _tf_lookup(self.state, tf, tf_path):
                arm_parts = _fill_stars(split_path(attr.path), indices)
                if arm_parts is None:
                    continue
                if value is None:
                    if attr.default is not terraform_map.MISSING and not rec.existing:
                        defaults.append((arm_parts, attr.default, where or rec.header, tf_path))
                    continue
                if attr.transform is not None and not evaluate.contains_unknown(value):
                    value = _transformed(attr.transform, value)
                    if value is terraform_map.MISSING:
                        continue
                self._note_star_spans(rec, split_path(attr.path), indices, tf, tf_path)
                if where is not None and len(arm_parts) > 1:  # the object an attribute sits in: its block
                    rec.spans.setdefault(join_path(arm_parts[:-1]), where)
                emit.put(arm_parts, value, span, origin)
        for derive in tmap.derive:
            self._derive(rec, emit, derive, tf)
        for arm_parts, value, span, tf_path in defaults:
            if _has(rec.body, arm_parts):
                continue  # an alias (old or new attribute name) wrote it
            emit.put(arm_parts, value, span, None)
            rec.origins[join_path(arm_parts)] = f"azurerm default when {tf_path} is not set"
        for switch in tmap.switch:
            self._switch(rec, switch, tf)

    def _derive(self, rec: _Rec, emit: _Emitter, derive: terraform_map.Derive, tf: dict[str, Any]) -> None:
        args: list[Any] = []
        first: tuple[Span | None, str | None] | None = None
        for key in derive.inputs:
            found = next(iter(_tf_lookup(self.state, tf, key)), None)
            value = found[1] if found is not None else None
            if value is None:
                args.append(terraform_map.MISSING)
                continue
            args.append(value)
            if first is None:
                first = (found[2], found[3])
        if rec.existing and first is None:
            return
        try:
            result = derive.combine(*args)
        except Exception:  # noqa: BLE001 - table data must not break loading
            result = evaluate.unknown(", ".join(derive.inputs), [a for a in args if a is not terraform_map.MISSING])
        if result is terraform_map.MISSING:
            return
        span, origin = first if first is not None else (rec.header, None)
        emit.put(split_path(derive.path), result, span or rec.header, origin)

    def _switch(self, rec: _Rec, switch: terraform_map.Switch, tf: dict[str, Any]) -> None:
        """Move each element written at the default list to the list its decider attribute names."""
        base = switch.lists[switch.default]
        written = _at(rec.body, base)
        blocks = tf.get(switch.block)
        if not isinstance(written, list) or not isinstance(blocks, list):
            return
        moved: dict[str, list[Any]] = {}
        renames: list[tuple[str, str]] = []
        for i, element in enumerate(written):
            decider = blocks[i].get(switch.attr) if i < len(blocks) and isinstance(blocks[i], dict) else None
            key = decider if not isinstance(decider, Expr) and decider in switch.lists else switch.default
            target = switch.lists[key]
            items = moved.setdefault(target, [])
            renames.append((f"{base}[{i}]", f"{target}[{len(items)}]"))
            items.append(element)
        _set_path(rec.body, split_path(base), moved.pop(base, []))
        if not _at(rec.body, base):
            _drop(rec.body, split_path(base))
        for target, items in sorted(moved.items()):
            _set_path(rec.body, split_path(target), items)
        for table in (rec.spans, rec.origins):
            old = dict(table)
            for path in [p for p in old if p == base or p.startswith(f"{base}[")]:
                del table[path]
            for path, entry in old.items():
                for before, after in renames:
                    if path == before or path.startswith((f"{before}.", f"{before}[")):
                        table[after + path[len(before) :]] = entry
                        break
            base_span = old.get(base)
            if base_span is not None:
                for target in {base, *moved}:
                    if _at(rec.body, target) is not None:
                        table.setdefault(target, base_span)

    def _children(self, rec: _Rec, block: str, child_map: terraform_map.TypeMap, tf: dict[str, Any]) -> None:
        """Each element of the nested ``block`` becomes a child resource of ``rec``."""
        elements = tf.get(block)
        if isinstance(elements, dict):
            elements = [elements]
        if not isinstance(elements, list):
            return
        entries = self.state.entries(elements) or {}
        for i, element in enumerate(elements):
            if not isinstance(element, dict):
                continue
            span = (entries.get(i) or (None, None))[0] or rec.span
            child = _Rec(
                address=f"{rec.address}/{block}[{i}]",
                type=child_map.arm_type,
                body={},
                span=span,
                header=span,
                module=rec.module,
                looped=rec.looped,
                condition=rec.condition,
                existing=rec.existing,
                tf_type=f"{rec.tf_type}.{block}",
            )
            self._translate(child, child_map, element, common_attrs=False)
            child.own_name = child.body.get("name")
            child.parent_value = Expr(text=rec.address, refs=(rec.address,), symbol=f"{rec.address}.id")
            child.parent_text = rec.address
            child.parent_refs = (rec.address,)
            child.spans["parent"] = span
            rec.extra.append(child)

    def _note_star_spans(
        self, rec: _Rec, arm_parts: list[str | int], indices: tuple[int, ...], tf: dict[str, Any], tf_path: str
    ) -> None:
        """Span of ``properties.list[i]`` = the i-th repeated block."""
        if not indices:
            return
        tf_parts = tf_path.split(".")
        container: Any = tf
        star = 0
        arm_prefix: list[str | int] = []
        arm_iter = iter(arm_parts)
        for part in tf_parts:
            name = part[:-3] if part.endswith("[*]") else part
            value = container.get(name) if isinstance(container, dict) else None
            if not part.endswith("[*]"):
                container = value[0] if isinstance(value, list) and value else value
                continue
            if star >= len(indices) or not isinstance(value, list):
                return
            entries = self.state.entries(value) or {}
            i = indices[star]
            for arm_part in arm_iter:
                if arm_part == "*":
                    arm_prefix.append(i)
                    break
                arm_prefix.append(arm_part)
            entry = entries.get(i)
            key = join_path(arm_prefix)
            if entry is not None and entry[0] is not None and key not in rec.spans:
                rec.spans[key] = entry[0]
            container = value[i] if i < len(value) else None
            star += 1

    # -- unmapped --------------------------------------------------------------

    def _unmapped(self, rec: _Rec, tf: dict[str, Any]) -> None:
        emit = _Emitter(self.state, rec)
        entries = self.state.entries(tf) or {}
        promoted = ("name", "location", "tags") if rec.tf_type.startswith("azurerm_") else ("name",)
        for key, value in tf.items():
            if value is None:
                continue
            span, origin = entries.get(key, (None, None))
            path: list[str | int] = [key] if key in promoted else ["properties", key]
            if key == "location" and key in promoted and not evaluate.contains_unknown(value):
                value = _transformed(terraform_map.region, value)
            emit.put(path, value, span, origin)
        rec.own_name = rec.body.get("name")

    # -- azapi -------------------------------------------------------------------

    def _azapi(self, module: _Module, block: Block, inst: _Inst, rec: _Rec) -> None:
        tf = self.tf_body(module, block, inst, inst.bindings, skip=frozenset({"body", "sensitive_body"}), top=True)
        type_candidates: set[Any] = set()
        if "type" in block.attrs and _split_azapi_type(tf.get("type"))[0] is None:
            branches = module._branches(block.attrs["type"].node)
            if branches is not None:
                type_candidates = {_split_azapi_type(b)[0] for b in branches[1:]}
        body_attr = block.attrs.get("body")
        body, body_origin = self._azapi_body(module, body_attr, inst)
        extra, _ = self._azapi_body(module, block.attrs.get("sensitive_body"), inst)
        parent_attr = block.attrs.get("parent_id")
        parent = None
        if parent_attr is not None:
            value, trace = module.attr_traced(inst, parent_attr)
            parent = _Link(
                plain(value, parent_attr.node.text), tuple(trace.refs), parent_attr.node.text, parent_attr.span
            )
        self.assemble_azapi(
            rec, tf, body, body_attr.span if body_attr else None, body_origin, extra, parent, type_candidates
        )

    def assemble_azapi(
        self,
        rec: _Rec,
        tf: dict[str, Any],
        body: Any,
        body_span: Span | None,
        body_origin: str | None,
        extra: Any,
        parent: _Link | None,
        type_candidates: set[Any] = frozenset(),
    ) -> None:  # type: ignore[assignment]
        entries = self.state.entries(tf) or {}
        type_value = tf.get("type")
        arm_type, api_version = _split_azapi_type(type_value)
        if arm_type is None and len(type_candidates) == 1 and None not in type_candidates:
            arm_type = next(iter(type_candidates))
        emit = _Emitter(self.state, rec)
        for key in ("name", "location", "tags"):
            value = tf.get(key)
            if value is None:
                continue
            if key == "location" and not evaluate.contains_unknown(value):
                value = terraform_map.region(value)
            span, origin = entries.get(key, (None, None))
            emit.put([key], value, span, origin)
        rec.own_name = rec.body.get("name")
        if isinstance(body, dict):
            body_entries = self.state.entries(body) or {}
            for key, value in body.items():
                if value is None or (key in rec.body and key in ("name", "location", "tags")):
                    continue
                entry = body_entries.get(key)
                span = entry[0] if entry and entry[0] is not None else body_span
                emit.put([key], value, span, entry[1] if entry else None)
            if isinstance(extra, dict):
                _deep_merge(rec.body, _Emitter(self.state, rec).clean(extra, []))
        elif body is not None and body_span is not None:
            rec.body["properties"] = body
            rec.spans["properties"] = body_span
            if body_origin:
                rec.origins["properties"] = body_origin
        identity = tf.get("identity")
        if isinstance(identity, dict):
            identity = [identity]
        if isinstance(identity, list) and identity and isinstance(identity[0], dict):
            self._azapi_identity(rec, identity[0], self.state.entries(identity) or {})
        rec.parent_value = parent.value if parent is not None else None
        if rec.tf_type == "azapi_update_resource":
            rec.type = arm_type or rec.tf_type
            rec.api_version = api_version
            rec.update_target = tf.get("resource_id")
            rec.update_body = rec.body
            return
        if arm_type is None:
            rec.type = rec.tf_type
            return
        rec.type = arm_type
        rec.api_version = api_version
        if parent is None or parent.value is None:
            return
        if arm_type.lower() in _EXTENSION_TYPES:
            rec.body["scope"] = parent.as_expr()
            rec.spans["scope"] = parent.span
        elif _arm_type_depth(arm_type) > 1:
            rec.parent_text = parent.text
            rec.parent_refs = parent.refs
            rec.spans["parent"] = parent.span

    def _azapi_body(self, module: _Module, attr: Attribute | None, inst: _Inst) -> tuple[Any, str | None]:
        if attr is None:
            return None, None
        node = attr.node
        while node.kind == "paren":
            node = node.args[0]
        if node.kind == "call" and node.value[0] == "jsonencode" and len(node.args) == 1:
            node = node.args[0]
        value, trace = self.state.traced(lambda: module.keep(node, inst.bindings))
        value = plain(value, node.text)
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                value = unknown(attr.node.text)
        return value, self.state.origin_of(value, trace)

    def _azapi_identity(self, rec: _Rec, identity: dict[str, Any], entries: Mapping[Any, Any]) -> None:
        out: dict[str, Any] = {}
        if "type" in identity and identity["type"] is not None:
            out["type"] = identity["type"]
        ids = identity.get("identity_ids")
        if isinstance(ids, list) and ids:
            out["userAssignedIdentities"] = {
                (i if isinstance(i, str) else i.text if isinstance(i, Expr) else str(i)): {} for i in ids
            }
        elif isinstance(ids, Expr):
            out["userAssignedIdentities"] = ids
        rec.body["identity"] = out
        block_entries = self.state.entries(identity) or {}
        first = entries.get(0)
        if first and first[0] is not None:
            rec.spans["identity"] = first[0]
        for tf_key, arm_key in (("type", "type"), ("identity_ids", "userAssignedIdentities")):
            entry = block_entries.get(tf_key)
            if entry and entry[0] is not None and arm_key in out:
                rec.spans[f"identity.{arm_key}"] = entry[0]
                if entry[1]:
                    rec.origins[f"identity.{arm_key}"] = entry[1]

    # -- completion --------------------------------------------------------------

    def finish(self) -> list[Resource]:
        records = [r for rec in self.records for r in (rec, *rec.extra)]
        by_address = {r.address: r for r in records}
        updates = [r for r in records if r.tf_type == "azapi_update_resource"]
        kept = [r for r in records if r.tf_type != "azapi_update_resource" and not self._merged(r, by_address)]
        for rec in kept:
            if rec.parent_value is not None and rec.spans.get("parent") is not None:
                self._resolve_parent(rec, by_address, kept)
        names: dict[str, Any] = {}
        for rec in kept:
            self._full_name(rec, by_address, names, set())
        for upd in updates:
            target = self._update_target(upd, by_address, kept)
            if target is None:
                upd.type = upd.tf_type
                kept.append(upd)
                continue
            extra = {k: v for k, v in (upd.update_body or {}).items() if k not in ("name",)}
            _deep_merge(target.body, extra)
            for path, span in upd.spans.items():
                if path == "name":
                    continue
                if path in target.spans and isinstance(_at(upd.body, path), (dict, list)):
                    continue  # an object the update only adds to keeps its original span
                target.spans[path] = span
            for path, origin in upd.origins.items():
                if path != "name":
                    target.origins[path] = origin
        for rec in kept:
            for path in [p for p in rec.origins if isinstance(_at(rec.body, p), Expr)]:
                del rec.origins[path]
        return [
            Resource(
                address=r.address,
                type=r.type,
                format="terraform",
                body=r.body,
                span=r.span,
                spans=r.spans,
                api_version=r.api_version,
                module=r.module,
                origins=r.origins,
                looped=r.looped,
                condition=r.condition,
                existing=r.existing,
                unresolved=r.unresolved,
            )
            for r in kept
        ]

    def _merged(self, rec: _Rec, by_address: dict[str, _Rec]) -> bool:
        """merge_into: fold ``rec`` into the resource it configures, when that resource is in the unit."""
        target_id = rec.merge_target
        if target_id is None:
            return False
        targets = [
            by_address[a]
            for a in (target_id.refs if isinstance(target_id, Expr) else ())
            if a in by_address and by_address[a].type.lower() == rec.type.lower() and by_address[a] is not rec
        ]
        if len(targets) != 1:
            rec.body.pop("name", None)
            return False
        target = targets[0]
        _deep_merge(target.body, {k: v for k, v in rec.body.items() if k not in _NOT_MERGED})
        for table, own in ((target.spans, rec.spans), (target.origins, rec.origins)):
            for path, entry in own.items():
                if split_path(path)[0] not in _NOT_MERGED:
                    table[path] = entry
        return True

    def _resolve_parent(self, rec: _Rec, by_address: dict[str, _Rec], records: list[_Rec]) -> None:
        value = rec.parent_value
        parent_type = rec.type.rsplit("/", 1)[0].lower() if "/" in rec.type else ""
        mentioned = value.refs if isinstance(value, Expr) else rec.parent_refs
        # the parent: a mentioned resource of the parent's type (or an ancestor's), or one whose id is the value
        exact = tuple(a for a in mentioned if isinstance(value, Expr) and value.symbol == f"{a}.id")
        typed = [a for a in mentioned if a in by_address and parent_type.startswith(by_address[a].type.lower())]
        rec.parent_mentions = exact
        refs = tuple(typed or exact)
        if not refs and isinstance(value, str) and rec.parent_is_name and parent_type:
            matches = [r.address for r in records if r.type.lower() == parent_type and r.own_name == value]
            if len(matches) == 1:
                refs = (matches[0],)
        if isinstance(value, Expr):
            rec.body["parent"] = (
                value
                if set(refs) == set(value.refs)
                else Expr(text=value.text, refs=refs, inputs=value.inputs, symbol=value.symbol)
            )
        else:
            rec.body["parent"] = Expr(
                text=rec.parent_text or str(value), refs=refs, symbol=f"{refs[0]}.id" if len(refs) == 1 else None
            )
        rec.parent_refs = refs

    def _full_name(self, rec: _Rec, by_address: dict[str, _Rec], names: dict[str, Any], busy: set[str]) -> Any:
        if rec.address in names:
            return names[rec.address]
        own = rec.body.get("name", rec.own_name)
        full = own
        depth = _arm_type_depth(rec.type) if "/" in rec.type else 1
        if rec.parent_value is not None and "parent" in rec.body and depth > 1 and rec.address not in busy:
            busy.add(rec.address)
            parent_name: Any = None
            parents = [by_address[a] for a in rec.parent_refs if a in by_address]
            if len(parents) == 1:
                parent_name = self._full_name(parents[0], by_address, names, busy)
            elif isinstance(rec.parent_value, str) or (rec.parent_is_name and isinstance(rec.parent_value, Expr)):
                parent_name = rec.parent_value if rec.parent_is_name else _names_from_id(rec.parent_value)
            elif len(rec.parent_mentions) == 1 and rec.parent_mentions[0] in self.instances:
                # a parent outside the graph (a data source of an unmapped type): its name as configured
                module, mode, key, inst = self.instances[rec.parent_mentions[0]]
                parent_name = plain(module.instance_attr(mode, key, inst, "name", f"{rec.parent_mentions[0]}.name"))
            value = rec.parent_value
            if parent_name is None and isinstance(value, Expr) and value.symbol is not None:
                parent_name = Expr(
                    text=f"name of {value.text}", refs=value.refs, inputs=value.inputs, symbol=f"name({value.symbol})"
                )
            busy.discard(rec.address)
            full = _compose(parent_name, own, rec.type, rec.parent_text or "parent")
        names[rec.address] = full
        if full is not None and "name" in rec.body:
            rec.body["name"] = full
        return full

    def _update_target(self, upd: _Rec, by_address: dict[str, _Rec], records: list[_Rec]) -> _Rec | None:
        target = upd.update_target
        if isinstance(target, Expr):
            for ref in target.refs:
                if ref in by_address and by_address[ref].tf_type != "azapi_update_resource":
                    return by_address[ref]
        name = upd.own_name
        if name is None:
            return None
        for rec in records:
            if rec.tf_type != "azapi_resource" or rec.type.lower() != upd.type.lower():
                continue
            if equal(rec.own_name, name) is True and equal(rec.parent_value, upd.parent_value) is True:
                return rec
        return None


def _has(body: Any, parts: list[str | int]) -> bool:
    value = body
    for part in parts:
        if isinstance(value, dict) and isinstance(part, str) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return False
    return value is not None


def _drop(body: dict[str, Any], parts: list[str | int]) -> None:
    """Remove the value at ``parts`` and any object left empty above it."""
    if len(parts) > 1:
        holder = _at(body, join_path(parts[:-1]))
        if isinstance(holder, dict):
            holder.pop(parts[-1], None)
            if not holder:
                _drop(body, parts[:-1])
    elif isinstance(parts[0], str):
        body.pop(parts[0], None)


def _at(body: Any, path: str) -> Any:
    value = body
    for part in split_path(path):
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return None
    return value


def _compose(parent_name: Any, own: Any, arm_type: str, parent_text: str) -> Any:
    """The full ARM name ``parent/child``; singleton storage services in between are named ``default``."""
    depth = _arm_type_depth(arm_type)
    if isinstance(own, str) and own.count("/") + 1 >= depth:
        return own
    if isinstance(parent_name, str) and isinstance(own, str):
        parts = parent_name.split("/")
        missing = depth - len(parts) - own.count("/") - 1
        if missing > 0:
            between = arm_type.split("/")[1 + len(parts) : 1 + len(parts) + missing]
            if not all(segment.lower().endswith("services") for segment in between):
                return evaluate.unknown(f"{parent_name}/{'/'.join('?' * missing)}/{own}")
        return "/".join([*parts, *(["default"] * max(missing, 0)), own])
    if own is None:
        return None
    own_text = own.text if isinstance(own, Expr) else str(own)
    parent_label = parent_name.text if isinstance(parent_name, Expr) else f"name of {parent_text}"
    if parent_name is None:
        return evaluate.unknown(f"{parent_label}/{own_text}", [own])
    return evaluate.joined_path([parent_name, own], f"{parent_label}/{own_text}")  # as ARM and Bicep spell it


def _transformed(transform: Callable[[Any], Any], value: Any) -> Any:
    """A mapping transform applied to a known value; a value it cannot handle is kept as written."""
    try:
        return transform(value)
    except Exception:  # noqa: BLE001 - table data must not break loading
        return value


def _split_azapi_type(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or "/" not in value:
        return None, None
    arm_type, _, version = value.partition("@")
    return arm_type.strip(), (version.strip() or None)


def _fill_stars(parts: list[str | int], indices: tuple[int, ...]) -> list[str | int] | None:
    out: list[str | int] = []
    it = iter(indices)
    for part in parts:
        if part == "*":
            i = next(it, None)
            if i is None:
                return None
            out.append(i)
        else:
            out.append(part)
    return out


def _tf_lookup(
    state: State, tf: dict[str, Any], tf_path: str
) -> Iterator[tuple[tuple[int, ...], Any, Span | None, str | None, Span | None]]:
    """Values at a Terraform path: ``(star indices, value or None, span, origin, enclosing block span)``."""
    parts = tf_path.split(".")

    def walk(container: Any, i: int, indices: tuple[int, ...], where: Span | None) -> Iterator[Any]:
        if not isinstance(container, dict):
            return
        part = parts[i]
        star = part.endswith("[*]")
        name = part[:-3] if star else part
        entries = state.entries(container) or {}
        if i == len(parts) - 1:
            value = container.get(name)
            span, origin = entries.get(name, (None, None)) if value is not None else (None, None)
            if star and isinstance(value, list):
                for j, item in enumerate(value):
                    yield (*indices, j), item, span, origin, where
                return
            yield indices, value, span, origin, where
            return
        value = container.get(name)
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not value:
            return  # the block is not written: its attributes' defaults do not apply
        list_entries = state.entries(value) or {}
        chosen = list(enumerate(value)) if star else [(0, value[0])]
        for j, item in chosen:
            entry = list_entries.get(j)
            inner_where = entry[0] if entry and entry[0] is not None else where
            yield from walk(item, i + 1, (*indices, j) if star else indices, inner_where)

    yield from walk(tf, 0, (), None)


def _json_tfvars(text: str, name: str) -> Body:
    try:
        data, positions = jsonc.loads(text)
    except jsonc.JsonError as error:
        line, column = jsonc.Lines(text).position(error.offset)
        return Body(errors=[(line, column, str(error))])
    out = Body()
    if not isinstance(data, dict):
        out.errors.append((1, 1, "a variables file must hold an object"))
        return out
    lines = jsonc.Lines(text)
    for key, value in data.items():
        key_off, start, end = positions[(key,)]
        line, column = lines.position(key_off)
        end_line, end_column = lines.position(end)
        span = Span(name, line, column, end_line, end_column)
        out.attrs[key] = Attribute(key, _literal_node(value, text, start, end), span)
    return out


def _literal_node(value: Any, text: str, start: int, end: int) -> Node:
    return Node("lit", text, start, end, value=value)


@contextmanager
def _deep_stack() -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, 6000))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


# --------------------------------------------------------------------------
# Public API.


def load(directory: Path, opts: LoadOptions) -> Unit:
    """A root module: every ``*.tf``/``*.tf.json`` file of ``directory``, with its variable files."""
    entry = common.rel(directory, opts.root)
    unit = Unit(entry=entry if entry else ".", format="terraform")
    loader = _Loader(Path(os.path.normpath(directory)), opts)
    with _deep_stack():
        try:
            source = loader.source(loader.root_dir)
            loader.read_tfvars()
            root = _Module(loader, source, "")
            loader.build(root)
            unit.resources = loader.finish()
        except RecursionError:
            where = min(loader.files) if loader.files else unit.entry
            unit.findings.append(common.parse_error(where, 1, 1, "module is too deeply nested to evaluate"))
        except Exception as error:  # noqa: BLE001 - reported as a finding of the unit, never a crash
            where = min(loader.files) if loader.files else unit.entry
            unit.findings.append(
                common.parse_error(where, 1, 1, f"module could not be evaluated ({type(error).__name__}: {error})")
            )
    unit.findings.extend(loader.findings)
    unit.files = loader.files
    return unit


# -- plan JSON -------------------------------------------------------------------


def is_plan(data: object) -> bool:
    """A ``terraform show -json`` document (plan or state)."""
    return (
        isinstance(data, dict)
        and "format_version" in data
        and (
            "planned_values" in data or "resource_changes" in data or ("values" in data and "terraform_version" in data)
        )
    )


def load_plan(path: Path, opts: LoadOptions) -> Unit:
    """A ``terraform show -json`` plan (or state): values are known; spans point into the JSON file."""
    name = common.rel(path, opts.root)
    unit = Unit(entry=name, format="terraform", files={name})
    text, problem = common.read_text(path, opts)
    if text is None:
        if problem is not None:
            unit.findings.append(problem)
        return unit
    try:
        data, positions = jsonc.loads(text)
    except jsonc.JsonError as error:
        line, column = jsonc.Lines(text).position(error.offset)
        unit.findings.append(common.parse_error(name, line, column, str(error)))
        return unit
    loader = _Loader(path.parent, opts)
    try:
        _PlanReader(loader, data, positions, jsonc.Lines(text), name).read()
        unit.resources = loader.finish()
    except (RecursionError, TypeError, ValueError, KeyError, AttributeError) as error:
        unit.findings.append(common.parse_error(name, 1, 1, f"plan cannot be read: {error}"))
    unit.findings.extend(loader.findings)
    return unit


class _PlanReader:
    """Resources of a plan's ``planned_values`` (or a state's ``values``), with references from ``configuration``."""

    def __init__(
        self,
        loader: _Loader,
        data: dict[str, Any],
        positions: dict[Any, tuple[int, int, int]],
        lines: jsonc.Lines,
        file: str,
    ) -> None:
        self.loader = loader
        self.state = loader.state
        self.data = data
        self.positions = positions
        self.lines = lines
        self.file = file
        self.unknown: dict[str, Any] = {}  # address -> after_unknown
        self.ids: dict[str, str] = {}  # known id (lower) -> address
        self.config: dict[str, dict[str, Any]] = {}  # "module.a.azurerm_x.y" (no index) -> expressions
        self.addresses: set[str] = set()

    def span(self, path: tuple[Any, ...], whole: bool = False) -> Span:
        key, start, end = self.positions.get(path, (0, 0, 0))
        line, column = self.lines.position(start if whole else key)
        end_line, end_column = self.lines.position(end)
        return Span(self.file, line, column, end_line, end_column)

    def read(self) -> None:
        root_path: tuple[Any, ...]
        if isinstance(self.data.get("planned_values"), dict):
            root_path = ("planned_values", "root_module")
        elif isinstance(self.data.get("values"), dict):
            root_path = ("values", "root_module")
        else:
            root_path = ()
        for change in self.data.get("resource_changes") or []:
            if isinstance(change, dict) and isinstance(change.get("change"), dict):
                self.unknown[str(change.get("address"))] = change["change"].get("after_unknown") or {}
        config = self.data.get("configuration", {})
        if isinstance(config, dict):
            self._read_config(config.get("root_module") or {}, "")
        if root_path:
            root = self.data[root_path[0]].get("root_module") or {}
            modules = list(self._modules(root, root_path, None))
        else:
            modules = [(None, self._changes_as_module())]
        for module_address, (resources, _) in modules:
            if module_address:
                self.addresses.add(module_address)
            for item, _path in resources:
                self.addresses.add(str(item.get("address")))
                values = self._values_of(item)
                if isinstance(values, dict) and isinstance(values.get("id"), str) and values["id"]:
                    self.ids[values["id"].lower()] = str(item.get("address"))
        for module_address, (resources, module_rec) in modules:
            if module_rec is not None:
                self.loader.records.append(module_rec)
            for item, item_path in resources:
                rec = self._resource(item, item_path, module_address)
                if rec is not None:
                    self.loader.records.append(rec)

    @staticmethod
    def _values_of(item: dict[str, Any]) -> Any:
        change = item.get("change")
        return change.get("after") if isinstance(change, dict) else item.get("values")

    def _read_config(self, module: dict[str, Any], prefix: str) -> None:
        for resource in module.get("resources") or []:
            if isinstance(resource, dict):
                self.config[prefix + str(resource.get("address"))] = resource.get("expressions") or {}
        for call_name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                self._read_config(call.get("module") or {}, f"{prefix}module.{call_name}.")

    def _modules(
        self, module: dict[str, Any], path: tuple[Any, ...], address: str | None
    ) -> Iterator[tuple[str | None, tuple[list[tuple[dict[str, Any], tuple[Any, ...]]], _Rec | None]]]:
        resources = [
            (item, (*path, "resources", i))
            for i, item in enumerate(module.get("resources") or [])
            if isinstance(item, dict)
        ]
        rec = None
        if address:
            call = re.sub(r"\[[^\]]*\]$", "", address.rsplit("module.", 1)[-1])
            parent = address.rsplit(".module.", 1)[0] if ".module." in address else None
            span = self.span(path, whole=True)
            rec = _Rec(
                address=address,
                type=DEPLOYMENTS,
                body={"name": call, "properties": {"parameters": {}}},
                span=span,
                header=span,
                module=parent,
                tf_type="module",
            )
            rec.spans["name"] = self.span((*path, "address")) if (*path, "address") in self.positions else span
        yield address, (resources, rec)
        for i, child in enumerate(module.get("child_modules") or []):
            if isinstance(child, dict):
                yield from self._modules(child, (*path, "child_modules", i), str(child.get("address")))

    def _changes_as_module(self) -> tuple[list[tuple[dict[str, Any], tuple[Any, ...]]], _Rec | None]:
        """Without planned values: each change's ``after`` (a deleted resource has none)."""
        items = []
        for i, change in enumerate(self.data.get("resource_changes") or []):
            if not isinstance(change, dict) or not isinstance(change.get("change"), dict):
                continue
            if isinstance(change["change"].get("after"), dict):
                items.append((change, ("resource_changes", i)))
        return items, None

    def _values_path(self, path: tuple[Any, ...]) -> tuple[Any, ...]:
        return (*path, "change", "after") if path[0] == "resource_changes" else (*path, "values")

    def _references(self, address: str, attr_path: str) -> tuple[str, ...]:
        """Resources a configuration expression mentions (``configuration.*.expressions``)."""
        match = re.match(r"^((?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*)", address)
        module = match.group(1) if match else ""
        expressions: Any = self.config.get(re.sub(r"\[[^\]]*\]", "", address)) or {}
        for part in split_path(attr_path):
            if isinstance(expressions, list):
                expressions = (
                    expressions[part if isinstance(part, int) and part < len(expressions) else 0]
                    if expressions
                    else None
                )
                if isinstance(part, int):
                    continue
            expressions = expressions.get(part) if isinstance(expressions, dict) and isinstance(part, str) else None
        refs: set[str] = set()
        if isinstance(expressions, dict):
            for reference in expressions.get("references") or []:
                refs.update(self._target(module, str(reference)))
        return tuple(sorted(refs))

    def _target(self, module: str, reference: str) -> list[str]:
        parts = reference.split(".")
        for n in range(len(parts), 0, -1):
            candidate = module + ".".join(parts[:n])
            if candidate in self.addresses:
                return [candidate]
            indexed = [a for a in self.addresses if a.startswith(candidate + "[")]
            if indexed and not candidate.endswith("]"):
                return sorted(indexed)
        return []

    def _value(self, value: Any, path: tuple[Any, ...], unknown_mask: Any, address: str, attr_path: str) -> Any:
        """Plan values with spans recorded, unknown leaves as Expr, known ids of other resources as references."""
        if unknown_mask is True:
            refs = self._references(address, attr_path)
            return Expr(text=f"{address}.{attr_path} (known after apply)", refs=refs, symbol=f"{address}.{attr_path}")
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            entries: dict[Any, tuple[Span | None, str | None]] = {}
            mask = unknown_mask if isinstance(unknown_mask, dict) else {}
            for key, item in value.items():
                out[key] = self._value(
                    item, (*path, key), mask.get(key), address, f"{attr_path}.{key}" if attr_path else key
                )
                entries[key] = (self.span((*path, key)), None)
            for key, flag in mask.items():
                if key not in out and flag is True:
                    out[key] = self._value(
                        None, (*path, key), True, address, f"{attr_path}.{key}" if attr_path else key
                    )
            self.state.record(out, entries)
            return out
        if isinstance(value, list):
            mask_list = unknown_mask if isinstance(unknown_mask, list) else []
            items = [
                self._value(
                    item, (*path, i), mask_list[i] if i < len(mask_list) else None, address, f"{attr_path}[{i}]"
                )
                for i, item in enumerate(value)
            ]
            self.state.record(items, {i: (self.span((*path, i), whole=True), None) for i in range(len(value))})
            return items
        if isinstance(value, str) and value.lower() in self.ids and self.ids[value.lower()] != address:
            target = self.ids[value.lower()]
            return Expr(text=value, refs=(target,), symbol=f"{target}.id")
        return value

    def _resource(self, item: dict[str, Any], path: tuple[Any, ...], module: str | None) -> _Rec | None:
        address = str(item.get("address"))
        tf_type = str(item.get("type"))
        existing = item.get("mode") == "data"
        if tf_type in _IGNORED_TYPES:
            return None
        tmap = terraform_map.TYPES.get(tf_type)
        if existing and tmap is None and tf_type != "azapi_resource":
            return None
        span = self.span(path, whole=True)
        header = self.span((*path, "address")) if (*path, "address") in self.positions else span
        rec = _Rec(
            address=address,
            type=tf_type,
            body={},
            span=span,
            header=header,
            module=module,
            existing=existing,
            tf_type=tf_type,
        )
        values = self._values_of(item)
        values = values if isinstance(values, dict) else {}
        values_path = self._values_path(path)
        tf = self._value(values, values_path, self.unknown.get(address), address, "")
        if tf_type in ("azapi_resource", "azapi_update_resource"):
            body = tf.get("body")
            body_span = self.span((*values_path, "body")) if "body" in values else None
            if isinstance(body, str):
                try:
                    body = json.loads(body)
                except json.JSONDecodeError:
                    body = unknown(body[:60])
            parent = None
            if tf.get("parent_id") is not None:
                parent = self._link(tf, "parent_id", values_path, address)
            self.loader.assemble_azapi(rec, tf, body, body_span, None, None, parent)
        elif tmap is not None:
            roles = {
                role: self._link(tf, getattr(tmap, role), values_path, address)
                for role in _ROLES
                if getattr(tmap, role) and tf.get(getattr(tmap, role))
            }
            self.loader.assemble_azurerm(rec, tmap, tf, roles)
        else:
            self.loader._unmapped(rec, tf)
        depends = item.get("depends_on")
        if isinstance(depends, list) and depends:
            rec.body["dependsOn"] = [Expr(text=str(d), refs=tuple(self._target("", str(d)))) for d in depends]
        return rec

    def _link(self, tf: dict[str, Any], attr: str, path: tuple[Any, ...], address: str) -> _Link:
        value = tf.get(attr)
        refs = value.refs if isinstance(value, Expr) else self._references(address, attr)
        text = value.text if isinstance(value, Expr) else str(value)
        return _Link(value, tuple(refs), text, self.span((*path, attr)))
