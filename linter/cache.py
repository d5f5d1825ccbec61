"""A content-addressed cache of loaded deployments, kept in the user's cache directory.

A cached value is stored with the fingerprint of everything it was computed
from: the content of every file read, the answer of every existence check, the
listing of every folder whose files were taken. It is used again only when
each of those fingerprints is unchanged, so it can never be stale; the key also
holds the linter's version (and a stamp of its own source files), the Python
version and the load options. A cache entry that cannot be read is ignored and
recomputed. The directory is safe to delete at any time; entries nobody used
for a month are deleted (checked at most once a day).

Where: ``$AIPLATFORM_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/aiplatform-lint``,
else ``~/.cache/aiplatform-lint``. ``AIPLATFORM_LINT_NO_CACHE=1`` turns it off.
The cache is never used when its directory lies inside the folder being scanned.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

CACHE_ENV = "AIPLATFORM_LINT_CACHE_DIR"
NO_CACHE_ENV = "AIPLATFORM_LINT_NO_CACHE"
_FORMAT = 1  # bump when the layout of an entry changes
_MAGIC = b"aiplatform-lint cache entry\n"

MISSING = "-"  # nothing at that path
IS_FILE = "f?"  # a regular file whose content was not used


class Reads:
    """What one computation observed of the file system: path -> fingerprint."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}
        self.unstable = False  # the same path was seen in two states: do not store the result

    def add(self, path: str, print_: str) -> None:
        old = self.seen.get(path)
        if old is None or old == IS_FILE and print_.startswith("f:"):
            self.seen[path] = print_
        elif old != print_ and not (print_ == IS_FILE and old.startswith("f:")):
            self.unstable = True


_active: contextvars.ContextVar[Reads | None] = contextvars.ContextVar("aiplatform_lint_reads", default=None)


# -- fingerprints ------------------------------------------------------------


def content_print(data: bytes) -> str:
    return "f:" + hashlib.sha256(data).hexdigest()


def _listing_print(path: str) -> str:
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return MISSING
    return "d:" + hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()


