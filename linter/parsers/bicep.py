"""Bicep front end: an entry ``.bicep`` file (plus its local modules and parameter file) -> Resources.

``bicep_syntax`` turns text into a syntax tree; this module evaluates it the
way ``bicep build`` + ARM would: parameters (defaults, ``.bicepparam`` or a
JSON parameters file, values passed by a calling module), variables,
functions through the shared evaluator, loops and conditions, symbolic
references between resources, and local modules evaluated with the values
their caller passes. Each resource body is ARM-shaped; values that cannot be
known stay ``Expr``.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from linter.model import Expr, Resource, Span, join_path
from linter.parsers import bicep_syntax as syn
from linter.parsers import evaluate as ev
from linter.parsers import jsonc
from linter.parsers.common import (
    MAX_INSTANCES,
    LoadOptions,
    Unit,
    inside_root,
    is_file,
    parse_error,
    read_bytes,
    read_text,
    rel,
)

log = logging.getLogger(__name__)

MAX_LOADED_FILE = 1024 * 1024  # loadTextContent & co read at most this many bytes
MAX_MODULE_DEPTH = 32
MAX_TOTAL_INSTANCES = 100_000  # all loop instances of one unit; beyond this, loops stay one looped resource
MAX_SPAN_ITEMS = 1_000  # loop-generated array items that get spans of their template
MAX_CALL_DEPTH = 64
DEPLOYMENTS = "Microsoft.Resources/deployments"
_REGISTRY = re.compile(r"^(br|ts)[:/]", re.IGNORECASE)
_FULL_TYPE = re.compile(r"^[^/]*\.[^/]*/")


# --------------------------------------------------------------------------
# Public API


# A file used as a module by several deployments (and read once more to find the deployments) is parsed once.
# The syntax tree is only read, never changed, so sharing it is safe.
_parse = functools.lru_cache(maxsize=256)(syn.parse)


def module_paths(path: Path, text: str) -> list[Path]:
    """Local files this file references via ``module``, ``import``, ``using``, ``extends`` (absolute paths)."""
    program = _parse(text)
    out: list[Path] = []
    for decl in program.decls:
        if decl.kind in ("module", "import", "using", "extends", "test") and decl.target:
            if _REGISTRY.match(decl.target):
                continue
            resolved = _local(path, decl.target)
            if resolved not in out:
                out.append(resolved)
    return out


def using_target(path: Path, text: str) -> Path | None:
    """The file a ``.bicepparam`` file's ``using`` names; None for ``using none`` or no ``using``."""
    program = _parse(text)
    for decl in program.decls:
        if decl.kind == "using":
            if decl.target is None or _REGISTRY.match(decl.target):
                return None
            return _local(path, decl.target)
    return None


def load(entry: Path, opts: LoadOptions, params_file: Path | None = None) -> Unit:
    """Evaluate ``entry`` (a .bicep file) with its modules and an optional parameters file."""
    if entry.suffix.lower() == ".bicepparam" and params_file is None:
        text, _ = read_text(entry, opts)
        target = using_target(entry, text) if text is not None else None
        if target is not None:
            entry, params_file = target, entry
    loader = _Loader(opts, entry)
    try:
        loader.run(entry, params_file)
    except Exception as error:  # never crash: the unit reports what went wrong
        log.debug("bicep front end failed on %s", entry, exc_info=True)
        loader.unit.findings.append(
            parse_error(
                rel(entry, opts.root), 1, 1, f"Bicep file could not be evaluated: {type(error).__name__}: {error}"
            )
        )
    loader.unit.findings.sort()
    return loader.unit


# --------------------------------------------------------------------------
# Helpers


def _local(base: Path, target: str) -> Path:
    return Path(os.path.abspath(base.parent / target))


def _props(obj: syn.Node | None) -> dict[str, syn.Prop]:
    """Top-level properties of an object literal by name (first wins)."""
    out: dict[str, syn.Prop] = {}
    if isinstance(obj, syn.Obj):
        for item in obj.items:
            if isinstance(item, syn.Prop) and isinstance(item.key, str) and item.key not in out:
                out[item.key] = item
    return out


def _body_object(value: syn.Node | None) -> syn.Node | None:
    """The object literal of a resource/module declaration value (through `if` and `for`)."""
    while True:
        if isinstance(value, (syn.If, syn.For)):
            value = value.body
        else:
            return value


def _text(value: Any) -> str:
    return value.text if isinstance(value, Expr) else json.dumps(value)


def _merge_refs(value: Expr, *addresses: str) -> Expr:
    refs = tuple(sorted({*value.refs, *addresses}))
    return Expr(text=value.text, refs=refs, inputs=value.inputs, symbol=value.symbol)


def _json_path(value: Any, path: str) -> Any:
    """A small JSONPath subset for loadJsonContent: ``$.a.b[0]``, ``.a``, ``a.b``."""
    path = path.strip()
    path = path.removeprefix("$")
    for name, idx in re.findall(r"\.?([A-Za-z_$][\w$-]*)|\[(\d+|'[^']*')\]", path):
        if name:
            key: Any = name
        elif idx.startswith("'"):
            key = idx[1:-1]
        else:
            key = int(idx)
        value = ev.index(value, key, "")
        if value is ev.UNKNOWN:
            return ev.UNKNOWN
    return value


# --------------------------------------------------------------------------
# Lazy references: resources, modules and their runtime properties


class _Lazy:
    """A value that means something only when a member is taken (``sa.id``) or that turns into an Expr."""

    def member(self, name: str, safe: bool, text: str) -> Any:
        return ev.unknown(text, [self.materialize(text)])

    def index(self, key: Any, safe: bool, text: str) -> Any:
        return ev.unknown(text, [self.materialize(text)])

    def call(self, name: str, args: list[Any], text: str) -> Any:
        return ev.unknown(text, [self.materialize(text), *args])

    def child(self, name: str, text: str) -> Any:
        return ev.unknown(text, [self.materialize(text)])

    def materialize(self, text: str) -> Any:
        raise NotImplementedError


class _ResRef(_Lazy):
    """A symbolic reference to a resource/module declaration: one instance, or the whole loop."""

    def __init__(self, rdecl: _ResDecl, insts: list[_Inst], single: bool) -> None:
        self.rdecl = rdecl
        self.insts = insts
        self.single = single

    @property
    def one(self) -> _Inst | None:
        return self.insts[0] if self.single and len(self.insts) == 1 else None

    def addresses(self) -> tuple[str, ...]:
        return tuple(sorted(i.address for i in self.insts))

    def materialize(self, text: str) -> Any:
        inst = self.one
        if inst is not None:
            rid = inst.resource_id(text)
            return Expr(text=text, refs=(inst.address,), symbol=rid.symbol)
        return Expr(text=text, refs=self.addresses())

    def member(self, name: str, safe: bool, text: str) -> Any:
        inst = self.one
        if inst is None:
            return Expr(text=text, refs=self.addresses())
        return inst.member(name, text)

    def index(self, key: Any, safe: bool, text: str) -> Any:
        if not self.rdecl.looped_decl or self.single:
            return ev.unknown(text, [self.materialize(text)])
        if isinstance(key, int) and not isinstance(key, bool):
            found = [i for i in self.insts if i.index == key]
            if found:
                return _ResRef(self.rdecl, found, True)
            looped = [i for i in self.insts if i.looped]
            if looped:
                return _ResRef(self.rdecl, looped, True)
            return Expr(text=text)
        if len(self.insts) == 1 and self.insts[0].looped:
            return _ResRef(self.rdecl, self.insts, True)
        return _ResRef(self.rdecl, self.insts, False)

    def call(self, name: str, args: list[Any], text: str) -> Any:
        refs, inputs = ev.refs_and_inputs(args)
        return Expr(text=text, refs=tuple(sorted({*refs, *self.addresses()})), inputs=inputs)

    def child(self, name: str, text: str) -> Any:
        kid = next((c for c in self.rdecl.children if c.name == name), None)
        if kid is None:
            return Expr(text=text, refs=self.addresses())
        mine = {id(i) for i in self.insts}
        insts = [i for i in kid.instances() if i.parent is not None and id(i.parent) in mine]
        return _ResRef(kid, insts, self.single and not kid.looped_decl)


