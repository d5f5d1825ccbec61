"""Find the policies: every ``Policy`` object in the modules of the ``policies`` package."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Iterable
from pathlib import Path

from linter.policy import Policy


class RegistryError(ValueError):
    """Two policies share an id or a name, or an extra policy file cannot be loaded."""


def _doc(summary: str, why: str, fix: str) -> str:
    return f"{summary}\n\n## Why is this bad?\n{why}\n\n## Use instead\n{fix}\n"


def _never(*_args: object) -> Iterable[object]:
    return ()


BUILTIN: tuple[Policy, ...] = (
    Policy(
        "SYS001", "parse-error", "error",
        _doc("A template file cannot be read or parsed.",
             "What cannot be read cannot be checked: every policy is silent on that file, so the gate "
             "fails until the file parses.",
             "Fix the syntax error at the reported line and column."),
        _never,
    ),
    Policy(
        "SYS002", "policy-error", "error",
        _doc("A policy failed while checking a deployment.",
             "The policy could not give its verdict, so a problem may be hidden.",
             "Report the message; the other policies still ran."),
        _never,
    ),
    Policy(
        "SYS003", "suppression-problem", "warning",
        _doc("An inline suppression is unused, expired, lacks a reason, or is not allowed.",
             "A stale suppression hides the next real finding at that place; one without a reason "
             "cannot be reviewed.",
             "Remove the suppression, give a reason, or renew its date."),
        _never,
    ),
)


def _policies_in(module: object) -> list[Policy]:
    return [value for value in vars(module).values() if isinstance(value, Policy)]


def load(extra_dirs: Iterable[Path] = ()) -> tuple[Policy, ...]:
    """All policies sorted by id: the built-in SYS ones, the ``policies`` package, and ``extra_dirs``."""
    import policies

    found: list[Policy] = list(BUILTIN)
    for info in sorted(pkgutil.walk_packages(policies.__path__, "policies."), key=lambda i: i.name):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception as error:  # noqa: BLE001 - a broken policy module: one clear error, not a traceback
            raise RegistryError(f"cannot load policy module {info.name}: {type(error).__name__}: {error}") from error
        found.extend(_policies_in(module))
    for directory in extra_dirs:
        for path in sorted(Path(directory).glob("*.py")):
            name = f"aiplatform_lint_extra_{path.stem}"
            spec = importlib.util.spec_from_file_location(name, path)
            if spec is None or spec.loader is None:
                raise RegistryError(f"cannot load policy file {path}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except Exception as error:  # noqa: BLE001 - a user's file: report, do not crash
                raise RegistryError(f"cannot load policy file {path}: {error}") from error
            found.extend(_policies_in(module))
    ids: dict[str, Policy] = {}
    names: dict[str, Policy] = {}
    for item in found:
        if item.id in ids and ids[item.id] is not item:
            raise RegistryError(f"policy id {item.id} is defined twice ({ids[item.id].module}, {item.module})")
        if item.name in names and names[item.name] is not item:
            raise RegistryError(f"policy name {item.name} is defined twice")
        ids[item.id] = item
        names[item.name] = item
    return tuple(sorted(ids.values(), key=lambda p: p.id))
