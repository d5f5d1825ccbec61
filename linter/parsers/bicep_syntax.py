"""Bicep source text -> syntax tree: a regex lexer and a recursive-descent parser.

The lexer is one master regular expression; strings with ``${...}``
interpolation are split into pieces (``sl`` left, ``sm`` middle, ``sr``
right) around the tokens of the embedded expressions, the way the Bicep
compiler does it. Newlines are tokens: they separate declarations, object
properties and array items.

The parser covers the whole declaration language (``param``, ``var``,
``output``, ``resource``, ``module``, ``type``, ``func``, ``import``,
``extension``/``provider``, ``using``, ``metadata``, ``targetScope``,
``assert``, ``test``), decorators, ``for``/``if`` bodies, lambdas, spread,
safe dereference and the full operator table. Nothing is evaluated here.

A syntax error is recorded with its offset and a message saying what was
expected; parsing resumes at the next line that starts a declaration at
column 1, so one bad line does not hide the rest of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 200  # nesting of expressions; deeper input is a syntax error, not a crash

DECLARATION_KEYWORDS = frozenset(
    {
        "targetScope",
        "metadata",
        "param",
        "var",
        "output",
        "resource",
        "module",
        "type",
        "func",
        "import",
        "extension",
        "provider",
        "using",
        "extends",
        "assert",
        "test",
    }
)

Token = tuple[str, Any, int, int]  # (kind, value, start, end)

_MAIN = re.compile(
    r"""
    (?P<ws>[ \t\f\v\ufeff\u00a0]+)
  | (?P<nl>(?:\r\n|\n|\r)(?:[ \t\f\v\r\n\ufeff\u00a0]+|//[^\r\n]*|\#[^\r\n]*)*)
  | (?P<lc>//[^\r\n]*|\#[^\r\n]*)
  | (?P<bc>/\*)
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>[0-9]+(?:\.[0-9]+)?)
  | (?P<ml>\$*''')
  | (?P<sq>')
  | (?P<op>\.\.\.|\?\?|&&|\|\||==|!=|=~|!~|<=|>=|=>|::|[{}\[\]()<>,.:?!=+\-*/%@|&;])
    """,
    re.VERBOSE,
)
_STRING_BODY = re.compile(r"(?:[^'\\$\r\n]+|\\.|\$(?!\{))*")
_ESCAPE = re.compile(r"\\(u\{[0-9A-Fa-f]{1,6}\}|.)")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", "$": "$"}
_MULTILINE_END = re.compile(r"'''+")


class BicepSyntaxError(ValueError):
    """A syntax error at ``offset`` (0-based, into the source text)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# --------------------------------------------------------------------------
# Lexer


class _Frame:
    """An open ``${`` inside a string: braces seen since, and how the string continues."""

    __slots__ = ("depth", "dollars", "interp_at", "string_at")

    def __init__(self, dollars: int, interp_at: int, string_at: int) -> None:
        self.depth = 0
        self.dollars = dollars  # -1: single-line string; n >= 1: multi-line string with n dollar signs
        self.interp_at = interp_at
        self.string_at = string_at


def _decode(body: str, offset: int, errors: list[Token]) -> str:
    if "\\" not in body:
        return body

    def repl(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in _ESCAPES:
            return _ESCAPES[code]
        if code.startswith("u{"):
            point = int(code[2:-1], 16)
            if point <= 0x10FFFF:
                return chr(point)
        at = offset + match.start()
        errors.append(
            (
                "err",
                f"invalid escape sequence '\\{code}' (valid: \\\\ \\' \\n \\r \\t \\$ \\u{{...}})",
                at,
                at + len(match.group(0)),
            )
        )
        return code

    return _ESCAPE.sub(repl, body)


def tokenize(text: str) -> list[Token]:
    """The token list of ``text``, ending with an ``eof`` token; lexical errors are ``err`` tokens."""
    toks: list[Token] = []
    append = toks.append
    match = _MAIN.match
    stack: list[_Frame] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = match(text, pos)
        if m is None:
            append(("err", f"unexpected character {text[pos]!r}", pos, pos + 1))
            pos += 1
            continue
        kind = m.lastgroup
        end = m.end()
        if kind == "ws" or kind == "lc":
            pos = end
            continue
        if kind == "nl":
            if stack and stack[-1].dollars < 0 and stack[-1].depth == 0:  # a line break inside (...) is fine
                frame = stack[-1]
                line, col = _position(text, frame.interp_at)
                append(
                    (
                        "err",
                        f"expected '}}' to close the interpolation opened at {line}:{col}, found end of line",
                        pos,
                        pos,
                    )
                )
                while stack and stack[-1].dollars < 0:
                    stack.pop()
            append(("nl", None, pos, end))
        elif kind == "id":
            append(("id", m.group(), pos, end))
        elif kind == "op":
            value = m.group()
            if stack:
                frame = stack[-1]
                if value in "{([":
                    frame.depth += 1
                elif value == "}" and frame.depth == 0:
                    stack.pop()
                    pos = _string_piece(text, pos, end, frame.dollars, frame.string_at, False, toks, stack)
                    continue
                elif value in "})]" and frame.depth > 0:
                    frame.depth -= 1
            append(("op", value, pos, end))
        elif kind == "num":
            raw = m.group()
            append(("num", float(raw) if "." in raw else int(raw), pos, end))
        elif kind == "sq":
            pos = _string_piece(text, pos, end, -1, pos, True, toks, stack)
            continue
        elif kind == "ml":
            dollars = end - pos - 3
            if dollars == 0:
                close = _MULTILINE_END.search(text, end)
                if close is None:
                    append(("err", "unterminated multi-line string: expected ''' before the end of the file", pos, end))
                    nl = _next_line(text, end)
                    pos = nl
                    continue
                body = text[end : close.end() - 3]
                if body.startswith("\r\n"):
                    body = body[2:]
                elif body.startswith("\n"):
                    body = body[1:]
                append(("str", body, pos, close.end()))
                pos = close.end()
                continue
            pos = _string_piece(text, pos, end, dollars, pos, True, toks, stack)
            continue
        elif kind == "bc":
            comment_end = text.find("*/", end)
            if comment_end < 0:
                append(("err", "unterminated comment: expected '*/' before the end of the file", pos, end))
                pos = n
                break
            pos = comment_end + 2
            continue
        pos = end
    if stack:
        frame = stack[-1]
        line, col = _position(text, frame.interp_at)
        append(("err", f"expected '}}' to close the interpolation opened at {line}:{col}, found end of file", n, n))
    append(("eof", None, n, n))
    return toks


def _next_line(text: str, pos: int) -> int:
    i = text.find("\n", pos)
    return len(text) if i < 0 else i


def _string_piece(
    text: str,
    piece_at: int,
    pos: int,
    dollars: int,
    string_at: int,
    first: bool,
    toks: list[Token],
    stack: list[_Frame],
) -> int:
    """Scan one string piece starting at ``pos``; emit its token; return where lexing continues."""
    errors: list[Token] = []
    if dollars < 0:
        m = _STRING_BODY.match(text, pos)
        end = m.end() if m is not None else pos  # the pattern matches the empty string: never None
        body = text[pos:end]
        if end < len(text) and text[end] == "'":
            toks.append(("str" if first else "sr", _decode(body, pos, errors), piece_at, end + 1))
            toks.extend(errors)
            return end + 1
        if text.startswith("${", end):
            toks.append(("sl" if first else "sm", _decode(body, pos, errors), piece_at, end + 2))
            toks.extend(errors)
            stack.append(_Frame(-1, end, string_at))
            return end + 2
        toks.append(
            ("err", "unterminated string: expected a closing ' before the end of the line", string_at, string_at + 1)
        )
        while stack and stack[-1].dollars < 0:
            stack.pop()
        if end < len(text) and text[end] == "\\":
            end += 1
        return end
    marker = "$" * dollars + "{"
    i = pos
    while True:
        close = text.find("'''", i)
        interp = text.find(marker, i)
        if close < 0 and interp < 0:
            toks.append(
                (
                    "err",
                    "unterminated multi-line string: expected ''' before the end of the file",
                    string_at,
                    string_at + dollars + 3,
                )
            )
            return _next_line(text, string_at)
        if interp >= 0 and (close < 0 or interp < close):
            if interp > 0 and text[interp - 1] == "$":  # more dollar signs than the marker: literal text
                i = interp + 1
                continue
            body = text[pos:interp]
            if first:
                body = body[2:] if body.startswith("\r\n") else body.removeprefix("\n")
            toks.append(("sl" if first else "sm", body, piece_at, interp + len(marker)))
            stack.append(_Frame(dollars, interp, string_at))
            return interp + len(marker)
        end = close + 3
        while end < len(text) and text[end] == "'":
            end += 1
        body = text[pos : end - 3]
        if first:
            body = body[2:] if body.startswith("\r\n") else body.removeprefix("\n")
        toks.append(("str" if first else "sr", body, piece_at, end))
        return end


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --------------------------------------------------------------------------
# Syntax tree


class Node:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class Lit(Node):
    __slots__ = ("value",)

    def __init__(self, value: Any, start: int, end: int) -> None:
        super().__init__(start, end)
        self.value = value


class Interp(Node):
    """An interpolated string: ``parts`` alternate literal text and expressions."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[Any], start: int, end: int) -> None:
        super().__init__(start, end)
        self.parts = parts


class Ident(Node):
    __slots__ = ("name",)

    def __init__(self, name: str, start: int, end: int) -> None:
        super().__init__(start, end)
        self.name = name


class Call(Node):
    """``name(args)``; ``base`` is the expression before the dot in ``base.name(args)``."""

    __slots__ = ("name", "args", "base")

    def __init__(self, name: str, args: list[Node], base: Node | None, start: int, end: int) -> None:
        super().__init__(start, end)
        self.name = name
        self.args = args
        self.base = base


class Member(Node):
    __slots__ = ("obj", "name", "safe")

    def __init__(self, obj: Node, name: str, safe: bool, start: int, end: int) -> None:
        super().__init__(start, end)
        self.obj = obj
        self.name = name
        self.safe = safe


class Index(Node):
    __slots__ = ("obj", "key", "safe")

    def __init__(self, obj: Node, key: Node, safe: bool, start: int, end: int) -> None:
        super().__init__(start, end)
        self.obj = obj
        self.key = key
        self.safe = safe


class Child(Node):
    """``parent::child``: a nested resource reached through its parent."""

    __slots__ = ("obj", "name")

    def __init__(self, obj: Node, name: str, start: int, end: int) -> None:
        super().__init__(start, end)
        self.obj = obj
        self.name = name


class NonNull(Node):
    __slots__ = ("obj",)

    def __init__(self, obj: Node, start: int, end: int) -> None:
        super().__init__(start, end)
        self.obj = obj


class Unary(Node):
    __slots__ = ("op", "operand")

    def __init__(self, op: str, operand: Node, start: int, end: int) -> None:
        super().__init__(start, end)
        self.op = op
        self.operand = operand


class Binary(Node):
    __slots__ = ("op", "left", "right")

    def __init__(self, op: str, left: Node, right: Node) -> None:
        super().__init__(left.start, right.end)
        self.op = op
        self.left = left
        self.right = right


class Ternary(Node):
    __slots__ = ("cond", "then", "other")

    def __init__(self, cond: Node, then: Node, other: Node) -> None:
        super().__init__(cond.start, other.end)
        self.cond = cond
        self.then = then
        self.other = other


class Lambda(Node):
    __slots__ = ("params", "body")

    def __init__(self, params: list[str], body: Node, start: int, end: int) -> None:
        super().__init__(start, end)
        self.params = params
        self.body = body


class Prop(Node):
    """``key: value`` in an object; ``key`` is a str, or an ``Interp`` for a computed key."""

    __slots__ = ("key", "value", "decorators")

    def __init__(self, key: Any, value: Node, start: int, end: int) -> None:
        super().__init__(start, end)
        self.key = key
        self.value = value
        self.decorators: list[Decorator] = []


class Spread(Node):
    __slots__ = ("value",)

    def __init__(self, value: Node, start: int, end: int) -> None:
        super().__init__(start, end)
        self.value = value


class Obj(Node):
    """An object literal; ``items`` are ``Prop``, ``Spread`` or nested resource ``Decl`` values."""

    __slots__ = ("items",)

    def __init__(self, items: list[Any], start: int, end: int) -> None:
        super().__init__(start, end)
        self.items = items


class Arr(Node):
    __slots__ = ("items",)

    def __init__(self, items: list[Node], start: int, end: int) -> None:
        super().__init__(start, end)
        self.items = items


class For(Node):
    """``[for item in iterable: body]``, ``[for (item, i) in ...]``, optionally ``: if (cond) body``."""

    __slots__ = ("item", "index", "iterable", "body", "cond")

    def __init__(
        self,
        item: str | None,
        index: str | None,
        iterable: Node,
        body: Node,
        cond: Node | None,
        start: int,
        end: int,
    ) -> None:
        super().__init__(start, end)
        self.item = item
        self.index = index
        self.iterable = iterable
        self.body = body
        self.cond = cond


class If(Node):
    """``if (cond) body`` as the value of a resource or module declaration."""

    __slots__ = ("cond", "body")

    def __init__(self, cond: Node, body: Node, start: int, end: int) -> None:
        super().__init__(start, end)
        self.cond = cond
        self.body = body


class TypeNode(Node):
    """A type expression, kept as text; ``nullable`` when it ends with ``?``."""

    __slots__ = ("text", "nullable", "resource_type")

    def __init__(self, text: str, nullable: bool, start: int, end: int, resource_type: str | None = None) -> None:
        super().__init__(start, end)
        self.text = text
        self.nullable = nullable
        self.resource_type = resource_type


@dataclass
class Decorator:
    name: str  # "description", "sys.description", "batchSize"
    args: list[Node]
    start: int
    end: int


@dataclass
class Decl:
    """One declaration. ``value`` is the right-hand side (default, body, output value...)."""

    kind: str
    name: str | None
    start: int
    end: int
    name_start: int = 0
    name_end: int = 0
    decorators: list[Decorator] = field(default_factory=list)
    type: TypeNode | None = None
    value: Node | None = None
    # resource/module/test: the type or path string and where it is written
    target: str | None = None
    target_start: int = 0
    target_end: int = 0
    existing: bool = False
    # func: parameter names; import: [(name, alias)] or wildcard alias
    params: list[str] = field(default_factory=list)
    imports: list[tuple[str, str]] = field(default_factory=list)
    wildcard: str | None = None
    options: Node | None = None  # `with {...}` of extension/using/import


@dataclass
class Program:
    decls: list[Decl]
    errors: list[BicepSyntaxError]
    text: str


# --------------------------------------------------------------------------
# Parser

_PRECEDENCE = {
    "??": 1,
    "||": 2,
    "&&": 3,
    "==": 4,
    "!=": 4,
    "=~": 4,
    "!~": 4,
    "<": 5,
    "<=": 5,
    ">": 5,
    ">=": 5,
    "+": 6,
    "-": 6,
    "*": 7,
    "/": 7,
    "%": 7,
}
# Operators that may start a continuation line of an expression (`-` and `!` would start a new item).
_CONTINUATION = frozenset(op for op in _PRECEDENCE if op != "-") | {"?", ":"}


def describe(tok: Token) -> str:
    kind, value, _, _ = tok
    if kind == "eof":
        return "end of file"
    if kind == "nl":
        return "end of line"
    if kind in ("id", "op"):
        return f"'{value}'"
    if kind == "num":
        return f"number {value}"
    if kind == "str":
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"string '{shown}'"
    if kind in ("sl", "sm", "sr"):
        return "a string"
    return str(value)


class _Parser:
    def __init__(self, text: str, toks: list[Token]) -> None:
        self.text = text
        self.toks = toks
        self.i = 0
        self.depth = 0

    # -- helpers -------------------------------------------------------------

    def pos_text(self, offset: int) -> str:
        line, col = _position(self.text, offset)
        return f"{line}:{col}"

    def fail(self, message: str, tok: Token | None = None) -> BicepSyntaxError:
        tok = tok or self.toks[self.i]
        if tok[0] == "err":
            return BicepSyntaxError(tok[1], tok[2])
        return BicepSyntaxError(message.replace("{found}", describe(tok)), tok[2])

    def peek(self) -> Token:
        return self.toks[self.i]

    def is_op(self, value: str) -> bool:
        tok = self.toks[self.i]
        return tok[0] == "op" and tok[1] == value

    def is_id(self, value: str) -> bool:
        tok = self.toks[self.i]
        return tok[0] == "id" and tok[1] == value

    def expect_op(self, value: str, message: str) -> Token:
        tok = self.toks[self.i]
        if tok[0] != "op" or tok[1] != value:
            raise self.fail(message)
        self.i += 1
        return tok

    def expect_id(self, message: str) -> Token:
        tok = self.toks[self.i]
        if tok[0] != "id":
            raise self.fail(message)
        self.i += 1
        return tok

    def skip_nl(self) -> None:
        while self.toks[self.i][0] == "nl":
            self.i += 1

    def past_nl(self) -> Token:
        j = self.i
        while self.toks[j][0] == "nl":
            j += 1
        return self.toks[j]

    def at_line_start(self, tok: Token) -> bool:
        start = tok[2]
        return start == 0 or self.text[start - 1] in "\n\r"

    def starts_declaration(self, j: int) -> bool:
        """Token ``j`` begins a top-level declaration: a keyword or '@' at column 1."""
        tok = self.toks[j]
        if not self.at_line_start(tok):
            return False
        if tok[0] == "op" and tok[1] == "@":
            return True
        if tok[0] == "id" and tok[1] in DECLARATION_KEYWORDS:
            after = self.toks[j + 1]
            return not (after[0] == "op" and after[1] in (":", "."))
        return False

    def string_literal(self, message: str) -> Token:
        tok = self.toks[self.i]
        if tok[0] != "str":
            raise self.fail(message)
        self.i += 1
        return tok

    # -- program -------------------------------------------------------------

    def program(self) -> Program:
        decls: list[Decl] = []
        errors: list[BicepSyntaxError] = []
        toks = self.toks
        while True:
            self.skip_nl()
            if toks[self.i][0] == "eof":
                break
            start_i = self.i
            try:
                decl = self.declaration()
                tok = toks[self.i]
                if tok[0] not in ("nl", "eof"):
                    raise self.fail("expected a new line after the declaration, found {found}")
                decls.append(decl)
            except BicepSyntaxError as error:
                errors.append(error)
                self.recover(start_i)
            except RecursionError:
                errors.append(
                    BicepSyntaxError(f"expression nested too deeply (more than {MAX_DEPTH} levels)", toks[start_i][2])
                )
                self.recover(start_i)
        return Program(decls, errors, self.text)

    def recover(self, start_i: int) -> None:
        self.depth = 0
        i = max(self.i, start_i + 1)
        toks = self.toks
        while toks[i][0] != "eof" and not self.starts_declaration(i):
            i += 1
        self.i = i

    def declaration(self) -> Decl:
        decorators = self.decorators()
        tok = self.peek()
        start = decorators[0].start if decorators else tok[2]
        if tok[0] != "id" or tok[1] not in DECLARATION_KEYWORDS:
            raise self.fail(
                "expected a declaration (param, var, resource, module, output, type, func, import...), found {found}"
            )
        keyword = tok[1]
        self.i += 1
        decl = getattr(self, "decl_" + keyword.lower())(keyword, start)
        decl.decorators = decorators
        decl.end = self.toks[self.i - 1][3]
        return decl

    def decorators(self) -> list[Decorator]:
        out: list[Decorator] = []
        while self.is_op("@"):
            at = self.peek()
            self.i += 1
            name_tok = self.expect_id("expected a decorator name after '@', found {found}")
            name = name_tok[1]
            while self.is_op("."):
                self.i += 1
                name += "." + self.expect_id("expected a decorator name after '.', found {found}")[1]
            if not self.is_op("("):
                raise self.fail(
                    f"expected '(' after the decorator name '{name}' (a decorator is a function call), found {{found}}"
                )
            args, end = self.arguments()
            out.append(Decorator(name, args, at[2], end))
            self.skip_nl()
        return out

    def name(self, what: str) -> Token:
        return self.expect_id(f"expected the name of the {what}, found {{found}}")

    def equals(self, what: str) -> None:
        self.expect_op("=", f"expected '=' after {what}, found {{found}}")

    def decl_targetscope(self, keyword: str, start: int) -> Decl:
        self.equals("'targetScope'")
        return Decl("targetScope", None, start, 0, value=self.expression())

    def decl_metadata(self, keyword: str, start: int) -> Decl:
        name = self.name("metadata")
        self.equals(f"metadata '{name[1]}'")
        return Decl("metadata", name[1], start, 0, name[2], name[3], value=self.expression())

    def decl_param(self, keyword: str, start: int) -> Decl:
        name = self.name("parameter")
        decl = Decl("param", name[1], start, 0, name[2], name[3])
        if self.is_op("="):  # .bicepparam assignment
            self.i += 1
            decl.value = self.expression()
            return decl
        decl.type = self.type_expression(allow_resource=True)
        if self.is_op("="):
            self.i += 1
            decl.value = self.expression()
        elif self.peek()[0] not in ("nl", "eof"):
            raise self.fail(f"expected '=' or a new line after the type of parameter '{name[1]}', found {{found}}")
        return decl

    def decl_var(self, keyword: str, start: int) -> Decl:
        name = self.name("variable")
        decl = Decl("var", name[1], start, 0, name[2], name[3])
        if not self.is_op("="):
            if self.peek()[0] in ("nl", "eof"):
                raise self.fail(f"expected '=' after variable '{name[1]}', found {{found}}")
            decl.type = self.type_expression()
        self.equals(f"variable '{name[1]}'")
        decl.value = self.expression()
        return decl

    def decl_output(self, keyword: str, start: int) -> Decl:
        name = self.name("output")
        decl = Decl("output", name[1], start, 0, name[2], name[3])
        if self.is_op("="):
            raise self.fail(f"expected the type of output '{name[1]}', found {{found}}")
        decl.type = self.type_expression(allow_resource=True)
        self.equals(f"the type of output '{name[1]}'")
        decl.value = self.expression()
        return decl

    def decl_type(self, keyword: str, start: int) -> Decl:
        name = self.name("type")
        self.equals(f"type '{name[1]}'")
        self.skip_nl()
        decl = Decl("type", name[1], start, 0, name[2], name[3])
        decl.type = self.type_expression()
        return decl

    def decl_assert(self, keyword: str, start: int) -> Decl:
        name = self.name("assertion")
        self.equals(f"assert '{name[1]}'")
        return Decl("assert", name[1], start, 0, name[2], name[3], value=self.expression())

    def decl_func(self, keyword: str, start: int) -> Decl:
        name = self.name("function")
        decl = Decl("func", name[1], start, 0, name[2], name[3])
        opened = self.expect_op("(", f"expected '(' after the function name '{name[1]}', found {{found}}")
        self.skip_nl()
        while not self.is_op(")"):
            param = self.expect_id(
                f"expected a parameter name or ')' to close the parameter list opened at "
                f"{self.pos_text(opened[2])}, found {{found}}"
            )
            decl.params.append(param[1])
            self.type_expression()
            self.skip_nl()
            if self.is_op(","):
                self.i += 1
                self.skip_nl()
            elif not self.is_op(")"):
                raise self.fail(
                    f"expected ',' or ')' to close the parameter list opened at "
                    f"{self.pos_text(opened[2])}, found {{found}}"
                )
        self.i += 1
        decl.type = self.type_expression()
        self.expect_op("=>", f"expected '=>' after the return type of function '{name[1]}', found {{found}}")
        self.skip_nl()
        decl.value = self.expression()
        return decl

    def resource_like(self, kind: str, start: int) -> Decl:
        what = kind
        name = self.name(what)
        example = "'Microsoft.X/y@version'" if kind == "resource" else "'./file.bicep'"
        target = self.string_literal(
            f"expected the {'type' if kind == 'resource' else 'path'} of {what} '{name[1]}' as a string "
            f"({example}), found {{found}}"
        )
        decl = Decl(
            kind, name[1], start, 0, name[2], name[3], target=target[1], target_start=target[2], target_end=target[3]
        )
        if kind == "resource" and self.is_id("existing"):
            self.i += 1
            decl.existing = True
        self.equals(f"the {'type' if kind == 'resource' else 'path'} of {what} '{name[1]}'")
        self.skip_nl()
        decl.value = self.body()
        return decl

    def decl_resource(self, keyword: str, start: int) -> Decl:
        return self.resource_like("resource", start)

    def decl_module(self, keyword: str, start: int) -> Decl:
        return self.resource_like("module", start)

    def decl_test(self, keyword: str, start: int) -> Decl:
        return self.resource_like("test", start)

    def body(self) -> Node:
        tok = self.peek()
        if tok[0] == "id" and tok[1] == "if" and self.toks[self.i + 1][1] == "(":
            self.i += 1
            cond = self.parenthesized()
            self.skip_nl()
            body = self.expression()
            return If(cond, body, tok[2], body.end)
        return self.expression()

    def parenthesized(self) -> Node:
        opened = self.expect_op("(", "expected '(', found {found}")
        self.skip_nl()
        node = self.expression()
        self.skip_nl()
        self.expect_op(
            ")", f"expected ')' to close the parenthesis opened at {self.pos_text(opened[2])}, found {{found}}"
        )
        return node

    def decl_import(self, keyword: str, start: int) -> Decl:
        decl = Decl("import", None, start, 0)
        tok = self.peek()
        if tok[0] == "str":  # legacy provider import: import 'az@1.0.0' [with {...}] [as alias]
            self.i += 1
            decl.target, decl.target_start, decl.target_end = tok[1], tok[2], tok[3]
            decl.kind = "extension"
            self.extension_tail(decl)
            return decl
        if self.is_op("*"):
            self.i += 1
            if not self.is_id("as"):
                raise self.fail("expected 'as' after 'import *', found {found}")
            self.i += 1
            decl.wildcard = self.expect_id("expected a namespace name after 'as', found {found}")[1]
        elif self.is_op("{"):
            opened = self.peek()
            self.i += 1
            while True:
                self.skip_nl()
                if self.is_op(","):
                    self.i += 1
                    continue
                if self.is_op("}"):
                    self.i += 1
                    break
                name = self.peek()
                if name[0] not in ("id", "str"):
                    raise self.fail(
                        f"expected a name to import or '}}' to close the list opened at "
                        f"{self.pos_text(opened[2])}, found {{found}}"
                    )
                self.i += 1
                alias = name[1]
                if self.is_id("as"):
                    self.i += 1
                    alias = self.expect_id("expected an alias after 'as', found {found}")[1]
                decl.imports.append((name[1], alias))
        else:
            raise self.fail("expected '{', '*' or a string after 'import', found {found}")
        if not self.is_id("from"):
            raise self.fail("expected 'from' after the imported names, found {found}")
        self.i += 1
        target = self.string_literal("expected the path to import from as a string, found {found}")
        decl.target, decl.target_start, decl.target_end = target[1], target[2], target[3]
        return decl

    def decl_extension(self, keyword: str, start: int) -> Decl:
        decl = Decl("extension", None, start, 0)
        tok = self.peek()
        if tok[0] in ("str", "id"):
            self.i += 1
            decl.target, decl.target_start, decl.target_end = tok[1], tok[2], tok[3]
        else:
            raise self.fail(f"expected the name or reference of the {keyword}, found {{found}}")
        self.extension_tail(decl)
        return decl

    decl_provider = decl_extension

    def extension_tail(self, decl: Decl) -> None:
        if self.is_id("with"):
            self.i += 1
            decl.options = self.expression()
        if self.is_id("as"):
            self.i += 1
            decl.name = self.expect_id("expected an alias after 'as', found {found}")[1]

    def decl_using(self, keyword: str, start: int) -> Decl:
        decl = Decl("using", None, start, 0)
        if self.is_id("none"):
            self.i += 1
            return decl
        target = self.string_literal(
            "expected the path of the Bicep file as a string, or 'none', after 'using', found {found}"
        )
        decl.target, decl.target_start, decl.target_end = target[1], target[2], target[3]
        if self.is_id("with"):
            self.i += 1
            decl.options = self.expression()
        return decl

    def decl_extends(self, keyword: str, start: int) -> Decl:
        target = self.string_literal(
            "expected the path of a parameters file as a string after 'extends', found {found}"
        )
        return Decl("extends", None, start, 0, target=target[1], target_start=target[2], target_end=target[3])

    # -- types ---------------------------------------------------------------

    def type_expression(self, allow_resource: bool = False) -> TypeNode:
        tok = self.peek()
        if tok[0] == "nl" and self.past_nl()[1] == "|":
            self.skip_nl()
            tok = self.peek()
        start = tok[2]
        if allow_resource and tok[0] == "id" and tok[1] == "resource" and self.toks[self.i + 1][0] == "str":
            self.i += 1
            target = self.string_literal("expected a resource type string, found {found}")
            end, nullable = target[3], False
            if self.is_op("?"):
                end, nullable = self.peek()[3], True
                self.i += 1
            return TypeNode(self.text[start:end], nullable, start, end, resource_type=target[1])
        if self.is_op("|"):
            self.i += 1
            self.skip_nl()
        node_end, nullable = self.type_postfix()
        while True:
            nxt = self.past_nl() if self.peek()[0] == "nl" else self.peek()
            if nxt[0] == "op" and nxt[1] == "|":
                self.skip_nl()
                self.i += 1
                self.skip_nl()
                node_end, nullable = self.type_postfix()
            else:
                break
        return TypeNode(self.text[start:node_end], nullable, start, node_end)

    def type_postfix(self) -> tuple[int, bool]:
        end = self.type_primary()
        nullable = False
        while True:
            tok = self.peek()
            if tok[0] != "op":
                break
            if tok[1] == "?" or tok[1] == "!":
                self.i += 1
                nullable = tok[1] == "?"
                end = tok[3]
            elif tok[1] == "[":
                self.i += 1
                if not self.is_op("]"):
                    key = self.peek()
                    if key[0] in ("num", "str") or (key[0] == "op" and key[1] == "*"):
                        self.i += 1
                    else:
                        raise self.fail("expected ']', '*', a number or a string in a type, found {found}")
                end = self.expect_op("]", "expected ']' in the type, found {found}")[3]
                nullable = False
            elif tok[1] == ".":
                self.i += 1
                if self.is_op("*"):
                    end = self.peek()[3]
                    self.i += 1
                else:
                    end = self.expect_id("expected a property name or '*' after '.' in the type, found {found}")[3]
                nullable = False
            else:
                break
        return end, nullable

    def type_primary(self) -> int:
        tok = self.peek()
        kind, value, start, end = tok
        if kind == "id":
            self.i += 1
            while self.is_op(".") and self.toks[self.i + 1][0] == "id" and self.toks[self.i + 2][1] in ("<", "("):
                self.i += 2
                end = self.toks[self.i - 1][3]
            if self.is_op("<"):
                opened = self.peek()
                self.i += 1
                while True:
                    self.skip_nl()
                    if self.peek()[0] == "str":
                        self.i += 1
                    else:
                        self.type_expression()
                    self.skip_nl()
                    if self.is_op(","):
                        self.i += 1
                        continue
                    end = self.expect_op(
                        ">",
                        f"expected '>' to close the type arguments opened at "
                        f"{self.pos_text(opened[2])}, found {{found}}",
                    )[3]
                    break
            return end
        if kind in ("str", "num"):
            self.i += 1
            return end
        if kind == "op" and value == "-" and self.toks[self.i + 1][0] == "num":
            self.i += 2
            return self.toks[self.i - 1][3]
        if kind == "op" and value == "!":
            self.i += 1
            return self.type_primary()
        if kind == "op" and value == "(":
            self.i += 1
            self.skip_nl()
            self.type_expression()
            self.skip_nl()
            return self.expect_op(
                ")", f"expected ')' to close the parenthesis opened at {self.pos_text(start)}, found {{found}}"
            )[3]
        if kind == "op" and value == "{":
            return self.object_type()
        if kind == "op" and value == "[":
            return self.tuple_type()
        raise self.fail("expected a type, found {found}")

    def object_type(self) -> int:
        opened = self.peek()
        self.i += 1
        close_msg = f"expected '}}' to close the object type opened at {self.pos_text(opened[2])}, found {{found}}"
        while True:
            self.skip_nl()
            if self.is_op(","):
                self.i += 1
                continue
            tok = self.peek()
            if tok[0] == "op" and tok[1] == "}":
                self.i += 1
                return tok[3]
            if tok[0] == "eof" or self.starts_declaration(self.i):
                raise self.fail(close_msg)
            self.decorators()
            tok = self.peek()
            if tok[0] in ("id", "str") or (tok[0] == "op" and tok[1] == "*"):
                self.i += 1
            else:
                raise self.fail(close_msg)
            if self.is_op("?"):
                self.i += 1
            self.expect_op(":", f"expected ':' after the property name {describe(tok)}, found {{found}}")
            self.type_expression()
            nxt = self.peek()
            if not (nxt[0] == "nl" or (nxt[0] == "op" and nxt[1] in (",", "}"))):
                raise self.fail("expected a new line, ',' or '}' after the property type, found {found}")

    def tuple_type(self) -> int:
        opened = self.peek()
        self.i += 1
        close_msg = f"expected ']' to close the tuple type opened at {self.pos_text(opened[2])}, found {{found}}"
        while True:
            self.skip_nl()
            if self.is_op(","):
                self.i += 1
                continue
            tok = self.peek()
            if tok[0] == "op" and tok[1] == "]":
                self.i += 1
                return tok[3]
            if tok[0] == "eof" or self.starts_declaration(self.i):
                raise self.fail(close_msg)
            self.decorators()
            self.type_expression()

    # -- expressions ---------------------------------------------------------

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"expression nested deeper than {MAX_DEPTH} levels")
        try:
            lam = self.lambda_params()
            if lam is not None:
                params, start = lam
                self.skip_nl()
                body = self.expression()
                return Lambda(params, body, start, body.end)
            cond = self.binary(1)
            nxt = self.peek()
            if nxt[0] == "nl":
                nxt = self.past_nl()
                if nxt[0] == "op" and nxt[1] == "?":
                    self.skip_nl()
            if self.is_op("?"):
                self.i += 1
                self.skip_nl()
                then = self.expression()
                if self.peek()[0] == "nl":
                    after = self.past_nl()
                    if after[0] == "op" and after[1] == ":":
                        self.skip_nl()
                self.expect_op(
                    ":",
                    f"expected ':' in the conditional expression starting at "
                    f"{self.pos_text(cond.start)}, found {{found}}",
                )
                self.skip_nl()
                other = self.expression()
                return Ternary(cond, then, other)
            return cond
        finally:
            self.depth -= 1

    def lambda_params(self) -> tuple[list[str], int] | None:
        toks = self.toks
        tok = toks[self.i]
        if tok[0] == "id" and toks[self.i + 1][0] == "op" and toks[self.i + 1][1] == "=>":
            self.i += 2
            return [tok[1]], tok[2]
        if tok[0] != "op" or tok[1] != "(":
            return None
        j = self.i + 1
        names: list[str] = []
        expect_name = True
        while True:
            kind, value, _, _ = toks[j]
            if kind == "nl":
                j += 1
            elif kind == "op" and value == ")":
                break
            elif expect_name and kind == "id":
                names.append(value)
                expect_name = False
                j += 1
            elif not expect_name and kind == "op" and value == ",":
                expect_name = True
                j += 1
            else:
                return None
        nxt = toks[j + 1]
        if nxt[0] == "op" and nxt[1] == "=>":
            self.i = j + 2
            return names, tok[2]
        return None

    def binary(self, min_prec: int) -> Node:
        left = self.unary()
        toks = self.toks
        while True:
            tok = toks[self.i]
            if tok[0] == "nl":
                nxt = self.past_nl()
                if (
                    nxt[0] == "op"
                    and nxt[1] in _CONTINUATION
                    and nxt[1] in _PRECEDENCE
                    and _PRECEDENCE[nxt[1]] >= min_prec
                ):
                    self.skip_nl()
                    tok = toks[self.i]
                else:
                    return left
            if tok[0] != "op":
                return left
            prec = _PRECEDENCE.get(tok[1])
            if prec is None or prec < min_prec:
                return left
            self.i += 1
            self.skip_nl()
            right = self.binary(prec + 1)
            left = Binary(tok[1], left, right)

    def unary(self) -> Node:
        tok = self.peek()
        if tok[0] == "op" and tok[1] in ("!", "-"):
            self.i += 1
            operand = self.unary()
            if (
                tok[1] == "-"
                and isinstance(operand, Lit)
                and isinstance(operand.value, (int, float))
                and not isinstance(operand.value, bool)
            ):
                return Lit(-operand.value, tok[2], operand.end)
            return Unary(tok[1], operand, tok[2], operand.end)
        return self.postfix()

    def postfix(self) -> Node:
        node = self.primary()
        toks = self.toks
        while True:
            kind, value, start, end = toks[self.i]
            if kind != "op":
                return node
            if value == ".":
                self.i += 1
                safe = False
                if self.is_op("?"):
                    self.i += 1
                    safe = True
                name = self.expect_id("expected a property name after '.', found {found}")
                if self.is_op("(") and not safe:
                    args, close = self.arguments()
                    node = Call(name[1], args, node, node.start, close)
                else:
                    node = Member(node, name[1], safe, node.start, name[3])
            elif value == "[":
                self.i += 1
                self.skip_nl()
                safe = False
                if self.is_op("?"):
                    self.i += 1
                    safe = True
                key = self.expression()
                self.skip_nl()
                closing = self.expect_op(
                    "]", f"expected ']' to close the index opened at {self.pos_text(start)}, found {{found}}"
                )
                node = Index(node, key, safe, node.start, closing[3])
            elif value == "::":
                self.i += 1
                name = self.expect_id("expected a nested resource name after '::', found {found}")
                node = Child(node, name[1], node.start, name[3])
            elif value == "!":
                self.i += 1
                node = NonNull(node, node.start, end)
            else:
                return node

    def arguments(self) -> tuple[list[Node], int]:
        opened = self.peek()
        self.i += 1
        args: list[Node] = []
        close_msg = f"expected ')' to close the argument list opened at {self.pos_text(opened[2])}, found {{found}}"
        self.skip_nl()
        while not self.is_op(")"):
            tok = self.peek()
            if tok[0] == "eof" or self.starts_declaration(self.i):
                raise self.fail(close_msg)
            args.append(self.expression())
            self.skip_nl()
            if self.is_op(","):
                self.i += 1
                self.skip_nl()
            elif self.peek()[0] == "eof" or self.starts_declaration(self.i):
                raise self.fail(close_msg)
            elif not self.is_op(")"):
                raise self.fail(
                    f"expected ',' or ')' to close the argument list opened at "
                    f"{self.pos_text(opened[2])}, found {{found}}"
                )
        end = self.peek()[3]
        self.i += 1
        return args, end

    def primary(self) -> Node:
        tok = self.peek()
        kind, value, start, end = tok
        if kind == "id":
            if value in DECLARATION_KEYWORDS and self.starts_declaration(self.i):
                raise self.fail("expected an expression, found {found}")
            self.i += 1
            if value in ("true", "false"):
                return Lit(value == "true", start, end)
            if value == "null":
                return Lit(None, start, end)
            if self.is_op("("):
                args, close = self.arguments()
                return Call(value, args, None, start, close)
            return Ident(value, start, end)
        if kind == "str":
            self.i += 1
            return Lit(value, start, end)
        if kind == "num":
            self.i += 1
            return Lit(value, start, end)
        if kind == "sl":
            return self.interpolation()
        if kind == "op":
            if value == "{":
                return self.object()
            if value == "[":
                return self.array()
            if value == "(":
                self.i += 1
                self.skip_nl()
                node = self.expression()
                self.skip_nl()
                closing = self.expect_op(
                    ")", f"expected ')' to close the parenthesis opened at {self.pos_text(start)}, found {{found}}"
                )
                node.start, node.end = start, closing[3]  # the text of the node keeps its parentheses
                return node
        if kind in ("sm", "sr"):
            raise self.fail("expected an expression inside '${...}', found '}'")
        raise self.fail("expected an expression, found {found}")

    def interpolation(self) -> Node:
        first = self.peek()
        self.i += 1
        parts: list[Any] = [first[1]] if first[1] else []
        opened = first[3] - 2
        while True:
            if self.peek()[0] in ("sm", "sr"):
                raise self.fail("expected an expression inside '${...}', found '}'")
            parts.append(self.expression())
            tok = self.peek()
            if tok[0] == "sm":
                self.i += 1
                if tok[1]:
                    parts.append(tok[1])
                opened = tok[3] - 2
                continue
            if tok[0] == "sr":
                self.i += 1
                if tok[1]:
                    parts.append(tok[1])
                return Interp(parts, first[2], tok[3])
            raise self.fail(
                f"expected '}}' to close the interpolation opened at {self.pos_text(opened)}, found {{found}}"
            )

    def object(self) -> Obj:
        opened = self.peek()
        self.i += 1
        items: list[Any] = []
        close_msg = f"expected '}}' to close the object opened at {self.pos_text(opened[2])}, found {{found}}"
        toks = self.toks
        while True:
            while True:
                kind, value = toks[self.i][0], toks[self.i][1]
                if kind == "nl" or (kind == "op" and value == ","):
                    self.i += 1
                else:
                    break
            tok = toks[self.i]
            kind, value, start, end = tok
            if kind == "op" and value == "}":
                self.i += 1
                return Obj(items, opened[2], end)
            if (
                kind == "eof"
                or (kind == "id" and self.starts_declaration(self.i))
                or (kind == "op" and value == "@" and self.at_line_start(tok))
            ):
                raise self.fail(close_msg)
            decorators = self.decorators() if kind == "op" and value == "@" else []
            tok = toks[self.i]
            kind, value, start, end = tok
            if kind == "op" and value == "...":
                self.i += 1
                spread = self.expression()
                items.append(Spread(spread, start, spread.end))
            elif kind == "id" and value == "resource" and toks[self.i + 1][0] == "id":
                self.i += 1
                decl = self.resource_like("resource", decorators[0].start if decorators else start)
                decl.decorators = decorators
                decl.end = toks[self.i - 1][3]
                items.append(decl)
            else:
                if kind in ("id", "str"):
                    self.i += 1
                    key: Any = value
                elif kind == "sl":
                    key = self.interpolation()
                elif kind == "num":
                    self.i += 1
                    key = str(value)
                else:
                    raise self.fail(close_msg)
                self.expect_op(":", f"expected ':' after the property name {describe(tok)}, found {{found}}")
                prop_value = self.expression()
                prop = Prop(key, prop_value, start, prop_value.end)
                prop.decorators = decorators
                items.append(prop)
            nxt = toks[self.i]
            if not (nxt[0] == "nl" or (nxt[0] == "op" and nxt[1] in (",", "}"))):
                raise self.fail("expected a new line, ',' or '}' after the property value, found {found}")

    def array(self) -> Node:
        opened = self.peek()
        self.i += 1
        toks = self.toks
        self.skip_nl()
        tok = toks[self.i]
        if tok[0] == "id" and tok[1] == "for" and (toks[self.i + 1][0] == "id" or toks[self.i + 1][1] == "("):
            return self.for_loop(opened)
        items: list[Node] = []
        close_msg = f"expected ']' to close the array opened at {self.pos_text(opened[2])}, found {{found}}"
        while True:
            while True:
                kind, value = toks[self.i][0], toks[self.i][1]
                if kind == "nl" or (kind == "op" and value == ","):
                    self.i += 1
                else:
                    break
            tok = toks[self.i]
            kind, value, start, end = tok
            if kind == "op" and value == "]":
                self.i += 1
                return Arr(items, opened[2], end)
            if (
                kind == "eof"
                or (kind == "id" and self.starts_declaration(self.i))
                or (kind == "op" and value in ("}", ")", "@"))
            ):
                raise self.fail(close_msg)
            if kind == "op" and value == "...":
                self.i += 1
                spread = self.expression()
                items.append(Spread(spread, start, spread.end))
            else:
                items.append(self.expression())
            nxt = toks[self.i]
            if not (nxt[0] == "nl" or (nxt[0] == "op" and nxt[1] in (",", "]"))):
                raise self.fail("expected a new line, ',' or ']' after the array item, found {found}")

    def for_loop(self, opened: Token) -> For:
        self.i += 1  # 'for'
        index: str | None = None
        if self.is_op("("):
            paren = self.peek()
            self.i += 1
            item = self.expect_id("expected the loop item name after '(', found {found}")[1]
            self.expect_op(",", "expected ',' between the loop item and index names, found {found}")
            index = self.expect_id("expected the loop index name after ',', found {found}")[1]
            self.expect_op(
                ")", f"expected ')' to close the loop variables opened at {self.pos_text(paren[2])}, found {{found}}"
            )
        else:
            item = self.expect_id("expected the loop variable name after 'for', found {found}")[1]
        if not self.is_id("in"):
            raise self.fail("expected 'in' after the loop variable, found {found}")
        self.i += 1
        iterable = self.expression()
        self.expect_op(":", "expected ':' after the loop collection, found {found}")
        self.skip_nl()
        cond = None
        tok = self.peek()
        if tok[0] == "id" and tok[1] == "if" and self.toks[self.i + 1][1] == "(":
            self.i += 1
            cond = self.parenthesized()
            self.skip_nl()
        body = self.expression()
        self.skip_nl()
        close = self.expect_op(
            "]", f"expected ']' to close the loop opened at {self.pos_text(opened[2])}, found {{found}}"
        )
        return For(item, index, iterable, body, cond, opened[2], close[3])


def parse(text: str) -> Program:
    """Parse Bicep (or .bicepparam) source text; syntax errors are collected in ``Program.errors``."""
    text = text.removeprefix("\ufeff")
    parser = _Parser(text, tokenize(text))
    return parser.program()


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset``."""
    return _position(text, offset)