class _Runtime(_Lazy):
    """``sa.properties.x...``: the target's written value where known, else a reference to its runtime state."""

    def __init__(self, inst: _Inst, parts: tuple[Any, ...]) -> None:
        self.inst = inst
        self.parts = parts

    def member(self, name: str, safe: bool, text: str) -> Any:
        return _Runtime(self.inst, (*self.parts, name))

    def index(self, key: Any, safe: bool, text: str) -> Any:
        if isinstance(key, Expr):
            return ev.unknown(text, [self.materialize(text), key])
        return _Runtime(self.inst, (*self.parts, key))

    def materialize(self, text: str) -> Any:
        value: Any = self.inst.body()
        for part in self.parts:
            if isinstance(value, Expr):
                break
            found = ev.index(value, part, text) if not isinstance(part, str) else ev.member(value, part, text)
            if found is ev.UNKNOWN:
                value = ev.UNKNOWN
                break
            value = found
        if value is not ev.UNKNOWN and not isinstance(value, Expr):
            return value
        rid = self.inst.resource_id(text)
        symbol = None
        if rid.symbol is not None:
            symbol = f"reference({rid.symbol})"
            parts = self.parts[1:] if self.parts and str(self.parts[0]).lower() == "properties" else self.parts
            for part in parts:
                symbol += f".{part.lower()}" if isinstance(part, str) else f"[{ev.canonical(part)}]"
        return Expr(text=text, refs=(self.inst.address,), symbol=symbol)


class _Outputs(_Lazy):
    """``mod.outputs``: evaluated from the module's output declarations."""

    def __init__(self, inst: _Inst) -> None:
        self.inst = inst

    def member(self, name: str, safe: bool, text: str) -> Any:
        inner = self.inst.inner()
        value: Any = ev.UNKNOWN
        if inner is not None:
            value = inner.output(name)
        elif self.inst.arm_outputs is not None:
            value = ev.member(self.inst.arm_outputs, name, text)
        if (inner is None and self.inst.arm_outputs is None) or value is ev.UNKNOWN:
            return Expr(text=text, refs=(self.inst.address,))
        if isinstance(value, Expr):
            refs = value.refs or (self.inst.address,)
            return Expr(text=text, refs=refs, inputs=value.inputs, symbol=value.symbol)
        return value

    def materialize(self, text: str) -> Any:
        return Expr(text=text, refs=(self.inst.address,))


class _Namespace(_Lazy):
    """``import * as ns from './x.bicep'``: exported variables and functions of another file."""

    def __init__(self, file: _File | None, name: str) -> None:
        self.file = file
        self.name = name

    def member(self, name: str, safe: bool, text: str) -> Any:
        if self.file is None or name not in self.file.vars:
            return Expr(text=text)
        return self.file.variable(name, text)

    def call(self, name: str, args: list[Any], text: str) -> Any:
        if self.file is None or name not in self.file.funcs:
            return ev.unknown(text, args)
        return self.file.call_function(name, args, text)

    def materialize(self, text: str) -> Any:
        return Expr(text=text)


class _Lambda:
    __slots__ = ("params", "body", "file", "env")

    def __init__(self, params: list[str], body: syn.Node, file: _File, env: dict[str, Any]) -> None:
        self.params = params
        self.body = body
        self.file = file
        self.env = env

    def __call__(self, *args: Any) -> Any:
        env = dict(self.env)
        env.update(zip(self.params, args, strict=False))
        return self.file.ev(self.body, env)


# --------------------------------------------------------------------------
# Declarations and their instances


class _ResDecl:
    """A resource or module declaration of one file evaluation, with its (lazily computed) instances."""

    def __init__(self, file: _File, decl: syn.Decl, parent: _ResDecl | None) -> None:
        self.file = file
        self.decl = decl
        self.name = decl.name or ""
        self.parent = parent
        self.children: list[_ResDecl] = []
        self.is_module = decl.kind == "module"
        self.looped_decl = isinstance(decl.value, syn.For)
        self.symbol: str = f"{parent.symbol}::{self.name}" if parent else self.name
        target = decl.target or ""
        if self.is_module:
            self.type, self.api_version = DEPLOYMENTS, None
        else:
            raw_type, _, version = target.partition("@")
            alias, colon, rest = raw_type.partition(":")
            if colon and "/" not in alias and "." not in alias:  # 'az:Microsoft.X/y@v' names its extension
                raw_type = rest
            if parent is not None and not _FULL_TYPE.match(raw_type):
                raw_type = f"{parent.type}/{raw_type}"
                version = version or (parent.api_version or "")
            self.type, self.api_version = raw_type, version or None
        self._insts: list[_Inst] | None = None
        self._busy = False

    def instances(self) -> list[_Inst]:
        if self._insts is not None:
            return self._insts
        if self._busy:
            return []
        self._busy = True
        try:
            self._insts = self._expand()
        finally:
            self._busy = False
        return self._insts

    def _expand(self) -> list[_Inst]:
        f = self.file
        value = self.decl.value
        out: list[_Inst] = []
        parents: list[_Inst | None] = list(self.parent.instances()) if self.parent else [None]
        for parent in parents:
            env = dict(parent.env) if parent is not None else {}
            base = f"{parent.address}::{self.name}" if parent is not None else f"{f.prefix}{self.name}"
            cond: Any = parent.condition if parent is not None else f.condition
            looped = parent.looped if parent is not None else False
            if isinstance(value, syn.For):
                items = f.ev(value.iterable, env)
                budget_ok = isinstance(items, list) and f.loader.take_budget(len(items))
                if isinstance(items, list) and len(items) <= MAX_INSTANCES and budget_ok:
                    for i, item in enumerate(items):
                        inner_env = dict(env)
                        if value.item:
                            inner_env[value.item] = item
                        if value.index:
                            inner_env[value.index] = i
                        item_cond = cond
                        if value.cond is not None:
                            c = f.ev(value.cond, inner_env)
                            if c is False:
                                continue
                            item_cond = ev.both(cond, c if c is True else _as_condition(c, value.cond, f))
                        body = value.body
                        if isinstance(body, syn.If):  # `for ... : if (c) {...}` parsed as a body
                            c = f.ev(body.cond, inner_env)
                            if c is False:
                                continue
                            item_cond = ev.both(item_cond, _as_condition(c, body.cond, f))
                        out.append(_Inst(self, f"{base}[{i}]", inner_env, item_cond, looped, i, parent))
                    continue
                text = f.text_of(value.iterable)
                carrier = items if not isinstance(items, list) else Expr(text=text)
                inner_env = dict(env)
                if value.item:
                    inner_env[value.item] = ev.unknown(value.item, [carrier])
                if value.index:
                    inner_env[value.index] = Expr(text=value.index)
                item_cond = cond
                if value.cond is not None:
                    c = f.ev(value.cond, inner_env)
                    if c is False:
                        continue
                    item_cond = ev.both(cond, _as_condition(c, value.cond, f))
                out.append(_Inst(self, base, inner_env, item_cond, True, None, parent))
                continue
            if isinstance(value, syn.If):
                c = f.ev(value.cond, env)
                if c is False:
                    continue
                cond = ev.both(cond, _as_condition(c, value.cond, f))
            out.append(_Inst(self, base, env, cond, looped, None, parent))
        return out


def _as_condition(value: Any, node: syn.Node, f: _File) -> Any:
    if value is True or value is False:
        return value
    if isinstance(value, Expr):
        return value
    return ev.unknown(f.text_of(node), [value])


