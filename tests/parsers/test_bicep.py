"""The Bicep front end: syntax, evaluation, spans, errors, modules and the corpus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from tests.conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.model import Expr, Resource
from linter.parsers import bicep, link
from linter.parsers import bicep_syntax as syn
from linter.parsers.common import LoadOptions, Unit
from linter.reporters import graph

CASES = Path(__file__).parent / "cases" / "bicep"
CASE_FILES = sorted(CASES.glob("*.bicep"))


def _params_file(case: Path) -> Path | None:
    for candidate in (case.with_suffix(".bicepparam"), case.with_name(case.stem + ".parameters.json")):
        if candidate.exists():
            return candidate
    return None


def _dump(unit: Unit) -> str:
    data = graph.to_data(link.build_graph(unit.resources, unit.entry), unit.findings)
    data["files"] = sorted(unit.files)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


@pytest.mark.parametrize("case", CASE_FILES, ids=[c.stem for c in CASE_FILES])
def test_snapshot(case: Path, snapshot: Callable[[Path, str], None]) -> None:
    unit = bicep.load(case, LoadOptions(root=CASES), _params_file(case))
    snapshot(case.with_suffix(".graph.yaml"), _dump(unit))


def _load_text(tmp_path: Path, text: str | bytes, name: str = "main.bicep") -> Unit:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return bicep.load(path, LoadOptions(root=tmp_path))


def _by_address(unit: Unit) -> dict[str, Resource]:
    return {r.address: r for r in unit.resources}


def _errors(unit: Unit) -> list[str]:
    return [f"{f.span.line}:{f.span.column} {f.message}" for f in unit.findings if f.policy == "SYS001"]


# --------------------------------------------------------------------------
# Syntax errors: exact position and message, and the rest of the file still loads

TRAILER = """
resource after 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stafter'
}
"""

ERROR_CASES = {
    "unterminated_string": (
        "var a = 'abc\n",
        "1:9 unterminated string: expected a closing ' before the end of the line",
    ),
    "unclosed_brace": (
        "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'x'\n  properties: {\n    a: 1\n",
        "6:1 expected '}' to close the object opened at 3:15, found 'resource'",
    ),
    "bad_decorator": (
        "@description 'text'\nparam p string\n",
        "1:14 expected '(' after the decorator name 'description' (a decorator is a function call), "
        "found string 'text'",
    ),
    "missing_equals": (
        "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' {\n  name: 'x'\n}\n",
        "1:60 expected '=' after the type of resource 'sa', found '{'",
    ),
    "unexpected_token": (
        "var a = 1\nvar b = )\n",
        "2:9 expected an expression, found ')'",
    ),
    "operator_at_end_of_line": (
        "var a = 1 +\n",
        "3:1 expected an expression, found 'resource'",
    ),
    "unterminated_multiline": (
        "var a = '''\nnever closed\n",
        "1:9 unterminated multi-line string: expected ''' before the end of the file",
    ),
    "bad_interpolation": (
        "var a = 'x${}y'\n",
        "1:13 expected an expression inside '${...}', found '}'",
    ),
    "unclosed_interpolation": (
        "var a = 'x${name y'\n",
        "1:18 expected '}' to close the interpolation opened at 1:11, found 'y'",
    ),
    "missing_colon": (
        "var a = {\n  key 'value'\n}\n",
        "2:7 expected ':' after the property name 'key', found string 'value'",
    ),
    "unclosed_array": (
        "var a = [\n  1\n  2\n",
        "5:1 expected ']' to close the array opened at 1:9, found 'resource'",
    ),
    "unclosed_call": (
        "var a = concat('a',\n  'b'\n",
        "4:1 expected ')' to close the argument list opened at 1:15, found 'resource'",
    ),
    "bad_escape": (
        "var a = 'bad \\q escape'\n",
        "1:14 invalid escape sequence '\\q' (valid: \\\\ \\' \\n \\r \\t \\$ \\u{...})",
    ),
    "not_a_declaration": (
        "foo bar = 1\n",
        "1:1 expected a declaration (param, var, resource, module, output, type, func, import...), found 'foo'",
    ),
    "missing_loop_in": (
        "var a = [for x of items: x]\n",
        "1:16 expected 'in' after the loop variable, found 'of'",
    ),
    "two_values_on_a_line": (
        "var a = 1 2\n",
        "1:11 expected a new line after the declaration, found number 2",
    ),
    "unterminated_comment": (
        "var a = 1 /* never closed\n",
        "1:11 unterminated comment: expected '*/' before the end of the file",
    ),
}


@pytest.mark.parametrize("name", sorted(ERROR_CASES))
def test_syntax_error_position_and_recovery(tmp_path: Path, name: str) -> None:
    source, expected = ERROR_CASES[name]
    unit = _load_text(tmp_path, source + TRAILER)
    errors = _errors(unit)
    assert errors[:1] == [expected]
    assert all(f.span.file == "main.bicep" for f in unit.findings)
    if name != "unterminated_comment":  # the comment swallows the rest of the file
        assert "after" in _by_address(unit), f"declarations after the error are lost: {errors}"


def test_one_error_per_bad_declaration_and_the_rest_survives(tmp_path: Path) -> None:
    source = (
        "param ok string = 'x'\n"
        "var broken = {\n"
        "  a: \n"
        "}\n"
        "resource first 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n"
        "  name: ok\n"
        "}\n"
        "output bad = 1\n"
        "resource second 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n"
        "  name: 'two'\n"
        "}\n"
    )
    unit = _load_text(tmp_path, source)
    assert _errors(unit) == [
        "3:6 expected an expression, found end of line",
        "8:12 expected the type of output 'bad', found '='",
    ]
    resources = _by_address(unit)
    assert resources["first"].name == "x"
    assert resources["second"].name == "two"


# --------------------------------------------------------------------------
# Spans


def test_spans_are_exact(tmp_path: Path) -> None:
    source = (
        "param pna string = 'Enabled'\n"
        "\n"
        "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n"
        "  name: 'stspans'\n"
        "  properties: {\n"
        "    publicNetworkAccess: pna\n"
        "    networkAcls: {\n"
        "      ipRules: [\n"
        "        {\n"
        "          value: '1.2.3.4'\n"
        "        }\n"
        "      ]\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    sa = _by_address(_load_text(tmp_path, source))["sa"]
    assert (sa.span.line, sa.span.column, sa.span.end_line, sa.span.end_column) == (3, 1, 15, 2)
    span = sa.span_of("properties.publicNetworkAccess")
    assert (span.file, span.line, span.column, span.end_line, span.end_column) == ("main.bicep", 6, 5, 6, 29)
    span = sa.span_of("properties.networkAcls.ipRules[0].value")
    assert (span.line, span.column, span.end_line, span.end_column) == (10, 11, 10, 27)
    span = sa.span_of("properties.networkAcls.ipRules[0]")
    assert (span.line, span.column, span.end_line, span.end_column) == (9, 9, 11, 10)
    span = sa.span_of("properties.networkAcls")
    assert (span.line, span.column, span.end_line, span.end_column) == (7, 5, 13, 6)
    # a path that is not written falls back to its deepest written prefix
    assert sa.span_of("properties.networkAcls.defaultAction") == sa.span_of("properties.networkAcls")
    assert sa.origin_of("properties.publicNetworkAccess") == "default of parameter 'pna' (main.bicep:1)"


def test_spans_with_crlf_tabs_and_bom(tmp_path: Path) -> None:
    source = (
        "\ufeffparam loc string = 'westeurope'\r\n"
        "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\r\n"
        "\tname: 'stcrlf'\r\n"
        "\tlocation: loc\r\n"
        "}\r\n"
    )
    unit = _load_text(tmp_path, source.encode("utf-8"))
    assert _errors(unit) == []
    sa = _by_address(unit)["sa"]
    assert sa.location == "westeurope"
    span = sa.span_of("location")
    assert (span.line, span.column, span.end_line, span.end_column) == (4, 2, 4, 15)
    assert sa.span.line == 2 and sa.span.column == 1


def test_module_inner_spans_point_into_the_module_file() -> None:
    unit = bicep.load(CASES / "modules.bicep", LoadOptions(root=CASES))
    inner = _by_address(unit)["storage/sa"]
    span = inner.span_of("properties.publicNetworkAccess")
    assert (span.file, span.line, span.column) == ("modules/storage.bicep", 17, 5)
    outer = _by_address(unit)["storage"]
    span = outer.span_of("properties.parameters.publicAccess")
    assert (span.file, span.line, span.column, span.end_column) == ("modules.bicep", 14, 5, 25)


# --------------------------------------------------------------------------
# Evaluation


def _tags(tmp_path: Path, declarations: str, tags: str) -> dict:
    source = (
        f"{declarations}\n"
        "resource probe 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n"
        "  name: 'probe'\n"
        f"  tags: {tags}\n"
        "}\n"
    )
    unit = _load_text(tmp_path, source)
    assert _errors(unit) == []
    return dict(_by_address(unit)["probe"].body["tags"])


def test_operators_follow_arm_semantics(tmp_path: Path) -> None:
    tags = _tags(
        tmp_path,
        "param unset string",
        "{\n    eq: 'A' == 'a'\n    eqi: 'A' =~ 'a'\n    plus: 1 + 2 * 3\n    prec: true || false && false\n"
        "    co: null ?? 'x'\n    cmp: 'b' > 'a'\n    concatNum: '1' + '2'\n    u: unset\n  }",
    )
    assert tags["eq"] is False
    assert tags["eqi"] is True
    assert tags["plus"] == 7
    assert tags["prec"] is True
    assert tags["co"] == "x"
    assert tags["cmp"] is True
    assert isinstance(tags["concatNum"], Expr)  # + is numeric only
    assert tags["u"] == Expr("x", symbol="parameters(unset)")
    assert tags["u"].inputs == ("unset",)


def test_location_parameter_default_is_symbolic(tmp_path: Path) -> None:
    unit = _load_text(
        tmp_path,
        "param location string = resourceGroup().location\n"
        "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'x'\n  location: location\n}\n",
    )
    location = _by_address(unit)["sa"].location
    assert isinstance(location, Expr)
    assert location.symbol == "resourcegroup().location"


def test_symbolic_references(tmp_path: Path) -> None:
    unit = bicep.load(CASES / "references.bicep", LoadOptions(root=CASES))
    resources = _by_address(unit)
    pe = resources["pe"]
    target = pe.get("properties.privateLinkServiceConnections[0].properties.privateLinkServiceId")
    assert target.refs == ("sa",)
    assert target.symbol == "resourceId(microsoft.storage/storageaccounts,strefs)"
    assert pe.name == "pe-strefs"
    copy = resources["copy"]
    assert copy.get("properties.minimumTlsVersion") == "TLS1_2"  # known value of the target
    assert copy.get("properties.retention") == 30
    endpoint = copy.get("properties.endpoint")
    assert endpoint.refs == ("sa",)
    assert endpoint.symbol == "reference(resourceId(microsoft.storage/storageaccounts,strefs)).primaryendpoints.blob"
    assert copy.get("properties.byResourceId").refs == ("law",)
    assert resources["diag"].body["scope"].refs == ("sa",)
    edges = {(e.source, e.target, e.kind.value) for e in link.build_graph(unit.resources).edges}
    assert ("pe", "sa", "private-endpoint") in edges
    assert ("diag", "sa", "scope") in edges
    assert ("copy", "diag", "reference") in edges


def test_loops_conditions_and_existing() -> None:
    unit = bicep.load(CASES / "loops.bicep", LoadOptions(root=CASES))
    resources = _by_address(unit)
    assert [resources[f"sa[{i}]"].name for i in range(2)] == ["stalpha", "stbeta"]
    assert sorted(a for a in resources if a.startswith("filtered")) == ["filtered[0]", "filtered[2]"]
    assert resources["many"].looped
    subnets = resources["vnet"].get("properties.subnets")
    assert [s["properties"]["addressPrefix"] for s in subnets] == ["10.0.0.0/24", "10.0.1.0/24"]
    assert subnets[1]["properties"]["networkSecurityGroup"]["id"].refs == ("indexed[1]",)
    unit = bicep.load(CASES / "conditions.bicep", LoadOptions(root=CASES))
    resources = _by_address(unit)
    assert "lock" not in resources
    assert resources["diag"].condition is True
    assert isinstance(resources["maybe"].condition, Expr)
    assert resources["maybe"].condition.inputs == ("mode",)
    unit = bicep.load(CASES / "existing.bicep", LoadOptions(root=CASES))
    resources = _by_address(unit)
    assert resources["vnet"].existing
    assert set(resources["vnet"].body) == {"name", "scope"}
    assert resources["subnet"].name == "hub-vnet/default"


def test_loop_above_the_instance_limit_stays_one_looped_resource(tmp_path: Path) -> None:
    unit = _load_text(
        tmp_path,
        "resource ips 'Microsoft.Network/publicIPAddresses@2023-05-01' = [for i in range(0, 20000): {\n"
        "  name: 'pip-${i}'\n}]\n",
    )
    assert [(r.address, r.looped) for r in unit.resources] == [("ips", True)]
    assert _errors(unit) == []


def test_modules_are_deployments_with_inner_resources() -> None:
    unit = bicep.load(CASES / "modules.bicep", LoadOptions(root=CASES))
    resources = _by_address(unit)
    storage = resources["storage"]
    assert storage.type == "Microsoft.Resources/deployments"
    assert storage.get("properties.parameters.name.value") == "stmain"
    inner = resources["storage/sa"]
    assert inner.module == "storage"
    assert inner.get("properties.publicNetworkAccess") == "Enabled"
    assert inner.origin_of("properties.publicNetworkAccess") == "default of parameter 'access' (modules.bicep:2)"
    assert inner.location.symbol == "resourcegroup().location"
    assert resources["perRegion[1]/sa"].name == "stneu1"
    assert resources["perRegion[1]/sa"].body["tags"] == {"note": "neu"}
    assert resources["storage/sa"].body["tags"] == {}
    assert resources["registry"].unresolved == "registry module br/public:avm/res/container-registry/registry:0.9.0"
    assert resources["spec"].unresolved.startswith("registry module ts:")
    assert (
        resources["cycle/b/a"].unresolved == "module cycle: modules/cycle_a.bicep -> modules/cycle_b.bicep -> "
        "modules/cycle_a.bicep"
    )
    assert resources["network/[parameters('vnetName')]"].name == "vnet-from-json"
    pe = resources["pe"]
    link_id = pe.get("properties.privateLinkServiceConnections[0].properties.privateLinkServiceId")
    assert link_id.refs == ("storage/sa",)
    assert link_id.symbol == "resourceId(microsoft.storage/storageaccounts,stmain)"


def test_params_files() -> None:
    unit = bicep.load(CASES / "bicepparam.bicep", LoadOptions(root=CASES), CASES / "bicepparam.bicepparam")
    search = _by_address(unit)["search"]
    assert search.name == "srch-prod"
    assert search.get("properties.publicNetworkAccess") == "Disabled"
    assert (
        search.origin_of("properties.publicNetworkAccess") == "parameter 'publicNetworkAccess' from "
        "bicepparam.bicepparam:6"
    )
    assert search.get("sku.name") == "standard"
    assert "bicepparam.bicepparam" in unit.files
    # the .bicepparam file itself may be given as the entry
    again = bicep.load(CASES / "bicepparam.bicepparam", LoadOptions(root=CASES))
    assert _by_address(again)["search"].name == "srch-prod"
    unit = bicep.load(CASES / "json_params.bicep", LoadOptions(root=CASES), CASES / "json_params.parameters.json")
    ws = _by_address(unit)["ws"]
    assert ws.name == "mlw-from-file"
    assert ws.location == "swedencentral"
    assert (
        ws.origin_of("properties.publicNetworkAccess") == "parameter 'publicNetworkAccess' from "
        "json_params.parameters.json:8"
    )


def test_using_none_and_missing_using_target(tmp_path: Path) -> None:
    (tmp_path / "none.bicepparam").write_text("using none\nparam x = 1\n")
    assert bicep.using_target(tmp_path / "none.bicepparam", "using none\nparam x = 1\n") is None
    text = "using './gone.bicep'\nparam x = 1\n"
    (tmp_path / "main.bicepparam").write_text(text)
    assert bicep.using_target(tmp_path / "main.bicepparam", text) == tmp_path / "gone.bicep"
    unit = bicep.load(tmp_path / "gone.bicep", LoadOptions(root=tmp_path), tmp_path / "main.bicepparam")
    assert [(f.span.file, f.span.line, f.span.column, f.message) for f in unit.findings] == [
        ("main.bicepparam", 1, 7, "the Bicep file named by 'using' does not exist: './gone.bicep'")
    ]


def test_module_paths() -> None:
    text = (CASES / "modules.bicep").read_text()
    paths = bicep.module_paths(CASES / "modules.bicep", text)
    assert paths == [CASES / "modules/storage.bicep", CASES / "modules/network.json", CASES / "modules/cycle_a.bicep"]
    text = (CASES / "imports.bicep").read_text()
    assert bicep.module_paths(CASES / "imports.bicep", text) == [CASES / "lib/shared.bicep"]
    text = (CASES / "bicepparam.bicepparam").read_text()
    assert bicep.module_paths(CASES / "bicepparam.bicepparam", text) == [CASES / "bicepparam.bicep"]


def test_garbage_never_crashes(tmp_path: Path) -> None:
    for source in (
        "\x00\x01",
        "{{{{",
        "resource",
        "@",
        "'''",
        "${",
        "var a = " + "(" * 500 + "1" + ")" * 500,
        "var a = [for]",
        "param",
        "import {",
        "func f(",
        "type t = {",
        "module m 'x.bicep' = {",
    ):
        unit = _load_text(tmp_path, source)
        assert all(f.policy == "SYS001" for f in unit.findings)


_PIECES = st.sampled_from(
    [
        "resource ",
        "module ",
        "param ",
        "var ",
        "output ",
        "type ",
        "func ",
        "import ",
        "for ",
        "in ",
        "if ",
        "x",
        "y",
        "'s'",
        "'" * 3,
        "'${",
        "}'",
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        ":",
        "=",
        "=>",
        ",",
        ".",
        ".?",
        "!",
        "?",
        "??",
        "@d()",
        "...",
        "::",
        "\n",
        "\r\n",
        "\t",
        " ",
        "1",
        "-",
        "+",
        "&&",
        "//c\n",
        "/*",
        "*/",
        "#x\n",
        "'t@1'",
        "existing ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=60))
def test_random_token_soup_never_crashes(tmp_path: Path, pieces: list[str]) -> None:
    unit = _load_text(tmp_path, "".join(pieces))
    assert all(f.policy == "SYS001" for f in unit.findings)
    assert not any("could not be evaluated" in f.message for f in unit.findings)


# --------------------------------------------------------------------------
# Lexer details


def test_string_escapes_and_multiline() -> None:
    program = syn.parse("var a = 'it\\'s \\${x} \\u{41}'\nvar b = '''\nraw \\n ${x}\n'''\n")
    assert program.errors == []
    values = [d.value.value for d in program.decls]
    assert values == ["it's ${x} A", "raw \\n ${x}\n"]


def test_multiline_string_keeps_trailing_quotes() -> None:
    program = syn.parse("var a = '''quoted''''\n")
    assert program.errors == []
    assert program.decls[0].value.value == "quoted'"


# --------------------------------------------------------------------------
# The corpus: every real file parses and evaluates without a syntax error

CORPUS_BICEP = sorted(CORPUS.rglob("*.bicep")) if CORPUS.exists() else []
CORPUS_PARAMS = sorted(CORPUS.rglob("*.bicepparam")) if CORPUS.exists() else []
MISSING_USING = "foundry-basic/main.bicepparam"


@pytest.mark.skipif(not CORPUS_BICEP, reason="shared corpus not present")
@pytest.mark.parametrize("path", CORPUS_BICEP, ids=[str(p.relative_to(CORPUS)) for p in CORPUS_BICEP])
def test_corpus_bicep_loads_without_errors(path: Path) -> None:
    unit = bicep.load(path, LoadOptions(root=CORPUS))
    assert [f"{f.span}: {f.message}" for f in unit.findings if f.policy == "SYS001"] == []


@pytest.mark.skipif(not CORPUS_PARAMS, reason="shared corpus not present")
@pytest.mark.parametrize("path", CORPUS_PARAMS, ids=[str(p.relative_to(CORPUS)) for p in CORPUS_PARAMS])
def test_corpus_bicepparam(path: Path) -> None:
    target = bicep.using_target(path, path.read_text(encoding="utf-8"))
    assert target is not None
    unit = bicep.load(target, LoadOptions(root=CORPUS), path)
    messages = [f"{f.span.line}:{f.span.column} {f.message}" for f in unit.findings]
    if path.as_posix().endswith(MISSING_USING):
        assert messages == ["1:7 the Bicep file named by 'using' does not exist: 'main-option-1.bicep'"]
        assert unit.resources == []
    else:
        assert messages == []
        assert unit.resources
