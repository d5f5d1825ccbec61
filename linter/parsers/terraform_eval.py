"""Terraform language: HCL syntax (native and JSON) and the expression evaluator.

``parse_hcl`` walks python-hcl2's Lark tree into a small expression tree
(``Node``) with the exact position of every attribute, block and object
element; ``parse_json`` does the same for ``.tf.json`` files. ``Evaluator``
computes values: literals, templates, operators, conditionals, ``for``
expressions, splats and the common functions. Names (``var.x``, ``local.y``,
resources, modules) are resolved by an ``Env`` supplied by the caller.

What cannot be known statically is an ``Expr``. A definite Terraform error
(attribute of null, index out of range...) raises ``EvalError``, which
``try()`` and ``can()`` catch; elsewhere it makes the value unknown.

The evaluator keeps a side table for containers built from object and tuple
literals: the span of each element (and where its value came from), so that a
front end can point a finding at ``publicNetworkAccess = ...`` inside a
``body = { ... }`` object even after ``merge`` or ``for`` filtering.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from linter.model import Expr, Span
from linter.parsers import evaluate, jsonc

MAX_ITEMS = 100_000
MAX_STRING = 1_000_000
MAX_STEPS = 1_000_000  # expression nodes evaluated per unit: a budget against pathological loops
MAX_REGEX_INPUT = 10_000

# --------------------------------------------------------------------------
# Syntax: expression nodes, attributes, blocks.


@dataclass(slots=True, eq=False)
class Node:
    """One expression. ``src[start:end]`` is its text as written."""

    kind: str
    src: str
    start: int
    end: int
    args: tuple[Any, ...] = ()
    value: Any = None
    spans: tuple[Span | None, ...] = ()  # object elements / tuple items, key start to value end

    @property
    def text(self) -> str:
        text = self.src[self.start : self.end]
        return " ".join(text.split()) if "\n" in text else text


@dataclass(slots=True, eq=False)
class Attribute:
    name: str
    node: Node
    span: Span  # name start to value end


@dataclass(slots=True, eq=False)
class Block:
    type: str
    labels: tuple[str, ...]
    attrs: dict[str, Attribute]
    blocks: list[Block]
    span: Span  # the whole block
    header: Span  # type and labels


@dataclass(slots=True, eq=False)
class Body:
    """A parsed file: top-level attributes (``.tfvars``) and blocks."""

    attrs: dict[str, Attribute] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, message)


def _lit(value: Any, src: str = "", start: int = 0, end: int = 0) -> Node:
    return Node("lit", src, start, end, value=value)


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def repl(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES.get(code, code)

    return _ESCAPE.sub(repl, text)


class _Converter:
    """Lark tree -> Node, for one source text."""

    def __init__(self, src: str, file: str) -> None:
        self.src = src
        self.file = file

    def span(self, meta: Any) -> Span:
        if meta.end_column == 1 and meta.end_line > meta.line:  # a heredoc ends with its line break
            end = meta.end_pos
            lines_back = 0
            while end > meta.start_pos and self.src[end - 1] in "\r\n":
                if self.src[end - 1] == "\n":
                    lines_back += 1
                end -= 1
            line_start = self.src.rfind("\n", 0, end) + 1
            return Span(self.file, meta.line, meta.column, meta.end_line - lines_back, end - line_start + 1)
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    def node(
        self, kind: str, t: Tree, args: tuple[Any, ...] = (), value: Any = None, spans: tuple[Span | None, ...] = ()
    ) -> Node:
        return Node(kind, self.src, t.meta.start_pos, t.meta.end_pos, args, value, spans)

    def body(self, t: Tree, out: Body) -> None:
        for child in t.children:
            if not isinstance(child, Tree):
                continue
            if child.data == "attribute":
                attr = self.attribute(child)
                out.attrs.setdefault(attr.name, attr)
            elif child.data == "block":
                out.blocks.append(self.block(child))

    def attribute(self, t: Tree) -> Attribute:
        name_tree = t.children[0]
        expr = next(c for c in reversed(t.children) if isinstance(c, Tree))
        return Attribute(_name_of(name_tree), self.expr(expr), self.span(t.meta))

    def block(self, t: Tree) -> Block:
        parts: list[str] = []
        header_end = None
        inner = Body()
        for child in t.children:
            if isinstance(child, Token):
                if child.type == "LBRACE":
                    break
                continue
            if child.data == "new_line_or_comment":
                continue
            if child.data == "string":
                parts.append(
                    "".join(
                        _unescape(str(p.children[0]))
                        for p in child.children
                        if isinstance(p, Tree) and p.children and isinstance(p.children[0], Token)
                    )
                )
            else:
                parts.append(_name_of(child))
            header_end = child.meta
        for child in t.children:
            if isinstance(child, Tree) and child.data == "body":
                self.body(child, inner)
        end = header_end or t.meta
        header = Span(self.file, t.meta.line, t.meta.column, end.end_line, end.end_column)
        return Block(parts[0] if parts else "", tuple(parts[1:]), inner.attrs, inner.blocks, self.span(t.meta), header)

    # -- expressions -------------------------------------------------------

    def expr(self, t: Any) -> Node:
        data = t.data
        method = getattr(self, "x_" + data, None)
        if method is None:
            raise ValueError(f"unsupported expression {data}")
        return method(t)

    def trees(self, t: Tree) -> list[Tree]:
        return [c for c in t.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]

    def x_expr_term(self, t: Tree) -> Node:
        first = t.children[0]
        kids = self.trees(t)
        if isinstance(first, Token) and first.type == "LPAR":
            return self.node("paren", t, (self.expr(kids[0]),))
        return self.expr(kids[0])

    def x_int_lit(self, t: Tree) -> Node:
        return self.node("lit", t, value=int(str(t.children[0])))

    def x_float_lit(self, t: Tree) -> Node:
        return self.node("lit", t, value=_num_out(float(str(t.children[0]))))

    def x_literal_value(self, t: Tree) -> Node:
        word = str(t.children[0])
        return self.node("lit", t, value={"true": True, "false": False, "null": None}[word])

    def x_identifier(self, t: Tree) -> Node:
        return self.node("name", t, value=str(t.children[0]))

    x_keyword = x_identifier

    def x_template_string(self, t: Tree) -> Node:
        raw = str(t.children[0])
        return self.node("lit", t, value=_unescape(raw[2:-2]))

    def x_string(self, t: Tree) -> Node:
        parts: list[Any] = []
        for part in t.children:
            if not isinstance(part, Tree):
                continue
            inner = part.children[0]
            if isinstance(inner, Token):
                if inner.type == "ESCAPED_INTERPOLATION" or inner.type == "ESCAPED_DIRECTIVE":
                    parts.append(str(inner)[1:])
                else:
                    parts.append(_unescape(str(inner)))
                continue
            kind = inner.data
            if kind == "interpolation":
                parts.append(self.expr(self.trees(inner)[0]))
            else:
                parts.append(self.directive(inner))
        return _template_node(parts, self.src, t.meta.start_pos, t.meta.end_pos)

    def directive(self, t: Tree) -> tuple[Any, ...]:
        tokens = [c for c in t.children if isinstance(c, Token)]
        strips = [tok for tok in tokens if tok.type == "STRIP_MARKER"]
        words = {tok.type for tok in tokens}
        first_strip = bool(strips) and tokens.index(strips[0]) == 1
        last_strip = bool(strips) and tokens.index(strips[-1]) == len(tokens) - 2
        kids = self.trees(t)
        if t.data == "template_if_start":
            return ("if", self.expr(kids[-1]), first_strip, last_strip)
        if t.data == "template_for_start":
            names = [str(k.children[0]) for k in kids if k.data == "identifier"]
            coll = self.expr(kids[-1])
            key, val = (names[0], names[1]) if len(names) == 2 else (None, names[0])
            return ("for", key, val, coll, first_strip, last_strip)
        word = "else" if "ELSE" in words else ("endif" if "ENDIF" in words else "endfor")
        return (word, None, first_strip, last_strip)

    def x_heredoc_template(self, t: Tree) -> Node:
        raw = str(t.children[0])
        lines = raw.split("\n")
        body_lines = lines[1:-2]  # marker line, ..., closing marker line, "" after the final newline
        body = "".join(line.rstrip("\r") + "\n" for line in body_lines)
        return self._template_text(t, body)

    def x_heredoc_template_trim(self, t: Tree) -> Node:
        raw = str(t.children[0])
        lines = [line.rstrip("\r") for line in raw.split("\n")[1:-2]]
        indents = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(indents) if indents else 0
        body = "".join(line[cut:] + "\n" for line in lines)
        return self._template_text(t, body)

    def _template_text(self, t: Tree, body: str) -> Node:
        parts = parse_template_parts(body)
        node = _template_node(parts, self.src, t.meta.start_pos, t.meta.end_pos)
        return node

    def x_tuple(self, t: Tree) -> Node:
        items = self.trees(t)
        return self.node("tuple", t, tuple(self.expr(i) for i in items), spans=tuple(self.span(i.meta) for i in items))

    def x_object(self, t: Tree) -> Node:
        pairs = []
        spans = []
        for elem in self.trees(t):
            kids = self.trees(elem)
            key_tree, value_tree = kids[0], kids[-1]
            pairs.append((self.object_key(key_tree), self.expr(value_tree)))
            spans.append(self.span(elem.meta))
        return self.node("object", t, tuple(pairs), spans=tuple(spans))

    def object_key(self, t: Tree) -> Node:
        inner = self.trees(t)[0]
        if inner.data == "keyword":
            return self.node("lit", inner, value=str(inner.children[0]))
        node = self.expr(inner)
        if node.kind == "name":
            return Node("lit", node.src, node.start, node.end, value=node.value)
        return node

    def x_function_call(self, t: Tree) -> Node:
        names = [str(c.children[0]) for c in t.children if isinstance(c, Tree) and c.data == "identifier"]
        args_tree = next((c for c in t.children if isinstance(c, Tree) and c.data == "arguments"), None)
        args: tuple[Node, ...] = ()
        expand = False
        if args_tree is not None:
            args = tuple(self.expr(a) for a in self.trees(args_tree))
            expand = any(isinstance(c, Token) and c.type == "ELLIPSIS" for c in args_tree.children)
        return self.node("call", t, args, value=("::".join(names), expand))

    def x_index_expr_term(self, t: Tree) -> Node:
        base, index = self.trees(t)
        return self.node("index", t, (self.expr(base), self.index_key(index)))

    def index_key(self, t: Tree) -> Node:
        if t.data == "short_index":
            tok = next(c for c in t.children if isinstance(c, Token) and c.type == "INT_LITERAL")
            return Node("lit", self.src, tok.start_pos or 0, tok.end_pos or 0, value=int(str(tok)))
        return self.expr(self.trees(t)[0])

    def x_get_attr_expr_term(self, t: Tree) -> Node:
        base, get_attr = self.trees(t)
        return self.node("getattr", t, (self.expr(base),), value=_name_of(self.trees(get_attr)[0]))

    def x_attr_splat_expr_term(self, t: Tree) -> Node:
        return self._splat(t)

    x_full_splat_expr_term = x_attr_splat_expr_term

    def _splat(self, t: Tree) -> Node:
        base, splat = self.trees(t)
        ops = []
        for op in self.trees(splat):
            if op.data == "get_attr":
                ops.append(("attr", _name_of(self.trees(op)[0])))
            else:
                ops.append(("index", self.index_key(op)))
        return self.node("splat", t, (self.expr(base),), value=tuple(ops))

    def x_conditional(self, t: Tree) -> Node:
        cond, a, b = self.trees(t)
        return self.node("cond", t, (self.expr(cond), self.expr(a), self.expr(b)))

    def x_binary_op(self, t: Tree) -> Node:
        left, term = self.trees(t)[:2]
        op_tree, right = self.trees(term)[:2]
        op = str(op_tree.children[0]).strip()
        return self.node("binop", t, (self.expr(left), self.expr(right)), value=op)

    def x_unary_op(self, t: Tree) -> Node:
        op = str(t.children[0]).strip()
        return self.node("unop", t, (self.expr(self.trees(t)[0]),), value=op)

    def x_for_tuple_expr(self, t: Tree) -> Node:
        return self._for(t, False)

    def x_for_object_expr(self, t: Tree) -> Node:
        return self._for(t, True)

    def _for(self, t: Tree, is_object: bool) -> Node:
        kids = self.trees(t)
        intro = kids[0]
        intro_kids = self.trees(intro)
        names = [str(k.children[0]) for k in intro_kids[:-1] if k.data == "identifier"]
        coll = self.expr(intro_kids[-1])
        key_var, val_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
        cond = None
        rest = kids[1:]
        if rest and rest[-1].data == "for_cond":
            cond = self.expr(self.trees(rest[-1])[0])
            rest = rest[:-1]
        grouping = any(isinstance(c, Token) and c.type == "ELLIPSIS" for c in t.children)
        if is_object:
            key_expr, val_expr = self.expr(rest[0]), self.expr(rest[1])
        else:
            key_expr, val_expr = None, self.expr(rest[0])
        return self.node("for", t, (coll, key_expr, val_expr, cond), value=(key_var, val_var, is_object, grouping))


def _name_of(t: Any) -> str:
    if isinstance(t, Token):
        return str(t)
    if t.data == "string":
        return "".join(
            _unescape(str(p.children[0]))
            for p in t.children
            if isinstance(p, Tree) and p.children and isinstance(p.children[0], Token)
        )
    return str(t.children[0])


def _template_node(parts: list[Any], src: str, start: int, end: int) -> Node:
    parts = _apply_strip_markers(parts)
    if all(isinstance(p, str) for p in parts):
        return Node("lit", src, start, end, value="".join(parts))
    return Node("tmpl", src, start, end, tuple(parts))


def _apply_strip_markers(parts: list[Any]) -> list[Any]:
    out = list(parts)
    for i, part in enumerate(out):
        if isinstance(part, tuple):
            strip_left, strip_right = part[-2], part[-1]
            if strip_left and i > 0 and isinstance(out[i - 1], str):
                out[i - 1] = out[i - 1].rstrip()
            if strip_right and i + 1 < len(out) and isinstance(out[i + 1], str):
                out[i + 1] = out[i + 1].lstrip()
    return [p for p in out if p != ""]


# -- templates in heredocs and JSON strings ---------------------------------


def _match_brace(text: str, pos: int) -> int:
    """Index just after the ``}`` closing the ``${``/``%{`` whose content starts at ``pos``; -1 if none."""
    depth = 1
    i = pos
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                if text[i] == "\\":
                    i += 2
                    continue
                if text[i] in "$%" and text.startswith("{", i + 1):
                    j = _match_brace(text, i + 2)
                    if j < 0:
                        return -1
                    i = j
                    continue
                i += 1
            i += 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


class TemplateError(ValueError):
    pass


def parse_template_parts(text: str) -> list[Any]:
    """Split a template (heredoc body or JSON string) into literal strings, expressions and directives."""
    parts: list[Any] = []
    buf: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        if text.startswith("$${", i) or text.startswith("%%{", i):
            buf.append(text[i + 1 : i + 3])
            i += 3
            continue
        if text.startswith("${", i) or text.startswith("%{", i):
            end = _match_brace(text, i + 2)
            if end < 0:
                raise TemplateError(f"unterminated template sequence {text[i : i + 2]!r}")
            content = text[i + 2 : end - 1]
            strip_left = content.startswith("~")
            strip_right = content.endswith("~")
            content = content[1 if strip_left else 0 : len(content) - 1 if strip_right else len(content)]
            if buf:
                parts.append("".join(buf))
                buf = []
            if text[i] == "$":
                parts.append(parse_expression(content))
            else:
                parts.append(_parse_directive(content.strip(), strip_left, strip_right))
            i = end
            continue
        buf.append(text[i])
        i += 1
    if buf:
        parts.append("".join(buf))
    return parts


def _parse_directive(content: str, strip_left: bool, strip_right: bool) -> tuple[Any, ...]:
    word = content.split(None, 1)[0] if content else ""
    rest = content[len(word) :].strip()
    if word == "if":
        return ("if", parse_expression(rest), strip_left, strip_right)
    if word in ("else", "endif", "endfor"):
        return (word, None, strip_left, strip_right)
    if word == "for":
        match = re.match(r"([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*))?\s+in\s+(.*)$", rest, re.DOTALL)
        if match is None:
            raise TemplateError(f"malformed for directive {content!r}")
        first, second, coll = match.groups()
        key, val = (first, second) if second else (None, first)
        return ("for", key, val, parse_expression(coll), strip_left, strip_right)
    raise TemplateError(f"unknown template directive {word!r}")


@functools.lru_cache(maxsize=8192)
def parse_expression(text: str) -> Node:
    """Parse one expression given as text (inside ``${}``, a JSON-syntax string, a type string)."""
    from hcl2.api import parses_to_tree

    src = f"x = (\n{text}\n)"
    try:
        tree = parses_to_tree(src)
    except UnexpectedInput as error:
        raise TemplateError(f"invalid expression {text.strip()[:60]!r}") from error
    attribute = next(c for c in tree.children[0].children if isinstance(c, Tree) and c.data == "attribute")
    node = _Converter(src, "").attribute(attribute).node
    return node.args[0] if node.kind == "paren" else node


# -- files ------------------------------------------------------------------


_TOP_BLOCK = re.compile(r"^[A-Za-z_][\w-]*(?:[ \t]+(?:\"[^\"\n]*\"|[A-Za-z_][\w-]*))*[ \t]*\{", re.MULTILINE)
_TOP_ATTR = re.compile(r"^[A-Za-z_][\w-]*[ \t]*=", re.MULTILINE)


def _describe_error(error: UnexpectedInput) -> str:
    if isinstance(error, UnexpectedCharacters):
        return f"unexpected character {error.char!r}"
    if isinstance(error, (UnexpectedToken, UnexpectedEOF)):
        token = getattr(error, "token", None)
        expected = set(getattr(error, "expected", ()) or ())
        if token is None or token.type == "$END":
            found = "end of file"
        else:
            value = str(token)
            stripped = value.strip()
            found = "line break" if not stripped or value[:1] in "\r\n" else repr(stripped.split()[0][:30])
        want = _expected_words(expected)
        return f"unexpected {found}" + (f", expected {want}" if want else "")
    return "syntax error"


def _expected_words(expected: set[str]) -> str:
    if {"INT_LITERAL", "NAME", "DBLQUOTE"} <= expected:
        return "an expression"
    words = {
        "RBRACE": "'}'",
        "RSQB": "']'",
        "RPAR": "')'",
        "EQ": "'='",
        "LBRACE": "'{'",
        "COMMA": "','",
        "DBLQUOTE": "'\"'",
        "COLON": "':'",
        "NL_OR_COMMENT": "a line break",
        "NAME": "a name",
    }
    names = sorted(words[e] for e in expected if e in words and e != "NL_OR_COMMENT")
    if not names and "NL_OR_COMMENT" in expected:
        names = ["a line break"]
    return " or ".join(names[:4])


def _error_position(error: UnexpectedInput, text: str) -> tuple[int, int]:
    line = getattr(error, "line", None) or 1
    column = getattr(error, "column", None) or 1
    lines = text.split("\n")
    if line > len(lines) or (line == len(lines) and not lines[-1] and line > 1):
        line = max(1, len(lines) - (0 if lines[-1] else 1))
        column = len(lines[line - 1]) + 1
    return line, column


@functools.lru_cache(maxsize=512)
def parse_hcl(text: str, file: str) -> Body:
    """Parse a ``.tf``/``.tfvars`` file. A syntax error is recorded, and the other top-level blocks still parse."""
    from hcl2.api import parses_to_tree

    try:
        tree = parses_to_tree(text)
    except UnexpectedInput as error:
        return _recover(text, file, error)
    out = Body()
    _Converter(text + "\n", file).body(tree.children[0], out)
    return out


def _recover(text: str, file: str, first: UnexpectedInput) -> Body:
    """Parse block by block: every top-level block outside the broken one still counts."""
    from hcl2.api import parses_to_tree

    out = Body()
    starts = sorted({m.start() for m in _TOP_BLOCK.finditer(text)} | {m.start() for m in _TOP_ATTR.finditer(text)})
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
    reported = False
    for begin, end in bounds:
        chunk = text[begin:end]
        if not chunk.strip():
            continue
        padded = re.sub(r"[^\n]", " ", text[:begin]) + chunk
        try:
            tree = parses_to_tree(padded)
        except UnexpectedInput as error:
            token = getattr(error, "token", None)
            if token is not None and token.type == "$END" and "RBRACE" in (getattr(error, "expected", None) or ()):
                line = text.count("\n", 0, begin) + 1
                out.errors.append((line, 1, "block is not closed: expected '}'"))
            else:
                line, column = _error_position(error, padded)
                out.errors.append((line, column, _describe_error(error)))
            reported = True
            continue
        _Converter(padded + "\n", file).body(tree.children[0], out)
    if not reported:
        line, column = _error_position(first, text)
        out.errors.append((line, column, _describe_error(first)))
    return out


# JSON syntax ----------------------------------------------------------------

_JSON_BLOCKS_TWO_LABELS = ("resource", "data")
_JSON_BLOCKS_ONE_LABEL = ("module", "variable", "output", "provider")
_JSON_NESTED_BLOCKS = ("lifecycle", "provisioner", "connection")


class _JsonConverter:
    def __init__(self, text: str, file: str, positions: dict[Any, tuple[int, int, int]]) -> None:
        self.text = text
        self.file = file
        self.positions = positions
        self.lines = jsonc.Lines(text)

    def span(self, path: tuple[Any, ...], with_key: bool = True) -> Span:
        key, start, end = self.positions.get(path, (0, 0, 0))
        begin = key if with_key else start
        line, column = self.lines.position(begin)
        end_line, end_column = self.lines.position(end)
        return Span(self.file, line, column, end_line, end_column)

    def expr(self, value: Any, path: tuple[Any, ...], mode: str = "template") -> Node:
        _, start, end = self.positions.get(path, (0, 0, 0))
        if isinstance(value, str):
            if mode == "expression":
                inner = value[2:-1] if value.startswith("${") and value.endswith("}") else value
                return parse_expression(inner)
            if "${" in value or "%{" in value:
                parts = parse_template_parts(value)
                node = _template_node(parts, value, 0, len(value))
                if node.kind == "tmpl" and len(node.args) == 1 and isinstance(node.args[0], Node):
                    return node.args[0]
                return node
            return Node("lit", self.text, start, end, value=value)
        if isinstance(value, dict):
            pairs = []
            spans = []
            for key, item in value.items():
                if key == "//":
                    continue
                pairs.append((Node("lit", self.text, start, start, value=key), self.expr(item, (*path, key))))
                spans.append(self.span((*path, key)))
            return Node("object", self.text, start, end, tuple(pairs), spans=tuple(spans))
        if isinstance(value, list):
            items = tuple(self.expr(item, (*path, i)) for i, item in enumerate(value))
            return Node(
                "tuple", self.text, start, end, items, spans=tuple(self.span((*path, i)) for i in range(len(value)))
            )
        return Node("lit", self.text, start, end, value=value)

    def body(self, value: Any, path: tuple[Any, ...], block_type: str) -> tuple[dict[str, Attribute], list[Block]]:
        attrs: dict[str, Attribute] = {}
        blocks: list[Block] = []
        if not isinstance(value, dict):
            return attrs, blocks
        for key, item in value.items():
            here = (*path, key)
            if key == "//":
                continue
            if key == "dynamic" and block_type in ("resource", "data", "nested"):
                for name, spec, spec_path in self.labelled(item, here):
                    blocks.append(self.dynamic(name, spec, spec_path))
                continue
            if key in _JSON_NESTED_BLOCKS and block_type in ("resource", "data"):
                continue
            mode = "template"
            if key == "depends_on" or (key == "type" and block_type == "variable"):
                mode = "expression"
            if key == "depends_on" and isinstance(item, list):
                node = Node(
                    "tuple", self.text, 0, 0, tuple(self.expr(v, (*here, i), "expression") for i, v in enumerate(item))
                )
            else:
                node = self.expr(item, here, mode)
            attrs[key] = Attribute(key, node, self.span(here))
        return attrs, blocks

    def labelled(self, value: Any, path: tuple[Any, ...]) -> Iterable[tuple[str, Any, tuple[Any, ...]]]:
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            base = (*path, i) if isinstance(value, list) else path
            if isinstance(entry, dict):
                for name, spec in entry.items():
                    yield name, spec, (*base, name)

    def dynamic(self, name: str, spec: Any, path: tuple[Any, ...]) -> Block:
        specs = spec if isinstance(spec, list) else [spec]
        first = specs[0] if specs and isinstance(specs[0], dict) else {}
        first_path = (*path, 0) if isinstance(spec, list) else path
        attrs: dict[str, Attribute] = {}
        blocks: list[Block] = []
        for key, item in first.items():
            if key == "content":
                inner_attrs, inner_blocks = self.body(item, (*first_path, key), "nested")
                span = self.span((*first_path, key))
                blocks.append(Block("content", (), inner_attrs, inner_blocks, span, span))
            elif key != "//":
                attrs[key] = Attribute(key, self.expr(item, (*first_path, key)), self.span((*first_path, key)))
        span = self.span(path)
        return Block("dynamic", (name,), attrs, blocks, span, span)

    def convert(self, data: Any) -> Body:
        out = Body()
        if not isinstance(data, dict):
            out.errors.append((1, 1, "a Terraform JSON file must be an object"))
            return out
        for kind, value in data.items():
            here: tuple[Any, ...] = (kind,)
            if kind in _JSON_BLOCKS_TWO_LABELS:
                for type_, names, type_path in self.labelled(value, here):
                    for name, spec, spec_path in self.labelled(names, type_path):
                        self.add_block(out, kind, (type_, name), spec, spec_path)
            elif kind in _JSON_BLOCKS_ONE_LABEL:
                for name, spec, spec_path in self.labelled(value, here):
                    self.add_block(out, kind, (name,), spec, spec_path)
            elif kind == "locals":
                entries = value if isinstance(value, list) else [value]
                for i, entry in enumerate(entries):
                    self.add_block(out, kind, (), entry, (*here, i) if isinstance(value, list) else here)
        return out

    def add_block(self, out: Body, kind: str, labels: tuple[str, ...], spec: Any, path: tuple[Any, ...]) -> None:
        specs = spec if isinstance(spec, list) else [spec]
        for i, one in enumerate(specs):
            one_path = (*path, i) if isinstance(spec, list) else path
            attrs, blocks = self.body(one, one_path, kind if kind != "locals" else "locals")
            span = self.span(one_path)
            header = self.span(path)
            header = Span(
                header.file,
                header.line,
                header.column,
                header.line,
                header.column + len(json.dumps(labels[-1] if labels else kind)),
            )
            out.blocks.append(Block(kind, labels, attrs, blocks, span, header))


@functools.lru_cache(maxsize=128)
def parse_json(text: str, file: str) -> Body:
    try:
        data, positions = jsonc.loads(text)
    except jsonc.JsonError as error:
        line, column = jsonc.Lines(text).position(error.offset)
        return Body(errors=[(line, column, str(error))])
    try:
        return _JsonConverter(text, file, positions).convert(data)
    except TemplateError as error:
        return Body(errors=[(1, 1, str(error))])


# --------------------------------------------------------------------------
# Evaluation.


class EvalError(Exception):
    """A definite error in Terraform terms (``try``/``can`` catch it)."""


class _NeedKnown(Exception):
    """A function met an unknown value it needs."""


class Lazy:
    """An object whose attributes are computed on demand: a resource, data source or module instance."""

    __slots__ = ("address", "getter", "refs")

    def __init__(self, address: str, getter: Callable[[str, str], Any], refs: tuple[str, ...]) -> None:
        self.address = address
        self.getter = getter
        self.refs = refs

    def attr(self, name: str, text: str) -> Any:
        return self.getter(name, text)

    def as_expr(self, text: str) -> Expr:
        return Expr(text=text, refs=self.refs, symbol=self.address)

    def __repr__(self) -> str:
        return f"Lazy({self.address})"


class Env(Protocol):
    def resolve(self, name: str, chain: list[Node], ev: Evaluator) -> tuple[Any, int]:
        """Value of the root name ``name`` (consuming the first N traversal steps of ``chain``)."""
        ...


@dataclass
class Trace:
    """What an evaluation read: the origins of input values and the resources it mentioned."""

    origins: dict[str, None] = field(default_factory=dict)
    refs: dict[str, None] = field(default_factory=dict)


class State:
    """Shared by every evaluator of one load: side tables, traces, cycle guards."""

    def __init__(self) -> None:
        self.meta: dict[int, tuple[Any, dict[Any, tuple[Span | None, str | None]]]] = {}
        self.nullable: dict[int, Expr] = {}
        self.traces: list[Trace] = []
        self.busy: set[Any] = set()
        self.depth = 0
        self.steps = 0  # expression nodes evaluated: a budget against pathological loops
        self.nesting = 0

    # side table ------------------------------------------------------------

    def entries(self, container: Any) -> dict[Any, tuple[Span | None, str | None]] | None:
        found = self.meta.get(id(container))
        if found is None or found[0] is not container:
            return None
        return found[1]

    def record(self, container: Any, entries: dict[Any, tuple[Span | None, str | None]]) -> None:
        """Remember where the elements of a container built by the template were written."""
        self.meta[id(container)] = (container, entries)

    def carry(
        self, source: Any, source_key: Any, target: dict[Any, tuple[Span | None, str | None]], target_key: Any
    ) -> None:
        found = self.entries(source)
        if found is not None and source_key in found:
            target[target_key] = found[source_key]

    # traces ----------------------------------------------------------------

    def note_origin(self, origin: str) -> None:
        for trace in self.traces:
            trace.origins[origin] = None

    def note_ref(self, address: str) -> None:
        for trace in self.traces:
            trace.refs[address] = None

    def replay(self, trace: Trace) -> None:
        for outer in self.traces:
            outer.origins.update(trace.origins)
            outer.refs.update(trace.refs)

    def traced(self, fn: Callable[[], Any]) -> tuple[Any, Trace]:
        trace = Trace()
        self.traces.append(trace)
        try:
            value = fn()
        finally:
            self.traces.pop()
        self.replay(trace)
        return value, trace

    def origin_of(self, value: Any, trace: Trace) -> str | None:
        """Where a known value came from; a container built in the template has per-element origins instead."""
        if not trace.origins or isinstance(value, Expr):
            return None
        if isinstance(value, (dict, list)) and self.entries(value) is not None:
            return None
        return "; ".join(trace.origins)

    @contextmanager
    def untraced(self) -> Iterator[None]:
        """Evaluate without recording into the current traces (e.g. expanding ``count``)."""
        saved = self.traces
        self.traces = []
        try:
            yield
        finally:
            self.traces = saved

    # nullness --------------------------------------------------------------

    def mark_nullable(self, value: Any) -> Any:
        if isinstance(value, Expr):
            self.nullable[id(value)] = value
        return value

    def maybe_null(self, value: Expr) -> bool:
        """Whether an unknown value could be null (an unset variable, a conditional with a null branch...)."""
        if self.nullable.get(id(value)) is value:
            return True
        symbol = value.symbol or ""
        return symbol.startswith("var.") or ".var." in symbol


def unknown(text: str, args: Iterable[Any] = (), symbol: str | None = None) -> Expr:
    return evaluate.unknown(text, [_exprs_only(a) for a in args], symbol)


def _exprs_only(value: Any) -> Any:
    if isinstance(value, Lazy):
        return value.as_expr(value.address)
    if isinstance(value, Mapping):
        return [_exprs_only(v) for v in value.values()]
    if isinstance(value, (list, tuple)):
        return [_exprs_only(v) for v in value]
    return value


def plain(value: Any, text: str = "") -> Any:
    """Replace any ``Lazy`` inside ``value`` by an ``Expr`` (same containers when there is none)."""
    if isinstance(value, Lazy):
        return value.as_expr(text or value.address)
    if isinstance(value, dict):
        if any(isinstance(v, (Lazy, dict, list)) for v in value.values()):
            changed = {k: plain(v) for k, v in value.items()}
            if any(changed[k] is not value[k] for k in value):
                return changed
        return value
    if isinstance(value, list):
        if any(isinstance(v, (Lazy, dict, list)) for v in value):
            changed_list = [plain(v) for v in value]
            if any(a is not b for a, b in zip(changed_list, value, strict=True)):
                return changed_list
        return value
    return value


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "value"


def to_str(value: Any) -> str:
    """Terraform's string conversion of a primitive value."""
    if isinstance(value, Expr):
        raise _NeedKnown
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if value is None:
        raise EvalError("null value cannot be used as a string")
    raise EvalError(f"a {type_name(value)} value cannot be used as a string")


def to_num(value: Any) -> int | float:
    if isinstance(value, Expr):
        raise _NeedKnown
    if isinstance(value, bool):
        raise EvalError("a bool cannot be used as a number")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise EvalError(f"{value!r} is not a number") from None
        return int(number) if number.is_integer() and re.fullmatch(r"-?\d+", value.strip()) else number
    raise EvalError(f"a {type_name(value)} value cannot be used as a number")


def to_bool(value: Any) -> bool:
    if isinstance(value, Expr):
        raise _NeedKnown
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise EvalError(f"a {type_name(value)} value cannot be used as a bool")


def _num_out(value: float | int) -> int | float:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def _need_list(value: Any) -> list[Any]:
    if isinstance(value, Expr):
        raise _NeedKnown
    if isinstance(value, list):
        return value
    if value is None:
        raise EvalError("null value where a list is required")
    raise EvalError(f"a {type_name(value)} value where a list is required")


def _need_map(value: Any) -> dict[str, Any]:
    if isinstance(value, Expr):
        raise _NeedKnown
    if isinstance(value, dict):
        return value
    raise EvalError(f"a {type_name(value)} value where a map is required")


def _known_deep(value: Any) -> Any:
    if evaluate.contains_unknown(value):
        raise _NeedKnown
    return value


def equal(a: Any, b: Any, state: State | None = None) -> Any:
    """``a == b``: True, False, or ``evaluate.UNKNOWN``."""
    if isinstance(a, Expr) or isinstance(b, Expr):
        if isinstance(a, Expr) and isinstance(b, Expr):
            if a.symbol is not None and a == b:
                return True
            return evaluate.UNKNOWN
        other, expr = (b, a) if isinstance(a, Expr) else (a, b)
        if other is None and state is not None and not state.maybe_null(expr):
            return False
        return evaluate.UNKNOWN
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        if set(a) != set(b):
            return False
        results = [equal(a[k], b[k], state) for k in a]
    elif isinstance(a, list):
        if len(a) != len(b):
            return False
        results = [equal(x, y, state) for x, y in zip(a, b, strict=True)]
    else:
        return a == b
    if False in results:
        return False
    return evaluate.UNKNOWN if any(r is evaluate.UNKNOWN for r in results) else True


def _sort_key(value: Any) -> Any:
    return (0, value) if isinstance(value, (int, float)) and not isinstance(value, bool) else (1, str(value))


def to_set(values: list[Any]) -> list[Any]:
    """A set as Terraform iterates it: duplicates removed, strings and numbers in order."""
    out: list[Any] = []
    for value in values:
        if not any(equal(value, seen) is True for seen in out):
            out.append(value)
    if all(isinstance(v, str) for v in out):
        return sorted(out)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in out):
        return sorted(out)
    return out


class Evaluator:
    """Evaluates nodes against an environment and local bindings (count, each, for variables, iterators)."""

    __slots__ = ("bindings", "env", "state")

    def __init__(self, state: State, env: Env, bindings: Mapping[str, Any] | None = None) -> None:
        self.state = state
        self.env = env
        self.bindings: Mapping[str, Any] = bindings or {}

    def child(self, extra: Mapping[str, Any]) -> Evaluator:
        return Evaluator(self.state, self.env, {**self.bindings, **extra})

    # -- entry points ------------------------------------------------------

    def value(self, node: Node) -> Any:
        """Evaluate for use as an attribute value: errors and ``Lazy`` objects become ``Expr``."""
        return plain(self.keep(node), node.text)

    def keep(self, node: Node) -> Any:
        """Evaluate, keeping resource objects (``Lazy``) for further traversal; errors become unknown."""
        state = self.state
        if state.nesting == 0:
            state.steps = 0  # each top-level evaluation has its own budget
        state.nesting += 1
        try:
            return self.eval(node)
        except (EvalError, _NeedKnown, RecursionError):
            return unknown(node.text)
        finally:
            state.nesting -= 1

    def eval(self, node: Node) -> Any:
        state = self.state
        state.steps += 1
        if state.steps > MAX_STEPS:
            raise EvalError("too much to evaluate")
        method = _DISPATCH.get(node.kind)
        if method is None:
            raise EvalError(f"unsupported expression {node.kind}")
        return method(self, node)

    # -- nodes -------------------------------------------------------------

    def _lit(self, node: Node) -> Any:
        return node.value

    def _paren(self, node: Node) -> Any:
        return self.eval(node.args[0])

    def _name(self, node: Node) -> Any:
        return self._traversal(node)

    def _traversal(self, node: Node) -> Any:
        chain: list[Node] = []
        cur = node
        while cur.kind in ("getattr", "index"):
            chain.append(cur)
            cur = cur.args[0]
        chain.reverse()
        if cur.kind == "name":
            name = cur.value
            if name in self.bindings:
                value, used = self.bindings[name], 0
            else:
                value, used = self.env.resolve(name, chain, self)
        else:
            value, used = self.eval(cur), 0
        for step in chain[used:]:
            value = self.step(value, step)
        return value

    def step(self, value: Any, step: Node) -> Any:
        text = step.text
        if step.kind == "getattr":
            return self.get_attr(value, step.value, text)
        return self.get_index(value, self.eval(step.args[1]), text)

    def get_attr(self, value: Any, name: str, text: str) -> Any:
        if isinstance(value, Lazy):
            return value.attr(name, text)
        if isinstance(value, Expr):
            result = evaluate.member(value, name, text)
            if self.state.maybe_null(value):
                self.state.mark_nullable(result)
            return result
        if isinstance(value, dict):
            if name in value:
                return value[name]
            raise EvalError(f"object has no attribute {name!r}")
        if value is None:
            raise EvalError(f"attempt to get attribute {name!r} from a null value")
        raise EvalError(f"a {type_name(value)} value has no attribute {name!r}")

    def get_index(self, value: Any, key: Any, text: str) -> Any:
        if isinstance(key, Expr):
            return unknown(text, [value, key])
        if isinstance(value, Lazy):
            return value.attr(to_str(key), text)
        if isinstance(value, Expr):
            result = evaluate.index(value, key, text)
            if result is evaluate.UNKNOWN:
                return unknown(text, [value])
            return result
        if isinstance(value, list):
            try:
                i = to_num(key)
            except _NeedKnown:
                return unknown(text, [value, key])
            if not isinstance(i, int) or not 0 <= i < len(value):
                raise EvalError(f"index {key!r} out of range")
            return value[i]
        if isinstance(value, dict):
            k = to_str(key)
            if k in value:
                return value[k]
            raise EvalError(f"no element with key {k!r}")
        if value is None:
            raise EvalError("attempt to index a null value")
        raise EvalError(f"a {type_name(value)} value cannot be indexed")

    def _getattr(self, node: Node) -> Any:
        return self._traversal(node)

    def _index(self, node: Node) -> Any:
        return self._traversal(node)

    def _splat(self, node: Node) -> Any:
        base = self.eval(node.args[0])
        ops = node.value
        if isinstance(base, Expr):
            return unknown(node.text, [base])
        if base is None:
            return []
        items = base if isinstance(base, list) else [base]  # a splat over one object wraps it
        out = []
        for item in items:
            value = item
            for kind, payload in ops:
                if kind == "attr":
                    value = self.get_attr(value, payload, node.text)
                else:
                    value = self.get_index(value, self.eval(payload), node.text)
            out.append(value)
        return out

    def _tuple(self, node: Node) -> Any:
        out = []
        entries: dict[Any, tuple[Span | None, str | None]] = {}
        for i, item in enumerate(node.args):
            value, origin = self._traced_value(item)
            out.append(value)
            span = node.spans[i] if i < len(node.spans) else None
            if span is not None or origin is not None:
                entries[i] = (span, origin)
        self.state.record(out, entries)
        return out

    def _traced_value(self, node: Node) -> tuple[Any, str | None]:
        if node.kind == "lit":
            return node.value, None
        value, trace = self.state.traced(lambda: self.eval(node))
        return value, self.state.origin_of(value, trace)

    def _object(self, node: Node) -> Any:
        out: dict[str, Any] = {}
        entries: dict[Any, tuple[Span | None, str | None]] = {}
        for i, (key_node, value_node) in enumerate(node.args):
            key = self.eval(key_node)
            if isinstance(key, Expr):
                return unknown(node.text, [key])
            key = to_str(key)
            try:
                value, origin = self._traced_value(value_node)
            except EvalError:  # one member that cannot be evaluated leaves its siblings known
                value, origin = unknown(value_node.text), None
            out[key] = value
            span = node.spans[i] if i < len(node.spans) else None
            entries[key] = (span, origin)
        self.state.record(out, entries)
        return out

    def _cond(self, node: Node) -> Any:
        cond = self.eval(node.args[0])
        if cond is True or cond == "true":
            return self.eval(node.args[1])
        if cond is False or cond == "false":
            return self.eval(node.args[2])
        if not isinstance(cond, Expr):
            raise EvalError("condition is not a bool")
        branches = []
        for branch in node.args[1:]:
            try:
                branches.append(plain(self.eval(branch), branch.text))
            except EvalError:
                branches.append(unknown(branch.text))
        a, b = branches
        if equal(a, b, self.state) is True:
            return a
        result = unknown(node.text, [cond, a, b])
        if any(v is None or (isinstance(v, Expr) and self.state.maybe_null(v)) for v in (a, b)):
            self.state.mark_nullable(result)
        return result

    def _unop(self, node: Node) -> Any:
        value = self.eval(node.args[0])
        if isinstance(value, Expr):
            return unknown(node.text, [value])
        if node.value == "!":
            return not to_bool(value)
        return _num_out(-to_num(value))

    def _binop(self, node: Node) -> Any:
        op = node.value
        if op in ("&&", "||"):
            left = self.eval(node.args[0])
            if not isinstance(left, Expr):
                left = to_bool(left)
                if op == "&&" and left is False:
                    return False
                if op == "||" and left is True:
                    return True
            right = self.eval(node.args[1])
            if not isinstance(right, Expr):
                right = to_bool(right)
                if op == "&&" and right is False:
                    return False
                if op == "||" and right is True:
                    return True
            if isinstance(left, Expr) or isinstance(right, Expr):
                return unknown(node.text, [left, right])
            return right
        left = plain(self.eval(node.args[0]))
        right = plain(self.eval(node.args[1]))
        if op in ("==", "!="):
            result = equal(left, right, self.state)
            if result is evaluate.UNKNOWN:
                return unknown(node.text, [left, right])
            return result if op == "==" else not result
        if isinstance(left, Expr) or isinstance(right, Expr):
            return unknown(node.text, [left, right])
        a, b = to_num(left), to_num(right)
        if op == "+":
            return _num_out(a + b)
        if op == "-":
            return _num_out(a - b)
        if op == "*":
            return _num_out(a * b)
        if op == "/":
            if b == 0:
                raise EvalError("division by zero")
            return _num_out(a / b)
        if op == "%":
            if b == 0:
                raise EvalError("division by zero")
            return _num_out(math.fmod(a, b))
        if op == "<":
            return a < b
        if op == ">":
            return a > b
        if op == "<=":
            return a <= b
        if op == ">=":
            return a >= b
        raise EvalError(f"unknown operator {op}")

    def _for(self, node: Node) -> Any:
        coll_node, key_node, val_node, cond_node = node.args
        key_var, val_var, is_object, grouping = node.value
        coll = self.eval(coll_node)
        if isinstance(coll, (Expr, Lazy)):
            return unknown(node.text, [coll])
        if isinstance(coll, dict):
            pairs = [(k, coll[k]) for k in sorted(coll)]
        elif isinstance(coll, list):
            pairs = list(enumerate(coll))
        elif coll is None:
            raise EvalError("for expression over a null value")
        else:
            raise EvalError(f"for expression over a {type_name(coll)} value")
        if len(pairs) > MAX_ITEMS:
            return unknown(node.text, [coll])
        identity = val_node.kind == "name" and val_node.value == val_var
        out_list: list[Any] = []
        out_map: dict[str, Any] = {}
        entries: dict[Any, tuple[Span | None, str | None]] = {}
        for k, v in pairs:
            inner = self.child({val_var: v, **({key_var: k} if key_var else {})})
            if cond_node is not None:
                keep = inner.eval(cond_node)
                if keep is False:
                    continue
                if not isinstance(keep, (bool, Expr)):
                    keep = to_bool(keep)
            value = inner.eval(val_node)
            if is_object:
                key = inner.eval(key_node)
                if isinstance(key, Expr):
                    return unknown(node.text, [coll, key])
                key = to_str(key)
                if grouping:
                    out_map.setdefault(key, []).append(value)
                else:
                    out_map[key] = value
                    if identity:
                        self.state.carry(coll, k, entries, key)
            else:
                if identity:
                    self.state.carry(coll, k, entries, len(out_list))
                out_list.append(value)
        result: Any = out_map if is_object else out_list
        self.state.record(result, entries)
        return result

    def _tmpl(self, node: Node) -> Any:
        parts = node.args
        if len(parts) == 1 and isinstance(parts[0], Node):
            return self.eval(parts[0])
        pieces: list[Any] = []
        self._render(parts, 0, len(parts), pieces, node)
        if any(isinstance(p, Expr) for p in pieces):
            symbol = None
            if all(not isinstance(p, Expr) or p.symbol is not None for p in pieces):
                symbol = "concat(" + ",".join(evaluate.canonical(p) for p in pieces) + ")"
            return unknown(node.text, pieces, symbol)
        text = "".join(pieces)
        if len(text) > MAX_STRING:
            return unknown(node.text)
        return text

    def _render(self, parts: tuple[Any, ...], start: int, end: int, out: list[Any], node: Node) -> None:
        i = start
        while i < end:
            part = parts[i]
            if isinstance(part, str):
                out.append(part)
                i += 1
                continue
            if isinstance(part, Node):
                value = plain(self.eval(part), part.text)
                if isinstance(value, Expr):
                    out.append(value)
                else:
                    out.append(to_str(value))
                i += 1
                continue
            kind = part[0]
            if kind == "if":
                else_at, close = _directive_bounds(parts, i, "if")
                cond = self.eval(part[1])
                if isinstance(cond, Expr):
                    out.append(unknown(node.text, [cond]))
                elif to_bool(cond):
                    self._render(parts, i + 1, else_at if else_at is not None else close, out, node)
                elif else_at is not None:
                    self._render(parts, else_at + 1, close, out, node)
                i = close + 1
                continue
            if kind == "for":
                _, close = _directive_bounds(parts, i, "for")
                _, key_var, val_var, coll_node = part[:4]
                coll = self.eval(coll_node)
                if isinstance(coll, (Expr, Lazy)):
                    out.append(unknown(node.text, [coll]))
                else:
                    pairs = (
                        [(k, coll[k]) for k in sorted(coll)]
                        if isinstance(coll, dict)
                        else list(enumerate(_need_list(coll)))
                    )
                    for k, v in pairs:
                        inner = self.child({val_var: v, **({key_var: k} if key_var else {})})
                        inner._render(parts, i + 1, close, out, node)
                i = close + 1
                continue
            raise EvalError(f"unexpected template directive {kind}")

    def _call(self, node: Node) -> Any:
        name, expand = node.value
        lowered = name.lower()
        if lowered == "try":
            return self._try(node)
        if lowered == "can":
            return self._can(node)
        args = [self.eval(a) for a in node.args]
        if expand and args:
            last = args.pop()
            if isinstance(last, Expr):
                return unknown(node.text, [*args, last])
            args.extend(_need_list(last))
        args = [plain(a) for a in args]
        fn = FUNCTIONS.get(lowered)
        if fn is None:
            return unknown(node.text, args)
        try:
            result = fn(self.state, *args)
        except _NeedKnown:
            result = unknown(node.text, args)
            if lowered in _NULLABLE_RESULTS:
                self.state.mark_nullable(result)
            return result
        except EvalError:
            raise
        except (
            TypeError,
            ValueError,
            KeyError,
            IndexError,
            AttributeError,
            ZeroDivisionError,
            OverflowError,
            UnicodeError,
            re.error,
            RecursionError,
        ) as error:
            raise EvalError(f"{name}(): {error}") from None
        if result is evaluate.UNKNOWN:
            return unknown(node.text, args)
        if isinstance(result, (str, list)) and len(result) > MAX_STRING:
            return unknown(node.text, args)
        return result

    def _try(self, node: Node) -> Any:
        for arg in node.args:
            try:
                value = plain(self.eval(arg), arg.text)
            except EvalError:
                continue
            if isinstance(value, Expr) and self.state.maybe_null(value):
                return self.state.mark_nullable(unknown(node.text, [value]))
            return value
        raise EvalError("no argument of try() could be evaluated")

    def _can(self, node: Node) -> Any:
        if not node.args:
            raise EvalError("can() needs an argument")
        try:
            value = plain(self.eval(node.args[0]))
        except EvalError:
            return False
        if isinstance(value, Expr):
            return unknown(node.text, [value])
        return True


def _directive_bounds(parts: tuple[Any, ...], at: int, kind: str) -> tuple[int | None, int]:
    depth = 0
    else_at = None
    closer = "endif" if kind == "if" else "endfor"
    for j in range(at + 1, len(parts)):
        part = parts[j]
        if not isinstance(part, tuple):
            continue
        if part[0] in ("if", "for"):
            depth += 1
        elif part[0] in ("endif", "endfor"):
            if depth == 0 and part[0] == closer:
                return else_at, j
            depth -= 1
        elif part[0] == "else" and depth == 0:
            else_at = j
    raise EvalError(f"unterminated %{{{kind}}} directive")


_DISPATCH: dict[str, Callable[[Evaluator, Node], Any]] = {
    "lit": Evaluator._lit,
    "paren": Evaluator._paren,
    "name": Evaluator._name,
    "getattr": Evaluator._getattr,
    "index": Evaluator._index,
    "splat": Evaluator._splat,
    "tuple": Evaluator._tuple,
    "object": Evaluator._object,
    "cond": Evaluator._cond,
    "unop": Evaluator._unop,
    "binop": Evaluator._binop,
    "for": Evaluator._for,
    "tmpl": Evaluator._tmpl,
    "call": Evaluator._call,
}

# --------------------------------------------------------------------------
# Functions. Each takes the State and evaluated arguments; raises _NeedKnown for an unknown it needs.

_NULLABLE_RESULTS = frozenset({"lookup", "one", "element", "try"})


def _s(v: Any) -> str:
    return to_str(v)


def _fn_format(state: State, fmt: Any, *args: Any) -> str:
    fmt = _s(fmt)
    out: list[str] = []
    arg_i = 0
    pos = 0
    for match in re.finditer(r"%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])", fmt):
        out.append(fmt[pos : match.start()])
        pos = match.end()
        flags, width, precision, verb = match.groups()
        if verb == "%":
            out.append("%")
            continue
        if arg_i >= len(args):
            raise EvalError("format(): not enough arguments")
        value = args[arg_i]
        arg_i += 1
        if isinstance(value, Expr) or evaluate.contains_unknown(value):
            raise _NeedKnown
        if verb in "sv":
            piece = json.dumps(value, separators=(",", ":")) if isinstance(value, (dict, list)) else _s(value)
            if precision is not None:
                piece = piece[: int(precision)]
        elif verb == "q":
            piece = json.dumps(_s(value))
        elif verb == "t":
            piece = "true" if to_bool(value) else "false"
        elif verb == "d":
            piece = str(int(to_num(value)))
        elif verb in "fFeEgG":
            digits = precision if precision is not None else ("6" if verb in "fFeE" else "")
            piece = format(float(to_num(value)), f".{digits}{verb}" if digits else verb)
        elif verb in "xXob":
            piece = format(int(to_num(value)), verb)
        else:
            raise EvalError(f"format(): unsupported verb %{verb}")
        if width:
            w = int(width)
            if w > MAX_STRING:
                raise _NeedKnown
            if "-" in flags:
                piece = piece.ljust(w)
            elif "0" in flags and verb not in "sqv":
                piece = piece.rjust(w, "0")
            else:
                piece = piece.rjust(w)
        if "+" in flags and verb in "dfeg" and not piece.startswith("-"):
            piece = "+" + piece
        out.append(piece)
    out.append(fmt[pos:])
    return "".join(out)


def _fn_formatlist(state: State, fmt: Any, *args: Any) -> list[str]:
    lengths = {len(_need_list(a)) for a in args if isinstance(a, (list, Expr))}
    if len(lengths) > 1:
        raise EvalError("formatlist(): lists of different lengths")
    n = lengths.pop() if lengths else 1
    return [_fn_format(state, fmt, *[a[i] if isinstance(a, list) else a for a in args]) for i in range(n)]


def _fn_join(state: State, sep: Any, *lists: Any) -> str:
    sep = _s(sep)
    items = [x for lst in lists for x in _need_list(lst)]
    return sep.join(_s(x) for x in items)


def _fn_split(state: State, sep: Any, s: Any) -> list[str]:
    sep, s = _s(sep), _s(s)
    if sep == "":
        return list(s)
    return s.split(sep)


def _go_regex(pattern: str) -> re.Pattern[str]:
    pattern = re.sub(r"\(\?P?<([A-Za-z_]\w*)>", r"(?P<\1>", pattern)
    return re.compile(pattern)


def _fn_replace(state: State, s: Any, sub: Any, repl: Any) -> str:
    s, sub, repl = _s(s), _s(sub), _s(repl)
    if len(sub) >= 2 and sub.startswith("/") and sub.endswith("/"):
        pattern = _go_regex(sub[1:-1])
        s = _regex_subject(s)
        python_repl = re.sub(r"\$\{?(\w+)\}?", lambda m: f"\\g<{m.group(1)}>", repl.replace("\\", "\\\\"))
        return pattern.sub(python_repl, s)
    return s.replace(sub, repl)


def _fn_merge(state: State, *args: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    entries: dict[Any, tuple[Span | None, str | None]] = {}
    for arg in args:
        if arg is None:
            continue
        m = _need_map(arg)
        for key, value in m.items():
            out[key] = value
            entries.pop(key, None)
            state.carry(m, key, entries, key)
    state.record(out, entries)
    return out


def _fn_lookup(state: State, m: Any, key: Any, *default: Any) -> Any:
    if isinstance(m, Expr):
        raise _NeedKnown
    m = _need_map(m)
    key = _s(key)
    if key in m:
        return m[key]
    if default:
        return default[0]
    raise EvalError(f"lookup(): no key {key!r}")


def _fn_coalesce(state: State, *args: Any) -> Any:
    for arg in args:
        if isinstance(arg, Expr):
            if state.maybe_null(arg):
                raise _NeedKnown
            return arg
        if arg is not None and arg != "":
            return arg
    raise EvalError("coalesce(): no non-null argument")


def _fn_coalescelist(state: State, *args: Any) -> Any:
    for arg in args:
        if isinstance(arg, Expr):
            raise _NeedKnown
        if _need_list(arg):
            return arg
    raise EvalError("coalescelist(): all lists are empty")


def _fn_concat(state: State, *args: Any) -> list[Any]:
    out: list[Any] = []
    entries: dict[Any, tuple[Span | None, str | None]] = {}
    for arg in args:
        lst = _need_list(arg)
        for i, item in enumerate(lst):
            state.carry(lst, i, entries, len(out))
            out.append(item)
    state.record(out, entries)
    return out


def _fn_contains(state: State, coll: Any, value: Any) -> Any:
    items = _need_list(coll) if not isinstance(coll, dict) else list(coll.values())
    results = [equal(x, value, state) for x in items]
    if True in results:
        return True
    if any(r is evaluate.UNKNOWN for r in results):
        raise _NeedKnown
    return False


def _fn_length(state: State, value: Any) -> int:
    if isinstance(value, Expr):
        raise _NeedKnown
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise EvalError(f"length() of a {type_name(value)} value")


def _fn_keys(state: State, m: Any) -> list[str]:
    return sorted(_need_map(m))


def _fn_values(state: State, m: Any) -> list[Any]:
    m = _need_map(m)
    out = [m[k] for k in sorted(m)]
    entries: dict[Any, tuple[Span | None, str | None]] = {}
    for i, k in enumerate(sorted(m)):
        state.carry(m, k, entries, i)
    state.record(out, entries)
    return out


def _fn_toset(state: State, value: Any) -> Any:
    if isinstance(value, Expr) or value is None:
        return value
    lst = _need_list(value) if not isinstance(value, dict) else list(value.values())
    if evaluate.contains_unknown(lst) and any(isinstance(x, Expr) for x in lst):
        raise _NeedKnown
    return to_set(lst)


def _fn_tolist(state: State, value: Any) -> Any:
    if isinstance(value, Expr) or value is None:
        return value
    if isinstance(value, dict):
        raise EvalError("tolist() of an object")
    return _need_list(value)


def _fn_tomap(state: State, value: Any) -> Any:
    if isinstance(value, Expr) or value is None:
        return value
    return _need_map(value)


def _fn_tostring(state: State, value: Any) -> Any:
    if isinstance(value, Expr) or value is None:
        return value
    return _s(value)


def _fn_tonumber(state: State, value: Any) -> Any:
    if isinstance(value, Expr) or value is None:
        return value
    return to_num(value)


def _fn_tobool(state: State, value: Any) -> Any:
    if isinstance(value, Expr) or value is None:
        return value
    return to_bool(value)


def _json_text(value: Any) -> str:
    text = json.dumps(_known_deep(value), separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _fn_jsonencode(state: State, value: Any) -> str:
    return _json_text(value)


def _fn_jsondecode(state: State, text: Any) -> Any:
    try:
        return json.loads(_s(text))
    except json.JSONDecodeError as error:
        raise EvalError(f"jsondecode(): {error}") from None


def _fn_yamldecode(state: State, text: Any) -> Any:
    text = _s(text)
    if re.search(r"(^|[\s\[{,:-])[&*][^\s]", text):
        raise _NeedKnown  # anchors and aliases can expand without bound
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise EvalError(f"yamldecode(): {error}") from None
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        raise _NeedKnown from None


def _flatten(value: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in value:
        if isinstance(item, list):
            out.extend(_flatten(item))
        elif isinstance(item, Expr):
            raise _NeedKnown
        else:
            out.append(item)
    return out


def _fn_flatten(state: State, value: Any) -> list[Any]:
    return _flatten(_need_list(value))


def _fn_distinct(state: State, value: Any) -> list[Any]:
    out: list[Any] = []
    for item in _need_list(value):
        results = [equal(item, seen, state) for seen in out]
        if any(r is evaluate.UNKNOWN for r in results):
            raise _NeedKnown
        if True not in results:
            out.append(item)
    return out


def _fn_element(state: State, lst: Any, i: Any) -> Any:
    lst = _need_list(lst)
    n = int(to_num(i))
    if not lst:
        raise EvalError("element() of an empty list")
    return lst[n % len(lst)]


def _fn_index(state: State, lst: Any, value: Any) -> int:
    for i, item in enumerate(_need_list(lst)):
        result = equal(item, value, state)
        if result is True:
            return i
        if result is evaluate.UNKNOWN:
            raise _NeedKnown
    raise EvalError("index(): value not found")


def _fn_range(state: State, *args: Any) -> list[Any]:
    nums = [to_num(a) for a in args]
    if len(nums) == 1:
        start, stop, step = 0, nums[0], 1
    elif len(nums) == 2:
        start, stop, step = nums[0], nums[1], 1 if nums[1] >= nums[0] else -1
    else:
        start, stop, step = nums
    if step == 0:
        raise EvalError("range(): step is zero")
    count = math.ceil((stop - start) / step)
    if count > MAX_ITEMS:
        raise _NeedKnown
    return [_num_out(start + i * step) for i in range(max(count, 0))]


def _fn_zipmap(state: State, keys: Any, values: Any) -> dict[str, Any]:
    keys, values = _need_list(keys), _need_list(values)
    if len(keys) != len(values):
        raise EvalError("zipmap(): lists of different lengths")
    return {_s(k): v for k, v in zip(keys, values, strict=True)}


def _fn_substr(state: State, s: Any, offset: Any, length: Any) -> str:
    s = _s(s)
    start, n = int(to_num(offset)), int(to_num(length))
    if start < 0:
        start = max(len(s) + start, 0)
    if n < 0:
        return s[start:]
    return s[start : start + n]


def _regex_subject(s: Any) -> str:
    text = _s(s)
    if len(text) > MAX_REGEX_INPUT:
        raise _NeedKnown
    return text


def _fn_regex(state: State, pattern: Any, s: Any) -> Any:
    compiled = _go_regex(_s(pattern))
    match = compiled.search(_regex_subject(s))
    if match is None:
        raise EvalError("regex(): no match")
    return _regex_result(compiled, match)


def _regex_result(compiled: re.Pattern[str], match: re.Match[str]) -> Any:
    if compiled.groupindex:
        return {name: match.group(name) for name in compiled.groupindex}
    if compiled.groups:
        return list(match.groups())
    return match.group(0)


def _fn_regexall(state: State, pattern: Any, s: Any) -> list[Any]:
    compiled = _go_regex(_s(pattern))
    return [_regex_result(compiled, m) for m in compiled.finditer(_regex_subject(s))]


def _fn_one(state: State, value: Any) -> Any:
    if value is None:
        return None
    lst = _need_list(value) if not isinstance(value, dict) else list(value.values())
    if len(lst) > 1:
        raise EvalError("one(): more than one element")
    return lst[0] if lst else None


def _numbers(args: tuple[Any, ...]) -> list[int | float]:
    values = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
    return [to_num(v) for v in values]


def _fn_sum(state: State, value: Any) -> Any:
    nums = [to_num(v) for v in _need_list(value)]
    if not nums:
        raise EvalError("sum() of an empty list")
    return _num_out(sum(nums))


def _fn_compact(state: State, value: Any) -> list[Any]:
    out = []
    for item in _need_list(value):
        if isinstance(item, Expr):
            if state.maybe_null(item):
                raise _NeedKnown
            out.append(item)
        elif item is not None and item != "":
            out.append(_s(item))
    return out


def _fn_slice(state: State, lst: Any, start: Any, end: Any) -> list[Any]:
    lst = _need_list(lst)
    a, b = int(to_num(start)), int(to_num(end))
    if a < 0 or b > len(lst) or a > b:
        raise EvalError("slice(): index out of range")
    return lst[a:b]


def _fn_sort(state: State, value: Any) -> list[str]:
    return sorted(_s(v) for v in _need_list(value))


def _fn_setproduct(state: State, *sets: Any) -> list[Any]:
    lists = [_need_list(s) for s in sets]
    total = math.prod(len(lst) for lst in lists) if lists else 0
    if total > MAX_ITEMS:
        raise _NeedKnown
    out: list[list[Any]] = [[]]
    for lst in lists:
        out = [[*prefix, item] for prefix in out for item in lst]
    return out if lists else []


def _fn_setunion(state: State, *sets: Any) -> list[Any]:
    return to_set([x for s in sets for x in _need_list(_known_deep(s))])


def _fn_setintersection(state: State, first: Any, *rest: Any) -> list[Any]:
    items = _need_list(_known_deep(first))
    for other in rest:
        others = _need_list(_known_deep(other))
        items = [x for x in items if any(equal(x, y) is True for y in others)]
    return to_set(items)


def _fn_setsubtract(state: State, a: Any, b: Any) -> list[Any]:
    others = _need_list(_known_deep(b))
    return to_set([x for x in _need_list(_known_deep(a)) if not any(equal(x, y) is True for y in others)])


def _fn_chunklist(state: State, lst: Any, size: Any) -> list[Any]:
    lst = _need_list(lst)
    n = int(to_num(size))
    if n <= 0:
        return [lst]
    return [lst[i : i + n] for i in range(0, len(lst), n)]


def _fn_transpose(state: State, m: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in sorted(_need_map(m)):
        for value in _need_list(m[key]):
            out.setdefault(_s(value), []).append(key)
    return {k: sorted(v) for k, v in sorted(out.items())}


def _fn_alltrue(state: State, lst: Any) -> bool:
    values = _need_list(lst)
    if any(v is False or v == "false" for v in values):
        return False
    return all(to_bool(v) for v in values)


def _fn_anytrue(state: State, lst: Any) -> bool:
    values = _need_list(lst)
    if any(v is True or v == "true" for v in values):
        return True
    for v in values:
        to_bool(v)
    return False


def _fn_trim(state: State, s: Any, chars: Any) -> str:
    return _s(s).strip(_s(chars))


def _fn_title(state: State, s: Any) -> str:
    return re.sub(r"\b([a-z])", lambda m: m.group(1).upper(), _s(s))


def _fn_indent(state: State, n: Any, s: Any) -> str:
    width = int(to_num(n))
    if width > 1000:
        raise _NeedKnown
    pad = " " * width
    return _s(s).replace("\n", "\n" + pad)


def _fn_startswith(state: State, s: Any, prefix: Any) -> bool:
    return _s(s).startswith(_s(prefix))


def _fn_endswith(state: State, s: Any, suffix: Any) -> bool:
    return _s(s).endswith(_s(suffix))


def _fn_strcontains(state: State, s: Any, sub: Any) -> bool:
    return _s(sub) in _s(s)


def _fn_trimprefix(state: State, s: Any, prefix: Any) -> str:
    s, prefix = _s(s), _s(prefix)
    return s[len(prefix) :] if prefix and s.startswith(prefix) else s


def _fn_trimsuffix(state: State, s: Any, suffix: Any) -> str:
    s, suffix = _s(s), _s(suffix)
    return s[: -len(suffix)] if suffix and s.endswith(suffix) else s


def _fn_min(state: State, *args: Any) -> Any:
    nums = _numbers(args)
    if not nums:
        raise EvalError("min() of nothing")
    return min(nums)


def _fn_max(state: State, *args: Any) -> Any:
    nums = _numbers(args)
    if not nums:
        raise EvalError("max() of nothing")
    return max(nums)


def _fn_parseint(state: State, s: Any, base: Any) -> int:
    return int(_s(s), int(to_num(base)))


def _fn_identity(state: State, value: Any, *rest: Any) -> Any:
    return value


def _fn_unknown(state: State, *args: Any) -> Any:
    raise _NeedKnown


def _fn_hash(algorithm: str) -> Callable[..., str]:
    def fn(state: State, s: Any) -> str:
        return hashlib.new(algorithm, _s(s).encode("utf-8")).hexdigest()

    return fn


def _fn_base64decode(state: State, s: Any) -> str:
    return base64.b64decode(_s(s)).decode("utf-8")


def _fn_reverse(state: State, value: Any) -> Any:
    return list(reversed(_need_list(value)))


def _fn_matchkeys(state: State, values: Any, keys: Any, search: Any) -> list[Any]:
    values, keys, search = _need_list(values), _need_list(keys), _need_list(_known_deep(search))
    return [v for v, k in zip(values, _known_deep(keys), strict=False) if any(equal(k, s) is True for s in search)]


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "lower": lambda st, s: _s(s).lower(),
    "upper": lambda st, s: _s(s).upper(),
    "title": _fn_title,
    "format": _fn_format,
    "formatlist": _fn_formatlist,
    "join": _fn_join,
    "split": _fn_split,
    "replace": _fn_replace,
    "merge": _fn_merge,
    "lookup": _fn_lookup,
    "coalesce": _fn_coalesce,
    "coalescelist": _fn_coalescelist,
    "concat": _fn_concat,
    "contains": _fn_contains,
    "length": _fn_length,
    "keys": _fn_keys,
    "values": _fn_values,
    "toset": _fn_toset,
    "tolist": _fn_tolist,
    "tomap": _fn_tomap,
    "tostring": _fn_tostring,
    "tonumber": _fn_tonumber,
    "tobool": _fn_tobool,
    "jsonencode": _fn_jsonencode,
    "jsondecode": _fn_jsondecode,
    "yamldecode": _fn_yamldecode,
    "yamlencode": _fn_unknown,
    "flatten": _fn_flatten,
    "distinct": _fn_distinct,
    "element": _fn_element,
    "index": _fn_index,
    "range": _fn_range,
    "zipmap": _fn_zipmap,
    "startswith": _fn_startswith,
    "endswith": _fn_endswith,
    "strcontains": _fn_strcontains,
    "trimprefix": _fn_trimprefix,
    "trimsuffix": _fn_trimsuffix,
    "trimspace": lambda st, s: _s(s).strip(),
    "trim": _fn_trim,
    "chomp": lambda st, s: re.sub(r"[\r\n]+$", "", _s(s)),
    "indent": _fn_indent,
    "strrev": lambda st, s: _s(s)[::-1],
    "substr": _fn_substr,
    "regex": _fn_regex,
    "regexall": _fn_regexall,
    "one": _fn_one,
    "sum": _fn_sum,
    "min": _fn_min,
    "max": _fn_max,
    "abs": lambda st, n: abs(to_num(n)),
    "ceil": lambda st, n: math.ceil(to_num(n)),
    "floor": lambda st, n: math.floor(to_num(n)),
    "signum": lambda st, n: (to_num(n) > 0) - (to_num(n) < 0),
    "pow": lambda st, a, b: _num_out(to_num(a) ** to_num(b)),
    "log": lambda st, a, b: math.log(to_num(a), to_num(b)),
    "parseint": _fn_parseint,
    "compact": _fn_compact,
    "slice": _fn_slice,
    "reverse": _fn_reverse,
    "sort": _fn_sort,
    "setproduct": _fn_setproduct,
    "setunion": _fn_setunion,
    "setintersection": _fn_setintersection,
    "setsubtract": _fn_setsubtract,
    "chunklist": _fn_chunklist,
    "transpose": _fn_transpose,
    "matchkeys": _fn_matchkeys,
    "alltrue": _fn_alltrue,
    "anytrue": _fn_anytrue,
    "nonsensitive": _fn_identity,
    "sensitive": _fn_identity,
    "type": _fn_unknown,
    "base64encode": lambda st, s: base64.b64encode(_s(s).encode("utf-8")).decode("ascii"),
    "base64decode": _fn_base64decode,
    "urlencode": lambda st, s: urllib.parse.quote(_s(s), safe=""),
    "md5": _fn_hash("md5"),
    "sha1": _fn_hash("sha1"),
    "sha256": _fn_hash("sha256"),
    "sha512": _fn_hash("sha512"),
    "basename": lambda st, s: posixpath.basename(_s(s)),
    "dirname": lambda st, s: posixpath.dirname(_s(s)),
    # Not decidable statically (or deliberately not computed): the result stays unknown.
    "cidrsubnet": _fn_unknown,
    "cidrsubnets": _fn_unknown,
    "cidrhost": _fn_unknown,
    "cidrnetmask": _fn_unknown,
    "file": _fn_unknown,
    "filebase64": _fn_unknown,
    "fileexists": _fn_unknown,
    "fileset": _fn_unknown,
    "templatefile": _fn_unknown,
    "templatestring": _fn_unknown,
    "uuid": _fn_unknown,
    "uuidv5": _fn_unknown,
    "timestamp": _fn_unknown,
    "plantimestamp": _fn_unknown,
    "timeadd": _fn_unknown,
    "formatdate": _fn_unknown,
    "bcrypt": _fn_unknown,
    "abspath": _fn_unknown,
    "pathexpand": _fn_unknown,
}


# --------------------------------------------------------------------------
# Variable types: conversion applies optional() defaults, as Terraform does.


_MISSING: Any = object()


def parse_type(node: Node | None) -> Any:
    """A type constraint as data: "string", ("list", T), ("object", {name: (T, optional, default node)})."""
    if node is None:
        return "any"
    if node.kind == "name":
        return node.value if node.value in ("string", "number", "bool", "any") else "any"
    if node.kind == "lit" and isinstance(node.value, str):
        try:
            return parse_type(parse_expression(node.value))
        except TemplateError:
            return "any"
    if node.kind == "paren":
        return parse_type(node.args[0])
    if node.kind != "call":
        return "any"
    name = node.value[0]
    args = node.args
    if name in ("list", "set", "map") and args:
        return (name, parse_type(args[0]))
    if name == "tuple" and args and args[0].kind == "tuple":
        return ("tuple", tuple(parse_type(a) for a in args[0].args))
    if name == "object" and args and args[0].kind == "object":
        attrs: dict[str, tuple[Any, bool, Any]] = {}
        for key_node, value_node in args[0].args:
            key = key_node.value if key_node.kind == "lit" else None
            if not isinstance(key, str):
                continue
            if value_node.kind == "call" and value_node.value[0] == "optional" and value_node.args:
                default = value_node.args[1] if len(value_node.args) > 1 else None
                attrs[key] = (parse_type(value_node.args[0]), True, default)
            else:
                attrs[key] = (parse_type(value_node), False, None)
        return ("object", attrs)
    return "any"


def convert(value: Any, type_: Any, ev: Evaluator) -> Any:
    """Convert ``value`` to ``type_`` the way Terraform does for variables (best effort, never raises)."""
    if value is None or isinstance(value, (Expr, Lazy)) or type_ == "any":
        return value
    state = ev.state
    try:
        if type_ == "string":
            return to_str(value) if isinstance(value, (str, int, float, bool)) else value
        if type_ == "number":
            return to_num(value) if isinstance(value, str) else value
        if type_ == "bool":
            return to_bool(value) if isinstance(value, str) else value
    except (EvalError, _NeedKnown):
        return value
    kind = type_[0]
    if kind in ("list", "set") and isinstance(value, list):
        out = [convert(v, type_[1], ev) for v in value]
        entries: dict[Any, tuple[Span | None, str | None]] = {}
        for i in range(len(value)):
            state.carry(value, i, entries, i)
        if kind == "set" and not evaluate.contains_unknown(out):
            out = to_set(out)
            entries = {}
        state.record(out, entries)
        return out
    if kind == "tuple" and isinstance(value, list):
        out = [convert(v, t, ev) for v, t in zip(value, type_[1], strict=False)] + value[len(type_[1]) :]
        return _carry_all(state, value, out)
    if kind == "map" and isinstance(value, dict):
        return _carry_all(state, value, {k: convert(v, type_[1], ev) for k, v in value.items()})
    if kind == "object" and isinstance(value, dict):
        result: dict[str, Any] = {}
        entries = {}
        for name, (attr_type, optional, default_node) in type_[1].items():
            if name in value and value[name] is not None:
                result[name] = convert(value[name], attr_type, ev)
                state.carry(value, name, entries, name)
            elif optional and default_node is not None:
                result[name] = convert(ev.value(default_node), attr_type, ev)
            else:
                result[name] = None
                state.carry(value, name, entries, name)
        state.record(result, entries)
        return result
    return value


def _carry_all(state: State, source: Any, target: Any) -> Any:
    entries: dict[Any, tuple[Span | None, str | None]] = {}
    keys = source.keys() if isinstance(source, dict) else range(len(source))
    for key in keys:
        state.carry(source, key, entries, key)
    state.record(target, entries)
    return target