class _Inst:
    """One instance of a resource or module declaration (one loop element, or the only one)."""

    def __init__(
        self,
        rdecl: _ResDecl,
        address: str,
        env: dict[str, Any],
        condition: Any,
        looped: bool,
        index: int | None,
        parent: _Inst | None,
    ) -> None:
        self.rdecl = rdecl
        self.address = address
        self.env = env
        self.condition = condition
        self.looped = looped
        self.index = index
        self.parent = parent  # nested declaration's parent instance
        self._segments: list[Any] | None = None
        self._body: dict[str, Any] | None = None
        self._busy_name = False
        self._busy_body = False
        self.spans: dict[str, Span] = {}
        self.origins: dict[str, str] = {}
        self._inner: _File | None = None
        self._inner_done = False
        self.unresolved: str | None = None
        self.arm_resources: list[Resource] = []
        self.params: dict[str, tuple[Any, str | None, Span | None]] | None = None  # what a module passes
        self.arm_outputs: dict[str, Any] | None = None
        self._parent_prop: Any = ev.UNKNOWN

    @property
    def file(self) -> _File:
        return self.rdecl.file

    @property
    def obj(self) -> syn.Node | None:
        return _body_object(self.rdecl.decl.value)

    # -- name and id -------------------------------------------------------

    def parent_inst(self) -> _Inst | None:
        """The parent instance: the enclosing declaration, or the one named by `parent:`."""
        if self.parent is not None:
            return self.parent
        if self._parent_prop is ev.UNKNOWN:
            self._parent_prop = None
            prop = _props(self.obj).get("parent")
            if prop is not None:
                ref = self.file.isolated(self.file.ev_ref, prop.value, self.env)
                if isinstance(ref, _ResRef) and ref.one is not None:
                    self._parent_prop = ref.one
                else:
                    self._parent_prop = False
        return self._parent_prop or None

    def segments(self) -> list[Any]:
        if self._segments is not None:
            return self._segments
        if self._busy_name:
            return [Expr(text=f"{self.rdecl.name}.name")]
        self._busy_name = True
        try:
            f = self.file
            prop = _props(self.obj).get("name")
            if prop is not None:
                own = f.isolated(f.ev, prop.value, self.env)
            elif self.rdecl.is_module:
                own = Expr(text=f"{self.rdecl.name} (generated deployment name)")
            else:
                own = Expr(text=f"{self.rdecl.name}.name")
            parent = self.parent_inst()
            if parent is not None:
                segments = [*parent.segments(), own]
            elif isinstance(own, str) and "/" in own and not self.rdecl.is_module:
                segments = own.split("/")
            else:
                segments = [own]
            self._segments = segments
        finally:
            self._busy_name = False
        return self._segments

    def full_name(self) -> Any:
        segments = self.segments()
        if len(segments) == 1:
            return segments[0]
        if all(isinstance(s, str) for s in segments):
            return "/".join(segments)
        text = "/".join(s.text if isinstance(s, Expr) else ev._str(s) for s in segments)
        return ev.joined_path(segments, text)

    def registered_name(self) -> Any:
        segments = self.segments()
        if all(isinstance(s, str) for s in segments):
            return "/".join(segments)
        return segments[0] if len(segments) == 1 else tuple(segments)

    def resource_id(self, text: str) -> Expr:
        f = self.file
        segments = self.segments()
        scope = self._scope_ref()
        if scope is not None and not self.rdecl.is_module:
            scope_id = scope.resource_id(text)
            if scope_id.symbol is None or any(isinstance(s, Expr) and s.symbol is None for s in segments):
                rid = ev.unknown(text, [scope_id, *segments])
            else:
                rid = ev.call("extensionResourceId", [scope_id, self.rdecl.type, *segments], f.ctx, text)
                if not isinstance(rid, Expr):
                    rid = ev.unknown(text, segments)
        else:
            rid = f.ctx.resource_id(self.rdecl.type, segments, text)
        return _merge_refs(rid, self.address)

    def _scope_ref(self) -> _Inst | None:
        prop = _props(self.obj).get("scope")
        if prop is None:
            return None
        ref = self.file.isolated(self.file.ev_ref, prop.value, self.env)
        return ref.one if isinstance(ref, _ResRef) else None

    # -- members -----------------------------------------------------------

    def member(self, name: str, text: str) -> Any:
        lowered = name.lower()
        if lowered == "id":
            rid = self.resource_id(text)
            return rid
        if lowered == "name":  # as written: a child declared with `parent:` names itself only
            return self.segments()[-1] if self.parent_inst() is not None else self.full_name()
        if lowered == "type":
            return self.rdecl.type
        if lowered == "apiversion":
            return self.rdecl.api_version or Expr(text=text)
        if self.rdecl.is_module:
            if lowered == "outputs":
                return _Outputs(self)
            return Expr(text=text, refs=(self.address,))
        return _Runtime(self, (name,))

    # -- body --------------------------------------------------------------

    def body(self) -> dict[str, Any]:
        if self._body is not None:
            return self._body
        if self._busy_body:
            return {"name": self.full_name()}
        self._busy_body = True
        try:
            self._body = self.file.isolated(self.file.resource_body, self)
        finally:
            self._busy_body = False
        return self._body

    def inner(self) -> _File | None:
        """The evaluated module file of a module instance (None for registry or unreadable modules)."""
        if not self._inner_done:
            self._inner_done = True
            self._inner = self.file.module_file(self)
        return self._inner


# --------------------------------------------------------------------------
# One evaluated file


class _Param:
    __slots__ = ("decl", "value", "origin", "done", "busy")

    def __init__(self, decl: syn.Decl) -> None:
        self.decl = decl
        self.value: Any = None
        self.origin: str | None = None
        self.done = False
        self.busy = False


