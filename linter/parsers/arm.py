"""ARM JSON templates -> Resources in the normalized model.

A ``.json``/``.jsonc`` file is a template when its ``$schema`` names
``deploymentTemplate`` (resource group, subscription, management group and
tenant templates alike). Parameters come from defaults, a parameters file and
``--parameters``; variables (``copy`` ones too), user functions and
expressions are evaluated by ``evaluate.ArmScope``. Copy loops expand when
their count is known; conditions drop or mark resources; nested inline and
``relativePath`` linked deployments become module resources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.model import Expr, Resource, Span, join_path
from linter.parsers import evaluate as ev
from linter.parsers import expr as ex
from linter.parsers import jsonc
from linter.parsers.common import MAX_INSTANCES, LoadOptions, Unit, inside_root, parse_error, read_text, rel
from linter.policy import Finding

DEPLOYMENTS = "microsoft.resources/deployments"
_NOT_BODY = frozenset({"type", "apiversion", "condition", "copy", "comments", "resources", "existing", "dependson",
                       "metadata", "import"})
_MAX_NESTING = 16  # nested deployments within deployments


def schema_of(data: Any) -> str:
    if isinstance(data, Mapping):
        schema = data.get("$schema")
        if isinstance(schema, str):
            return schema.lower()
    return ""


def is_template(data: Any) -> bool:
    return "deploymenttemplate" in schema_of(data)


def is_parameters(data: Any) -> bool:
    return "deploymentparameters" in schema_of(data)


@dataclass
class _Doc:
    """One parsed JSON file: its values, positions and line table."""

    path: Path
    name: str  # relative POSIX path
    data: Any
    positions: dict[jsonc.Path, tuple[int, int, int]]
    lines: jsonc.Lines

    def span(self, raw_path: jsonc.Path) -> Span | None:
        pos = self.positions.get(raw_path)
        if pos is None:
            return None
        key, _start, end = pos
        line, column = self.lines.position(key)
        end_line, end_column = self.lines.position(end)
        return Span(self.name, line, column, end_line, end_column)

    def line_of(self, raw_path: jsonc.Path) -> str:
        span = self.span(raw_path)
        return f"{self.name}:{span.line}" if span else self.name


def read_doc(path: Path, opts: LoadOptions) -> tuple[_Doc | None, Finding | None]:
    text, problem = read_text(path, opts)
    if text is None:
        return None, problem
    name = rel(path, opts.root)
    lines = jsonc.Lines(text)
    try:
        data, positions = jsonc.loads(text)
    except jsonc.JsonError as error:
        line, column = lines.position(error.offset)
        return None, parse_error(name, line, column, f"invalid JSON: {error}")
    return _Doc(path, name, data, positions, lines), None


@dataclass
class _Loader:
    opts: LoadOptions
    unit: Unit
    ctx: ev.Context = field(default_factory=ev.Context)
    addresses: set[str] = field(default_factory=set)
    reported: set[tuple[str, int]] = field(default_factory=set)
    stack: list[Path] = field(default_factory=list)
    enclosing: dict[str, tuple[Any, bool]] = field(default_factory=dict)  # deployment -> (condition, looped)

    # -- validation --------------------------------------------------------

    def validate(self, doc: _Doc) -> None:
        """Parse every expression of the file once; a malformed one is one SYS001 at its position."""
        for raw_path, (_key, start, _end) in doc.positions.items():
            value = _at(doc.data, raw_path)
            if isinstance(value, str) and ex.is_expression(value):
                try:
                    ev.parse_cached(value[1:-1])
                except ex.ExprError as error:
                    if (doc.name, start) in self.reported:
                        continue
                    self.reported.add((doc.name, start))
                    line, column = doc.lines.position(start + 2 + error.offset)
                    self.unit.findings.append(parse_error(doc.name, line, column, f"invalid expression: {error}"))

    # -- templates ---------------------------------------------------------

    def template(
        self,
        doc: _Doc,
        base: jsonc.Path,
        scope: ev.ArmScope,
        prefix: str,
        module: str | None,
    ) -> None:
        """Load the resources of the template at ``base`` inside ``doc``."""
        template = _at(doc.data, base)
        raw = template.get("resources") if isinstance(template, Mapping) else None
        items: list[tuple[jsonc.Path, Any, str | None]] = []
        if isinstance(raw, list):
            items = [((*base, "resources", i), r, None) for i, r in enumerate(raw)]
        elif isinstance(raw, Mapping):  # languageVersion 2.0: symbolic names
            items = [((*base, "resources", k), r, k) for k, r in raw.items()]
        planned: list[_Instance] = []
        for raw_path, res, symbolic in items:
            if isinstance(res, Mapping):
                planned.extend(self.plan(doc, raw_path, res, symbolic, scope, prefix, module, None))
        for inst in planned:
            self.ctx.resources.append((inst.type.lower(), inst.name, inst.address))
            if inst.raw.get("existing") is True:
                self.ctx.existing.add(inst.address)
        # Nested deployments first, each after the deployments it depends on, so that
        # reference(<deployment>).outputs reads values; resources keep the template's order.
        built: dict[int, list[Resource]] = {}
        for i in self.build_order(planned):
            start = len(self.unit.resources)
            self.build(doc, planned[i])
            built[i] = self.unit.resources[start:]
            del self.unit.resources[start:]
        for i in range(len(planned)):
            self.unit.resources.extend(built.get(i, ()))

    def plan(
        self,
        doc: _Doc,
        raw_path: jsonc.Path,
        res: Mapping[str, Any],
        symbolic: str | None,
        scope: ev.ArmScope,
        prefix: str,
        module: str | None,
        parent: _Instance | None,
    ) -> list[_Instance]:
        """Expand copy loops and evaluate type, name and condition of one declared resource."""
        rtype = res.get("type")
        if not isinstance(rtype, str):
            span = doc.span(raw_path)
            self.unit.findings.append(
                parse_error(doc.name, span.line if span else 1, span.column if span else 1,
                            "resource has no 'type' string")
            )
            return []
        rtype = ex.unescape(rtype)
        if parent is not None and not re.match(r"^[\w.]+\.[\w.]+/", rtype):
            rtype = f"{parent.type}/{rtype}"
        copies: list[tuple[ev.ArmScope, str, bool]] = [(scope, "", False)]
        copy = res.get("copy")
        if isinstance(copy, Mapping):
            loop = str(copy.get("name", "")).lower()
            count = scope.value(copy.get("count"))
            if isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= MAX_INSTANCES:
                copies = [(scope.child(copy={loop: i}), f"[{i}]", False) for i in range(count)]
            else:
                copies = [(scope.child(copy={}), "", True)]
        written = res.get("name")
        written_text = written if isinstance(written, str) else ""
        label = symbolic or written_text or rtype
        out: list[_Instance] = []
        for inst_scope, suffix, looped in copies:
            condition = inst_scope.value(res["condition"]) if "condition" in res else True
            if condition is False:
                continue
            name = inst_scope.value(written) if written is not None else None
            full_type, full_name, extension_scope = _normalize(rtype, name, parent is not None)
            # a nested child is named parent/child; an extension resource is named on its own
            if extension_scope is None and parent is not None and not (isinstance(name, str) and "/" in name):
                text = f"{parent.name.text if isinstance(parent.name, Expr) else parent.name}/{written_text}"
                full_name = ev.joined_path([parent.name, name], text)
            address = self.unique(prefix + label + suffix, full_type)
            api = inst_scope.value(res.get("apiVersion")) if "apiVersion" in res else None
            inst = _Instance(
                doc=doc,
                raw_path=raw_path,
                raw=res,
                scope=inst_scope,
                type=full_type,
                name=full_name,
                address=address,
                symbolic=symbolic,
                module=module,
                looped=looped,
                condition=condition if condition is True else (
                    condition if isinstance(condition, Expr) else ev.unknown(str(res.get("condition")))),
                api_version=api if isinstance(api, str) else None,
                parent=parent,
                extension_scope=extension_scope,
                prefix=prefix,
            )
            out.append(inst)
            children = res.get("resources")
            if isinstance(children, list):
                for i, child in enumerate(children):
                    if isinstance(child, Mapping):
                        out.extend(
                            self.plan(doc, (*raw_path, "resources", i), child, None, inst_scope, prefix, module, inst)
                        )
        return out

    def unique(self, address: str, rtype: str) -> str:
        if address in self.addresses:
            address = f"{rtype}/{address}"
        base, n = address, 2
        while address in self.addresses:
            address, n = f"{base}#{n}", n + 1
        self.addresses.add(address)
        return address

    def build(self, doc: _Doc, inst: _Instance) -> None:
        spans: dict[str, Span] = {}
        origins: dict[str, str] = {}
        body: dict[str, Any] = {}
        for key, raw_value in inst.raw.items():
            if key.lower() in _NOT_BODY:
                continue
            if key.lower() == "properties" and inst.type.lower() == DEPLOYMENTS and isinstance(raw_value, Mapping):
                # the inner template is loaded as resources of its own; its text is not the deployment's body
                raw_value = {k: v for k, v in raw_value.items() if k.lower() != "template"}
            body[key] = self.walk(doc, raw_value, (*inst.raw_path, key), [key], inst.scope, spans, origins)
        body["name"] = inst.name
        if inst.extension_scope is not None:
            scope_type, scope_names = inst.extension_scope
            if inst.parent is not None and not scope_names:
                body["scope"] = self.ctx.resource_id(inst.parent.type, [inst.parent.name], inst.parent.address)
            else:
                body["scope"] = self.ctx.resource_id(scope_type, scope_names, "/".join(scope_names))
        elif isinstance(body.get("scope"), str):
            body["scope"] = self.relative_id(body["scope"])
        elif isinstance(body.get("scope"), Expr):
            body["scope"] = self.relative_format_id(inst.raw.get("scope"), inst.scope) or body["scope"]
        parent = self.parent_ref(inst)
        if parent is not None:
            body["parent"] = parent
        depends = inst.raw.get("dependsOn")
        if isinstance(depends, list) and depends:
            body["dependsOn"] = [self.dependency(d, inst.scope) for d in depends]
            span = doc.span((*inst.raw_path, "dependsOn"))
            if span:
                spans["dependsOn"] = span
        existing = inst.raw.get("existing") is True
        condition, looped = inst.condition, inst.looped
        if inst.module in self.enclosing:  # a resource deploys only when its deployment does
            outer_condition, outer_looped = self.enclosing[inst.module]
            condition, looped = ev.both(outer_condition, condition), looped or outer_looped
        resource = Resource(
            address=inst.address,
            type=inst.type,
            format="arm",
            body=body,
            span=doc.span(inst.raw_path) or Span(doc.name, 1, 1, 1, 1),
            spans=spans,
            api_version=inst.api_version,
            module=inst.module,
            origins=origins,
            looped=looped,
            condition=condition,
            existing=existing,
        )
        if inst.type.lower() == DEPLOYMENTS:
            self.enclosing[inst.address] = (condition, looped)
            resource = self.deployment(doc, inst, resource)
        self.unit.resources.append(resource)

    def walk(
        self,
        doc: _Doc,
        raw: Any,
        raw_path: jsonc.Path,
        body_path: list[str | int],
        scope: ev.ArmScope,
        spans: dict[str, Span],
        origins: dict[str, str],
    ) -> Any:
        """Evaluate ``raw`` recording the span and origin of every written path."""
        path_text = join_path(body_path)
        span = doc.span(raw_path)
        if span is not None and path_text not in spans:
            spans[path_text] = span
        if isinstance(raw, str):
            if not ex.is_expression(raw):
                return ex.unescape(raw)
            scope.used.clear()
            value = scope.string(raw)
            if scope.used:
                origins[path_text] = "; ".join(f"{origin}" for origin in scope.used.values())
            return value
        if isinstance(raw, Mapping):
            out: dict[str, Any] = {}
            for key, item in raw.items():
                if key == "copy" and isinstance(item, list):
                    for j, entry in enumerate(item):
                        self.property_copy(doc, entry, (*raw_path, "copy", j), body_path, scope, spans, origins, out)
                    continue
                out[key] = self.walk(doc, item, (*raw_path, key), [*body_path, key], scope, spans, origins)
            return out
        if isinstance(raw, list):
            return [
                self.walk(doc, item, (*raw_path, i), [*body_path, i], scope, spans, origins)
                for i, item in enumerate(raw)
            ]
        return raw

    def property_copy(
        self,
        doc: _Doc,
        entry: Any,
        raw_path: jsonc.Path,
        body_path: list[str | int],
        scope: ev.ArmScope,
        spans: dict[str, Span],
        origins: dict[str, str],
        out: dict[str, Any],
    ) -> None:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            return
        name = entry["name"]
        count = scope.value(entry.get("count"))
        path_text = join_path([*body_path, name])
        span = doc.span(raw_path)
        if span is not None:
            spans.setdefault(path_text, span)
        if not (isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= MAX_INSTANCES):
            out[name] = ev.unknown(f"copy {name}", [count])
            return
        out[name] = [
            self.walk(doc, entry.get("input"), (*raw_path, "input"), [*body_path, name, i],
                      scope.child(copy={name.lower(): i}), spans, origins)
            for i in range(count)
        ]

    # -- references --------------------------------------------------------

    def relative_id(self, text: str) -> Any:
        """``Microsoft.X/y/name`` (Bicep's compiled ``scope``) -> a resource id reference."""
        parts = text.strip("/").split("/")
        if len(parts) >= 3 and "." in parts[0] and len(parts) % 2 == 1:
            rtype = "/".join([parts[0], *parts[1::2]])
            names = parts[2::2]
            return self.ctx.resource_id(rtype, names, text)
        return text

    def relative_format_id(self, raw: Any, scope: ev.ArmScope) -> Expr | None:
        """``[format('Microsoft.X/y/{0}/z/{1}', a, b)]`` (a compiled ``scope``) -> the id of that resource."""
        call = _format_call(raw)
        if call is None:
            return None
        template, args = call
        parts = template.split("/")
        if len(parts) < 3 or len(parts) % 2 == 0 or "." not in parts[0]:
            return None
        names: list[Any] = []
        for part in parts[2::2]:
            match = re.fullmatch(r"\{(\d+)\}", part)
            if match is None or int(match.group(1)) >= len(args):
                names.append(part)
                continue
            value = scope.node(args[int(match.group(1))], raw[1:-1])
            if value is ev.UNKNOWN or (isinstance(value, Expr) and value.symbol is None):
                return None
            names.append(value)
        return self.ctx.resource_id("/".join([parts[0], *parts[1::2]]), names, raw[1:-1])

    def dependency(self, raw: Any, scope: ev.ArmScope) -> Any:
        if isinstance(raw, str) and not ex.is_expression(raw):
            for rtype, name, address in self.ctx.resources:
                if address == raw or address.endswith("/" + raw):
                    return Expr(text=raw, refs=(address,))
            for rtype, name, address in self.ctx.resources:
                if isinstance(name, str) and name.lower() == raw.lower():
                    return Expr(text=raw, refs=(address,))
            return Expr(text=raw)
        value = scope.value(raw)
        return value if isinstance(value, Expr) else Expr(text=str(raw))

    def build_order(self, planned: list[_Instance]) -> list[int]:
        """Indices of ``planned`` in build order: deployments (their dependencies first), then the rest."""
        index = {inst.address: i for i, inst in enumerate(planned) if inst.type.lower() == DEPLOYMENTS}
        order: list[int] = []
        seen: set[int] = set()

        def visit(i: int) -> None:
            if i in seen:
                return  # built already, or a cycle (ARM rejects those): keep the written order
            seen.add(i)
            depends = planned[i].raw.get("dependsOn")
            for raw in depends if isinstance(depends, list) else ():
                for ref in self.dependency(raw, planned[i].scope).refs:
                    if ref in index:
                        visit(index[ref])
            order.append(i)

        for i in index.values():
            visit(i)
        return order + [i for i in range(len(planned)) if i not in seen]

    def parent_ref(self, inst: _Instance) -> Expr | None:
        if inst.extension_scope is not None:
            return None  # an extension resource has a scope, not a parent
        if inst.parent is not None:
            return Expr(text=inst.parent.address, refs=(inst.parent.address,))
        found = self.ctx.parent_by_name(inst.type, inst.name, f"parent of {inst.address}")
        if found is None and isinstance(inst.name, Expr):
            prefix = _parent_name_part(inst.raw.get("name"), inst.scope)
            if prefix is not None and inst.type.count("/") >= 2:
                found = self.ctx.resource_id(inst.type.rsplit("/", 1)[0], [prefix], f"parent of {inst.address}")
                found = found if found.symbol is not None else None
        return found

    # -- nested deployments ------------------------------------------------

    def deployment(self, doc: _Doc, inst: _Instance, resource: Resource) -> Resource:
        props = inst.raw.get("properties")
        if not isinstance(props, Mapping):
            return resource
        raw_props = (*inst.raw_path, "properties")
        prefix = f"{inst.address}/"
        options = props.get("expressionEvaluationOptions")
        inner_scope = isinstance(options, Mapping) and str(options.get("scope", "")).lower() == "inner"
        if len(self.stack) >= _MAX_NESTING:
            return _unresolved(resource, "nested deployments deeper than the nesting limit")
        if isinstance(props.get("template"), Mapping):
            base = (*raw_props, "template")
            if inner_scope:
                scope = self.scope_for(
                    doc, base, self.passed_parameters(doc, props, raw_props, inst.scope), None, nested=True
                )
            else:
                scope = inst.scope
            self.template(doc, base, scope, prefix, inst.address)
            self.outputs(props.get("template"), scope, inst.address)
            return resource
        link = props.get("templateLink")
        if isinstance(link, Mapping):
            relative = inst.scope.value(link.get("relativePath"))
            if isinstance(relative, str):
                target = (doc.path.parent / relative).resolve()
                if not inside_root(target, self.opts):
                    return _unresolved(resource, f"linked template {relative} lies outside the scanned root")
                if target in self.stack:
                    return _unresolved(resource, f"linked template {relative} includes itself")
                linked, problem = read_doc(target, self.opts)
                if linked is None:
                    if problem is not None:
                        self.unit.findings.append(problem)
                    return _unresolved(resource, f"linked template {relative} could not be read")
                if not is_template(linked.data):
                    return _unresolved(resource, f"linked file {relative} is not an ARM template")
                self.unit.files.add(linked.name)
                self.validate(linked)
                passed = self.passed_parameters(doc, props, raw_props, inst.scope)
                scope = self.scope_for(linked, (), passed, None, nested=True)
                self.stack.append(target)
                try:
                    self.template(linked, (), scope, prefix, inst.address)
                    self.outputs(linked.data, scope, inst.address)
                finally:
                    self.stack.pop()
                return resource
            uri = link.get("uri") or link.get("id")
            return _unresolved(resource, f"linked template {uri if isinstance(uri, str) else '(expression)'}")
        return resource

    def outputs(self, template: Any, scope: ev.ArmScope, address: str) -> None:
        """Evaluate a nested template's outputs, for ``reference(<deployment>).outputs.x.value``."""
        raw = template.get("outputs") if isinstance(template, Mapping) else None
        if not isinstance(raw, Mapping):
            return
        values: dict[str, Any] = {}
        for name, spec in raw.items():
            if isinstance(spec, Mapping) and "value" in spec and "copy" not in spec:
                values[name] = scope.value(spec["value"])
            else:
                values[name] = ev.unknown(f"output '{name}' of {address}")
        self.ctx.outputs[address] = values

    def passed_parameters(
        self, doc: _Doc, props: Mapping[str, Any], raw_props: jsonc.Path, outer: ev.ArmScope
    ) -> dict[str, ev.Param]:
        passed: dict[str, ev.Param] = {}
        params = props.get("parameters")
        if isinstance(params, Mapping):
            for name, entry in params.items():
                where = doc.line_of((*raw_props, "parameters", name))
                if isinstance(entry, str) and ex.is_expression(entry):  # "[if(c, createObject('value', x), ...)]"
                    whole = outer.value(entry)
                    value = whole.get("value") if isinstance(whole, Mapping) else ev.unknown(entry[1:-1], [whole])
                    passed[name] = ev.Param(value, f"parameter '{name}' passed at {where}")
                elif isinstance(entry, Mapping) and "value" in entry:
                    passed[name] = ev.Param(outer.value(entry["value"]), f"parameter '{name}' passed at {where}")
                elif isinstance(entry, Mapping) and "reference" in entry:
                    passed[name] = ev.Param(Expr(text=f"Key Vault reference for '{name}'", inputs=(name,)),
                                            f"parameter '{name}'")
        return passed

    def scope_for(
        self,
        doc: _Doc,
        base: jsonc.Path,
        given: Mapping[str, ev.Param],
        params_doc: _Doc | None,
        nested: bool = False,
    ) -> ev.ArmScope:
        """A fresh expression scope for the template at ``base``: parameters, variables, functions."""
        template = _at(doc.data, base)
        template = template if isinstance(template, Mapping) else {}
        given_lower = {k.lower(): v for k, v in given.items()}
        params: dict[str, ev.Param] = {}
        declared = template.get("parameters")
        if isinstance(declared, Mapping):
            for name, spec in declared.items():
                key = name.lower()
                if key in given_lower:
                    params[name] = given_lower[key]
                elif isinstance(spec, Mapping) and "defaultValue" in spec:
                    where = doc.line_of((*base, "parameters", name, "defaultValue"))
                    params[name] = ev.Param(spec["defaultValue"], f"default of parameter '{name}' ({where})", raw=True)
                elif nested and isinstance(spec, Mapping) and spec.get("nullable") is True:
                    params[name] = ev.Param(None, f"parameter '{name}' not passed")  # the caller left it out
                else:
                    params[name] = ev.Param(
                        Expr(text=f"parameters('{name}')", inputs=(name,), symbol=f"parameters({key})"),
                        f"parameter '{name}' has no value",
                    )
        functions: dict[str, tuple[tuple[str, ...], Any]] = {}
        for namespace in template.get("functions") or []:
            if not isinstance(namespace, Mapping) or not isinstance(namespace.get("members"), Mapping):
                continue
            for fname, member in namespace["members"].items():
                if isinstance(member, Mapping):
                    names = tuple(
                        str(p.get("name")) for p in member.get("parameters") or [] if isinstance(p, Mapping)
                    )
                    output = member.get("output")
                    value = output.get("value") if isinstance(output, Mapping) else None
                    functions[f"{namespace.get('namespace')}.{fname}"] = (names, value)
        variables = template.get("variables")
        variables = dict(variables) if isinstance(variables, Mapping) else {}
        copies = variables.pop("copy", None)
        scope = ev.ArmScope(self.ctx, params=params, variables=variables, functions=functions)
        if isinstance(copies, list):
            for entry in copies:
                if isinstance(entry, Mapping) and isinstance(entry.get("name"), str):
                    count = scope.value(entry.get("count"))
                    loop = entry["name"]
                    if isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= MAX_INSTANCES:
                        value: Any = [scope.child(copy={loop.lower(): i}).value(entry.get("input")) for i in
                                      range(count)]
                    else:
                        value = ev.unknown(f"variables('{loop}')", [count])
                    scope._vars[loop.lower()] = value
        return scope


@dataclass
class _Instance:
    doc: _Doc
    raw_path: jsonc.Path
    raw: Mapping[str, Any]
    scope: ev.ArmScope
    type: str
    name: Any
    address: str
    symbolic: str | None
    module: str | None
    looped: bool
    condition: Any
    api_version: str | None
    parent: _Instance | None
    extension_scope: Any
    prefix: str


def _normalize(rtype: str, name: Any, nested: bool) -> tuple[str, Any, tuple[str, list[str]] | None]:
    """``<type>/providers/<ext type>`` named ``<scope name>/<namespace>/<ext name>`` -> the extension resource
    (``Microsoft.Insights/diagnosticSettings``) and its scope (type, names). ``nested``: declared inside the
    scope resource, named ``<namespace>/<ext name>``; the scope is then the enclosing resource (names ``[]``)."""
    match = re.match(r"^(.+?)/providers/(.+)$", rtype, re.IGNORECASE)
    if not match or not isinstance(name, str):
        return rtype, name, None
    scope_type, ext_type = match.groups()
    parts = name.split("/")
    scope_depth = 0 if nested else scope_type.count("/")
    if len(parts) < scope_depth + 1:
        return rtype, name, None
    rest = parts[scope_depth:]
    if "." in rest[0] and len(rest) > 1:  # the extension's namespace, written in the name
        if "." not in ext_type.split("/", 1)[0]:
            ext_type = f"{rest[0]}/{ext_type}"
        rest = rest[1:]
    return ext_type, "/".join(rest), (scope_type, parts[:scope_depth])


def _format_call(raw: Any) -> tuple[str, tuple[ex.Node, ...]] | None:
    """``"[format('<literal>', a, b)]"`` -> (the literal, the argument nodes); None for anything else."""
    if not isinstance(raw, str) or not ex.is_expression(raw):
        return None
    try:
        node = ex.parse(raw[1:-1])
    except ex.ExprError:
        return None
    if node.kind != "call" or str(node.value).lower() != "format" or not node.args:
        return None
    template = node.args[0]
    if template.kind != "lit" or not isinstance(template.value, str):
        return None
    return template.value, node.args[1:]


def _parent_name_part(raw: Any, scope: ev.ArmScope) -> Any:
    """The parent's name in a child name written ``[format('{0}/{1}', parent, child)]`` (as Bicep compiles
    ``parent:``), even when the child's own part cannot be evaluated; None when it is not written so."""
    call = _format_call(raw)
    if call is None or call[0] != "{0}/{1}" or len(call[1]) != 2:
        return None
    value = scope.node(call[1][0], raw[1:-1])
    if value is ev.UNKNOWN or (isinstance(value, Expr) and value.symbol is None):
        return None
    return value


def _unresolved(resource: Resource, why: str) -> Resource:
    from dataclasses import replace

    return replace(resource, unresolved=why)


def _at(data: Any, path: jsonc.Path) -> Any:
    for part in path:
        if isinstance(data, Mapping):
            data = data.get(part)  # type: ignore[call-overload]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _parameter_values(doc: _Doc) -> dict[str, ev.Param]:
    out: dict[str, ev.Param] = {}
    params = doc.data.get("parameters") if isinstance(doc.data, Mapping) else None
    if not isinstance(params, Mapping):
        return out
    for name, entry in params.items():
        if isinstance(entry, Mapping) and "value" in entry:
            where = doc.line_of(("parameters", name, "value"))
            out[name] = ev.Param(entry["value"], f"parameter '{name}' from {where}")
        elif isinstance(entry, Mapping) and "reference" in entry:
            out[name] = ev.Param(
                Expr(text=f"Key Vault reference for '{name}'", inputs=(name,)),
                f"parameter '{name}' from {doc.line_of(('parameters', name))}",
            )
    return out


def load(entry: Path, opts: LoadOptions, params_file: Path | None = None) -> Unit:
    """Load one ARM template (and what it links) as a deployment unit."""
    unit = Unit(entry=rel(entry, opts.root), format="arm")
    unit.files.add(unit.entry)
    doc, problem = read_doc(entry, opts)
    if doc is None:
        if problem is not None:
            unit.findings.append(problem)
        return unit
    if not is_template(doc.data):
        return unit
    loader = _Loader(opts, unit)
    loader.stack.append(entry.resolve())
    given: dict[str, ev.Param] = {}
    if params_file is not None:
        pdoc, pproblem = read_doc(params_file, opts)
        if pdoc is None:
            if pproblem is not None:
                unit.findings.append(pproblem)
        elif is_parameters(pdoc.data) or isinstance(pdoc.data, Mapping):
            unit.files.add(pdoc.name)
            given = _parameter_values(pdoc)
    loader.validate(doc)
    schema = schema_of(doc.data)
    loader.ctx.target_scope = (
        "subscription" if "subscriptiondeploymenttemplate" in schema
        else "managementGroup" if "managementgroupdeploymenttemplate" in schema
        else "tenant" if "tenantdeploymenttemplate" in schema
        else "resourceGroup"
    )
    scope = loader.scope_for(doc, (), given, None)
    loader.template(doc, (), scope, "", None)
    return unit
