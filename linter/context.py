"""File-name mode (pre-commit): what must be loaded so that the given files are understood.

Given template files rather than folders, the linter loads their context and
reports only findings located in the given files:

- a Terraform file: its whole module folder, and the folders that call that
  folder as a local module (transitively), so variables get the callers' values;
- a Bicep file: the ``.bicepparam`` files next to it that use it, its
  ``<name>.parameters.json``, and the Bicep files that use it as a module
  (transitively); the modules it uses itself are followed by the front end;
- an ARM template: its ``<name>.parameters.json`` and the templates that link it
  through ``relativePath``; an ARM parameters file: its template;
- a ``.bicepparam`` file: nothing more (its ``using`` target is followed).

Callers are searched inside ``boundary`` (the repository). Other JSON files are
skipped silently.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from linter import parsers
from linter.parsers.common import LoadOptions, read_text

log = logging.getLogger(__name__)

_TF = (".tf", ".tf.json", ".tfvars")


def _abs(path: Path) -> Path:
    return Path(os.path.abspath(path))


class _Repository:
    """The template files inside the boundary, read lazily, for finding callers."""

    def __init__(self, boundary: Path, opts: LoadOptions, excludes: Sequence[str]) -> None:
        self.boundary = boundary
        self.opts = opts
        self.excludes = excludes
        self._files: list[Path] | None = None
        self._texts: dict[Path, str | None] = {}

    def files(self) -> list[Path]:
        if self._files is None:
            self._files = parsers.discover([self.boundary], self.excludes, self.opts.root)
        return self._files

    def text(self, path: Path) -> str | None:
        if path not in self._texts:
            self._texts[path], _ = read_text(path, self.opts)
        return self._texts[path]

    def mentioning(self, name: str, suffixes: tuple[str, ...]) -> Iterable[Path]:
        for path in self.files():
            if path.name.lower().endswith(suffixes):
                text = self.text(path)
                if text is not None and name in text:
                    yield path


def _bicep_callers(target: Path, repo: _Repository) -> list[Path]:
    from linter.parsers import bicep

    out = []
    for path in repo.mentioning(target.name, (".bicep",)):
        if path == target:
            continue
        try:
            if any(_abs(p) == target for p in bicep.module_paths(path, repo.text(path) or "")):
                out.append(path)
        except Exception:  # noqa: BLE001 - a broken caller is reported when it is scanned itself
            log.debug("module scan failed for %s", path, exc_info=True)
    return out


def _bicepparams_for(target: Path, repo: _Repository) -> list[Path]:
    from linter.parsers import bicep

    out = []
    for path in sorted(target.parent.glob("*.bicepparam")):
        text = repo.text(_abs(path))
        try:
            using = bicep.using_target(path, text) if text is not None else None
        except Exception:  # noqa: BLE001
            using = None
        if using is not None and _abs(using) == target:
            out.append(_abs(path))
    return out


_TF_SOURCE = re.compile(r'\bsource\s*=\s*"(\.{1,2}(?:/[^"]*)?)"')


def _terraform_callers(folder: Path, repo: _Repository) -> list[Path]:
    from linter.parsers import terraform

    candidates: set[Path] = set()
    for path in repo.files():
        if not path.name.lower().endswith(".tf") or path.parent == folder:
            continue
        text = repo.text(path) or ""
        if "module" in text and any(
            _abs(Path(os.path.normpath(path.parent / source))) == folder for source in _TF_SOURCE.findall(text)
        ):
            candidates.add(path.parent)
    out: list[Path] = []
    for directory in sorted(candidates):
        try:
            if any(_abs(p) == folder for p in terraform.module_sources(directory, repo.opts)):
                out.append(directory)
        except Exception:  # noqa: BLE001
            log.debug("module scan failed for %s", directory, exc_info=True)
    return out


def _arm_callers(target: Path, repo: _Repository) -> list[Path]:
    out = []
    for path in repo.mentioning(target.name, (".json", ".jsonc")):
        linking = path != target and "relativepath" in (repo.text(path) or "").lower()
        if linking and parsers.sniff_json(path, repo.opts) == "template":
            out.append(path)
    return out


def _sibling_parameters(path: Path) -> list[Path]:
    stem = path.name.rsplit(".", 1)[0]
    return [_abs(p) for ext in (".parameters.json", ".parameters.jsonc") if (p := path.with_name(stem + ext)).is_file()]


def expand(files: Sequence[Path], boundary: Path, opts: LoadOptions, excludes: Sequence[str] = ()) -> list[Path]:
    """The files and folders to load so that ``files`` are judged with their context."""
    repo = _Repository(boundary, opts, excludes)
    out: dict[Path, None] = {}
    todo = [_abs(p) for p in files]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        name = path.name.lower()
        if path.is_dir():  # a Terraform module folder: its own files (not its subfolders), then its callers
            out.update(dict.fromkeys(_abs(p) for p in sorted(path.iterdir()) if p.name.lower().endswith(_TF)))
            todo.extend(_terraform_callers(path, repo))
        elif name.endswith(_TF):
            todo.append(path.parent)
        elif name.endswith(".bicep"):
            out[path] = None
            out.update(dict.fromkeys(_bicepparams_for(path, repo)))
            out.update(dict.fromkeys(_sibling_parameters(path)))
            todo.extend(_bicep_callers(path, repo))
        elif name.endswith(".bicepparam"):
            out[path] = None
        elif name.endswith((".json", ".jsonc")):
            kind = parsers.sniff_json(path, opts)
            if kind == "template":
                out[path] = None
                out.update(dict.fromkeys(_sibling_parameters(path)))
                todo.extend(_arm_callers(path, repo))
            elif kind == "parameters":
                out[path] = None
                stem = path.name.lower().split(".parameters.", 1)[0]
                for candidate in sorted(path.parent.iterdir()):
                    lower = candidate.name.lower()
                    if lower in (f"{stem}.json", f"{stem}.jsonc", f"{stem}.bicep") and candidate.is_file():
                        todo.append(_abs(candidate))
            elif kind == "plan":
                out[path] = None
    return sorted(out)
