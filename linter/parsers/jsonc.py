"""JSON with comments, as ARM accepts it, with the exact position of every value.

ARM templates may carry ``//`` and ``/* */`` comments, raw line breaks inside
strings, tabs and a byte-order mark. ``loads`` returns plain Python values plus
a table ``{path: (key offset, value start, value end)}`` so that a front end
can turn any property path into a span. The parser is iterative: deeply
nested input cannot exhaust the Python stack. Duplicate keys are errors.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n\f\v\ufeff]+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<num>-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<lit>true|false|null)
  | (?P<punct>[{}\[\]:,])
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)

Path = tuple[str | int, ...]


class JsonError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class Lines:
    """Offset -> 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _unescape(body: str, offset: int) -> str:
    if "\\" not in body:
        return body

    def repl(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] == "u" and len(code) == 5:
            return chr(int(code[1:], 16))
        if code in _ESCAPES:
            return _ESCAPES[code]
        raise JsonError(f"invalid escape sequence \\{code}", offset + match.start())

    return _ESCAPE.sub(repl, body)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    end = len(text)
    match_at = _TOKEN.match
    while pos < end:
        m = match_at(text, pos)
        if m is None:
            if text.startswith("/*", pos):
                raise JsonError("unterminated /* comment", pos)
            if text[pos] == '"':
                raise JsonError("unterminated string", pos)
            raise JsonError(f"unexpected character {text[pos]!r}", pos)
        kind = m.lastgroup
        if kind not in ("ws", "line_comment", "block_comment"):
            out.append((kind or "", m.group(), pos))
        pos = m.end()
    out.append(("end", "", end))
    return out


def _scalar(kind: str, value: str, pos: int) -> Any:
    if kind == "str":
        return _unescape(value[1:-1], pos + 1)
    if kind == "num":
        return float(value) if any(c in value for c in ".eE") else int(value)
    return {"true": True, "false": False, "null": None}[value]


def loads(text: str) -> tuple[Any, dict[Path, tuple[int, int, int]]]:
    """Parse JSON-with-comments. Returns ``(value, positions)``; raises ``JsonError``."""
    tokens = _tokens(text)
    positions: dict[Path, tuple[int, int, int]] = {}
    i = 0

    def describe(tok: tuple[str, str, int]) -> str:
        return "end of file" if tok[0] == "end" else repr(tok[1][:20])

    # Stack frames: [container, path, current key, current key offset, start offset, own key offset]
    stack: list[list[Any]] = []
    root: Any = None
    have_root = False

    def begin_value() -> tuple[Path, int]:
        """Path and key offset of the value about to start."""
        if not stack:
            return (), -1
        frame = stack[-1]
        if isinstance(frame[0], dict):
            return (*frame[1], frame[2]), frame[3]
        return (*frame[1], len(frame[0])), -1

    def finish(value: Any, path: Path, key_off: int, start: int, end: int) -> None:
        nonlocal root, have_root
        positions[path] = (key_off if key_off >= 0 else start, start, end)
        if not stack:
            root, have_root = value, True
            return
        frame = stack[-1]
        if isinstance(frame[0], dict):
            frame[0][frame[2]] = value
        else:
            frame[0].append(value)

    expect_value = True
    while True:
        tok = tokens[i]
        kind, value, pos = tok
        if expect_value:
            path, key_off = begin_value()
            if value == "{" or value == "[":
                container: Any = {} if value == "{" else []
                stack.append([container, path, None, -1, pos, key_off])
                i += 1
                nxt = tokens[i]
                if (value == "{" and nxt[1] == "}") or (value == "[" and nxt[1] == "]"):
                    stack.pop()
                    i += 1
                    finish(container, path, key_off, pos, nxt[2] + 1)
                    expect_value = False
                elif value == "{":
                    i = _read_key(tokens, i, stack[-1], text)
                continue
            if kind in ("str", "num", "lit"):
                finish(_scalar(kind, value, pos), path, key_off, pos, pos + len(value))
                i += 1
                expect_value = False
                continue
            raise JsonError(f"expected a value, found {describe(tok)}", pos)
        if not stack:
            if kind != "end":
                raise JsonError(f"unexpected {describe(tok)} after the end of the document", pos)
            break
        frame = stack[-1]
        is_obj = isinstance(frame[0], dict)
        closer = "}" if is_obj else "]"
        if value == ",":
            i += 1
            if tokens[i][1] == closer:  # trailing comma, tolerated as ARM does
                continue
            if is_obj:
                i = _read_key(tokens, i, frame, text)
            expect_value = True
            continue
        if value == closer:
            stack.pop()
            i += 1
            finish(frame[0], frame[1], frame[5], frame[4], pos + 1)
            continue
        want = "',' or '}'" if is_obj else "',' or ']'"
        raise JsonError(f"expected {want}, found {describe(tok)}", pos)
    if not have_root:
        raise JsonError("empty document", 0)
    return root, positions


def _read_key(tokens: list[tuple[str, str, int]], i: int, frame: list[Any], text: str) -> int:
    kind, value, pos = tokens[i]
    if kind != "str":
        got = "end of file" if kind == "end" else repr(value[:20])
        raise JsonError(f"expected a property name in double quotes, found {got}", pos)
    key = _unescape(value[1:-1], pos + 1)
    if key in frame[0]:
        raise JsonError(f"duplicate key {key!r}", pos)
    if tokens[i + 1][1] != ":":
        nxt = tokens[i + 1]
        raise JsonError(f"expected ':' after {value}, found {'end of file' if nxt[0] == 'end' else repr(nxt[1])}",
                        nxt[2])
    frame[2] = key
    frame[3] = pos
    return i + 2
