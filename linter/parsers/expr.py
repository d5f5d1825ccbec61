"""The ARM template expression language: tokenizer and recursive-descent parser.

``"[concat('a', parameters('b'))]"`` becomes a small tree of ``Node`` objects
(literal, call, member, index) that ``evaluate.py`` evaluates. Parse errors
raise ``ExprError`` with the offset of the problem; nothing here evaluates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 40  # nested calls/indexes; real templates stay far below, deeper input is rejected clearly

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<str>'(?:[^']|'')*')
  | (?P<num>-?\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<punct>[(),.\[\]?!])
    """,
    re.VERBOSE,
)


class ExprError(ValueError):
    """A malformed expression; ``offset`` is 0-based within the expression text."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Node:
    kind: str  # "lit" | "call" | "member" | "index"
    value: object  # literal value, function name, or member name
    args: tuple[Node, ...]  # call arguments; (object,) for member; (object, index) for index
    start: int
    end: int


def is_expression(text: str) -> bool:
    """An ARM string is an expression when it is ``[...]`` and not escaped as ``[[``."""
    return len(text) >= 2 and text[0] == "[" and text[-1] == "]" and not text.startswith("[[")


def unescape(text: str) -> str:
    """``"[[literal]"`` is the literal string ``"[literal]"``."""
    return text[1:] if text.startswith("[[") else text


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            if text[pos] == "'":
                raise ExprError("unterminated string literal", pos)
            raise ExprError(f"unexpected character {text[pos]!r}", pos)
        kind = match.lastgroup or ""
        if kind != "ws":
            tokens.append((kind, match.group(), pos))
        pos = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self, value: str | None = None, kind: str | None = None) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        if (value is not None and tok[1] != value) or (kind is not None and tok[0] != kind):
            want = repr(value) if value is not None else kind
            got = "end of expression" if tok[0] == "end" else repr(tok[1])
            raise ExprError(f"expected {want}, found {got}", tok[2])
        self.i += 1
        return tok

    def end_of(self, tok_index: int) -> int:
        kind, value, pos = self.tokens[tok_index]
        return pos + len(value)

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression nested deeper than {MAX_DEPTH} levels", self.peek()[2])
        node = self.primary()
        while True:
            kind, value, pos = self.peek()
            if value == ".":
                self.i += 1
                name = self.take(kind="name")
                if self.peek()[1] == "(":  # namespace.function(...)
                    node = self.call(f"{_name_text(node)}.{name[1]}", node.start)
                else:
                    node = Node("member", name[1], (node,), node.start, self.end_of(self.i - 1))
            elif value == "[":
                self.i += 1
                index = self.expression()
                self.take("]")
                node = Node("index", None, (node, index), node.start, self.end_of(self.i - 1))
            elif value in ("?", "!"):  # safe-dereference / non-null markers in newer templates
                self.i += 1
            else:
                break
        self.depth -= 1
        return node

    def primary(self) -> Node:
        kind, value, pos = self.peek()
        if kind == "str":
            self.i += 1
            return Node("lit", value[1:-1].replace("''", "'"), (), pos, pos + len(value))
        if kind == "num":
            self.i += 1
            number = float(value) if "." in value else int(value)
            return Node("lit", number, (), pos, pos + len(value))
        if kind == "name":
            self.i += 1
            if self.peek()[1] == "(":
                return self.call(value, pos)
            lowered = value.lower()
            if lowered in ("true", "false"):
                return Node("lit", lowered == "true", (), pos, pos + len(value))
            if lowered == "null":
                return Node("lit", None, (), pos, pos + len(value))
            return Node("lit", _Name(value), (), pos, pos + len(value))
        got = "end of expression" if kind == "end" else repr(value)
        raise ExprError(f"expected a function call or literal, found {got}", pos)

    def call(self, name: str, start: int) -> Node:
        self.take("(")
        args: list[Node] = []
        if self.peek()[1] != ")":
            while True:
                args.append(self.expression())
                if self.peek()[1] == ",":
                    self.i += 1
                    continue
                break
        self.take(")")
        return Node("call", name, tuple(args), start, self.end_of(self.i - 1))


class _Name(str):
    """A bare identifier (only valid as a namespace prefix)."""


def _name_text(node: Node) -> str:
    if node.kind == "lit" and isinstance(node.value, _Name):
        return str(node.value)
    if node.kind == "member":
        return f"{_name_text(node.args[0])}.{node.value}"
    raise ExprError("a namespace must be a plain name", node.start)


def parse(text: str) -> Node:
    """Parse the inside of an ARM expression (without the surrounding brackets)."""
    parser = _Parser(text)
    if parser.peek()[0] == "end":
        raise ExprError("empty expression", 0)
    node = parser.expression()
    kind, value, pos = parser.peek()
    if kind != "end":
        raise ExprError(f"unexpected {value!r} after the end of the expression", pos)
    _check_names(node)
    return node


def _check_names(node: Node) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.kind == "lit" and isinstance(current.value, _Name):
            raise ExprError(f"unknown name {current.value!r} (a function call needs parentheses)", current.start)
        if current.kind == "member" and current.args[0].kind == "lit" and isinstance(current.args[0].value, _Name):
            raise ExprError(f"unknown name {current.args[0].value!r}", current.start)
        stack.extend(current.args)
