"""Bicep and its compiled ARM template give the same normalized graph.

The corpus holds folders with a ``main.bicep`` and the ARM template compiled
from it (``azuredeploy.json``, or ``main.json`` for the verified modules). For
each pair both front ends must agree on resource types and counts, names and
regions (as values or as the same symbolic value), every property value that
both evaluated, and the edges between matched resources.

What is left out, and why:
- the bodies of ``Microsoft.Resources/deployments`` themselves: a Bicep module
  and its compiled nested deployment carry the same inner resources (compared),
  but the deployment's own body differs by construction (inline template);
- resources of registry modules (``br/public:...``): Bicep cannot read them
  without the network, while the compiled template has them inline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from linter.model import Expr, Resource
from linter.parsers import arm, bicep, link
from linter.parsers.common import LoadOptions

from tests.conftest import CORPUS

DEPLOYMENTS = "microsoft.resources/deployments"


def _pairs() -> list[tuple[Path, Path]]:
    if not CORPUS.is_dir():
        return []
    found = []
    for source in sorted(CORPUS.rglob("main.bicep")):
        for compiled in ("azuredeploy.json", "main.json"):
            if (source.parent / compiled).is_file():
                found.append((source, source.parent / compiled))
                break
    return found


PAIRS = _pairs()

# Known gaps, each a value one front end cannot evaluate yet. Strict: a pair that starts to agree must
# leave this list.
KNOWN_GAPS = {
    "Azure__azure-quickstart-templates/demos/private-aks-cluster": (
        "an existing resource named last(split(<symbolic id>, '/')): split() of a symbolic value stays unknown,"
        " so the Bicep reference cannot be tied to the declared workspace"
    ),
    "Azure__azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-end-to-end-secure": (
        "resourceId(..., split(format('{0}/{1}', vnet, subnet), '/')[0], ...) in ARM: split() of a symbolic value"
    ),
    "Azure__bicep-registry-modules/avm/ptn/ai-ml/ai-foundry": (
        "the lock's scope inside a module whose account name comes from a registry module's outputs"
    ),
    "Azure__bicep-registry-modules/avm/ptn/ai-ml/ai-foundry/modules/project": (
        "ids of existing resources in another resource group (scope: resourceGroup(sub, rg)): Bicep gives an id in"
        " the deployment's resource group, ARM spells out /subscriptions/{sub}/resourceGroups/{rg}"
    ),
}


def _load(source: Path, compiled: Path) -> tuple[list[Resource], list[Resource], list[str]]:
    root = CORPUS / source.relative_to(CORPUS).parts[0]
    opts = LoadOptions(root=root)
    from_bicep, from_arm = bicep.load(source, opts), arm.load(compiled, opts)
    problems = [f"{f.span} {f.message}" for f in [*from_bicep.findings, *from_arm.findings]]
    registry = [r.address for r in from_bicep.resources if r.unresolved]
    arm_side = [r for r in from_arm.resources if not any(r.address.startswith(f"{a}/") for a in registry)]
    return from_bicep.resources, arm_side, problems


def _name_key(resource: Resource) -> tuple[str, str] | None:
    name = resource.body.get("name")
    if isinstance(name, Expr):
        name = f"symbol:{name.symbol}" if name.symbol else None
    elif isinstance(name, str):
        name = name.lower()
    return (resource.type.lower(), name) if isinstance(name, str) else None


def _match(left: list[Resource], right: list[Resource]) -> tuple[list[tuple[Resource, Resource]], list[str]]:
    """Twins by name, then by address, then the one remaining resource of a type in a module."""
    pairs: list[tuple[Resource, Resource]] = []
    free = list(right)

    def take(resource: Resource, candidates: list[Resource]) -> bool:
        if len(candidates) != 1:
            return False
        pairs.append((resource, candidates[0]))
        free.remove(candidates[0])
        return True

    pending = []
    for resource in left:
        key = _name_key(resource)
        if key is None or not take(resource, [r for r in free if _name_key(r) == key]):
            pending.append(resource)
    unmatched = []
    for resource in pending:
        same = [r for r in free if r.type.lower() == resource.type.lower()]
        if take(resource, [r for r in same if r.address == resource.address]):
            continue
        if not take(resource, [r for r in same if _module_of(r) == _module_of(resource)]):
            unmatched.append(resource)
    unmatched = [r for r in unmatched if not take(r, [f for f in free if f.type.lower() == r.type.lower()])]
    problems = [f"Bicep {r.address} ({r.type}) has no ARM twin" for r in unmatched]
    problems += [f"ARM {r.address} ({r.type}) has no Bicep twin" for r in free]
    return pairs, problems


def _module_of(resource: Resource) -> str:
    return resource.address.rsplit("/", 1)[0] if "/" in resource.address else ""


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def _same(a: Any, b: Any) -> bool:
    """Equal values, the same symbolic value, or at least one side not evaluated (nothing to compare)."""
    if isinstance(a, Expr) or isinstance(b, Expr):
        if isinstance(a, Expr) and isinstance(b, Expr) and a.symbol and b.symbol:
            return a.symbol == b.symbol
        return True
    return a == b and type(a) is type(b)


def _compare(left: Resource, right: Resource) -> Iterator[str]:
    for field in ("name", "location"):
        if not _same(left.body.get(field), right.body.get(field)):
            yield f"{left.address}: {field} {left.body.get(field)!r} vs {right.body.get(field)!r}"
    if left.type.lower() == DEPLOYMENTS:
        return
    ours = dict(_leaves({k: v for k, v in left.body.items() if k not in ("dependsOn", "parent", "scope")}))
    theirs = dict(_leaves({k: v for k, v in right.body.items() if k not in ("dependsOn", "parent", "scope")}))
    for path in sorted(set(ours) | set(theirs)):
        a, b = ours.get(path, _ABSENT), theirs.get(path, _ABSENT)
        if a is _ABSENT or b is _ABSENT:
            if not isinstance(a if b is _ABSENT else b, Expr):
                yield f"{left.address}: {path} only in {'Bicep' if b is _ABSENT else 'ARM'} ({a if b is _ABSENT else b!r})"
        elif isinstance(a, Expr) == isinstance(b, Expr) and not _same(a, b):
            yield f"{left.address}: {path} = {a!r} (Bicep) vs {b!r} (ARM)"


_ABSENT = object()


def _edges(resources: list[Resource], twin: dict[str, str]) -> set[tuple[str, str, str]]:
    """Edges between matched resources, by kind. Aside: ``dependsOn`` (compiled templates spell out the
    dependencies Bicep infers), names (a name built from another resource's id only identifies), and
    edges to module deployments (how a module output reaches its caller is plumbing)."""
    declared = {_name_key(r): r.address for r in resources if not r.existing and _name_key(r)}
    twin = dict(twin)
    for resource in resources:  # `existing` stands for the declared resource of that name, if any
        if resource.existing and declared.get(_name_key(resource)) in twin:
            twin[resource.address] = twin[declared[_name_key(resource)]]
    graph = link.build_graph(resources)
    out: set[tuple[str, str, str]] = set()
    for resource in graph:
        for edge in graph.out_edges(resource):
            source, target = twin.get(edge.source), twin.get(edge.target)
            if not source or not target or edge.kind.value == "module" or edge.path == "name":
                continue
            if edge.path.startswith("dependsOn") or graph[edge.target].type.lower() == DEPLOYMENTS:
                continue
            out.add((source, target, edge.kind.value))
    return out


@pytest.mark.skipif(not PAIRS, reason="../shared/corpus is not beside the repository")
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: str(p[0].parent.relative_to(CORPUS)))
def test_bicep_and_compiled_arm_agree(pair: tuple[Path, Path], request: pytest.FixtureRequest) -> None:
    gap = KNOWN_GAPS.get(str(pair[0].parent.relative_to(CORPUS)))
    if gap:
        request.applymarker(pytest.mark.xfail(strict=True, reason=gap))
    from_bicep, from_arm, problems = _load(*pair)
    assert not problems, problems
    ours = [r for r in from_bicep if not r.existing]
    theirs = [r for r in from_arm if not r.existing]
    counts = Counter(r.type.lower() for r in ours), Counter(r.type.lower() for r in theirs)
    assert counts[0] == counts[1], f"Bicep-only {counts[0] - counts[1]}, ARM-only {counts[1] - counts[0]}"
    matched, problems = _match(ours, theirs)
    for left, right in matched:
        problems.extend(_compare(left, right))
    bicep_twin = {left.address: left.address for left, _ in matched}
    arm_twin = {right.address: left.address for left, right in matched}
    bicep_edges, arm_edges = _edges(from_bicep, bicep_twin), _edges(from_arm, arm_twin)
    problems += [f"edge only from Bicep: {e}" for e in sorted(bicep_edges - arm_edges)]
    problems += [f"edge only from ARM: {e}" for e in sorted(arm_edges - bicep_edges)]
    assert not problems, "\n".join(problems)


def test_the_corpus_has_pairs() -> None:
    if CORPUS.is_dir():
        assert len(PAIRS) >= 20
