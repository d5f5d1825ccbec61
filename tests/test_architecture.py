"""Import layers, checked on the source: policies see only the public model; front ends never see reporters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import linter

REPO = Path(__file__).resolve().parent.parent
PUBLIC = {"linter.model", "linter.policy"}  # what `from linter import Name` reaches
LAYERS = {  # module (or package prefix) -> linter modules it may import
    "linter.model": set(),
    "linter.policy": {"linter.model"},
    "linter.parsers": {"linter.model", "linter.policy", "linter.parsers", "linter.cache"},
    "linter.reporters": {"linter.model", "linter.policy", "linter.reporters"},
    "linter.config": {"linter.model", "linter.policy"},
    "linter.registry": {"linter.model", "linter.policy"},
    "linter.baseline": {"linter.model", "linter.policy"},
    "linter.cache": {"linter.model", "linter.policy"},
}
ONLY_IN = {"click": {"linter.cli"}, "hcl2": {"linter.parsers.terraform", "linter.parsers.terraform_eval"}}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Modules a file imports; `from linter import x` counts as linter.x when x is a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if node.module == "linter" and alias.name in linter.__all__:
                    found.add("linter")  # a public name (`policy` the decorator, not the module)
                    continue
                candidate = f"{node.module}.{alias.name}"
                is_module = (REPO / candidate.replace(".", "/")).with_suffix(".py").is_file() or (
                    REPO / candidate.replace(".", "/")
                ).is_dir()
                found.add(candidate if is_module else node.module)
    return found


def _ours(name: str) -> set[str]:
    if name == "linter":
        return set(PUBLIC)
    return {name} if name.startswith("linter.") else set()


SOURCES = sorted([*REPO.glob("linter/**/*.py"), *REPO.glob("policies/**/*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_import_layers(path: Path) -> None:
    module = _module_name(path)
    imported = _imports(path)
    for package, allowed_in in ONLY_IN.items():
        if any(i == package or i.startswith(f"{package}.") for i in imported):
            assert module in allowed_in, f"{module} imports {package}"
    if module.startswith("policies"):
        bad = [i for i in imported if i.startswith("linter") and i != "linter"]
        assert not bad, f"a policy imports only the public `linter` names, not {bad}"
        return
    layer = next((k for k in sorted(LAYERS, key=len, reverse=True) if module == k or module.startswith(f"{k}.")), None)
    rule = LAYERS[layer] if layer is not None else None
    if rule is None:
        return  # engine, context, suppressions, cli: the upper layers
    ours = set().union(*(_ours(i) for i in imported)) - {module}
    bad = [i for i in sorted(ours) if not any(i == a or i.startswith(f"{a}.") for a in rule)]
    assert not bad, f"{module} may not import {bad}"


def test_policies_use_only_public_names() -> None:
    public = set(linter.__all__)
    for path in REPO.glob("policies/**/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "linter":
                names = {alias.name for alias in node.names}
                assert names <= public, f"{path.relative_to(REPO)} imports {names - public}"
