"""ARM front end: a graph snapshot per case (tests/parsers/cases/arm/<case>.json -> <case>.graph.yaml)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from linter.model import Expr
from linter.parsers import arm
from linter.parsers.common import LoadOptions
from linter.parsers.link import build_graph
from linter.reporters.graph import to_data

CASES = Path(__file__).parent / "cases" / "arm"
NAMES = sorted(p.stem for p in CASES.glob("*.json") if not p.name.endswith(".parameters.json"))


def load(name: str) -> tuple[object, object]:
    path = CASES / f"{name}.json"
    params = CASES / f"{name}.parameters.json"
    unit = arm.load(path, LoadOptions(root=CASES), params if params.exists() else None)
    return unit, build_graph(unit.resources, unit.entry)


@pytest.mark.parametrize("name", NAMES)
def test_graph_snapshot(name: str, snapshot: Callable[[Path, str], None]) -> None:
    unit, graph = load(name)
    data = to_data(graph, unit.findings)  # type: ignore[arg-type]
    snapshot(CASES / f"{name}.graph.yaml", yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120))


def test_exact_spans() -> None:
    _, graph = load("comments")
    st = graph["stcomments"]
    span = st.span_of("properties.supportsHttpsTrafficOnly")
    assert (span.line, span.column, span.end_line, span.end_column) == (12, 22, 12, 54)
    name = st.span_of("name")  # a tab-indented line
    assert (name.line, name.column) == (10, 2)
    missing = st.span_of("properties.minimumTlsVersion")  # not written: where it should be added
    assert (missing.line, missing.column) == (12, 7)


def test_parameters_file_and_origins() -> None:
    _, graph = load("params")
    ws = graph["[variables('wsName')]"]
    assert ws.name == "mlw-prod"
    assert ws.get("properties.publicNetworkAccess") == "Disabled"
    assert ws.origin_of("properties.publicNetworkAccess") == "parameter 'access' from params.parameters.json:6"
    assert ws.location.symbol == "resourcegroup().location"


def test_copy_conditions_and_nesting() -> None:
    _, loops = load("copy_loops")
    assert [r.name for r in loops.of_type("Microsoft.Network/virtualNetworks")] == ["vnet0", "vnet1"]
    assert loops["[concat('vnet', copyIndex())][1]"].get("properties.subnets[1].name") == "snet-1"
    (looped,) = loops.of_type("Microsoft.Storage/storageAccounts")
    assert looped.looped
    _, cond = load("conditions")
    assert sorted(r.name for r in cond) == ["acrmaybe", "stkept"]
    assert cond["acrmaybe"].condition is not True
    _, nested = load("nested")
    assert nested["inner/kv-inner"].location == "swedencentral"
    assert nested["outer/kv-outer"].location == "swedencentral"
    assert nested["linked/acrlinked"].get("sku.name") == "Premium"
    assert nested["linked/acrlinked"].span.file == "linked/child.json"


def test_edges() -> None:
    _, graph = load("private_endpoint")
    kinds = {(e.source, e.target, e.kind.value) for e in graph.edges}
    assert ("pe-mlw", "mlw", "private-endpoint") in kinds
    assert ("diag", "mlw", "scope") in kinds
    _, children = load("children")
    parents = {(e.source, e.target) for e in children.edges if e.kind.value == "parent"}
    assert parents == {("nested", "vnet"), ("vnet/flat", "vnet")}
    assert children["nested"].name == "vnet/nested"


def test_nested_nullable_parameter_left_out_by_the_caller_is_null(tmp_path: Path) -> None:
    """Inside a nested deployment an optional parameter the caller does not pass is null (as for Bicep
    modules); at the root it stays unknown, since the deployer may pass it."""
    inner_resource = {
        "condition": "[not(equals(parameters('zone'), null()))]",
        "type": "Microsoft.Network/privateDnsZones",
        "apiVersion": "2020-06-01",
        "name": "zone",
        "location": "global",
    }
    nested = {
        "type": "Microsoft.Resources/deployments",
        "apiVersion": "2022-09-01",
        "name": "inner",
        "properties": {
            "mode": "Incremental",
            "expressionEvaluationOptions": {"scope": "inner"},
            "parameters": {},
            "template": {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {"zone": {"type": "string", "nullable": True}},
                "resources": [inner_resource],
            },
        },
    }
    root = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"zone": {"type": "string", "nullable": True}},
        "resources": [nested, {**inner_resource, "name": "root-zone"}],
    }
    (tmp_path / "main.json").write_text(json.dumps(root), encoding="utf-8")
    unit = arm.load(tmp_path / "main.json", LoadOptions(root=tmp_path))
    names = {r.body["name"]: r.condition for r in unit.resources if r.type.endswith("privateDnsZones")}
    assert set(names) == {"root-zone"}
    assert isinstance(names["root-zone"], Expr)
