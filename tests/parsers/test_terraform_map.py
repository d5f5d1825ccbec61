"""The azurerm -> ARM table: its data is well formed, and each mapped type normalizes like ARM.

Parity: every directory under ``map_cases/`` is named after an azurerm type and
holds the same deployment twice, ``main.tf`` and ``azuredeploy.json``. For
every ARM path the table maps for that type, both front ends must produce the
same value (resource references compare by the type and name they point to).
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from linter.model import Expr, Resource, split_path
from linter.parsers import terraform_map as tm
from linter.parsers.common import LoadOptions, Unit

CASES = Path(__file__).parent / "map_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())

_ARM_TYPE = re.compile(r"^Microsoft\.[A-Za-z]+(\.[A-Za-z]+)*(/[A-Za-z][A-Za-z0-9]*)+$")
_TF_KEY = re.compile(r"^[a-z][a-z0-9_]*(\[\*\])?(\.[a-z][a-z0-9_]*(\[\*\])?)*$")
_ARM_PATH = re.compile(r"[A-Za-z_$@][\w$@-]*(?:\.[A-Za-z_$@][\w$@-]*|\[(?:\*|\d+|'[^']+')\])*")


def _maps() -> Iterator[tuple[str, tm.TypeMap]]:
    """Every TypeMap, children included, with a label for messages."""
    for tf_type, tmap in tm.TYPES.items():
        yield tf_type, tmap
        for block, child in tmap.children.items():
            yield f"{tf_type}.{block}", child


def _all_attrs(tmap: tm.TypeMap, *, common: bool) -> dict[str, tm.Attr]:
    return {**tm.COMMON, **tmap.attrs} if common else dict(tmap.attrs)


# -- the table itself ----------------------------------------------------------------------------------------


def test_table_covers_the_catalog_types() -> None:
    wanted = {
        "azurerm_machine_learning_workspace",
        "azurerm_machine_learning_compute_instance",
        "azurerm_machine_learning_compute_cluster",
        "azurerm_machine_learning_inference_cluster",
        "azurerm_ai_foundry",
        "azurerm_ai_foundry_project",
        "azurerm_cognitive_account",
        "azurerm_ai_services",
        "azurerm_cognitive_deployment",
        "azurerm_cognitive_account_customer_managed_key",
        "azurerm_kubernetes_cluster",
        "azurerm_kubernetes_cluster_node_pool",
        "azurerm_kubernetes_cluster_extension",
        "azurerm_container_registry",
        "azurerm_storage_account",
        "azurerm_key_vault",
        "azurerm_api_management",
        "azurerm_private_endpoint",
        "azurerm_monitor_diagnostic_setting",
        "azurerm_subnet",
        "azurerm_subnet_network_security_group_association",
        "azurerm_subnet_route_table_association",
        "azurerm_monitor_autoscale_setting",
        "azurerm_dev_test_global_vm_shutdown_schedule",
        "azurerm_linux_virtual_machine",
        "azurerm_resource_group",
    }
    assert wanted <= set(tm.TYPES)


def test_arm_types_look_like_arm_types() -> None:
    bad = [(label, t.arm_type) for label, t in _maps() if not _ARM_TYPE.match(t.arm_type)]
    assert not bad


def test_terraform_keys_are_well_formed() -> None:
    bad = [(label, key) for label, t in _maps() for key in t.attrs if not _TF_KEY.match(key)]
    bad += [
        (label, key)
        for label, t in _maps()
        for d in t.derive
        for key in d.inputs
        if not _TF_KEY.match(key) or "[*]" in key
    ]
    assert not bad


def test_arm_paths_parse() -> None:
    paths = [(label, a.path) for label, t in _maps() for a in t.attrs.values()]
    paths += [(label, d.path) for label, t in _maps() for d in t.derive]
    paths += [(label, p) for label, t in _maps() for p in t.fixed]
    paths += [(label, p) for label, t in _maps() for s in t.switch for p in s.lists.values()]
    bad = [(label, p) for label, p in paths if not _ARM_PATH.fullmatch(p) or "" in split_path(p)]
    assert not bad


def test_stars_match_between_key_and_path() -> None:
    bad = [
        (label, key, a.path)
        for label, t in _maps()
        for key, a in t.attrs.items()
        if key.count("[*]") != a.path.count("[*]")
    ]
    assert not bad
    assert not [(label, p) for label, t in _maps() for p in [*t.fixed, *(d.path for d in t.derive)] if "[*]" in p]


def test_transforms_and_hooks_are_callable() -> None:
    for label, t in _maps():
        for key, attr in t.attrs.items():
            assert attr.transform is None or callable(attr.transform), (label, key)
        for d in t.derive:
            assert callable(d.combine) and d.inputs, (label, d.path)


def test_links_name_terraform_attributes() -> None:
    for label, t in _maps():
        for link in (t.parent, t.scope, t.merge_into):
            assert link is None or _TF_KEY.match(link), (label, link)
        if t.parent is not None:
            assert t.arm_type.count("/") >= 2, f"{label}: a parent needs a child ARM type"
        assert not (t.merge_into and t.parent), label


def test_children_are_child_types() -> None:
    for tf_type, tmap in tm.TYPES.items():
        for block, child in tmap.children.items():
            assert _TF_KEY.match(block) and "[*]" not in block
            assert child.arm_type.lower().startswith(tmap.arm_type.lower() + "/"), (tf_type, block)
            assert not child.children and child.parent is None


def test_switches_route_a_mapped_repeated_block() -> None:
    for label, t in _maps():
        for s in t.switch:
            base = s.lists[s.default]
            keys = [k for k in t.attrs if k.startswith(f"{s.block}[*].")]
            assert keys, label
            assert all(t.attrs[k].path.startswith(f"{base}[*]") for k in keys), label
            assert f"{s.block}[*].{s.attr}" not in t.attrs


def test_renamed_attributes_map_to_the_same_path() -> None:
    seen = 0
    for label, t in _maps():
        renames = {**tm.RENAMES, **tm.TYPE_RENAMES.get(label, {})}
        for key, attr in t.attrs.items():
            for old, new in renames.items():
                if key == old or key.endswith("." + old):
                    twin = key[: len(key) - len(old)] + new
                    assert twin in t.attrs, f"{label}: {key} has no new-name twin {twin}"
                    assert t.attrs[twin].path == attr.path, (label, key, twin)
                    seen += 1
            for old, new in tm.NEGATED_RENAMES.get(label, {}).items():
                if key == old:
                    twin = t.attrs.get(new)
                    assert twin is not None and twin.path == attr.path, (label, key)
                    assert (attr.transform is tm.negate) != (twin.transform is tm.negate), (label, key)
                    seen += 1
    assert seen > 20


def test_aliases_agree_on_defaults() -> None:
    """Keys of one block that land on one path must not disagree on what an absent value means."""
    for label, t in _maps():
        defaults: dict[tuple[str, str], Any] = {}
        for key, attr in t.attrs.items():
            if attr.default is tm.MISSING:
                continue
            slot = (attr.path, key.rpartition(".")[0])
            if slot in defaults:
                assert defaults[slot] == attr.default, (label, key)
            defaults[slot] = attr.default


def test_no_duplicate_keys_in_dict_literals() -> None:
    source = Path(tm.__file__).read_text(encoding="utf-8")
    duplicates = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            duplicates += sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates


def test_every_mapped_type_has_a_parity_case() -> None:
    assert set(CASE_NAMES) == set(tm.TYPES)


_ACCOUNT_ID = "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st"


@pytest.mark.parametrize(
    ("transform", "value", "expected"),
    [
        (tm.enabled, False, "Disabled"),
        (tm.enabled, True, "Enabled"),
        (tm.negate, True, False),
        (tm.region, "West Europe", "westeurope"),
        (tm.critical_addons_taint, True, ["CriticalAddonsOnly=true:NoSchedule"]),
        (tm.critical_addons_taint, False, tm.MISSING),
        (tm.comma_list, ["AzureServices", "Logging"], "AzureServices, Logging"),
        (tm.one_prefix, ["10.0.0.0/24"], "10.0.0.0/24"),
        (tm.one_prefix, ["10.0.0.0/24", "10.0.1.0/24"], tm.MISSING),
        (tm.many_prefixes, ["10.0.0.0/24", "10.0.1.0/24"], ["10.0.0.0/24", "10.0.1.0/24"]),
        (tm.key_vault_uri, "https://kv.vault.azure.net/keys/k/v1", "https://kv.vault.azure.net/"),
        (tm.key_name, "https://kv.vault.azure.net/keys/k/v1", "k"),
        (tm.key_version, "https://kv.vault.azure.net/keys/k", tm.MISSING),
        (tm.sku_part(0), "Premium_2", "Premium"),
        (tm.sku_part(1), "Premium_2", 2),
        (tm.sku_part(1), "Consumption_0", 0),
        (tm.id_segment("containers"), f"{_ACCOUNT_ID}/blobServices/default/containers/data", "data"),
        (tm.ip_range_objects, "1.2.3.4,5.6.7.8", [{"ipAddressOrRange": "1.2.3.4"}, {"ipAddressOrRange": "5.6.7.8"}]),
        (tm.map_to_name_values, {"A": "1"}, [{"name": "A", "value": "1"}]),
        (tm.text, 3, "3"),
    ],
)
def test_transforms(transform: Any, value: Any, expected: Any) -> None:
    assert transform(value) == expected


def test_derive_hooks_pass_unknowns_through() -> None:
    unknown = Expr("var.replication", inputs=("replication",))
    assert tm.storage_sku("Standard", "GZRS") == "Standard_GZRS"
    assert tm.storage_sku("Standard", unknown) is unknown
    assert tm.constant_if_present("Microsoft.Keyvault")(unknown) == "Microsoft.Keyvault"
    assert tm.constant_if_present("Microsoft.Keyvault")(tm.MISSING) is tm.MISSING
    assert tm.policy_format(tm.MISSING, "https://x/policy.xml") == "rawxml-link"
    assert tm.fx_version("app:1.2", "https://acr.azurecr.io", *[tm.MISSING] * 7) == "DOCKER|acr.azurecr.io/app:1.2"
    assert tm.shutdown_name("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm1") == (
        "shutdown-computevm-vm1"
    )


# -- parity with ARM -------------------------------------------------------------------------------------------

_UNKNOWN = object()


def _front_ends() -> tuple[Any, Any]:
    try:
        terraform = importlib.import_module("linter.parsers.terraform")
        arm = importlib.import_module("linter.parsers.arm")
    except ImportError as error:  # the front ends are optional while they are being written
        pytest.skip(f"front end not available: {error}")
    return terraform, arm


def _canonical_target(resource: Resource) -> str | None:
    name = resource.body.get("name")
    if isinstance(name, Expr) and name.symbol:
        name = name.symbol
    if not isinstance(name, str):
        return None
    return f"{resource.type.lower()}|{name.lower()}"


def _symbol_target(symbol: str) -> str | None:
    match = re.fullmatch(r"resourceId\(([^,]+),(.+)\)", symbol)
    return f"{match.group(1)}|{match.group(2)}" if match else None


def _norm(value: Any, unit: Mapping[str, Resource]) -> Any:
    """ARM-comparable form: references become the (type, name) they point to, containers recurse."""
    if isinstance(value, Expr):
        targets = set()
        if value.symbol and _symbol_target(value.symbol):
            targets.add(_symbol_target(value.symbol))
        for ref in value.refs:
            target = unit.get(ref)
            key = _canonical_target(target) if target is not None else None
            if key:
                targets.add(key)
        return ("ref", frozenset(targets)) if targets else _UNKNOWN
    if isinstance(value, Mapping):
        return {str(k): _norm(v, unit) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_norm(v, unit) for v in value]
    return value


def _agree(tf: Any, arm: Any) -> bool:
    """Equal, or at least one side is an expression neither front end can resolve (nothing to compare)."""
    if tf is _UNKNOWN or arm is _UNKNOWN:
        return True
    if isinstance(tf, dict) and isinstance(arm, dict):
        return set(tf) == set(arm) and all(_agree(tf[k], arm[k]) for k in tf)
    if isinstance(tf, list) and isinstance(arm, list):
        return len(tf) == len(arm) and all(_agree(a, b) for a, b in zip(tf, arm, strict=True))
    if isinstance(tf, tuple) and isinstance(arm, tuple) and tf[0] == arm[0] == "ref":
        return bool(tf[1] & arm[1])
    if isinstance(tf, bool) or isinstance(arm, bool):
        return tf is arm
    return bool(tf == arm)


def _mapped_paths(tmap: tm.TypeMap, tf_resource: Resource) -> list[str]:
    paths = [a.path for a in tmap.attrs.values()]
    for attr in tm.COMMON.values():
        if attr.path not in paths and tf_resource.has(attr.path):
            paths.append(attr.path)
    paths += [d.path for d in tmap.derive] + list(tmap.fixed)
    for switch in tmap.switch:
        base = switch.lists[switch.default]
        for other in switch.lists.values():
            paths += [p.replace(base, other, 1) for p in paths if p.startswith(base) and other != base]
    if tmap.parent is not None:
        paths.append("parent")
    if tmap.scope is not None:
        paths.append("scope")
    return sorted(set(paths))


def _concrete(resource: Resource, path: str) -> set[str]:
    if "[*]" not in path:
        return {path} if resource.has(path) else set()
    return {concrete for concrete, _ in resource.each(path)}


def _pairs(tf: list[Resource], arm: list[Resource], problems: list[str]) -> list[tuple[Resource, Resource]]:
    """Twins by full name; a lone resource of the type on each side pairs up even when a name is unknown."""
    by_name = {r.name.lower(): r for r in arm if isinstance(r.name, str)}
    pairs = []
    for resource in tf:
        partner = by_name.get(resource.name.lower()) if isinstance(resource.name, str) else None
        if partner is None and len(tf) == 1 and len(arm) == 1:
            partner = arm[0]
        if partner is None:
            problems.append(f"{resource.address} ({resource.name!r}) has no ARM twin")
        else:
            pairs.append((resource, partner))
    return pairs


def _compare(tmap: tm.TypeMap, tf_unit: Unit, arm_unit: Unit) -> list[str]:
    tf_index = {r.address: r for r in tf_unit.resources}
    arm_index = {r.address: r for r in arm_unit.resources}
    tf_of_type = [r for r in tf_unit.resources if r.is_type(tmap.arm_type) and not r.existing]
    arm_of_type = [r for r in arm_unit.resources if r.is_type(tmap.arm_type) and not r.existing]
    problems: list[str] = []
    if not arm_of_type:
        return [f"the ARM fixture declares no {tmap.arm_type}"]
    if len(tf_of_type) != len(arm_of_type):
        problems.append(f"{len(tf_of_type)} Terraform vs {len(arm_of_type)} ARM resources of {tmap.arm_type}")
    for tf_res, arm_res in _pairs(tf_of_type, arm_of_type, problems):
        for path in _mapped_paths(tmap, tf_res):
            for concrete in sorted(_concrete(tf_res, path) | _concrete(arm_res, path)):
                in_tf, in_arm = tf_res.has(concrete), arm_res.has(concrete)
                tf_value = _norm(tf_res.get(concrete), tf_index)
                arm_value = _norm(arm_res.get(concrete), arm_index)
                if in_arm and not in_tf:
                    problems.append(f"{tf_res.address}: {concrete} missing (ARM has {arm_value!r})")
                elif in_tf and not in_arm:
                    problems.append(f"{tf_res.address}: {concrete} = {tf_value!r} not in the ARM fixture")
                elif not _agree(tf_value, arm_value):
                    problems.append(f"{tf_res.address}: {concrete} = {tf_value!r}, ARM has {arm_value!r}")
    return problems


@pytest.mark.parametrize("case", CASE_NAMES)
def test_parity_with_arm(case: str) -> None:
    terraform, arm = _front_ends()
    folder = CASES / case
    opts = LoadOptions(root=folder)
    tf_unit = terraform.load(folder, opts)
    arm_unit = arm.load(folder / "azuredeploy.json", opts)
    assert not tf_unit.findings, [str(f) for f in tf_unit.findings]
    assert not arm_unit.findings, [str(f) for f in arm_unit.findings]
    tmap = tm.TYPES[case]
    problems = _compare(tmap, tf_unit, arm_unit)
    for child in tmap.children.values():
        problems += _compare(child, tf_unit, arm_unit)
    if tmap.merge_into is not None:
        leftovers = [r.address for r in tf_unit.resources if r.address.startswith(f"{case}.")]
        if leftovers:
            problems.append(f"{leftovers} should be merged into the resource named by {tmap.merge_into}")
    assert not problems, "\n".join(problems)
