"""Terraform front end: snapshot cases, exact spans, errors, plans and the corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from linter.model import Expr, Span
from linter.parsers import link, terraform, terraform_map
from linter.parsers.common import LoadOptions, Unit
from linter.parsers.terraform_map import Attr, TypeMap, enabled
from linter.reporters.graph import to_data

CASES = Path(__file__).parent / "cases" / "terraform"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# A fixed mapping table, so that these snapshots test the front end and not the (growing) data table.
TEST_TYPES = {
    "azurerm_resource_group": TypeMap(arm_type="Microsoft.Resources/resourceGroups"),
    "azurerm_storage_account": TypeMap(
        arm_type="Microsoft.Storage/storageAccounts",
        attrs={
            "account_tier": Attr("sku.name"),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "min_tls_version": Attr("properties.minimumTlsVersion", default="TLS1_2"),
            "network_rules.default_action": Attr("properties.networkAcls.defaultAction"),
            "network_rules.ip_rules": Attr("properties.networkAcls.ipRules"),
        },
        fixed={"kind": "StorageV2"},
    ),
    "azurerm_key_vault": TypeMap(
        arm_type="Microsoft.KeyVault/vaults",
        attrs={
            "purge_protection_enabled": Attr("properties.enablePurgeProtection", default=False),
            "access_policy[*].object_id": Attr("properties.accessPolicies[*].objectId"),
        },
    ),
    "azurerm_virtual_network": TypeMap(
        arm_type="Microsoft.Network/virtualNetworks",
        attrs={
            "address_space": Attr("properties.addressSpace.addressPrefixes"),
            "subnet[*].name": Attr("properties.subnets[*].name"),
            "subnet[*].address_prefixes": Attr("properties.subnets[*].properties.addressPrefixes"),
        },
    ),
    "azurerm_subnet": TypeMap(
        arm_type="Microsoft.Network/virtualNetworks/subnets",
        attrs={"address_prefixes": Attr("properties.addressPrefixes")},
        parent="virtual_network_name",
    ),
    "azurerm_private_endpoint": TypeMap(
        arm_type="Microsoft.Network/privateEndpoints",
        attrs={
            "subnet_id": Attr("properties.subnet.id"),
            "private_service_connection[*].name": Attr("properties.privateLinkServiceConnections[*].name"),
            "private_service_connection[*].private_connection_resource_id": Attr(
                "properties.privateLinkServiceConnections[*].properties.privateLinkServiceId"
            ),
            "private_service_connection[*].subresource_names": Attr(
                "properties.privateLinkServiceConnections[*].properties.groupIds"
            ),
        },
    ),
    "azurerm_monitor_diagnostic_setting": TypeMap(
        arm_type="Microsoft.Insights/diagnosticSettings",
        attrs={"log_analytics_workspace_id": Attr("properties.workspaceId")},
        scope="target_resource_id",
    ),
    "azurerm_storage_container": TypeMap(
        arm_type="Microsoft.Storage/storageAccounts/blobServices/containers",
        attrs={"container_access_type": Attr("properties.publicAccess", default="None")},
        parent="storage_account_id",
    ),
}


@pytest.fixture
def types(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terraform_map, "TYPES", TEST_TYPES)


def load_case(name: str, **options: object) -> Unit:
    return terraform.load(CASES / name, LoadOptions(root=CASES, **options))  # type: ignore[arg-type]


def dump(unit: Unit) -> str:
    graph = link.build_graph(unit.resources, unit.entry)
    return yaml.safe_dump(to_data(graph, unit.findings), sort_keys=False, allow_unicode=True, width=120)


def case_dirs() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir() and not (p / "plan.json").exists())


@pytest.mark.parametrize("case", case_dirs())
def test_snapshot(case: str, types: None, snapshot) -> None:
    unit = load_case(case)
    snapshot(CASES / f"{case}.graph.yaml", dump(unit))


def test_plan_snapshot(types: None, snapshot) -> None:
    path = CASES / "plan" / "plan.json"
    unit = terraform.load_plan(path, LoadOptions(root=CASES))
    snapshot(CASES / "plan.graph.yaml", dump(unit))


# -- exact spans and values -------------------------------------------------------


def resources(unit: Unit) -> dict[str, object]:
    return {r.address: r for r in unit.resources}


def test_attribute_spans_point_at_terraform_lines(types: None) -> None:
    unit = load_case("references")
    found = resources(unit)
    sa = found["azurerm_storage_account.sa"]
    assert sa.span_of("properties.publicNetworkAccess") == Span("references/main.tf", 4, 3, 4, 40)
    # a provider default points at the resource header
    assert sa.span_of("properties.minimumTlsVersion") == Span("references/main.tf", 1, 1, 1, 40)
    assert sa.origin_of("properties.minimumTlsVersion") == "azurerm default when min_tls_version is not set"
    pe = found["azurerm_private_endpoint.pe"]
    path = "properties.privateLinkServiceConnections[0].properties.privateLinkServiceId"
    assert pe.span_of(path) == Span("references/main.tf", 24, 5, 24, 67)
    assert pe.span_of("properties.privateLinkServiceConnections[0]") == Span("references/main.tf", 22, 3, 26, 4)
    assert pe.span == Span("references/main.tf", 18, 1, 27, 2)


def test_spans_inside_azapi_body(types: None) -> None:
    account = resources(load_case("azapi_hcl_body"))["azapi_resource.account"]
    assert account.span_of("properties.publicNetworkAccess") == Span("azapi_hcl_body/main.tf", 27, 7, 27, 39)
    assert account.span_of("properties.networkAcls.defaultAction") == Span("azapi_hcl_body/main.tf", 31, 9, 31, 31)
    # not written: the nearest written ancestor
    assert account.span_of("properties.networkAcls.bypass") == Span("azapi_hcl_body/main.tf", 30, 7, 33, 8)
    origin = account.origin_of("properties.disableLocalAuth")
    assert origin == "default of variable 'local_auth' (azapi_hcl_body/main.tf:6)"


def test_spans_follow_values_through_locals_and_tfvars(types: None) -> None:
    sa = resources(load_case("variables_tfvars"))["azurerm_storage_account.sa"]
    assert sa.get("properties.publicNetworkAccess") == "Enabled"
    origin = sa.origin_of("properties.publicNetworkAccess")
    assert origin == "variable 'public_access' from variables_tfvars/terraform.tfvars:1"
    assert sa.get("properties.minimumTlsVersion") == "TLS1_2"  # prod.auto.tfvars wins over the default
    assert sa.span_of("properties.networkAcls.ipRules[0]") == Span("variables_tfvars/terraform.tfvars", 3, 15, 3, 25)
    assert sa.get("properties.networkAcls.defaultAction") == "Deny"  # optional() default of the object type


def test_unset_variable_is_symbolic(types: None) -> None:
    sa = resources(load_case("variables_tfvars"))["azurerm_storage_account.sa"]
    name = sa.get("name")
    assert isinstance(name, Expr)
    assert (name.text, name.inputs, name.symbol) == ("var.account_name", ("account_name",), "var.account_name")


def test_data_source_location_is_a_stable_symbol(types: None) -> None:
    found = resources(load_case("data_sources"))
    a = found["azurerm_storage_account.sa"].location
    b = found["azurerm_key_vault.kv"].location
    assert isinstance(a, Expr) and a.symbol == "data.azurerm_resource_group.rg.location"
    assert a == b
    shared = found["data.azurerm_key_vault.shared"]
    assert shared.existing and shared.type == "Microsoft.KeyVault/vaults"
    assert "data.azurerm_client_config.current" not in found


def test_count_instances_and_conditions(types: None) -> None:
    found = resources(load_case("count"))
    assert "azurerm_storage_account.two[0]" in found and "azurerm_storage_account.two[1]" in found
    assert not any(a.startswith("azurerm_storage_account.none") for a in found)
    maybe = found["azurerm_storage_account.maybe[0]"]
    assert isinstance(maybe.condition, Expr) and maybe.condition.inputs == ("enabled",)
    many = found["azurerm_storage_account.many"]
    assert many.looped and many.condition is True


def test_large_count_stays_one_looped_resource(tmp_path: Path, types: None) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "azurerm_key_vault" "kv" {\n  count = 20000\n  name = "kv${count.index}"\n}\n'
    )
    unit = terraform.load(tmp_path, LoadOptions(root=tmp_path))
    assert [(r.address, r.looped) for r in unit.resources] == [("azurerm_key_vault.kv", True)]
    assert unit.findings == []


def test_one_member_that_cannot_be_evaluated_leaves_its_siblings_known(tmp_path: Path, types: None) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "net" {\n  default = { mode = "AllowOnlyApprovedOutbound" }\n}\n'
        'resource "azapi_resource" "hub" {\n  type = "Microsoft.MachineLearningServices/workspaces@2024-04-01"\n'
        '  name = "hub1"\n  body = {\n    properties = {\n      publicNetworkAccess = "Enabled"\n'
        '      managedNetwork = { isolationMode = var.net.mode, sparkReady = var.net.spark_ready }\n    }\n  }\n}\n'
    )
    hub = resources(terraform.load(tmp_path, LoadOptions(root=tmp_path)))["azapi_resource.hub"]
    assert hub.get("properties.publicNetworkAccess") == "Enabled"
    assert hub.get("properties.managedNetwork.isolationMode") == "AllowOnlyApprovedOutbound"
    assert isinstance(hub.get("properties.managedNetwork.sparkReady"), Expr)


def test_missing_local_module_folder_is_reported_once(tmp_path: Path, types: None) -> None:
    (tmp_path / "main.tf").write_text(
        'module "x" {\n  count  = 2\n  source = "./modules/nope"\n}\n'
        'resource "azurerm_key_vault" "kv" {\n  name = "kv1"\n}\n'
    )
    unit = terraform.load(tmp_path, LoadOptions(root=tmp_path))
    assert [(f.policy, f.span.line, f.message) for f in unit.findings] == [
        ("SYS001", 3, "module folder './modules/nope' does not exist")
    ]
    assert "azurerm_key_vault.kv" in resources(unit)


def test_update_resource_is_merged_into_its_target(types: None) -> None:
    found = resources(load_case("azapi_update"))
    aks = found["azapi_resource.aks"]
    assert aks.get("properties.apiServerAccessProfile.enablePrivateCluster") is True
    assert aks.get("properties.disableLocalAccounts") is True
    assert aks.span_of("properties.disableLocalAccounts") == Span("azapi_update/main.tf", 38, 7, 38, 34)
    assert aks.span_of("properties") == Span("azapi_update/main.tf", 11, 5, 16, 6)
    assert "azapi_update_resource.private" not in found and "azapi_update_resource.by_name" not in found


def test_unit_lists_every_file_read(types: None) -> None:
    unit = load_case("module_registry_resolved")
    assert unit.entry == "module_registry_resolved"
    assert unit.files == {
        "module_registry_resolved/main.tf",
        "module_registry_resolved/.terraform/modules/modules.json",
        "module_registry_resolved/.terraform/modules/naming/main.tf",
        "module_registry_resolved/.terraform/modules/kv/main.tf",
    }


# -- errors ---------------------------------------------------------------------------


def sys001(unit: Unit) -> list[str]:
    return [f"{f.span.file}:{f.span.line}:{f.span.column} {f.message}" for f in unit.findings if f.policy == "SYS001"]


def test_malformed_hcl_reports_once_and_keeps_other_blocks(types: None) -> None:
    unit = load_case("malformed")
    assert sys001(unit) == ["malformed/broken.tf:7:14 unexpected line break, expected an expression"]
    assert sorted(resources(unit)) == [
        "azurerm_key_vault.after",
        "azurerm_key_vault.before",
        "azurerm_storage_account.ok",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'resource "a" "b" {\n  x = 1\n\nresource "a" "c" {\n  y = 2\n}\n',
            ["main.tf:1:1 block is not closed: expected '}'"],
        ),
        ('locals {\n  a = "x" @ 1\n}\n', ["main.tf:2:11 unexpected '@', expected an expression"]),
        ('variable "v" {\n  default = [1, 2\n}\n', ["main.tf:3:1 unexpected '}', expected ',' or ']'"]),
    ],
)
def test_syntax_error_messages(tmp_path: Path, text: str, expected: list[str]) -> None:
    (tmp_path / "main.tf").write_text(text)
    assert sys001(terraform.load(tmp_path, LoadOptions(root=tmp_path))) == expected


def test_unclosed_block_keeps_the_following_blocks(tmp_path: Path, types: None) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "azurerm_key_vault" "a" {\n  name = "a"\n\nresource "azurerm_key_vault" "b" {\n  name = "b"\n}\n'
    )
    unit = terraform.load(tmp_path, LoadOptions(root=tmp_path))
    assert [r.address for r in unit.resources] == ["azurerm_key_vault.b"]
    assert len(sys001(unit)) == 1


def test_malformed_json_and_tfvars(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text('{"resource": {"azurerm_key_vault": {"kv": {"name": "x",}}}\n')
    (tmp_path / "terraform.tfvars").write_text("a = \n")
    assert sys001(terraform.load(tmp_path, LoadOptions(root=tmp_path))) == [
        "main.tf.json:2:1 expected ',' or '}', found end of file",
        "terraform.tfvars:1:5 unexpected line break, expected an expression",
    ]


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_bytes(b"\xff\xfe\x00\x01")
    assert len(sys001(terraform.load(tmp_path, LoadOptions(root=tmp_path)))) == 1


def test_module_cycles_and_paths_outside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "loop").mkdir(parents=True)
    (root / "main.tf").write_text('module "a" {\n  source = "./loop"\n}\nmodule "out" {\n  source = "../other"\n}\n')
    (root / "loop" / "main.tf").write_text('module "again" {\n  source = "../loop"\n}\n')
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "main.tf").write_text('resource "azurerm_key_vault" "x" {}\n')
    unit = terraform.load(root, LoadOptions(root=root))
    found = {r.address: r.unresolved for r in unit.resources}
    assert found == {
        "module.a": None,
        "module.a.module.again": "module ../loop includes itself",
        "module.out": "module ../other is outside the lint root",
    }
    assert terraform.module_sources(root, LoadOptions(root=root)) == [root / "loop"]
    allowed = terraform.load(root, LoadOptions(root=root, allow_outside_root=True))
    assert "module.out.azurerm_key_vault.x" in {r.address for r in allowed.resources}


def test_module_sources_lists_local_modules_only() -> None:
    opts = LoadOptions(root=CASES)
    assert terraform.module_sources(CASES / "modules_local", opts) == [
        CASES / "modules_local" / "modules" / "network",
        CASES / "modules_local" / "modules" / "storage",
    ]
    assert terraform.module_sources(CASES / "module_registry_unresolved", opts) == []
    resolved = CASES / "module_registry_resolved"
    assert terraform.module_sources(resolved, opts) == [
        resolved / ".terraform" / "modules" / "kv",
        resolved / ".terraform" / "modules" / "naming",
    ]


# -- plan ---------------------------------------------------------------------------


def test_is_plan() -> None:
    assert terraform.is_plan({"format_version": "1.2", "planned_values": {}})
    assert terraform.is_plan({"format_version": "1.2", "resource_changes": []})
    assert not terraform.is_plan({"$schema": "https://schema.management.azure.com/x", "resources": []})
    assert not terraform.is_plan([1, 2])


def test_plan_values_and_references(types: None) -> None:
    unit = terraform.load_plan(CASES / "plan" / "plan.json", LoadOptions(root=CASES))
    found = resources(unit)
    sa = found["azurerm_storage_account.sa"]
    assert sa.get("properties.publicNetworkAccess") == "Disabled"
    assert sa.span_of("properties.publicNetworkAccess") == Span("plan/plan.json", 18, 13, 18, 51)
    graph = link.build_graph(unit.resources, unit.entry)
    pe = graph["azurerm_private_endpoint.pe"]
    assert [t.address for t in graph.targets(pe, link.EdgeKind.PRIVATE_ENDPOINT)] == ["azurerm_storage_account.sa"]
    assert found["module.net.azurerm_virtual_network.this[0]"].module == "module.net"
    assert unit.files == {"plan/plan.json"}


def test_state_and_changes_only_documents(tmp_path: Path, types: None) -> None:
    changes = {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": "azurerm_key_vault.kv",
                "mode": "managed",
                "type": "azurerm_key_vault",
                "name": "kv",
                "change": {
                    "actions": ["create"],
                    "after": {"name": "kv1", "purge_protection_enabled": True},
                    "after_unknown": {"id": True},
                },
            },
        ],
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(changes))
    unit = terraform.load_plan(path, LoadOptions(root=tmp_path))
    kv = resources(unit)["azurerm_key_vault.kv"]
    assert kv.get("properties.enablePurgeProtection") is True
    text = path.read_text()
    start = text.index('"purge_protection_enabled"') + 1
    assert kv.span_of("properties.enablePurgeProtection") == Span("plan.json", 1, start, 1, start + 32)


# -- the expression evaluator -------------------------------------------------------


def evaluate_text(text: str, variables: dict[str, object] | None = None) -> object:
    """Evaluate one expression in a root module whose variables are given (others unset)."""
    from linter.parsers.terraform_eval import parse_expression

    tmp = CASES  # any directory: the module is built in memory
    loader = terraform._Loader(tmp, LoadOptions(root=tmp))
    module = terraform._Module(loader, terraform._Source(directory=tmp, rel="."), "")
    module._vars.update({k: (v, terraform.Trace()) for k, v in (variables or {}).items()})
    return module.ev.value(parse_expression(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"a-${var.b}-${upper("c")}"', "a-B-C"),
        ('"%{ if var.flag }on%{ else }off%{ endif }"', "on"),
        ('"%{ for x in [1, 2] }${x};%{ endfor }"', "1;2;"),
        ("var.n > 1 ? var.n * 2 : 0", 6),
        ("5 / 2", 2.5),
        ("7 % 3 + -1", 0),
        ("!var.flag || var.n == 3", True),
        ('[for i, v in ["a", "b"] : "${i}${v}" if v != "b"]', ["0a"]),
        ("{for k, v in { x = 1, y = 2 } : v => k}", {"1": "x", "2": "y"}),
        ('{for s in ["a", "b", "a"] : s => s...}', {"a": ["a", "a"], "b": ["b"]}),
        ("var.objs[*].name", ["p", "q"]),
        ("var.objs.*.name", ["p", "q"]),
        ("var.objs[1].name", "q"),
        ('var.map["k"]', "v"),
        ('lower(format("%s-%03d-%.1f-%q", "AB", 7, 2.25, "x"))', 'ab-007-2.2-"x"'),
        ('join(",", split("-", replace("a_b-c", "_", "-")))', "a,b,c"),
        ('replace("abc123", "/[0-9]+/", "#")', "abc#"),
        ("merge({ a = 1 }, null, { b = 2, a = 3 })", {"a": 3, "b": 2}),
        ('lookup({ a = 1 }, "b", "dflt")', "dflt"),
        ('try(var.missing.attr, var.map.nope, "fallback")', "fallback"),
        ('can(regex("^a", "abc"))', True),
        ('coalesce(null, "", "z")', "z"),
        ('coalescelist([], ["x"])', ["x"]),
        ('concat(["a"], ["b", "c"])', ["a", "b", "c"]),
        ('contains(["a", "b"], "b")', True),
        ("length(var.map)", 1),
        ("keys({ b = 1, a = 2 })", ["a", "b"]),
        ("values({ b = 1, a = 2 })", [2, 1]),
        ('toset(["b", "a", "b"])', ["a", "b"]),
        ('tolist(["x"])', ["x"]),
        ('tomap({ a = "b" })', {"a": "b"}),
        ("tostring(12)", "12"),
        ('tonumber("4")', 4),
        ('tobool("true")', True),
        ('jsonencode({ b = [true, null], a = "<x>" })', '{"a":"\\u003cx\\u003e","b":[true,null]}'),
        ('jsondecode("{\\"a\\": [1, 2]}")', {"a": [1, 2]}),
        ('yamldecode("a: 1")', {"a": 1}),
        ("flatten([[1], [2, [3]]])", [1, 2, 3]),
        ("distinct([1, 2, 1])", [1, 2]),
        ('element(["a", "b"], 3)', "b"),
        ("range(1, 4)", [1, 2, 3]),
        ('zipmap(["a", "b"], [1, 2])', {"a": 1, "b": 2}),
        ('startswith("prefix-x", "prefix")', True),
        ('endswith("x.tf", ".tf")', True),
        ('trimprefix("rg-main", "rg-")', "main"),
        ('trimsuffix("main.tf", ".tf")', "main"),
        ('trimspace("  x ")', "x"),
        ('substr("hello", 1, 3)', "ell"),
        ('regex("^(?P<name>[a-z]+)-(?P<n>\\\\d+)$", "vm-12")', {"name": "vm", "n": "12"}),
        ('regexall("[0-9]", "a1b2")', ["1", "2"]),
        ("one([])", None),
        ('one(["x"])', "x"),
        ("sum([1, 2.5])", 3.5),
        ("min(3, 1, 2)", 1),
        ("max([3, 1, 2]...)", 3),
        ("abs(-2)", 2),
        ("ceil(1.2)", 2),
        ("floor(1.8)", 1),
        ('compact(["a", "", null, "b"])', ["a", "b"]),
        ('slice(["a", "b", "c"], 1, 3)', ["b", "c"]),
        ("reverse([1, 2])", [2, 1]),
        ('sort(["b", "a"])', ["a", "b"]),
        ('setproduct(["a"], [1, 2])', [["a", 1], ["a", 2]]),
        ("alltrue([true, var.flag])", True),
        ("anytrue([false])", False),
        ("nonsensitive(var.n)", 3),
        ('sha256("")', "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ('base64decode(base64encode("hi"))', "hi"),
        ("path.module", "."),
        ("terraform.workspace", "default"),
    ],
)
def test_expressions(text: str, expected: object) -> None:
    variables = {
        "b": "B",
        "flag": True,
        "n": 3,
        "objs": [{"name": "p"}, {"name": "q"}],
        "map": {"k": "v"},
        "missing": None,
    }
    assert evaluate_text(text, variables) == expected


@pytest.mark.parametrize(
    ("text", "inputs"),
    [
        ("var.unset", ("unset",)),
        ('"x-${var.unset}"', ("unset",)),
        ("var.unset ? 1 : 2", ("unset",)),
        ("cidrsubnet(var.space, 8, 1)", ("space",)),
        ('yamldecode(file("x.yaml"))', ()),
        ('regex(var.unset, "x")', ("unset",)),
        ("[for x in var.unset : x]", ("unset",)),
        ("length(var.unset)", ("unset",)),
        ('templatefile("t.tpl", { a = 1 })', ()),
    ],
)
def test_unknown_expressions(text: str, inputs: tuple[str, ...]) -> None:
    value = evaluate_text(text)
    assert isinstance(value, Expr)
    assert value.inputs == inputs
    assert value.text == text


def test_unknown_values_keep_references() -> None:
    value = evaluate_text('"${var.a}-${var.b}"')
    assert isinstance(value, Expr) and value.inputs == ("a", "b")
    # an unset variable is equal to itself, and comparing it to null stays undecided
    assert evaluate_text("var.a == var.a") is True
    assert isinstance(evaluate_text("var.a == null"), Expr)
    # a template with an unknown part is never null
    assert evaluate_text('"x${var.a}" != null') is True
    assert evaluate_text("try(var.a.b, 1)").inputs == ("a",)


# -- the corpus ---------------------------------------------------------------------------


def corpus_dirs() -> list[str]:
    if not CORPUS.is_dir():
        return []
    found = {p.parent for p in CORPUS.rglob("*.tf")} | {p.parent for p in CORPUS.rglob("*.tf.json")}
    return sorted(d.relative_to(CORPUS).as_posix() for d in found)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("directory", corpus_dirs())
def test_corpus_directory_loads(directory: str) -> None:
    unit = terraform.load(CORPUS / directory, LoadOptions(root=CORPUS))
    assert [f for f in unit.findings if f.policy == "SYS001"] == []
    assert unit.entry == directory
    link.build_graph(unit.resources, unit.entry)  # edges resolve without error


AVM = {
    "Azure__terraform-azurerm-avm-res-containerservice-managedcluster/examples/default": {
        "Microsoft.ContainerService/managedClusters",
    },
    "Azure__terraform-azurerm-avm-res-containerservice-managedcluster/examples/automatic": {
        "Microsoft.ContainerService/managedClusters",
    },
    "Azure__terraform-azurerm-avm-res-cognitiveservices-account/examples/default": {
        "Microsoft.CognitiveServices/accounts",
        "Microsoft.CognitiveServices/accounts/deployments",
    },
    "Azure__terraform-azurerm-avm-res-cognitiveservices-account/examples/rai_policy": {
        "Microsoft.CognitiveServices/accounts",
        "Microsoft.CognitiveServices/accounts/raiPolicies",
    },
    "Azure__terraform-azurerm-avm-ptn-aiml-landing-zone/examples/default": {
        "Microsoft.ApiManagement/service/apis",
        "Microsoft.Bing/accounts",
    },
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("directory", sorted(AVM))
def test_verified_modules_produce_azapi_resources(directory: str) -> None:
    unit = terraform.load(CORPUS / directory, LoadOptions(root=CORPUS))
    types = Counter(r.type for r in unit.resources)
    assert AVM[directory] <= set(types), sorted(types)
    for resource in unit.resources:
        if resource.type in AVM[directory]:
            assert resource.api_version and isinstance(resource.body, dict)
            assert resource.span.file.endswith(".tf")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")
def test_aks_module_body_is_evaluated() -> None:
    directory = "Azure__terraform-azurerm-avm-res-containerservice-managedcluster/examples/default"
    unit = terraform.load(CORPUS / directory, LoadOptions(root=CORPUS))
    aks = next(r for r in unit.resources if r.type == "Microsoft.ContainerService/managedClusters")
    assert aks.address == "module.default.azapi_resource.this"
    assert aks.get("properties.dnsPrefix") == "defaultexample"
    assert aks.get("properties.agentPoolProfiles[0].vmSize") == "Standard_B2s_v2"
    assert aks.get("properties.aadProfile.enableAzureRBAC") is True
    assert aks.span_of("properties.dnsPrefix").file.endswith("locals.resource_body.tf")
    assert aks.origin_of("properties.agentPoolProfiles[0].vmSize") == (
        f"argument 'default_agent_pool' of module 'default' ({directory}/main.tf:87)"
    )


def test_evaluation_budget_makes_only_the_runaway_value_unknown(
    tmp_path: Path, types: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from linter.parsers import terraform_eval

    monkeypatch.setattr(terraform_eval, "MAX_STEPS", 10_000)
    (tmp_path / "main.tf").write_text(
        "locals {\n  x = [for a in range(300) : [for b in range(300) : a + b]]\n}\n"
        'resource "azurerm_key_vault" "big" {\n  name = length(local.x)\n}\n'
        'resource "azurerm_key_vault" "ok" {\n  name = "kv-${length([for a in range(10) : a])}"\n}\n'
    )
    found = resources(terraform.load(tmp_path, LoadOptions(root=tmp_path)))
    assert isinstance(found["azurerm_key_vault.big"].name, Expr)
    assert found["azurerm_key_vault.ok"].name == "kv-10"


def test_module_inputs_outputs_and_references_between_instances(types: None) -> None:
    found = resources(load_case("modules_local"))
    assert found["module.replica[1].azurerm_storage_account.this"].name == "streplica1"
    subnet = found['module.net["hub"].azurerm_subnet.pe']
    assert subnet.name == "vnet-hub/snet-pe"
    assert subnet.module == 'module.net["hub"]'
    pe = found["azurerm_private_endpoint.pe"]
    target = pe.get("properties.privateLinkServiceConnections[0].properties.privateLinkServiceId")
    assert target.refs == ("module.storage.azurerm_storage_account.this",)
    assert found["module.storage"].get("properties.parameters.public") is False


def test_crlf_heredoc_and_var_files(tmp_path: Path, types: None) -> None:
    (tmp_path / "main.tf").write_bytes(
        b'variable "tls" {\r\n  default = "TLS1_0"\r\n}\r\n'
        b'variable "tier" {}\r\n'
        b'resource "azurerm_storage_account" "sa" {\r\n'
        b'  name            = "st"\r\n'
        b"  account_tier    = var.tier\r\n"
        b"  min_tls_version = var.tls\r\n"
        b'  tags = jsondecode(<<-EOT\r\n    {"a": "b"}\r\n  EOT\r\n  )\r\n'
        b"}\r\n"
    )
    (tmp_path / "terraform.tfvars.json").write_text('{"tier": "Premium"}')
    extra = tmp_path / "prod.tfvars"
    extra.write_text('tls = "TLS1_2"\n')
    unit = terraform.load(tmp_path, LoadOptions(root=tmp_path, var_files=(extra,)))
    sa = resources(unit)["azurerm_storage_account.sa"]
    assert sa.get("sku.name") == "Premium"
    assert sa.origin_of("sku.name") == "variable 'tier' from terraform.tfvars.json:1"
    assert sa.get("properties.minimumTlsVersion") == "TLS1_2"
    assert sa.span_of("properties.minimumTlsVersion") == Span("main.tf", 8, 3, 8, 28)
    assert sa.get("tags") == {"a": "b"}
    assert sa.span_of("tags") == Span("main.tf", 9, 3, 12, 4)
    assert unit.files == {"main.tf", "terraform.tfvars.json", "prod.tfvars"}
