"""What every front end shares: load options, the Unit it returns, safe file reading, spans."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from linter import cache
from linter.model import Format, Resource, Span
from linter.policy import Finding, system_finding

MAX_FILE_BYTES = 32 * 1024 * 1024  # larger inputs are reported, not read
MAX_INSTANCES = 10_000  # copy/count/for loops larger than this stay one looped resource


@dataclass(frozen=True)
class LoadOptions:
    root: Path  # the lint root: spans are relative to it
    parameters: tuple[Path, ...] = ()  # --parameters: ARM/Bicep parameter files given by the user
    var_files: tuple[Path, ...] = ()  # --var-file: Terraform variable files given by the user
    allow_outside_root: bool = False  # follow module paths that leave the boundary
    boundary: Path | None = None  # modules are followed only inside this folder (default: root)


@dataclass
class Unit:
    """One deployment: an ARM template, an entry Bicep file, or a Terraform root module."""

    entry: str  # POSIX path relative to the root (a directory for Terraform)
    format: Format
    resources: list[Resource] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: set[str] = field(default_factory=set)  # every file read for this unit, relative POSIX paths


def rel(path: Path, root: Path) -> str:
    """POSIX path of ``path`` relative to ``root``."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
        return True
    except ValueError:
        return False


def inside_root(path: Path, opts: LoadOptions) -> bool:
    """May a module at ``path`` be followed? Only inside the boundary, unless the user allowed more."""
    boundary = opts.boundary or opts.root
    return opts.allow_outside_root or _inside(Path(os.path.realpath(path)), Path(os.path.realpath(boundary)))


def is_file(path: Path) -> bool:
    """``path.is_file()``, remembered as something the result depends on (see linter.cache)."""
    cache.note_probe(path)
    return path.is_file()


def is_dir(path: Path) -> bool:
    """``path.is_dir()``, remembered as something the result depends on (see linter.cache)."""
    cache.note_probe(path)
    return path.is_dir()


def read_bytes(path: Path, limit: int | None = None) -> bytes | None:
    """``path.read_bytes()`` (None when larger than ``limit``), remembered as something the result depends on."""
    try:
        if limit is not None and path.stat().st_size > limit:
            cache.note_uncacheable()
            return None
        data = path.read_bytes()
    except OSError:
        cache.note_uncacheable()
        raise
    cache.note_read(path, data)
    return data


def list_dir(path: Path) -> list[Path]:
    """The entries of the folder ``path`` (sorted by name), remembered as something the result depends on."""
    cache.note_listing(path)
    return sorted(path.iterdir(), key=lambda p: p.name)


def file_span(file: str, line: int = 1, column: int = 1) -> Span:
    return Span(file, line, column, line, column)


def parse_error(file: str, line: int, column: int, message: str) -> Finding:
    """A SYS001 finding: the file (or a part of it) could not be read."""
    return system_finding("SYS001", file_span(file, line, column), message)


def read_text(path: Path, opts: LoadOptions) -> tuple[str | None, Finding | None]:
    """The file's text (BOM stripped), or a SYS001 finding saying why it cannot be read."""
    name = rel(path, opts.root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            cache.note_uncacheable()
            return None, parse_error(name, 1, 1, f"file is {size} bytes, larger than the {MAX_FILE_BYTES} byte limit")
        data = path.read_bytes()
    except FileNotFoundError:
        cache.note_read(path, None)
        return None, parse_error(name, 1, 1, "file disappeared before it could be read")
    except OSError as error:
        cache.note_uncacheable()
        return None, parse_error(name, 1, 1, f"file cannot be read: {error.strerror or error}")
    cache.note_read(path, data)
    if b"\x00" in data[:8192]:
        return None, parse_error(name, 1, 1, "file is binary (contains NUL bytes), not a template")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, parse_error(name, line, column, f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None