def fingerprint(path: str, kind: str) -> str:
    """The present state of ``path`` in the form ``kind`` was recorded in ("f:", "f?", "d:" or "-")."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return MISSING
    if stat.S_ISDIR(mode):
        return _listing_print(path) if kind.startswith("d:") else "d"
    if not stat.S_ISREG(mode):
        return "o"
    if kind == IS_FILE:
        return IS_FILE
    try:
        with open(path, "rb") as handle:
            return content_print(handle.read())
    except OSError:
        return MISSING


def _same(path: str, recorded: str) -> bool:
    return fingerprint(path, recorded) == recorded


# -- recording what a computation reads -----------------------------------------


def note_read(path: Path | str, data: bytes | None) -> None:
    """A front end read ``path`` (``data`` None: it could not be read)."""
    reads = _active.get()
    if reads is not None:
        reads.add(os.path.abspath(path), MISSING if data is None else content_print(data))


def note_uncacheable() -> None:
    """What is being computed depends on something the cache cannot fingerprint (an unreadable or huge file)."""
    reads = _active.get()
    if reads is not None:
        reads.unstable = True


def note_probe(path: Path | str) -> None:
    """A front end asked whether ``path`` exists (as a file or a folder): record the answer it got."""
    reads = _active.get()
    if reads is None:
        return
    text = os.path.abspath(path)
    try:
        mode = os.stat(text).st_mode
    except (OSError, ValueError):
        reads.add(text, MISSING)
        return
    if stat.S_ISDIR(mode):
        reads.add(text, _listing_print(text))
    elif stat.S_ISREG(mode):
        reads.add(text, IS_FILE)
    else:
        reads.add(text, "o")


def note_listing(path: Path | str) -> None:
    """A front end listed the folder ``path``."""
    reads = _active.get()
    if reads is not None:
        text = os.path.abspath(path)
        reads.add(text, _listing_print(text))


@contextlib.contextmanager
def recording() -> Iterator[Reads]:
    reads = Reads()
    token = _active.set(reads)
    try:
        yield reads
    finally:
        _active.reset(token)


# -- where, and under which key --------------------------------------------------


def directory() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "aiplatform-lint"
    home = Path.home()
    return home / ".cache" / "aiplatform-lint"


_STAMP: str | None = None
# Besides linter/parsers/, the modules whose code decides what a cached value holds.
_SHAPERS = ("__init__.py", "cache.py", "model.py", "policy.py")


def tool_stamp() -> str:
    """The linter's version, the Python version, and the size and time of each source file that shapes a result."""
    global _STAMP
    if _STAMP is None:
        from linter import __version__

        package = Path(__file__).resolve().parent
        parts = [__version__, sys.version, str(_FORMAT)]
        sources = [package / name for name in _SHAPERS]
        sources += sorted((package / "parsers").glob("*.py")) + sorted((package / "parsers").glob("*.json"))
        for full in sources:
            try:
                info = os.stat(full)
            except OSError:
                continue
            parts.append(f"{full.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
        _STAMP = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _STAMP


def make_key(namespace: str, *parts: object) -> str:
    text = "\0".join([namespace, tool_stamp(), *(repr(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
        return True
    except ValueError:
        return False


class Store:
    """Entries under one cache folder; every failure to read or write is silent (the value is recomputed)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def open(cls, scanned: tuple[Path, ...] = ()) -> Store | None:
        """The user's cache, unless turned off, unusable, or inside one of the ``scanned`` folders."""
        root = directory()
        if root is None:
            return None
        if any(_inside(root, folder) for folder in scanned):
            return None
        return cls(root)

    def _path(self, key: str) -> Path:
        return self.root / "v1" / key[:2] / key

    def _ready(self, folder: Path) -> bool:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            info = os.stat(self.root)
        except OSError:
            return False
        owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)

    def get(self, key: str) -> tuple[bool, Any]:
        """(True, value) when an entry for ``key`` exists and everything it was computed from is unchanged."""
        import pickle

        path = self._path(key)
        try:
            info = os.stat(self.root)
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return False, None
            with open(path, "rb") as handle:
                if handle.read(len(_MAGIC)) != _MAGIC:
                    return False, None
                stored_key, reads = pickle.load(handle)
                if stored_key != key or not isinstance(reads, dict):
                    return False, None
                if not all(_same(p, fp) for p, fp in reads.items()):
                    return False, None
                value = pickle.load(handle)
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: kept by prune()
            return True, value
        except FileNotFoundError:
            return False, None
        except Exception:  # noqa: BLE001 - a corrupt or foreign entry is ignored
            return False, None

    def put(self, key: str, reads: Reads, value: Any) -> None:
        import pickle

        if reads.unstable:
            return
        path = self._path(key)
        if not self._ready(path.parent):
            return
        self.prune()
        temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            with open(temp, "wb") as handle:
                handle.write(_MAGIC)
                pickle.dump((key, dict(sorted(reads.seen.items()))), handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except Exception:  # noqa: BLE001 - a full disk or an unpicklable value: simply not cached
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def prune(self, max_age_days: float = 30, every_hours: float = 24) -> None:
        """Once a day at most: delete the entries nobody used for ``max_age_days``."""
        marker = self.root / "v1" / "last-prune"
        now = time.time()
        try:
            if now - os.stat(marker).st_mtime < every_hours * 3600:
                return
        except OSError:
            pass
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
            for folder in (self.root / "v1").iterdir():
                if folder.is_dir():
                    for entry in folder.iterdir():
                        if now - entry.stat().st_mtime > max_age_days * 86400:
                            entry.unlink()
        except OSError:
            return

    def cached(self, key: str, compute: Callable[[], T], extra: Callable[[T, Reads], None] | None = None) -> T:
        """The stored value for ``key``, or ``compute()`` recorded and stored.

        ``extra(value, reads)`` may add what the value depends on beyond what was recorded while computing it.
        """
        hit, value = self.get(key)
        if hit:
            return value  # type: ignore[no-any-return]
        with recording() as reads:
            value = compute()
            if extra is not None:
                extra(value, reads)
        self.put(key, reads, value)
        return value