class _File:
    """The evaluation of one Bicep file: the entry, one module instance, an imported file or a params file."""

    def __init__(
        self,
        loader: _Loader,
        path: Path,
        program: syn.Program,
        *,
        prefix: str = "",
        module: str | None = None,
        passed: dict[str, tuple[Any, str | None]] | None = None,
        condition: Any = True,
        chain: tuple[Path, ...] = (),
        is_root: bool = True,
    ) -> None:
        self.loader = loader
        self.path = path
        self.program = program
        self.text = program.text
        self.rel = rel(path, loader.opts.root)
        self.lines = jsonc.Lines(self.text)
        self.prefix = prefix
        self.module = module
        self.passed = {k.lower(): v for k, v in (passed or {}).items()}
        self.condition = condition
        self.chain = (*chain, path)
        self.is_root = is_root
        self.params: dict[str, _Param] = {}
        self.vars: dict[str, syn.Decl] = {}
        self.funcs: dict[str, tuple[_File, syn.Decl]] = {}
        self.outputs: dict[str, syn.Decl] = {}
        self.imported: dict[str, tuple[_File | None, str]] = {}  # alias -> (file, exported name)
        self.namespaces: dict[str, _Namespace] = {}
        self.decls: dict[str, _ResDecl] = {}
        self.order: list[_ResDecl] = []
        self._var_cache: dict[str, tuple[Any, list[str]]] = {}
        self._var_busy: set[str] = set()
        self._out_cache: dict[str, Any] = {}
        self._origins: list[str] | None = None
        target = "resourceGroup"
        for decl in program.decls:
            kind = decl.kind
            if kind == "param" and decl.name:
                self.params[decl.name] = _Param(decl)
            elif kind == "var" and decl.name:
                self.vars[decl.name] = decl
            elif kind == "func" and decl.name:
                self.funcs[decl.name] = (self, decl)
            elif kind == "output" and decl.name:
                self.outputs[decl.name] = decl
            elif kind in ("resource", "module") and decl.name:
                self._declare(decl, None)
            elif kind == "import":
                self._import(decl)
            elif kind == "targetScope" and isinstance(decl.value, syn.Lit) and isinstance(decl.value.value, str):
                target = decl.value.value
        self.ctx = ev.Context(
            target_scope=target, resources=loader.registry, base_dir=str(path.parent), existing=loader.existing
        )

    def _declare(self, decl: syn.Decl, parent: _ResDecl | None) -> None:
        rdecl = _ResDecl(self, decl, parent)
        if parent is None:
            self.decls.setdefault(rdecl.name, rdecl)
        else:
            parent.children.append(rdecl)
        self.order.append(rdecl)
        obj = _body_object(decl.value)
        if isinstance(obj, syn.Obj):
            for item in obj.items:
                if isinstance(item, syn.Decl) and item.kind == "resource" and item.name:
                    self._declare(item, rdecl)

    def _import(self, decl: syn.Decl) -> None:
        target = decl.target or ""
        other: _File | None = None
        if not _REGISTRY.match(target):
            other = self.loader.library(_local(self.path, target), self.chain)
        if decl.wildcard:
            self.namespaces[decl.wildcard] = _Namespace(other, decl.wildcard)
        for name, alias in decl.imports:
            self.imported[alias] = (other, name)
            if other is not None and name in other.funcs:
                self.funcs[alias] = other.funcs[name]

    def isolated(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn`` without reporting the parameters it reads to the value being evaluated."""
        saved, self._origins = self._origins, None
        try:
            return fn(*args)
        finally:
            self._origins = saved

    # -- positions ---------------------------------------------------------

    def span(self, start: int, end: int) -> Span:
        line, col = self.lines.position(start)
        end_line, end_col = self.lines.position(end)
        return Span(self.rel, line, col, end_line, end_col)

    def line_of(self, offset: int) -> int:
        return self.lines.position(offset)[0]

    def text_of(self, node: syn.Node) -> str:
        return self.text[node.start : node.end]

    # -- names -------------------------------------------------------------

    def param(self, name: str, text: str) -> Any:
        slot = self.params[name]
        if not slot.done:
            if slot.busy:
                return Expr(text=text, inputs=(name,))
            slot.busy = True
            saved, self._origins = self._origins, None
            try:
                self._resolve_param(slot)
            finally:
                self._origins = saved
                slot.busy = False
            slot.done = True
        if slot.origin and self._origins is not None:
            self._origins.append(slot.origin)
        return slot.value

    def _resolve_param(self, slot: _Param) -> None:
        decl = slot.decl
        name = decl.name or ""
        symbol = Expr(text=name, inputs=(name,), symbol=f"parameters({name.lower()})")
        line = self.line_of(decl.name_start)
        if name.lower() in self.passed and not (self.passed[name.lower()][0] is None and decl.value is not None):
            slot.value, slot.origin = self.passed[name.lower()]
            if self.is_root and isinstance(slot.value, Expr) and slot.value.symbol is None:
                slot.value = symbol
            return
        if decl.value is not None:
            value = self.ev(decl.value, {})
            if isinstance(value, Expr) and value.symbol is None:
                value = symbol
            slot.value = value
            slot.origin = f"default of parameter '{name}' ({self.rel}:{line})"
            return
        if not self.is_root and decl.type is not None and decl.type.nullable:
            slot.value = None  # a module's optional parameter the caller does not pass
            slot.origin = None
            return
        slot.value = symbol
        slot.origin = f"parameter '{name}' has no value ({self.rel}:{line})"

    def variable(self, name: str, text: str) -> Any:
        cached = self._var_cache.get(name)
        if cached is None:
            if name in self._var_busy or self.loader.call_depth >= MAX_CALL_DEPTH:
                return Expr(text=text, inputs=(name,))
            self._var_busy.add(name)
            self.loader.call_depth += 1
            saved, self._origins = self._origins, []
            try:
                node = self.vars[name].value
                value = self.ev(node, {}) if node is not None else None
                cached = (value, self._origins)
            finally:
                self._origins = saved
                self._var_busy.discard(name)
                self.loader.call_depth -= 1
            self._var_cache[name] = cached
        if self._origins is not None:
            self._origins.extend(cached[1])
        return cached[0]

    def output(self, name: str) -> Any:
        if name not in self._out_cache:
            decl = self.outputs.get(name)
            self._out_cache[name] = ev.UNKNOWN
            if decl is not None and decl.value is not None:
                self._out_cache[name] = self.ev(decl.value, {})
        return self._out_cache[name]

    def call_function(self, name: str, args: list[Any], text: str) -> Any:
        owner, decl = self.funcs[name]
        if self.loader.call_depth >= MAX_CALL_DEPTH or decl.value is None:
            return ev.unknown(text, args)
        self.loader.call_depth += 1
        try:
            return owner.ev(decl.value, dict(zip(decl.params, args, strict=False)))
        finally:
            self.loader.call_depth -= 1

    def lookup(self, name: str, text: str, env: dict[str, Any]) -> Any:
        if name in env:
            return env[name]
        if name in self.params:
            return self.param(name, text)
        if name in self.vars:
            return self.variable(name, text)
        rdecl = self.decls.get(name)
        if rdecl is not None:
            insts = rdecl.instances()
            return _ResRef(rdecl, insts, not rdecl.looped_decl)
        if name in self.imported:
            other, exported = self.imported[name]
            if other is not None and exported in other.vars:
                return other.variable(exported, text)
            return Expr(text=text)
        if name in self.namespaces:
            return self.namespaces[name]
        return Expr(text=text)

    # -- expressions -------------------------------------------------------

    def ev(self, node: syn.Node, env: dict[str, Any]) -> Any:
        """The value of ``node``: plain data or an Expr (a lambda is a value only as a function argument)."""
        value = self.ev_ref(node, env)
        if isinstance(value, _Lazy):
            return value.materialize(self.text[node.start : node.end])
        if isinstance(value, _Lambda):
            return Expr(text=self.text[node.start : node.end])
        return value

    def _argument(self, node: syn.Node, env: dict[str, Any]) -> Any:
        if isinstance(node, syn.Lambda):
            return _Lambda(node.params, node.body, self, env)
        return self.ev(node, env)

    def ev_ref(self, node: syn.Node, env: dict[str, Any]) -> Any:
        """Evaluate ``node``; resource references and runtime properties stay lazy."""
        kind = type(node)
        if kind is syn.Lit:
            return node.value  # type: ignore[attr-defined]
        if kind is syn.Ident:
            return self.lookup(node.name, self.text[node.start : node.end], env)  # type: ignore[attr-defined]
        handler = _HANDLERS.get(kind)
        if handler is None:
            return Expr(text=self.text_of(node))
        return handler(self, node, env)

    def _interp(self, node: syn.Interp, env: dict[str, Any]) -> Any:
        values = [part if isinstance(part, str) else self.ev(part, env) for part in node.parts]
        if any(callable(v) for v in values):
            return ev.unknown(self.text_of(node), [v for v in values if not callable(v)])
        return ev.joined(values, self.text_of(node))

    def _member(self, node: syn.Member, env: dict[str, Any]) -> Any:
        base = self.ev_ref(node.obj, env)
        text = self.text_of(node)
        if isinstance(base, _Lazy):
            return base.member(node.name, node.safe, text)
        if base is None and node.safe:
            return None
        if base is ev.UNKNOWN:
            return Expr(text=text)
        result = ev.member(base, node.name, text)
        if result is ev.UNKNOWN:
            if node.safe and isinstance(base, dict):
                return None
            return ev.unknown(text, [base])
        return result

    def _index(self, node: syn.Index, env: dict[str, Any]) -> Any:
        base = self.ev_ref(node.obj, env)
        key = self.ev(node.key, env)
        text = self.text_of(node)
        if isinstance(base, _Lazy):
            return base.index(key, node.safe, text)
        if base is None and node.safe:
            return None
        result = ev.index(base, key, text)
        if result is ev.UNKNOWN:
            if node.safe and isinstance(base, (dict, list)) and not isinstance(key, Expr):
                return None
            return ev.unknown(text, [base, key])
        return result

    def _child(self, node: syn.Child, env: dict[str, Any]) -> Any:
        base = self.ev_ref(node.obj, env)
        if isinstance(base, _Lazy):
            return base.child(node.name, self.text_of(node))
        return Expr(text=self.text_of(node))

    def _nonnull(self, node: syn.NonNull, env: dict[str, Any]) -> Any:
        return self.ev_ref(node.obj, env)

    def _unary(self, node: syn.Unary, env: dict[str, Any]) -> Any:
        value = self.ev(node.operand, env)
        text = self.text_of(node)
        if node.op == "!":
            result = ev.call("not", [value], self.ctx, text)
            return result
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value
        return ev.unknown(text, [value])

    def _binary(self, node: syn.Binary, env: dict[str, Any]) -> Any:
        op = node.op
        left = self.ev(node.left, env)
        right = self.ev(node.right, env)
        text = self.text_of(node)
        result: Any
        if op == "??":
            if left is None:
                return right
            if ev.contains_unknown(left) and isinstance(left, Expr):
                return ev.unknown(text, [left, right])
            return left
        if op in ("==", "!="):
            result = ev._equal(left, right)
            if result is ev.UNKNOWN:
                return ev.unknown(text, [left, right])
            return result if op == "==" else not result
        if op in ("=~", "!~"):
            if isinstance(left, str) and isinstance(right, str):
                same = left.lower() == right.lower()
            else:
                same = ev._equal(left, right)
                if same is ev.UNKNOWN:
                    return ev.unknown(text, [left, right])
            return same if op == "=~" else not same
        if op == "&&":
            result = ev._and(left, right)
        elif op == "||":
            result = ev._or(left, right)
        else:
            name = _OPERATORS[op]
            return ev.call(name, [left, right], self.ctx, text)
        return ev.unknown(text, [left, right]) if result is ev.UNKNOWN else result

    def _ternary(self, node: syn.Ternary, env: dict[str, Any]) -> Any:
        cond = self.ev(node.cond, env)
        if cond is True:
            return self.ev(node.then, env)
        if cond is False:
            return self.ev(node.other, env)
        then, other = self.ev(node.then, env), self.ev(node.other, env)
        if ev._equal(then, other) is True:
            return then
        return ev.unknown(self.text_of(node), [cond, then, other])

    def _lambda(self, node: syn.Lambda, env: dict[str, Any]) -> Any:
        return Expr(text=self.text_of(node))  # a lambda outside a lambda function's arguments has no value

    def _object(self, node: syn.Obj, env: dict[str, Any]) -> Any:
        return self.written(node, env, [], None, None)

    def _array(self, node: syn.Arr, env: dict[str, Any]) -> Any:
        return self.written(node, env, [], None, None)

    def _for(self, node: syn.For, env: dict[str, Any]) -> Any:
        return self.written(node, env, [], None, None)

    def _if(self, node: syn.If, env: dict[str, Any]) -> Any:
        return self.ev(node.body, env)

    def _call(self, node: syn.Call, env: dict[str, Any]) -> Any:
        text = self.text_of(node)
        name = node.name
        base = node.base
        if base is not None:
            if isinstance(base, syn.Ident) and base.name not in env:
                if base.name in self.namespaces:
                    args = [self.ev(a, env) for a in node.args]
                    return self.namespaces[base.name].call(name, args, text)
                if (
                    base.name in ("sys", "az")
                    and base.name not in self.params
                    and base.name not in self.vars
                    and base.name not in self.decls
                ):
                    return self._builtin(name, node, env, text)
            target = self.ev_ref(base, env)
            args = [self.ev(a, env) for a in node.args]
            if isinstance(target, _Lazy):
                return target.call(name, args, text)
            return ev.unknown(text, [target, *args])
        if name in self.funcs:
            args = [self.ev(a, env) for a in node.args]
            return self.call_function(name, args, text)
        return self._builtin(name, node, env, text)

    def _builtin(self, name: str, node: syn.Call, env: dict[str, Any], text: str) -> Any:
        lowered = name.lower()
        if lowered == "nameof":
            arg = node.args[0] if node.args else None
            if isinstance(arg, (syn.Member, syn.Child)):
                return arg.name
            if isinstance(arg, syn.Ident):
                return arg.name
            if isinstance(arg, syn.Index) and isinstance(arg.key, syn.Lit) and isinstance(arg.key.value, str):
                return arg.key.value
            return Expr(text=text)
        if lowered in ev.LAMBDA_FUNCTIONS:
            args = [self._argument(a, env) for a in node.args]
            if args and isinstance(args[0], Expr):
                return ev.unknown(text, args)
            result = ev.apply_lambda_fn(lowered, args)
            return ev.unknown(text, args[:1]) if result is ev.UNKNOWN else result
        args = [self.ev(a, env) for a in node.args]
        if lowered in _LOADERS:
            return self._load_content(lowered, args, text)
        if lowered in _ALWAYS_UNKNOWN:
            return ev.unknown(text, args)
        result = ev.call(name, args, self.ctx, text)
        if result is ev.UNKNOWN:
            return ev.unknown(text, args)
        return result

    def _load_content(self, name: str, args: list[Any], text: str) -> Any:
        if not args or not isinstance(args[0], str):
            return ev.unknown(text, args)
        data = self.loader.read_content(_local(self.path, args[0]))
        if data is None:
            return Expr(text=text)
        try:
            if name == "loadfileasbase64":
                return base64.b64encode(data).decode("ascii")
            content = data.decode("utf-8-sig")
            if name == "loadtextcontent":
                return content
            if name == "loadjsoncontent":
                try:
                    value = json.loads(content)
                except json.JSONDecodeError:
                    value, _ = jsonc.loads(content)
            else:
                import yaml  # only for loadYamlContent

                value = yaml.safe_load(content)
            if len(args) > 1 and isinstance(args[1], str) and args[1].strip() not in ("", "$"):
                value = _json_path(value, args[1])
                if value is ev.UNKNOWN:
                    return Expr(text=text)
            return value
        except Exception:  # malformed content: the value is unknown, the template is not wrong
            return Expr(text=text)

    # -- written values (with spans and origins) ---------------------------

    def written(
        self,
        node: syn.Node,
        env: dict[str, Any],
        parts: list[Any],
        spans: dict[str, Span] | None,
        origins: dict[str, str] | None,
    ) -> Any:
        """Evaluate ``node``; with ``spans``, record the span of every written path below ``parts``."""
        if isinstance(node, syn.Obj):
            out: dict[str, Any] = {}
            unknowns: list[Any] = []
            for item in node.items:
                if isinstance(item, syn.Prop):
                    key = item.key
                    if not isinstance(key, str):
                        key = self.ev(key, env)
                        if not isinstance(key, str):
                            unknowns.append(key)
                            continue
                    path = [*parts, key]
                    if spans is not None:
                        spans[join_path(path)] = self.span(item.start, item.end)
                    out[key] = self.written(item.value, env, path, spans, origins)
                elif isinstance(item, syn.Spread):
                    value = self.ev(item.value, env)
                    if isinstance(value, dict):
                        out.update(value)
                    elif value is not None:
                        unknowns.append(value)
            if unknowns:
                return ev.unknown(self.text_of(node), [*unknowns, out])
            return out
        if isinstance(node, syn.Arr):
            items: list[Any] = []
            for item in node.items:
                if isinstance(item, syn.Spread):
                    value = self.ev(item.value, env)
                    if isinstance(value, list):
                        items.extend(value)
                    else:
                        return ev.unknown(self.text_of(node), [value, items])
                    continue
                path = [*parts, len(items)]
                if spans is not None:
                    spans[join_path(path)] = self.span(item.start, item.end)
                items.append(self.written(item, env, path, spans, origins))
            return items
        if isinstance(node, syn.For):
            return self._written_for(node, env, parts, spans, origins)
        if origins is None:
            return self.ev(node, env)
        saved, self._origins = self._origins, []
        try:
            value = self.ev(node, env)
            found = list(dict.fromkeys(self._origins))
        finally:
            self._origins = saved
        if found:
            origins[join_path(parts)] = "; ".join(found)
        if saved is not None:
            saved.extend(found)
        return value

    def _written_for(
        self,
        node: syn.For,
        env: dict[str, Any],
        parts: list[Any],
        spans: dict[str, Span] | None,
        origins: dict[str, str] | None,
    ) -> Any:
        items = self.ev(node.iterable, env)
        text = self.text_of(node)
        body = node.body
        cond_node = node.cond
        if isinstance(body, syn.If):
            cond_node, body = body.cond, body.body
        if not isinstance(items, list) or len(items) > ev.MAX_ITEMS:
            inner_env = dict(env)
            if node.item:
                inner_env[node.item] = ev.unknown(node.item, [items])
            if node.index:
                inner_env[node.index] = Expr(text=node.index)
            sample = self.ev(body, inner_env)
            return ev.unknown(text, [items, sample])
        out: list[Any] = []
        for i, item in enumerate(items):
            inner_env = dict(env)
            if node.item:
                inner_env[node.item] = item
            if node.index:
                inner_env[node.index] = i
            if cond_node is not None:
                keep = self.ev(cond_node, inner_env)
                if keep is False:
                    continue
                if keep is not True:
                    return ev.unknown(text, [keep, items])
            path = [*parts, len(out)]
            with_spans = spans is not None and len(out) < MAX_SPAN_ITEMS
            if with_spans:
                spans[join_path(path)] = self.span(body.start, body.end)  # type: ignore[index]
            out.append(self.written(body, inner_env, path, spans if with_spans else None, origins))
        return out

    # -- resources ---------------------------------------------------------

    def resource_body(self, inst: _Inst) -> dict[str, Any]:
        rdecl = inst.rdecl
        obj = inst.obj
        env = inst.env
        spans = inst.spans
        origins = inst.origins
        spans.clear()
        origins.clear()
        out: dict[str, Any] = {}
        if not isinstance(obj, syn.Obj):
            value = self.ev(obj, env) if obj is not None else None
            if isinstance(value, dict):
                out.update(value)
            out["name"] = inst.full_name()
            return out
        if rdecl.is_module:
            return self._module_body(inst, obj)
        existing = rdecl.decl.existing
        for item in obj.items:
            if isinstance(item, syn.Spread):
                value = self.ev(item.value, env)
                if isinstance(value, dict) and not existing:
                    out.update(value)
                continue
            if not isinstance(item, syn.Prop) or not isinstance(item.key, str):
                continue
            key = item.key
            span = self.span(item.start, item.end)
            if key == "name":
                spans["name"] = span
                out["name"] = inst.full_name()
                self.written(item.value, env, ["name"], None, origins)
            elif key == "parent":
                spans["parent"] = span
                out["parent"] = self.ev(item.value, env)
            elif key == "scope":
                spans["scope"] = span
                out["scope"] = self.ev(item.value, env)
            elif key == "dependsOn":
                spans["dependsOn"] = span
                out["dependsOn"] = self._depends_on(item.value, env, spans)
            elif not existing:
                spans[join_path([key])] = span
                out[key] = self.written(item.value, env, [key], spans, origins)
        if inst.parent is not None:
            parent = inst.parent
            text = parent.address[len(self.prefix) :]
            rid = parent.resource_id(text)
            out["parent"] = Expr(text=text, refs=(parent.address,), symbol=rid.symbol)
        elif not existing and "parent" not in out:
            by_name = self.ctx.parent_by_name(rdecl.type, out.get("name"), f"parent of {rdecl.name}")
            if by_name is not None:
                out["parent"] = by_name
        return out

    def _depends_on(self, node: syn.Node, env: dict[str, Any], spans: dict[str, Span]) -> list[Any]:
        if isinstance(node, syn.Arr):
            out = []
            for i, item in enumerate(node.items):
                spans[f"dependsOn[{i}]"] = self.span(item.start, item.end)
                value = self.ev(item, env)
                out.append(value if isinstance(value, Expr) else ev.unknown(self.text_of(item), [value]))
            return out
        value = self.ev(node, env)
        return value if isinstance(value, list) else [value]

    def _module_body(self, inst: _Inst, obj: syn.Obj) -> dict[str, Any]:
        env = inst.env
        spans = inst.spans
        out: dict[str, Any] = {"name": inst.full_name()}
        parameters: dict[str, Any] = {}
        for item in obj.items:
            if not isinstance(item, syn.Prop) or not isinstance(item.key, str):
                continue
            span = self.span(item.start, item.end)
            key = item.key
            if key == "name":
                spans["name"] = span
            elif key == "scope":
                spans["scope"] = span
                out["scope"] = self.ev(item.value, env)
            elif key == "dependsOn":
                spans["dependsOn"] = span
                out["dependsOn"] = self._depends_on(item.value, env, spans)
            elif key == "params":
                spans["properties.parameters"] = span
                for pname, (value, _origin, pspan) in self.module_params(inst).items():
                    parameters[pname] = {"value": value}
                    if pspan is not None:
                        spans[join_path(["properties", "parameters", pname])] = pspan
                        spans[join_path(["properties", "parameters", pname, "value"])] = pspan
        out["properties"] = {
            "expressionEvaluationOptions": {"scope": "inner"},
            "mode": "Incremental",
            "parameters": parameters,
        }
        if "dependsOn" in out:
            out["dependsOn"] = out.pop("dependsOn")
        return out

    def module_params(self, inst: _Inst) -> dict[str, tuple[Any, str | None, Span | None]]:
        """The values a module instance passes: name -> (value, origin, span of the written property)."""
        if inst.params is not None:
            return inst.params
        out: dict[str, tuple[Any, str | None, Span | None]] = {}
        inst.params = out
        prop = _props(inst.obj).get("params")
        if prop is None:
            return out
        decl_line = self.line_of(inst.rdecl.decl.name_start)
        node = prop.value
        items: list[tuple[str, syn.Node | None, Any, Span | None]] = []
        if isinstance(node, syn.Obj):
            for item in node.items:
                if isinstance(item, syn.Prop) and isinstance(item.key, str):
                    items.append((item.key, item.value, None, self.span(item.start, item.end)))
                elif isinstance(item, syn.Spread):
                    value = self.ev(item.value, inst.env)
                    if isinstance(value, dict):
                        items.extend((k, None, v, None) for k, v in value.items())
        else:
            value = self.ev(node, inst.env)
            if isinstance(value, dict):
                items.extend((k, None, v, None) for k, v in value.items())
        for key, value_node, value, pspan in items:
            origin: str | None = None
            if value_node is not None:
                local_origins: dict[str, str] = {}
                sub_spans: dict[str, Span] = {}
                path = ["params", key]
                value = self.written(value_node, inst.env, path, sub_spans, local_origins)
                skip = len(join_path(path))
                target = join_path(["properties", "parameters", key, "value"])
                for sub_path, sub_span in sub_spans.items():
                    inst.spans[target + sub_path[skip:]] = sub_span
                for sub_path, sub_origin in local_origins.items():
                    inst.origins[target + sub_path[skip:]] = sub_origin
                origin = local_origins.get(join_path(path))
            if origin is None:
                origin = f"parameter '{key}' passed by module '{inst.rdecl.name}' ({self.rel}:{decl_line})"
            out[key] = (value, origin, pspan)
        return out

    def module_file(self, inst: _Inst) -> _File | None:
        target = inst.rdecl.decl.target or ""
        if _REGISTRY.match(target):
            inst.unresolved = f"registry module {target}"
            return None
        path = _local(self.path, target)
        if path in self.chain:
            loop = self.chain[self.chain.index(path) :]
            cycle = " -> ".join(rel(p, self.loader.opts.root) for p in (*loop, path))
            inst.unresolved = f"module cycle: {cycle}"
            return None
        if len(self.chain) >= MAX_MODULE_DEPTH:
            inst.unresolved = f"modules nested deeper than {MAX_MODULE_DEPTH} levels"
            return None
        if not inside_root(path, self.loader.opts):
            inst.unresolved = f"module outside the lint root: {target}"
            return None
        if not is_file(path):
            inst.unresolved = f"module file not found: {target}"
            self.loader.finding(self.rel, self, inst.rdecl.decl.target_start, f"module file '{target}' does not exist")
            return None
        if path.suffix.lower() == ".json":
            inst.arm_resources = _arm_module(self, path, inst)
            return None
        program = self.loader.program(path)
        if program is None:
            inst.unresolved = f"module file could not be read: {target}"
            return None
        passed = {k: (v, o) for k, (v, o, _s) in self.module_params(inst).items()}
        return _File(
            self.loader,
            path,
            program,
            prefix=f"{inst.address}/",
            module=inst.address,
            passed=passed,
            condition=inst.condition,
            chain=self.chain,
            is_root=False,
        )

    # -- emission ----------------------------------------------------------

    def register(self) -> None:
        for rdecl in self.order:
            for inst in rdecl.instances():
                self.loader.registry.append((rdecl.type.lower(), inst.registered_name(), inst.address))
                if rdecl.decl.existing:
                    self.loader.existing.add(inst.address)

    def resources(self) -> Iterator[Resource]:
        self.register()
        for rdecl in self.order:
            decl = rdecl.decl
            for inst in rdecl.instances():
                try:
                    body = inst.body()
                except RecursionError:
                    self.loader.finding(
                        self.rel, self, decl.start, f"{decl.kind} '{rdecl.symbol}' is nested too deeply to evaluate"
                    )
                    continue
                if rdecl.is_module:
                    inner = inst.inner()
                yield Resource(
                    address=inst.address,
                    type=rdecl.type,
                    format="bicep",
                    body=body,
                    span=self.span(decl.start, decl.end),
                    spans=dict(inst.spans),
                    api_version=rdecl.api_version,
                    module=self.module,
                    origins=dict(inst.origins),
                    looped=inst.looped,
                    condition=inst.condition,
                    existing=decl.existing,
                    unresolved=inst.unresolved,
                )
                if rdecl.is_module and inner is not None:
                    yield from inner.resources()
                elif rdecl.is_module:
                    yield from inst.arm_resources


_OPERATORS = {
    "+": "add",
    "-": "sub",
    "*": "mul",
    "/": "div",
    "%": "mod",
    "<": "less",
    "<=": "lessOrEquals",
    ">": "greater",
    ">=": "greaterOrEquals",
}
_LOADERS = frozenset({"loadtextcontent", "loadjsoncontent", "loadyamlcontent", "loadfileasbase64"})
_ALWAYS_UNKNOWN = frozenset({"readenvironmentvariable", "getsecret", "externalinput", "fail", "loaddirectoryfileinfo"})

_HANDLERS: dict[type, Callable[[_File, Any, dict[str, Any]], Any]] = {
    syn.Interp: _File._interp,
    syn.Call: _File._call,
    syn.Member: _File._member,
    syn.Index: _File._index,
    syn.Child: _File._child,
    syn.NonNull: _File._nonnull,
    syn.Unary: _File._unary,
    syn.Binary: _File._binary,
    syn.Ternary: _File._ternary,
    syn.Lambda: _File._lambda,
    syn.Obj: _File._object,
    syn.Arr: _File._array,
    syn.For: _File._for,
    syn.If: _File._if,
}


# --------------------------------------------------------------------------
# The unit


class _Loader:
    def __init__(self, opts: LoadOptions, entry: Path) -> None:
        self.opts = opts
        self.unit = Unit(entry=rel(entry, opts.root), format="bicep")
        self.registry: list[tuple[str, Any, str]] = []
        self.existing: set[str] = set()  # addresses of `existing` declarations
        self._programs: dict[Path, syn.Program | None] = {}
        self._libraries: dict[Path, _File | None] = {}
        self.call_depth = 0
        self.budget = MAX_TOTAL_INSTANCES

    def take_budget(self, count: int) -> bool:
        if count > self.budget:
            return False
        self.budget -= count
        return True

    def finding(self, file_rel: str, f: _File | None, offset: int, message: str) -> None:
        line, col = f.lines.position(offset) if f is not None else (1, 1)
        self.unit.findings.append(parse_error(file_rel, line, col, message))

    def program(self, path: Path) -> syn.Program | None:
        """Read and parse a Bicep file once per unit; syntax errors become findings."""
        key = Path(os.path.abspath(path))
        if key in self._programs:
            return self._programs[key]
        text, problem = read_text(key, self.opts)
        name = rel(key, self.opts.root)
        self.unit.files.add(name)
        program: syn.Program | None = None
        if problem is not None:
            self.unit.findings.append(problem)
        elif text is not None:
            program = _parse(text)
            lines = jsonc.Lines(program.text)
            for error in program.errors:
                line, col = lines.position(error.offset)
                self.unit.findings.append(parse_error(name, line, col, error.message))
        self._programs[key] = program
        return program

    def library(self, path: Path, chain: tuple[Path, ...]) -> _File | None:
        """A file imported for its exported variables, functions and types."""
        key = Path(os.path.abspath(path))
        if key in self._libraries:
            return self._libraries[key]
        self._libraries[key] = None
        if key in chain or key.suffix.lower() != ".bicep" or not inside_root(key, self.opts) or not is_file(key):
            return None
        program = self.program(key)
        if program is None:
            return None
        lib = _File(self, key, program, chain=chain, is_root=False)
        self._libraries[key] = lib
        return lib

    def read_content(self, path: Path) -> bytes | None:
        """A file read by loadTextContent & co: inside the root, size-limited."""
        try:
            if not inside_root(path, self.opts) or not is_file(path):
                return None
            data = read_bytes(path, MAX_LOADED_FILE)
        except OSError:
            return None
        if data is None:
            return None
        self.unit.files.add(rel(path, self.opts.root))
        return data

    def params_from_file(self, params_file: Path) -> dict[str, tuple[Any, str | None]]:
        name = rel(params_file, self.opts.root)
        if params_file.suffix.lower() == ".bicepparam":
            return self._bicepparam(params_file, set())
        text, problem = read_text(params_file, self.opts)
        self.unit.files.add(name)
        if problem is not None or text is None:
            if problem is not None:
                self.unit.findings.append(problem)
            return {}
        try:
            data, positions = jsonc.loads(text)
        except jsonc.JsonError as error:
            line, col = jsonc.Lines(text).position(error.offset)
            self.unit.findings.append(parse_error(name, line, col, str(error)))
            return {}
        lines = jsonc.Lines(text)
        params = data.get("parameters") if isinstance(data, dict) else None
        if not isinstance(params, dict):
            return {}
        out: dict[str, tuple[Any, str | None]] = {}
        for key, entry in params.items():
            where = positions.get(("parameters", key))
            line = lines.position(where[0] if where and where[0] >= 0 else where[1])[0] if where else 1
            origin = f"parameter '{key}' from {name}:{line}"
            if isinstance(entry, dict) and "value" in entry:
                out[key] = (entry["value"], origin)
            elif isinstance(entry, dict) and "reference" in entry:
                out[key] = (
                    Expr(
                        text=f"Key Vault reference for parameter '{key}'",
                        inputs=(key,),
                        symbol=f"parameters({key.lower()})",
                    ),
                    origin,
                )
        return out

    def _bicepparam(self, path: Path, seen: set[Path]) -> dict[str, tuple[Any, str | None]]:
        key = Path(os.path.abspath(path))
        if key in seen:
            return {}
        seen.add(key)
        program = self.program(key)
        if program is None:
            return {}
        scope = _File(self, key, program, is_root=False)
        out: dict[str, tuple[Any, str | None]] = {}
        for decl in program.decls:
            if decl.kind == "extends" and decl.target:
                out.update(self._bicepparam(_local(key, decl.target), seen))
        for decl in program.decls:
            if decl.kind != "param" or not decl.name or decl.value is None:
                continue
            value = scope.ev(decl.value, {})
            if isinstance(value, Expr) and value.symbol is None:
                value = Expr(
                    text=value.text, refs=value.refs, inputs=(decl.name,), symbol=f"parameters({decl.name.lower()})"
                )
            out[decl.name] = (value, f"parameter '{decl.name}' from {scope.rel}:{scope.line_of(decl.name_start)}")
        return out

    def run(self, entry: Path, params_file: Path | None) -> None:
        entry = Path(os.path.abspath(entry))
        if params_file is not None and not is_file(entry):
            self._missing_using(entry, params_file)
            return
        passed: dict[str, tuple[Any, str | None]] = {}
        if params_file is not None:
            passed = self.params_from_file(Path(os.path.abspath(params_file)))
        program = self.program(entry)
        if program is None:
            return
        root = _File(self, entry, program, passed=passed, is_root=True)
        resources = self.unit.resources
        for resource in root.resources():
            resources.append(resource)

    def _missing_using(self, entry: Path, params_file: Path) -> None:
        name = rel(params_file, self.opts.root)
        self.unit.files.add(name)
        text, problem = read_text(params_file, self.opts)
        if text is None:
            if problem is not None:
                self.unit.findings.append(problem)
            return
        program = self.program(params_file)
        line, col = 1, 1
        written = rel(entry, self.opts.root)
        if program is not None:
            for decl in program.decls:
                if decl.kind == "using" and decl.target:
                    line, col = jsonc.Lines(program.text).position(decl.target_start)
                    written = decl.target
        self.unit.findings.append(
            parse_error(name, line, col, f"the Bicep file named by 'using' does not exist: '{written}'")
        )


# --------------------------------------------------------------------------
# Local ARM JSON modules


_ARM_NOT_BODY = frozenset(
    {"type", "apiversion", "condition", "copy", "comments", "existing", "dependson", "resources", "import"}
)


def _arm_module(caller: _File, path: Path, inst: _Inst) -> list[Resource]:
    """Resources of a local ARM template used as a module, evaluated with the values the caller passes."""
    loader = caller.loader
    name = rel(path, loader.opts.root)
    loader.unit.files.add(name)
    text, problem = read_text(path, loader.opts)
    if text is None:
        if problem is not None:
            loader.unit.findings.append(problem)
        inst.unresolved = f"module file could not be read: {inst.rdecl.decl.target}"
        return []
    lines = jsonc.Lines(text)
    try:
        template, positions = jsonc.loads(text)
    except jsonc.JsonError as error:
        line, col = lines.position(error.offset)
        loader.unit.findings.append(parse_error(name, line, col, str(error)))
        inst.unresolved = f"module file could not be read: {inst.rdecl.decl.target}"
        return []
    if not isinstance(template, dict):
        return []
    passed = {k.lower(): v for k, (v, _o, _s) in caller.module_params(inst).items()}
    origins_passed = {k.lower(): o for k, (_v, o, _s) in caller.module_params(inst).items()}
    params: dict[str, ev.Param] = {}
    for pname, spec in (template.get("parameters") or {}).items():
        if not isinstance(spec, dict):
            continue
        if pname.lower() in passed:
            params[pname] = ev.Param(passed[pname.lower()], origins_passed.get(pname.lower()) or "")
        elif "defaultValue" in spec:
            where = positions.get(("parameters", pname))
            line = lines.position(where[0] if where and where[0] >= 0 else (where[1] if where else 0))[0]
            params[pname] = ev.Param(spec["defaultValue"], f"default of parameter '{pname}' ({name}:{line})", raw=True)
        else:
            params[pname] = ev.Param(
                Expr(text=f"parameters('{pname}')", inputs=(pname,), symbol=f"parameters({pname.lower()})"), ""
            )
    functions: dict[str, tuple[tuple[str, ...], Any]] = {}
    for group in template.get("functions") or []:
        if isinstance(group, dict):
            for fname, spec in (group.get("members") or {}).items():
                if isinstance(spec, dict):
                    names = tuple(p.get("name", "") for p in spec.get("parameters", []) if isinstance(p, dict))
                    functions[f"{group.get('namespace', '')}.{fname}".lower()] = (
                        names,
                        (spec.get("output") or {}).get("value"),
                    )
    ctx = ev.Context(target_scope="resourceGroup", resources=loader.registry, base_dir=str(path.parent))
    scope = ev.ArmScope(ctx, params, template.get("variables") or {}, functions)
    raw_resources = template.get("resources") or []
    entries = list(raw_resources.items()) if isinstance(raw_resources, dict) else list(enumerate(raw_resources))
    out: list[Resource] = []

    def value(raw: Any) -> Any:
        try:
            return scope.value(raw)
        except Exception:
            return Expr(text=str(raw))

    def span_of(parts: tuple[Any, ...]) -> Span:
        where = positions.get(parts)
        if where is None:
            return Span(name, 1, 1, 1, 1)
        key_off, start, end = where
        line, col = lines.position(key_off if key_off >= 0 else start)
        end_line, end_col = lines.position(end)
        return Span(name, line, col, end_line, end_col)

    for key, res in entries:
        if not isinstance(res, dict) or not isinstance(res.get("type"), str):
            continue
        base = ("resources", key)
        cond = value(res.get("condition", True))
        if cond is False:
            continue
        copy = res.get("copy") if isinstance(res.get("copy"), dict) else None
        count = value(copy.get("count")) if copy else None
        if copy and isinstance(count, int) and 0 <= count <= MAX_INSTANCES and loader.take_budget(count):
            rounds: list[int | None] = list(range(count))
        else:
            rounds = [None]
        label = key if isinstance(key, str) else (res.get("name") if isinstance(res.get("name"), str) else str(key))
        for i in rounds:
            inner = scope.child(copy={(copy or {}).get("name", "").lower(): i}) if i is not None else scope
            body: dict[str, Any] = {}
            for k, raw in res.items():
                if k.lower() in _ARM_NOT_BODY:
                    continue
                try:
                    body[k] = inner.value(raw)
                except Exception:
                    body[k] = Expr(text=str(raw))
            spans = {
                join_path(p[2:]): span_of(p)
                for p in positions
                if p[:2] == base and len(p) > 2 and str(p[2]).lower() not in _ARM_NOT_BODY
            }
            address = f"{inst.address}/{label}" + (f"[{i}]" if i is not None else "")
            name_value = body.get("name")
            if isinstance(name_value, str) or (isinstance(name_value, Expr) and name_value.symbol):
                loader.registry.append((res["type"].lower(), name_value, address))
            out.append(
                Resource(
                    address=address,
                    type=res["type"],
                    format="bicep",
                    body=body,
                    span=span_of(base),
                    spans=spans,
                    api_version=res.get("apiVersion") if isinstance(res.get("apiVersion"), str) else None,
                    module=inst.address,
                    looped=bool(copy) and i is None,
                    condition=ev.both(inst.condition, cond if isinstance(cond, (bool, Expr)) else True),
                )
            )
    outputs: dict[str, Any] = {}
    for oname, spec in (template.get("outputs") or {}).items():
        if isinstance(spec, dict) and "value" in spec:
            outputs[oname] = value(spec["value"])
    inst.arm_outputs = outputs
    return out
