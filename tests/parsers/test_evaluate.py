"""Table-driven tests of the ARM expression language: expression -> value, or unknown."""

from __future__ import annotations

from typing import Any

import pytest

from linter.model import Expr
from linter.parsers import evaluate as ev
from linter.parsers import expr as ex

UNKNOWN = object()

PARAMS = {
    "name": ev.Param("Work Space", "default of parameter 'name'"),
    "count": ev.Param(3, "default of parameter 'count'"),
    "tags": ev.Param({"env": "prod"}, "default of parameter 'tags'"),
    "unset": ev.Param(Expr("parameters('unset')", inputs=("unset",), symbol="parameters(unset)"), "no value"),
}
VARIABLES = {"prefix": "[toLower(parameters('name'))]", "list": [1, 2, 3]}

CASES: list[tuple[str, Any]] = [
    ("[concat('a', 'b', 'c')]", "abc"),
    ("[concat(createArray(1), createArray(2))]", [1, 2]),
    ("[format('{0}-{1:D3}', 'x', 7)]", "x-007"),
    ("[toLower(parameters('name'))]", "work space"),
    ("[toUpper('a')]", "A"),
    ("[replace(variables('prefix'), ' ', '')]", "workspace"),
    ("[split('a,b', ',')]", ["a", "b"]),
    ("[substring('abcdef', 1, 3)]", "bcd"),
    ("[startsWith('Hello', 'he')]", True),
    ("[endsWith('Hello', 'LO')]", True),
    ("[contains(variables('list'), 2)]", True),
    ("[trim('  x ')]", "x"),
    ("[padLeft('7', 3, '0')]", "007"),
    ("[last(variables('list'))]", 3),
    ("[first(variables('list'))]", 1),
    ("[take(variables('list'), 2)]", [1, 2]),
    ("[skip(variables('list'), 2)]", [3]),
    ("[length(parameters('tags'))]", 1),
    ("[empty('')]", True),
    ("[join(createArray('a', 'b'), '-')]", "a-b"),
    ("[if(equals(parameters('count'), 3), 'yes', 'no')]", "yes"),
    ("[and(true, not(false))]", True),
    ("[or(false, greater(2, 1))]", True),
    ("[lessOrEquals(2, 2)]", True),
    ("[coalesce(null(), 'x')]", "x"),
    ("[union(parameters('tags'), createObject('a', 1))]", {"env": "prod", "a": 1}),
    ("[intersection(createArray(1, 2), createArray(2, 3))]", [2]),
    ("[items(createObject('b', 2, 'a', 1))]", [{"key": "a", "value": 1}, {"key": "b", "value": 2}]),
    ("[range(1, parameters('count'))]", [1, 2, 3]),
    ("[json('{\"a\": [1]}').a[0]]", 1),
    ("[string(true)]", "True"),
    ("[int('42')]", 42),
    ("[bool('true')]", True),
    ("[array('x')]", ["x"]),
    ("[parameters('tags').env]", "prod"),
    ("[parameters('tags')['env']]", "prod"),
    ("[map(variables('list'), lambda('x', mul(lambdaVariables('x'), 2)))]", [2, 4, 6]),
    ("[filter(variables('list'), lambda('x', greater(lambdaVariables('x'), 1)))]", [2, 3]),
    ("[reduce(variables('list'), 10, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]", 16),
    ("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", [1, 2, 3]),
    ("[mapValues(parameters('tags'), lambda('v', toUpper(lambdaVariables('v'))))]", {"env": "PROD"}),
    ("[concat('a', listKeys('x', '2023-01-01').keys[0].value)]", UNKNOWN),
    ("[toLower(listKeys('x', '2023-01-01').primaryKey)]", UNKNOWN),
    ("[listKeys('x', '2023-01-01').keys[0].value]", UNKNOWN),
    ("[if(equals(parameters('unset'), 'a'), 'x', 'x')]", "x"),
    ("[and(equals(parameters('unset'), 'a'), false)]", False),
    ("[or(not(empty(parameters('unset'))), true)]", True),
    ("[if(equals(parameters('unset'), 'a'), 'x', 'y')]", UNKNOWN),
]


def scope() -> ev.ArmScope:
    return ev.ArmScope(ev.Context(), params=dict(PARAMS), variables=VARIABLES)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_expression(text: str, expected: Any) -> None:
    value = scope().string(text)
    if expected is UNKNOWN:
        assert isinstance(value, Expr), value
        assert value.symbol is None
    else:
        assert value == expected


@pytest.mark.parametrize(
    "text",
    [
        "[concat('st-', parameters('unset'), '-', uniqueString(resourceGroup().id))]",
        "[format('st-{0}-{1}', parameters('unset'), uniqueString(resourceGroup().id))]",
        "[format('{0}{1}{2}-{3}', 'st', '-', parameters('unset'), uniqueString(resourceGroup().id))]",
    ],
)
def test_strings_built_from_symbolic_values_are_symbolic(text: str) -> None:
    """Interpolation, concat and format of stable values give one stable value, whatever the spelling."""
    value = scope().string(text)
    assert isinstance(value, Expr)
    assert value.symbol == "concat('st-',parameters(unset),'-',uniquestring(resourcegroup().id))"


def test_an_undecided_if_references_both_branches() -> None:
    value = scope().string("[if(equals(parameters('unset'), 'a'), parameters('tags'), parameters('other'))]")
    assert isinstance(value, Expr) and {"unset", "other"} <= set(value.inputs)


def test_string_functions_keep_symbolic_values() -> None:
    a = scope().string("[toLower(replace(parameters('unset'), '-', ''))]")
    assert isinstance(a, Expr) and a.symbol == "tolower(replace(parameters(unset),'-',''))"
    assert scope().string("[format('{0:N2}', parameters('unset'))]").symbol is None


def test_symbolic_values_are_stable() -> None:
    a = scope().string("[resourceGroup().location]")
    b = scope().string("[resourceGroup().location]")
    assert isinstance(a, Expr) and a.symbol == "resourcegroup().location"
    assert a == b
    assert scope().string("[uniqueString(resourceGroup().id)]") == scope().string("[uniqueString(resourceGroup().id)]")
    assert scope().string("[parameters('unset')]") == scope().string("[parameters('unset')]")


def test_resource_id_refers_to_declared_resource() -> None:
    ctx = ev.Context(resources=[("microsoft.storage/storageaccounts", "st1", "sa")])
    value = ev.ArmScope(ctx).string("[resourceId('Microsoft.Storage/storageAccounts', 'st1')]")
    assert isinstance(value, Expr) and value.refs == ("sa",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("concat('a'", "expected ','|expected '\\)'"),
        ("concat('a)", "unterminated string"),
        ("foo", "unknown name"),
        ("concat('a') extra", "after the end"),
        ("", "empty expression"),
        ("a(" * 80 + ")" * 80, "nested deeper"),
        ("concat(#)", "unexpected character"),
    ],
)
def test_malformed_expressions_raise_clear_errors(text: str, message: str) -> None:
    with pytest.raises(ex.ExprError, match=message):
        ex.parse(text)
