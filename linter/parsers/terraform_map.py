"""DATA: how an ``azurerm_*`` resource looks in ARM vocabulary.

For each azurerm type: the ARM type, and for each attribute the policies read,
the ARM path it lands on, an optional value transform and the provider's
default (applied when the attribute is absent, because azurerm always sends
it). Old (v3) and new (v4) attribute names map to the same path.

Keys (Terraform side)
---------------------
``a`` is an attribute; ``blk.a`` an attribute inside a nested block that
occurs once (if it is written several times, the first occurrence is read);
``blk[*].a`` an attribute of every element of a repeated block, mapped
element-wise onto the ``[*]`` of the ARM path. Segments nest to any depth
(``template.container[*].image``, ``profile[*].rule[*].scale_action.direction``):
the k-th ``[*]`` of the key fills the k-th ``[*]`` of the path. A trailing
``a[*]`` on a list-valued attribute spreads the list element-wise
(``network_rules.ip_rules[*]`` -> ``properties.networkAcls.ipRules[*].value``).

Values
------
* ``transform`` is called only with a known value; it may return ``MISSING``
  to write nothing (``only_critical_addons_enabled = false`` adds no taint).
  Transforms accept containers holding ``Expr`` items and leave those items as
  they are.
* ``default`` is already in ARM form. It applies when the attribute is absent
  and its enclosing block is present: a default on ``blk.a`` needs ``blk``
  to be written, a default on ``blk[*].a`` applies per written element, a
  default on a top-level key applies always. A default never replaces a value
  that another key (an old/new alias) wrote at the same path. Its span is the
  enclosing block's, or the resource header at top level.
* A key naming an attribute the provider does not have, with only a default,
  states a value implied by its block being written (``enabled_log[*].enabled``
  -> ``true``, ``oms_agent.enabled`` -> ``true``).
* ``COMMON`` applies to every type; a type's own entry for the same key
  replaces it. ``fixed`` keys are ARM paths; their span is the header.
* Several repeated blocks may map onto one ARM list (``log[*]`` and
  ``enabled_log[*]`` -> ``properties.logs[*]``): their elements are appended
  in the order of the keys in ``attrs`` (all elements of the first block
  kind, then the next), not written over each other.

Links
-----
* ``parent`` names the attribute that identifies the parent resource: its id
  (``kubernetes_cluster_id``) or its name (``api_management_name``,
  ``virtual_network_name``). The parent's type is ``arm_type`` minus its last
  segment; ``name`` is then the parent's name + ``/`` + the own name. A
  ``fixed`` ``name`` is the own name (``policy``).
* ``scope`` names the attribute holding the id of the resource an extension
  resource applies to (diagnostic settings, role assignments, locks).

Extensions of the basic table (each used where the attribute table cannot
say it):

* ``derive``: ARM values computed from several attributes (or several values
  from one). ``Derive(path, inputs, combine)`` calls ``combine`` with one
  argument per input key (no ``[*]``; ``blk.a`` allowed): the value, an
  ``Expr`` when unknown, or ``MISSING`` when absent. It returns the ARM value,
  an ``Expr`` (the value is unknown; usually one of its inputs), or
  ``MISSING`` to write nothing. It is called even when every input is
  absent (a value the provider sends by itself). Span: the first present
  input's, else the resource header.
* ``switch``: ``Switch(block, attr, lists, default)`` routes each element of
  the repeated block ``block`` to the ARM list ``lists[value of attr]``; the
  block's attrs are written against ``lists[default]`` and the parser swaps
  that prefix per element (indices count per destination list, in source
  order). An element whose ``attr`` is absent or unknown goes to
  ``lists[default]``.
* ``children``: a nested block that ARM deploys as a child resource.
  ``children[block] = TypeMap(...)`` with keys relative to the block; every
  element of the block becomes one Resource of the child's ``arm_type``
  whose parent is this resource (``body["parent"]`` refers to it; the full
  name is composed as for ``parent``; address ``<address>/<block>[<i>]``).
  Keys and derive inputs are relative to the element; ``COMMON`` does not
  apply to children.
* ``merge_into``: the attribute holding the id of the resource this one
  configures (association and customer-managed-key resources). When it
  refers to a resource of ``arm_type`` in the unit, the translated body
  (without ``name``, ``parent``, ``scope``) is deep-merged into that resource, values and spans,
  this one's values winning, and this resource is not emitted on its own.
  Otherwise it is emitted as a resource of ``arm_type`` without a name.

``RENAMES`` / ``TYPE_RENAMES`` / ``NEGATED_RENAMES`` list the old and new
spellings of renamed attributes; the tests hold both to the same ARM path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from linter.model import Expr

MISSING: Any = object()


@dataclass(frozen=True)
class Attr:
    path: str  # ARM path, e.g. "properties.publicNetworkAccess"
    transform: Callable[[Any], Any] | None = None  # Terraform value -> ARM value (only called on known values)
    default: Any = MISSING  # provider default when the attribute is absent (already in ARM form)


@dataclass(frozen=True)
class Derive:
    path: str  # ARM path written (no [*], relative to a child block for children)
    inputs: tuple[str, ...]  # Terraform keys read
    combine: Callable[..., Any]  # one argument per input (value, Expr or MISSING) -> ARM value | Expr | MISSING


@dataclass(frozen=True)
class Switch:
    block: str  # repeated Terraform block, e.g. "private_service_connection"
    attr: str  # attribute of the block that decides, e.g. "is_manual_connection"
    lists: Mapping[Any, str]  # decider value -> ARM list path
    default: Any  # decider value assumed when absent or unknown


@dataclass(frozen=True)
class TypeMap:
    arm_type: str
    attrs: dict[str, Attr] = field(default_factory=dict)
    parent: str | None = None  # attribute holding the parent's id or name (-> body "parent")
    scope: str | None = None  # attribute holding the scope's id (-> body "scope"), for extension resources
    fixed: dict[str, Any] = field(default_factory=dict)  # ARM values implied by the type (keys are ARM paths)
    derive: tuple[Derive, ...] = ()
    switch: tuple[Switch, ...] = ()
    children: dict[str, TypeMap] = field(default_factory=dict)
    merge_into: str | None = None  # attribute holding the id of the resource this one configures


# -- transforms ----------------------------------------------------------------------------------------------


def enabled(value: Any) -> Any:
    """``true`` -> ``"Enabled"``, ``false`` -> ``"Disabled"``."""
    if value is True:
        return "Enabled"
    if value is False:
        return "Disabled"
    return value


def enabled_lower(value: Any) -> Any:
    """``true`` -> ``"enabled"``, ``false`` -> ``"disabled"`` (registries, search services)."""
    if isinstance(value, bool):
        return "enabled" if value else "disabled"
    return value


def negate(value: Any) -> Any:
    return (not value) if isinstance(value, bool) else value


def region(value: Any) -> Any:
    """Terraform accepts "West Europe"; ARM writes "westeurope"."""
    return value.replace(" ", "").lower() if isinstance(value, str) else value


def bool_text(value: Any) -> Any:
    """``true`` -> ``"true"`` (string-valued ARM maps such as API Management ``customProperties``)."""
    return ("true" if value else "false") if isinstance(value, bool) else value


def text(value: Any) -> Any:
    """Numbers -> strings (autoscale capacities and scale values are strings in ARM)."""
    if isinstance(value, bool):
        return value
    return str(value) if isinstance(value, (int, float)) else value


def as_list(value: Any) -> Any:
    """A single value -> a one-element list (``zone = "1"`` -> ``zones: ["1"]``)."""
    return [value] if isinstance(value, (str, int)) else value


def critical_addons_taint(value: Any) -> Any:
    """``only_critical_addons_enabled = true`` is the taint ``CriticalAddonsOnly=true:NoSchedule``."""
    return ["CriticalAddonsOnly=true:NoSchedule"] if value is True else MISSING


def managed_vnet(value: Any) -> Any:
    """Synapse ``managed_virtual_network_enabled = true`` -> ``managedVirtualNetwork: "default"``."""
    return "default" if value is True else MISSING


def comma_list(value: Any) -> Any:
    """``["AzureServices", "Logging"]`` -> ``"AzureServices, Logging"`` (storage network bypass)."""
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return ", ".join(value)
    return value


def ip_range_objects(value: Any) -> Any:
    """Cosmos DB ``ip_range_filter`` (v4 set, v3 ``"a,b"`` string) -> ``[{ipAddressOrRange: "a"}, ...]``."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [{"ipAddressOrRange": item} for item in value]
    return value


def same(value: Any) -> Any:
    return value


def linux_reserved(value: Any) -> Any:
    """App Service plans: a Linux plan is sent with ``reserved: true``."""
    if isinstance(value, str):
        return True if value == "Linux" else MISSING
    return value


def all_errors(value: Any) -> Any:
    """``always_log_errors = true`` -> ``alwaysLog: "allErrors"``."""
    return "allErrors" if value is True else MISSING


def published_state(value: Any) -> Any:
    """API Management product ``published = true`` -> ``state: "published"``."""
    if isinstance(value, bool):
        return "published" if value else "notPublished"
    return value


def acl_bypass(value: Any) -> Any:
    """Cosmos DB ``network_acl_bypass_for_azure_services`` -> ``networkAclBypass``."""
    if isinstance(value, bool):
        return "AzureServices" if value else "None"
    return value


def one_prefix(value: Any) -> Any:
    """A single address prefix is sent as ``addressPrefix``."""
    if isinstance(value, (list, tuple)):
        return value[0] if len(value) == 1 else MISSING
    return value


def many_prefixes(value: Any) -> Any:
    """Several address prefixes are sent as ``addressPrefixes`` (an unknown list is left to ``addressPrefix``)."""
    if isinstance(value, (list, tuple)):
        return list(value) if len(value) > 1 else MISSING
    return MISSING


def map_to_name_values(value: Any) -> Any:
    """``app_settings = {K = "v"}`` -> ``[{name: "K", value: "v"}]``."""
    if isinstance(value, Mapping):
        return [{"name": k, "value": v} for k, v in value.items()]
    return value


def lower_map(table: Mapping[str, Any]) -> Callable[[Any], Any]:
    def apply(value: Any) -> Any:
        return table.get(value, value) if isinstance(value, str) else value

    return apply


def reference_only(value: Any) -> Any:
    """Keep an unknown reference (for the graph) but drop a literal of a different shape than ARM's."""
    return MISSING


_KEY_ID = re.compile(r"^(https://[^/]+)/keys/([^/]+)(?:/([^/]*))?/?$", re.IGNORECASE)


def key_vault_uri(value: Any) -> Any:
    """``https://kv.vault.azure.net/keys/k/v1`` -> ``https://kv.vault.azure.net/``."""
    match = _KEY_ID.match(value) if isinstance(value, str) else None
    return f"{match.group(1)}/" if match else value


def key_name(value: Any) -> Any:
    match = _KEY_ID.match(value) if isinstance(value, str) else None
    return match.group(2) if match else value


def key_version(value: Any) -> Any:
    match = _KEY_ID.match(value) if isinstance(value, str) else None
    if not match:
        return value
    return match.group(3) or MISSING


def sku_part(index: int) -> Callable[[Any], Any]:
    """``"Developer_1"`` -> ``"Developer"`` (0) / ``1`` (1): API Management ``sku_name``."""

    def apply(value: Any) -> Any:
        if not isinstance(value, str) or "_" not in value:
            return value if index == 0 else MISSING
        name, _, capacity = value.rpartition("_")
        if index == 0:
            return name
        return int(capacity) if capacity.isdigit() else MISSING

    return apply


def id_segment(collection: str) -> Callable[[Any], Any]:
    """The name after ``/<collection>/`` in a resource id (case-insensitive)."""

    def apply(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        parts = value.strip("/").split("/")
        for i, part in enumerate(parts[:-1]):
            if part.lower() == collection.lower():
                return parts[i + 1]
        return value

    return apply


def _first_unknown(*values: Any) -> Any:
    for value in values:
        if isinstance(value, Expr):
            return value
    return None


# -- derive helpers --------------------------------------------------------------------------------------------


def storage_sku(tier: Any, replication: Any) -> Any:
    """``account_tier`` + ``account_replication_type`` -> ``sku.name`` (``Standard_LRS``)."""
    unknown = _first_unknown(tier, replication)
    if unknown is not None:
        return unknown
    if isinstance(tier, str) and isinstance(replication, str):
        return f"{tier}_{replication}"
    return MISSING


def constant_if_present(value: Any) -> Callable[..., Any]:
    """A value implied by any of the inputs being written (known or not)."""

    def apply(*inputs: Any) -> Any:
        return value if any(item is not MISSING for item in inputs) else MISSING

    return apply


def datastore_credentials(account_key: Any, sas: Any) -> Any:
    """Blob / file datastores: the credential kind follows the secret written (none: identity-based)."""
    if account_key is not MISSING:
        return "AccountKey"
    if sas is not MISSING:
        return "Sas"
    return "None"


def service_principal_credentials(client_secret: Any) -> Any:
    return "ServicePrincipal" if client_secret is not MISSING else "None"


def policy_format(xml_content: Any, xml_link: Any) -> Any:
    if xml_content is not MISSING:
        return "rawxml"
    if xml_link is not MISSING:
        return "rawxml-link"
    return MISSING


def logs_destination(destination: Any, workspace_id: Any) -> Any:
    if destination is not MISSING:
        return destination
    return "log-analytics" if workspace_id is not MISSING else MISSING


def shutdown_name(vm_id: Any) -> Any:
    """A VM shutdown schedule is named ``shutdown-computevm-<vm name>`` (unknown when the id is)."""
    if isinstance(vm_id, str):
        return f"shutdown-computevm-{id_segment('virtualMachines')(vm_id)}"
    if isinstance(vm_id, Expr):
        return Expr(text=f"shutdown-computevm-<name of {vm_id.text}>", inputs=vm_id.inputs)
    return MISSING


def fx_version(
    image: Any,
    registry: Any,
    legacy_image: Any,
    legacy_tag: Any,
    python: Any,
    node: Any,
    dotnet: Any,
    java: Any,
    php: Any,
) -> Any:
    """``site_config.application_stack`` -> ``linuxFxVersion`` / ``windowsFxVersion``."""
    if image is not MISSING:
        unknown = _first_unknown(image, registry)
        if unknown is not None:
            return unknown
        host = registry.split("://", 1)[-1].rstrip("/") if isinstance(registry, str) else None
        return f"DOCKER|{host}/{image}" if host else f"DOCKER|{image}"
    if legacy_image is not MISSING:
        unknown = _first_unknown(legacy_image, legacy_tag)
        if unknown is not None:
            return unknown
        return f"DOCKER|{legacy_image}:{legacy_tag}" if isinstance(legacy_tag, str) else f"DOCKER|{legacy_image}"
    for stack, value in (("PYTHON", python), ("NODE", node), ("DOTNETCORE", dotnet), ("JAVA", java), ("PHP", php)):
        if value is not MISSING:
            return value if not isinstance(value, str) else f"{stack}|{value}"
    return MISSING


def function_fx_version(
    image: Any, registry: Any, tag: Any, python: Any, node: Any, dotnet: Any, java: Any, powershell: Any
) -> Any:
    """Function apps: ``site_config.application_stack`` (``docker`` is a nested block) -> ``linuxFxVersion``."""
    if image is not MISSING:
        unknown = _first_unknown(image, registry, tag)
        if unknown is not None:
            return unknown
        host = registry.split("://", 1)[-1].rstrip("/") if isinstance(registry, str) else None
        ref = f"{image}:{tag}" if isinstance(tag, str) else image
        return f"DOCKER|{host}/{ref}" if host else f"DOCKER|{ref}"
    for stack, value in (
        ("PYTHON", python),
        ("NODE", node),
        ("DOTNET-ISOLATED", dotnet),
        ("JAVA", java),
        ("POWERSHELL", powershell),
    ):
        if value is not MISSING:
            return value if not isinstance(value, str) else f"{stack}|{value}"
    return MISSING


_FUNCTION_STACK_INPUTS = (
    *(f"site_config.application_stack.docker.{name}" for name in ("image_name", "registry_url", "image_tag")),
    *(
        f"site_config.application_stack.{name}"
        for name in ("python_version", "node_version", "dotnet_version", "java_version", "powershell_core_version")
    ),
)

_STACK_INPUTS = tuple(
    f"site_config.application_stack.{name}"
    for name in (
        "docker_image_name",
        "docker_registry_url",
        "docker_image",
        "docker_image_tag",
        "python_version",
        "node_version",
        "dotnet_version",
        "java_version",
        "php_version",
    )
)


# -- shared attribute groups --------------------------------------------------------------------------------------

COMMON: dict[str, Attr] = {
    "name": Attr("name"),
    "location": Attr("location", region),
    "tags": Attr("tags"),
}

IDENTITY: dict[str, Attr] = {
    "identity.type": Attr("identity.type"),
}


def _key_vault_key(
    prefix: str, key: str, version_key: str = "keyVersion", uri_key: str = "keyVaultUri", name_key: str = "keyName"
) -> tuple[Derive, ...]:
    """A Key Vault key id split into the URI / name / version ARM wants (unknown ids stay unknown)."""
    return (
        Derive(f"{prefix}.{uri_key}", (key,), key_vault_uri),
        Derive(f"{prefix}.{name_key}", (key,), key_name),
        Derive(f"{prefix}.{version_key}", (key,), key_version),
    )


def _pool(tf: str, arm: str, *, default_pool: bool) -> dict[str, Attr]:
    """An AKS node pool: ``default_node_pool`` of a cluster or a ``kubernetes_cluster_node_pool``."""
    p = f"{tf}." if tf else ""
    attrs: dict[str, Attr] = {
        f"{p}vm_size": Attr(f"{arm}.vmSize"),
        f"{p}node_count": Attr(f"{arm}.count"),
        f"{p}min_count": Attr(f"{arm}.minCount"),
        f"{p}max_count": Attr(f"{arm}.maxCount"),
        f"{p}auto_scaling_enabled": Attr(f"{arm}.enableAutoScaling", default=False),
        f"{p}enable_auto_scaling": Attr(f"{arm}.enableAutoScaling"),
        f"{p}node_public_ip_enabled": Attr(f"{arm}.enableNodePublicIP", default=False),
        f"{p}enable_node_public_ip": Attr(f"{arm}.enableNodePublicIP"),
        f"{p}host_encryption_enabled": Attr(f"{arm}.enableEncryptionAtHost", default=False),
        f"{p}enable_host_encryption": Attr(f"{arm}.enableEncryptionAtHost"),
        f"{p}zones": Attr(f"{arm}.availabilityZones"),
        f"{p}availability_zones": Attr(f"{arm}.availabilityZones"),
        f"{p}node_labels": Attr(f"{arm}.nodeLabels"),
        f"{p}gpu_instance": Attr(f"{arm}.gpuInstanceProfile"),
        f"{p}gpu_driver": Attr(f"{arm}.gpuProfile.driver"),
        f"{p}vnet_subnet_id": Attr(f"{arm}.vnetSubnetID"),
        f"{p}pod_subnet_id": Attr(f"{arm}.podSubnetID"),
        f"{p}os_sku": Attr(f"{arm}.osSKU"),
        f"{p}os_disk_type": Attr(f"{arm}.osDiskType", default="Managed"),
        f"{p}max_pods": Attr(f"{arm}.maxPods"),
        f"{p}orchestrator_version": Attr(f"{arm}.orchestratorVersion"),
        f"{p}tags": Attr(f"{arm}.tags"),
    }
    if default_pool:
        attrs[f"{p}name"] = Attr(f"{arm}.name")
        attrs[f"{p}type"] = Attr(f"{arm}.type", default="VirtualMachineScaleSets")
        attrs[f"{p}node_taints"] = Attr(f"{arm}.nodeTaints")
        attrs[f"{p}only_critical_addons_enabled"] = Attr(f"{arm}.nodeTaints", critical_addons_taint)
    else:
        attrs["node_taints"] = Attr(f"{arm}.nodeTaints")
        attrs["mode"] = Attr(f"{arm}.mode", default="User")
        attrs["priority"] = Attr(f"{arm}.scaleSetPriority", default="Regular")
        attrs["eviction_policy"] = Attr(f"{arm}.scaleSetEvictionPolicy")
        attrs["spot_max_price"] = Attr(f"{arm}.spotMaxPrice")
        attrs["os_type"] = Attr(f"{arm}.osType", default="Linux")
    return attrs


def _ml_workspace_links() -> dict[str, Attr]:
    return {
        "storage_account_id": Attr("properties.storageAccount"),
        "key_vault_id": Attr("properties.keyVault"),
        "container_registry_id": Attr("properties.containerRegistry"),
        "application_insights_id": Attr("properties.applicationInsights"),
        "managed_network.isolation_mode": Attr("properties.managedNetwork.isolationMode"),
        "primary_user_assigned_identity": Attr("properties.primaryUserAssignedIdentity"),
        "encryption.key_vault_id": Attr("properties.encryption.keyVaultProperties.keyVaultArmId"),
        "encryption.key_id": Attr("properties.encryption.keyVaultProperties.keyIdentifier"),
        "encryption.user_assigned_identity_id": Attr("properties.encryption.identity.userAssignedIdentity"),
        "encryption.status": Attr("properties.encryption.status", default="Enabled"),
        **IDENTITY,
    }


def _cognitive(local_auth_key: str, pna_key: str, pna: Attr, bypass_default: Any = MISSING) -> dict[str, Attr]:
    return {
        "sku_name": Attr("sku.name"),
        pna_key: pna,
        local_auth_key: Attr("properties.disableLocalAuth", negate, default=False),
        "custom_subdomain_name": Attr("properties.customSubDomainName"),
        "network_acls.default_action": Attr("properties.networkAcls.defaultAction"),
        "network_acls.bypass": Attr("properties.networkAcls.bypass", default=bypass_default),
        "network_acls.ip_rules[*]": Attr("properties.networkAcls.ipRules[*].value"),
        "network_acls.virtual_network_rules[*].subnet_id": Attr("properties.networkAcls.virtualNetworkRules[*].id"),
        "network_acls.virtual_network_rules[*].ignore_missing_vnet_service_endpoint": Attr(
            "properties.networkAcls.virtualNetworkRules[*].ignoreMissingVnetServiceEndpoint", default=False
        ),
        "outbound_network_access_restricted": Attr("properties.restrictOutboundNetworkAccess", default=False),
        "fqdns": Attr("properties.allowedFqdnList"),
        "customer_managed_key.key_source": Attr("properties.encryption.keySource", default="Microsoft.KeyVault"),
        "customer_managed_key.identity_client_id": Attr("properties.encryption.keyVaultProperties.identityClientId"),
        "storage[*].storage_account_id": Attr("properties.userOwnedStorage[*].resourceId"),
        "storage[*].identity_client_id": Attr("properties.userOwnedStorage[*].identityClientId"),
        **IDENTITY,
    }


_COGNITIVE_CMK = _key_vault_key("properties.encryption.keyVaultProperties", "customer_managed_key.key_vault_key_id")


def _datastore(
    datastore_type: str,
    names: dict[str, Attr],
    *,
    service_principal: bool = False,
    identity_key: str = "service_data_identity",
) -> TypeMap:
    derive = (
        (Derive("properties.credentials.credentialsType", ("client_secret",), service_principal_credentials),)
        if service_principal
        else (
            Derive(
                "properties.credentials.credentialsType",
                ("account_key", "shared_access_signature"),
                datastore_credentials,
            ),
        )
    )
    attrs = {
        **names,
        identity_key: Attr("properties.serviceDataAccessAuthIdentity", default="None"),
        "description": Attr("properties.description"),
    }
    if service_principal:
        attrs["tenant_id"] = Attr("properties.credentials.tenantId")
        attrs["client_id"] = Attr("properties.credentials.clientId")
    return TypeMap(
        arm_type="Microsoft.MachineLearningServices/workspaces/datastores",
        parent="workspace_id",
        attrs=attrs,
        fixed={"properties.datastoreType": datastore_type},
        derive=derive,
    )


def _vm_image(prefix: str, block: str = "source_image_reference") -> dict[str, Attr]:
    return {
        f"{block}.publisher": Attr(f"{prefix}.imageReference.publisher"),
        f"{block}.offer": Attr(f"{prefix}.imageReference.offer"),
        f"{block}.sku": Attr(f"{prefix}.imageReference.sku"),
        f"{block}.version": Attr(f"{prefix}.imageReference.version"),
    }


def _vm(size_key: str) -> dict[str, Attr]:
    return {
        size_key: Attr("properties.hardwareProfile.vmSize"),
        "priority": Attr("properties.priority", default="Regular"),
        "eviction_policy": Attr("properties.evictionPolicy"),
        "max_bid_price": Attr("properties.billingProfile.maxPrice"),
        "zone": Attr("zones", as_list),
        "network_interface_ids[*]": Attr("properties.networkProfile.networkInterfaces[*].id"),
        "encryption_at_host_enabled": Attr("properties.securityProfile.encryptionAtHost"),
        "secure_boot_enabled": Attr("properties.securityProfile.uefiSettings.secureBootEnabled"),
        "vtpm_enabled": Attr("properties.securityProfile.uefiSettings.vTpmEnabled"),
        "os_disk.caching": Attr("properties.storageProfile.osDisk.caching"),
        "os_disk.storage_account_type": Attr("properties.storageProfile.osDisk.managedDisk.storageAccountType"),
        "os_disk.disk_encryption_set_id": Attr("properties.storageProfile.osDisk.managedDisk.diskEncryptionSet.id"),
        "source_image_id": Attr("properties.storageProfile.imageReference.id"),
        **_vm_image("properties.storageProfile"),
        "admin_username": Attr("properties.osProfile.adminUsername"),
        "computer_name": Attr("properties.osProfile.computerName"),
        **IDENTITY,
    }


def _vmss(prefix: str = "properties.virtualMachineProfile") -> dict[str, Attr]:
    nic = f"{prefix}.networkProfile.networkInterfaceConfigurations[*]"
    ipc = f"{nic}.properties.ipConfigurations[*]"
    return {
        "zones": Attr("zones"),
        "priority": Attr(f"{prefix}.priority", default="Regular"),
        "eviction_policy": Attr(f"{prefix}.evictionPolicy"),
        "max_bid_price": Attr(f"{prefix}.billingProfile.maxPrice"),
        "encryption_at_host_enabled": Attr(f"{prefix}.securityProfile.encryptionAtHost"),
        "os_disk.caching": Attr(f"{prefix}.storageProfile.osDisk.caching"),
        "os_disk.storage_account_type": Attr(f"{prefix}.storageProfile.osDisk.managedDisk.storageAccountType"),
        "os_disk.disk_encryption_set_id": Attr(f"{prefix}.storageProfile.osDisk.managedDisk.diskEncryptionSet.id"),
        "source_image_id": Attr(f"{prefix}.storageProfile.imageReference.id"),
        **_vm_image(f"{prefix}.storageProfile"),
        "network_interface[*].name": Attr(f"{nic}.name"),
        "network_interface[*].primary": Attr(f"{nic}.properties.primary"),
        "network_interface[*].ip_configuration[*].name": Attr(f"{ipc}.name"),
        "network_interface[*].ip_configuration[*].subnet_id": Attr(f"{ipc}.properties.subnet.id"),
        "network_interface[*].ip_configuration[*].public_ip_address.name": Attr(
            f"{ipc}.properties.publicIPAddressConfiguration.name"
        ),
        **IDENTITY,
    }


def _web_app(kind: str, fx_path: str | None, *, function: bool = False) -> TypeMap:
    return TypeMap(
        arm_type="Microsoft.Web/sites",
        attrs={
            "service_plan_id": Attr("properties.serverFarmId"),
            "https_only": Attr("properties.httpsOnly", default=False),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "virtual_network_subnet_id": Attr("properties.virtualNetworkSubnetId"),
            "client_certificate_enabled": Attr("properties.clientCertEnabled"),
            "site_config.minimum_tls_version": Attr("properties.siteConfig.minTlsVersion", default="1.2"),
            "site_config.scm_minimum_tls_version": Attr("properties.siteConfig.scmMinTlsVersion", default="1.2"),
            "site_config.vnet_route_all_enabled": Attr("properties.siteConfig.vnetRouteAllEnabled", default=False),
            "site_config.ftps_state": Attr("properties.siteConfig.ftpsState", default="Disabled"),
            "site_config.always_on": Attr("properties.siteConfig.alwaysOn"),
            "site_config.http2_enabled": Attr("properties.siteConfig.http20Enabled"),
            "app_settings": Attr("properties.siteConfig.appSettings", map_to_name_values),
            **IDENTITY,
        },
        fixed={"kind": kind},
        derive=(
            (
                Derive(fx_path, _FUNCTION_STACK_INPUTS, function_fx_version)
                if function
                else Derive(fx_path, _STACK_INPUTS, fx_version),
            )
            if fx_path
            else ()
        ),
    )


def _diag_block(block: str, arm: str, *, with_group: bool) -> dict[str, Attr]:
    attrs = {
        f"{block}[*].category": Attr(f"properties.{arm}[*].category"),
        f"{block}[*].enabled": Attr(f"properties.{arm}[*].enabled", default=True),
    }
    if with_group:
        attrs[f"{block}[*].category_group"] = Attr(f"properties.{arm}[*].categoryGroup")
    return attrs


_APIM_PROTOCOLS = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security"


def _apim_security() -> dict[str, Attr]:
    out: dict[str, Attr] = {}
    sides = (("backend", f"{_APIM_PROTOCOLS}.Backend.Protocols"), ("frontend", f"{_APIM_PROTOCOLS}.Protocols"))
    for side, prefix in sides:
        for proto, arm in (("ssl30", "Ssl30"), ("tls10", "Tls10"), ("tls11", "Tls11")):
            path = f"properties.customProperties['{prefix}.{arm}']"
            out[f"security.{side}_{proto}_enabled"] = Attr(path, bool_text)
            out[f"security.enable_{side}_{proto}"] = Attr(path, bool_text)
    return out


def _route_props(prefix: str) -> dict[str, Attr]:
    return {
        "address_prefix": Attr(f"{prefix}.addressPrefix"),
        "next_hop_type": Attr(f"{prefix}.nextHopType"),
        "next_hop_in_ip_address": Attr(f"{prefix}.nextHopIpAddress"),
    }


def _rule_props(prefix: str) -> dict[str, Attr]:
    return {
        "priority": Attr(f"{prefix}.priority"),
        "direction": Attr(f"{prefix}.direction"),
        "access": Attr(f"{prefix}.access"),
        "protocol": Attr(f"{prefix}.protocol"),
        "source_port_range": Attr(f"{prefix}.sourcePortRange"),
        "source_port_ranges": Attr(f"{prefix}.sourcePortRanges"),
        "destination_port_range": Attr(f"{prefix}.destinationPortRange"),
        "destination_port_ranges": Attr(f"{prefix}.destinationPortRanges"),
        "source_address_prefix": Attr(f"{prefix}.sourceAddressPrefix"),
        "source_address_prefixes": Attr(f"{prefix}.sourceAddressPrefixes"),
        "destination_address_prefix": Attr(f"{prefix}.destinationAddressPrefix"),
        "destination_address_prefixes": Attr(f"{prefix}.destinationAddressPrefixes"),
    }


def _prefixed(block: str, attrs: Mapping[str, Attr]) -> dict[str, Attr]:
    return {f"{block}.{key}": attr for key, attr in attrs.items()}


# -- the table --------------------------------------------------------------------------------------------------

_ML = "Microsoft.MachineLearningServices/workspaces"
_COMPUTES = f"{_ML}/computes"
_OUTBOUND = f"{_ML}/outboundRules"
_ACCOUNTS = "Microsoft.CognitiveServices/accounts"
_AKS = "Microsoft.ContainerService/managedClusters"
_STORAGE = "Microsoft.Storage/storageAccounts"
_APIM = "Microsoft.ApiManagement/service"
_SUBNETS = "Microsoft.Network/virtualNetworks/subnets"
_VMS = "Microsoft.Compute/virtualMachines"
_VMSS = "Microsoft.Compute/virtualMachineScaleSets"
_PDP = "properties.properties"  # the type-specific block of an ML compute

_STORAGE_NETWORK = {
    "default_action": Attr("properties.networkAcls.defaultAction"),
    "bypass": Attr("properties.networkAcls.bypass", comma_list),
    "ip_rules[*]": Attr("properties.networkAcls.ipRules[*].value"),
    "virtual_network_subnet_ids[*]": Attr("properties.networkAcls.virtualNetworkRules[*].id"),
    "private_link_access[*].endpoint_resource_id": Attr("properties.networkAcls.resourceAccessRules[*].resourceId"),
    "private_link_access[*].endpoint_tenant_id": Attr("properties.networkAcls.resourceAccessRules[*].tenantId"),
}

_STORAGE_KEYSOURCE = "Microsoft.Keyvault"

TYPES: dict[str, TypeMap] = {
    # -- Azure Machine Learning / AI Foundry ------------------------------------------------------------------
    "azurerm_machine_learning_workspace": TypeMap(
        arm_type=_ML,
        attrs={
            "kind": Attr("kind", default="Default"),
            "sku_name": Attr("sku.name", default="Basic"),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "public_access_behind_virtual_network_enabled": Attr("properties.allowPublicAccessWhenBehindVnet"),
            "high_business_impact": Attr("properties.hbiWorkspace"),
            "serverless_compute.subnet_id": Attr("properties.serverlessComputeSettings.serverlessComputeCustomSubnet"),
            "serverless_compute.public_ip_enabled": Attr(
                "properties.serverlessComputeSettings.serverlessComputeNoPublicIP", negate, default=True
            ),
            **_ml_workspace_links(),
        },
    ),
    "azurerm_ai_foundry": TypeMap(
        arm_type=_ML,
        attrs={
            "public_network_access": Attr("properties.publicNetworkAccess", default="Enabled"),
            "high_business_impact_enabled": Attr("properties.hbiWorkspace", default=False),
            **_ml_workspace_links(),
        },
        fixed={"kind": "Hub"},
    ),
    "azurerm_ai_foundry_project": TypeMap(
        arm_type=_ML,
        attrs={
            "ai_services_hub_id": Attr("properties.hubResourceId"),
            "high_business_impact_enabled": Attr("properties.hbiWorkspace", default=False),
            "primary_user_assigned_identity": Attr("properties.primaryUserAssignedIdentity"),
            **IDENTITY,
        },
        fixed={"kind": "Project"},
    ),
    "azurerm_machine_learning_compute_instance": TypeMap(
        arm_type=_COMPUTES,
        parent="machine_learning_workspace_id",
        attrs={
            "virtual_machine_size": Attr(f"{_PDP}.vmSize"),
            "authorization_type": Attr(f"{_PDP}.computeInstanceAuthorizationType"),
            "assign_to_user.object_id": Attr(f"{_PDP}.personalComputeInstanceSettings.assignedUser.objectId"),
            "assign_to_user.tenant_id": Attr(f"{_PDP}.personalComputeInstanceSettings.assignedUser.tenantId"),
            "local_auth_enabled": Attr("properties.disableLocalAuth", negate, default=False),
            "subnet_resource_id": Attr(f"{_PDP}.subnet.id"),
            "node_public_ip_enabled": Attr(f"{_PDP}.enableNodePublicIp", default=True),
            "ssh.public_key": Attr(f"{_PDP}.sshSettings.adminPublicKey"),
            "ssh.ssh_public_access": Attr(f"{_PDP}.sshSettings.sshPublicAccess", default="Enabled"),
            "description": Attr("properties.description"),
            **IDENTITY,
        },
        fixed={"properties.computeType": "ComputeInstance"},
    ),
    "azurerm_machine_learning_compute_cluster": TypeMap(
        arm_type=_COMPUTES,
        parent="machine_learning_workspace_id",
        attrs={
            "vm_size": Attr(f"{_PDP}.vmSize"),
            "vm_priority": Attr(f"{_PDP}.vmPriority"),
            "scale_settings.min_node_count": Attr(f"{_PDP}.scaleSettings.minNodeCount"),
            "scale_settings.max_node_count": Attr(f"{_PDP}.scaleSettings.maxNodeCount"),
            "scale_settings.scale_down_nodes_after_idle_duration": Attr(
                f"{_PDP}.scaleSettings.nodeIdleTimeBeforeScaleDown"
            ),
            "local_auth_enabled": Attr("properties.disableLocalAuth", negate, default=False),
            "node_public_ip_enabled": Attr(f"{_PDP}.enableNodePublicIp", default=True),
            "ssh_public_access_enabled": Attr(f"{_PDP}.remoteLoginPortPublicAccess", enabled, default="Disabled"),
            "subnet_resource_id": Attr(f"{_PDP}.subnet.id"),
            "description": Attr("properties.description"),
            **IDENTITY,
        },
        fixed={"properties.computeType": "AmlCompute"},
    ),
    "azurerm_machine_learning_inference_cluster": TypeMap(
        arm_type=_COMPUTES,
        parent="machine_learning_workspace_id",
        attrs={
            "kubernetes_cluster_id": Attr("properties.resourceId"),
            "cluster_purpose": Attr(f"{_PDP}.clusterPurpose", default="FastProd"),
            "ssl.status": Attr(f"{_PDP}.sslConfiguration.status", default="Enabled"),
            "ssl.cname": Attr(f"{_PDP}.sslConfiguration.cname"),
            "ssl.leaf_domain_label": Attr(f"{_PDP}.sslConfiguration.leafDomainLabel"),
            "description": Attr("properties.description"),
            **IDENTITY,
        },
        fixed={"properties.computeType": "AKS"},
    ),
    "azurerm_machine_learning_datastore_blobstorage": _datastore(
        "AzureBlob",
        {
            "storage_container_id": Attr("properties.containerName", id_segment("containers")),
        },
        identity_key="service_data_auth_identity",
    ),
    "azurerm_machine_learning_datastore_fileshare": _datastore(
        "AzureFile",
        {
            "storage_fileshare_id": Attr("properties.fileShareName", id_segment("shares")),
        },
    ),
    "azurerm_machine_learning_datastore_datalake_gen2": _datastore(
        "AzureDataLakeGen2",
        {
            "storage_container_id": Attr("properties.filesystem", id_segment("containers")),
        },
        service_principal=True,
    ),
    "azurerm_machine_learning_workspace_network_outbound_rule_fqdn": TypeMap(
        arm_type=_OUTBOUND,
        parent="workspace_id",
        attrs={"destination_fqdn": Attr("properties.destination")},
        fixed={"properties.type": "FQDN"},
    ),
    "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint": TypeMap(
        arm_type=_OUTBOUND,
        parent="workspace_id",
        attrs={
            "service_resource_id": Attr("properties.destination.serviceResourceId"),
            "sub_resource_target": Attr("properties.destination.subresourceTarget"),
            "spark_enabled": Attr("properties.destination.sparkEnabled", default=False),
        },
        fixed={"properties.type": "PrivateEndpoint"},
    ),
    "azurerm_machine_learning_workspace_network_outbound_rule_service_tag": TypeMap(
        arm_type=_OUTBOUND,
        parent="workspace_id",
        attrs={
            "service_tag": Attr("properties.destination.serviceTag"),
            "protocol": Attr("properties.destination.protocol"),
            "port_ranges": Attr("properties.destination.portRanges"),
        },
        fixed={"properties.type": "ServiceTag"},
    ),
    # -- Azure OpenAI / AI Services -----------------------------------------------------------------------------
    "azurerm_cognitive_account": TypeMap(
        arm_type=_ACCOUNTS,
        attrs={
            "kind": Attr("kind"),
            **_cognitive(
                "local_auth_enabled",
                "public_network_access_enabled",
                Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            ),
        },
        derive=_COGNITIVE_CMK,
    ),
    "azurerm_ai_services": TypeMap(
        arm_type=_ACCOUNTS,
        attrs=_cognitive(
            "local_authentication_enabled",
            "public_network_access",
            Attr("properties.publicNetworkAccess", default="Enabled"),
            bypass_default="AzureServices",
        ),
        fixed={"kind": "AIServices"},
        derive=_COGNITIVE_CMK,
    ),
    "azurerm_cognitive_deployment": TypeMap(
        arm_type=f"{_ACCOUNTS}/deployments",
        parent="cognitive_account_id",
        attrs={
            "model.format": Attr("properties.model.format"),
            "model.name": Attr("properties.model.name"),
            "model.version": Attr("properties.model.version"),
            "sku.name": Attr("sku.name"),
            "sku.capacity": Attr("sku.capacity", default=1),
            "scale.type": Attr("sku.name"),
            "scale.capacity": Attr("sku.capacity", default=1),
            "version_upgrade_option": Attr("properties.versionUpgradeOption", default="OnceNewDefaultVersionAvailable"),
            "rai_policy_name": Attr("properties.raiPolicyName"),
        },
    ),
    "azurerm_cognitive_account_customer_managed_key": TypeMap(
        arm_type=_ACCOUNTS,
        merge_into="cognitive_account_id",
        attrs={"identity_client_id": Attr("properties.encryption.keyVaultProperties.identityClientId")},
        fixed={"properties.encryption.keySource": "Microsoft.KeyVault"},
        derive=_key_vault_key("properties.encryption.keyVaultProperties", "key_vault_key_id"),
    ),
    # -- AKS ---------------------------------------------------------------------------------------------------
    "azurerm_kubernetes_cluster": TypeMap(
        arm_type=_AKS,
        attrs={
            "dns_prefix": Attr("properties.dnsPrefix"),
            "kubernetes_version": Attr("properties.kubernetesVersion"),
            "sku_tier": Attr("sku.tier", default="Free"),
            "private_cluster_enabled": Attr("properties.apiServerAccessProfile.enablePrivateCluster", default=False),
            "api_server_access_profile.authorized_ip_ranges": Attr(
                "properties.apiServerAccessProfile.authorizedIPRanges"
            ),
            "api_server_authorized_ip_ranges": Attr("properties.apiServerAccessProfile.authorizedIPRanges"),
            "network_profile.network_plugin": Attr("properties.networkProfile.networkPlugin"),
            "network_profile.network_plugin_mode": Attr("properties.networkProfile.networkPluginMode"),
            "network_profile.network_policy": Attr("properties.networkProfile.networkPolicy"),
            "network_profile.outbound_type": Attr("properties.networkProfile.outboundType", default="loadBalancer"),
            "network_profile.load_balancer_sku": Attr("properties.networkProfile.loadBalancerSku", default="standard"),
            "local_account_disabled": Attr("properties.disableLocalAccounts"),
            "role_based_access_control_enabled": Attr("properties.enableRBAC", default=True),
            "azure_active_directory_role_based_access_control.managed": Attr(
                "properties.aadProfile.managed", default=True
            ),
            "azure_active_directory_role_based_access_control.azure_rbac_enabled": Attr(
                "properties.aadProfile.enableAzureRBAC"
            ),
            "azure_active_directory_role_based_access_control.admin_group_object_ids": Attr(
                "properties.aadProfile.adminGroupObjectIDs"
            ),
            "azure_active_directory_role_based_access_control.tenant_id": Attr("properties.aadProfile.tenantID"),
            "workload_identity_enabled": Attr("properties.securityProfile.workloadIdentity.enabled", default=False),
            "oidc_issuer_enabled": Attr("properties.oidcIssuerProfile.enabled"),
            "disk_encryption_set_id": Attr("properties.diskEncryptionSetID"),
            "key_management_service.enabled": Attr("properties.securityProfile.azureKeyVaultKms.enabled", default=True),
            "key_management_service.key_vault_key_id": Attr("properties.securityProfile.azureKeyVaultKms.keyId"),
            "key_management_service.key_vault_network_access": Attr(
                "properties.securityProfile.azureKeyVaultKms.keyVaultNetworkAccess", default="Public"
            ),
            "oms_agent.enabled": Attr("properties.addonProfiles.omsagent.enabled", default=True),
            "oms_agent.log_analytics_workspace_id": Attr(
                "properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID"
            ),
            "monitor_metrics.enabled": Attr("properties.azureMonitorProfile.metrics.enabled", default=True),
            "ingress_application_gateway.enabled": Attr(
                "properties.addonProfiles.ingressApplicationGateway.enabled", default=True
            ),
            "ingress_application_gateway.gateway_id": Attr(
                "properties.addonProfiles.ingressApplicationGateway.config.applicationGatewayId"
            ),
            "web_app_routing.enabled": Attr("properties.ingressProfile.webAppRouting.enabled", default=True),
            "azure_policy_enabled": Attr("properties.addonProfiles.azurepolicy.enabled"),
            "cost_analysis_enabled": Attr("properties.metricsProfile.costAnalysis.enabled", default=False),
            "automatic_upgrade_channel": Attr("properties.autoUpgradeProfile.upgradeChannel", default="none"),
            "automatic_channel_upgrade": Attr("properties.autoUpgradeProfile.upgradeChannel"),
            "node_os_upgrade_channel": Attr("properties.autoUpgradeProfile.nodeOSUpgradeChannel", default="NodeImage"),
            "node_os_channel_upgrade": Attr("properties.autoUpgradeProfile.nodeOSUpgradeChannel"),
            **_pool("default_node_pool", "properties.agentPoolProfiles[0]", default_pool=True),
            **IDENTITY,
        },
        fixed={"sku.name": "Base", "properties.agentPoolProfiles[0].mode": "System"},
    ),
    "azurerm_kubernetes_cluster_node_pool": TypeMap(
        arm_type=f"{_AKS}/agentPools",
        parent="kubernetes_cluster_id",
        attrs={
            **_pool("", "properties", default_pool=False),
            "tags": Attr("properties.tags"),
        },
    ),
    "azurerm_kubernetes_cluster_extension": TypeMap(
        arm_type="Microsoft.KubernetesConfiguration/extensions",
        scope="cluster_id",
        attrs={
            "extension_type": Attr("properties.extensionType"),
            "configuration_settings": Attr("properties.configurationSettings"),
            "configuration_protected_settings": Attr("properties.configurationProtectedSettings"),
            "release_train": Attr("properties.releaseTrain"),
            "version": Attr("properties.version"),
            "release_namespace": Attr("properties.scope.cluster.releaseNamespace"),
            "target_namespace": Attr("properties.scope.namespace.targetNamespace"),
        },
    ),
    # -- Container Registry ----------------------------------------------------------------------------------
    "azurerm_container_registry": TypeMap(
        arm_type="Microsoft.ContainerRegistry/registries",
        attrs={
            "sku": Attr("sku.name"),
            "admin_enabled": Attr("properties.adminUserEnabled", default=False),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "anonymous_pull_enabled": Attr("properties.anonymousPullEnabled"),
            "data_endpoint_enabled": Attr("properties.dataEndpointEnabled"),
            "network_rule_set.default_action": Attr("properties.networkRuleSet.defaultAction", default="Allow"),
            "network_rule_set.ip_rule[*].ip_range": Attr("properties.networkRuleSet.ipRules[*].value"),
            "network_rule_set.ip_rule[*].action": Attr("properties.networkRuleSet.ipRules[*].action"),
            "network_rule_bypass_option": Attr("properties.networkRuleBypassOptions", default="AzureServices"),
            "zone_redundancy_enabled": Attr("properties.zoneRedundancy", enabled, default="Disabled"),
            "export_policy_enabled": Attr("properties.policies.exportPolicy.status", enabled_lower, default="enabled"),
            "encryption.enabled": Attr("properties.encryption.status", enabled_lower, default="enabled"),
            "encryption.key_vault_key_id": Attr("properties.encryption.keyVaultProperties.keyIdentifier"),
            "encryption.identity_client_id": Attr("properties.encryption.keyVaultProperties.identity"),
            **IDENTITY,
        },
        children={
            "georeplications": TypeMap(
                arm_type="Microsoft.ContainerRegistry/registries/replications",
                attrs={
                    "location": Attr("location", region),
                    "zone_redundancy_enabled": Attr("properties.zoneRedundancy", enabled, default="Disabled"),
                    "regional_endpoint_enabled": Attr("properties.regionEndpointEnabled"),
                    "tags": Attr("tags"),
                },
                derive=(Derive("name", ("location",), region),),
            ),
        },
    ),
    # -- Storage -------------------------------------------------------------------------------------------------
    "azurerm_storage_account": TypeMap(
        arm_type=_STORAGE,
        attrs={
            "account_kind": Attr("kind", default="StorageV2"),
            "access_tier": Attr("properties.accessTier"),
            "https_traffic_only_enabled": Attr("properties.supportsHttpsTrafficOnly", default=True),
            "enable_https_traffic_only": Attr("properties.supportsHttpsTrafficOnly"),
            "min_tls_version": Attr("properties.minimumTlsVersion", default="TLS1_2"),
            "allow_nested_items_to_be_public": Attr("properties.allowBlobPublicAccess", default=True),
            "allow_blob_public_access": Attr("properties.allowBlobPublicAccess"),
            "shared_access_key_enabled": Attr("properties.allowSharedKeyAccess", default=True),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "default_to_oauth_authentication": Attr("properties.defaultToOAuthAuthentication", default=False),
            "cross_tenant_replication_enabled": Attr("properties.allowCrossTenantReplication", default=False),
            "infrastructure_encryption_enabled": Attr("properties.encryption.requireInfrastructureEncryption"),
            "is_hns_enabled": Attr("properties.isHnsEnabled"),
            **_prefixed("network_rules", _STORAGE_NETWORK),
            "customer_managed_key.key_source": Attr("properties.encryption.keySource", default=_STORAGE_KEYSOURCE),
            "customer_managed_key.user_assigned_identity_id": Attr(
                "properties.encryption.identity.userAssignedIdentity"
            ),
            **IDENTITY,
        },
        derive=(
            Derive("sku.name", ("account_tier", "account_replication_type"), storage_sku),
            *_key_vault_key(
                "properties.encryption.keyvaultproperties",
                "customer_managed_key.key_vault_key_id",
                version_key="keyversion",
                uri_key="keyvaulturi",
                name_key="keyname",
            ),
        ),
    ),
    "azurerm_storage_account_customer_managed_key": TypeMap(
        arm_type=_STORAGE,
        merge_into="storage_account_id",
        attrs={
            "key_name": Attr("properties.encryption.keyvaultproperties.keyname"),
            "key_version": Attr("properties.encryption.keyvaultproperties.keyversion"),
            "key_vault_uri": Attr("properties.encryption.keyvaultproperties.keyvaulturi"),
            "key_vault_id": Attr("properties.encryption.keyvaultproperties.keyvaulturi", reference_only),
            "user_assigned_identity_id": Attr("properties.encryption.identity.userAssignedIdentity"),
        },
        fixed={"properties.encryption.keySource": _STORAGE_KEYSOURCE},
        derive=_key_vault_key(
            "properties.encryption.keyvaultproperties",
            "key_vault_key_id",
            version_key="keyversion",
            uri_key="keyvaulturi",
            name_key="keyname",
        ),
    ),
    "azurerm_storage_account_network_rules": TypeMap(
        arm_type=_STORAGE,
        merge_into="storage_account_id",
        attrs=dict(_STORAGE_NETWORK),
    ),
    # -- Key Vault -----------------------------------------------------------------------------------------------
    "azurerm_key_vault": TypeMap(
        arm_type="Microsoft.KeyVault/vaults",
        attrs={
            "tenant_id": Attr("properties.tenantId"),
            "sku_name": Attr("properties.sku.name"),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "network_acls.default_action": Attr("properties.networkAcls.defaultAction"),
            "network_acls.bypass": Attr("properties.networkAcls.bypass"),
            "network_acls.ip_rules[*]": Attr("properties.networkAcls.ipRules[*].value"),
            "network_acls.virtual_network_subnet_ids[*]": Attr("properties.networkAcls.virtualNetworkRules[*].id"),
            "rbac_authorization_enabled": Attr("properties.enableRbacAuthorization", default=False),
            "enable_rbac_authorization": Attr("properties.enableRbacAuthorization"),
            "purge_protection_enabled": Attr("properties.enablePurgeProtection"),
            "soft_delete_retention_days": Attr("properties.softDeleteRetentionInDays"),
        },
        fixed={"properties.sku.family": "A"},
    ),
    "azurerm_key_vault_key": TypeMap(
        arm_type="Microsoft.KeyVault/vaults/keys",
        parent="key_vault_id",
        attrs={
            "key_type": Attr("properties.kty"),
            "key_size": Attr("properties.keySize"),
            "curve": Attr("properties.curveName"),
            "key_opts": Attr("properties.keyOps"),
        },
    ),
    # -- API Management ------------------------------------------------------------------------------------------
    "azurerm_api_management": TypeMap(
        arm_type=_APIM,
        attrs={
            "sku_name": Attr("sku.name", sku_part(0)),
            "publisher_name": Attr("properties.publisherName"),
            "publisher_email": Attr("properties.publisherEmail"),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "virtual_network_type": Attr("properties.virtualNetworkType", default="None"),
            "virtual_network_configuration.subnet_id": Attr("properties.virtualNetworkConfiguration.subnetResourceId"),
            "zones": Attr("zones"),
            "additional_location[*].location": Attr("properties.additionalLocations[*].location", region),
            "additional_location[*].zones": Attr("properties.additionalLocations[*].zones"),
            "additional_location[*].virtual_network_configuration.subnet_id": Attr(
                "properties.additionalLocations[*].virtualNetworkConfiguration.subnetResourceId"
            ),
            **_apim_security(),
            **IDENTITY,
        },
        derive=(Derive("sku.capacity", ("sku_name",), sku_part(1)),),
    ),
    "azurerm_api_management_backend": TypeMap(
        arm_type=f"{_APIM}/backends",
        parent="api_management_name",
        attrs={
            "protocol": Attr("properties.protocol"),
            "url": Attr("properties.url"),
            "resource_id": Attr("properties.resourceId"),
            "tls.validate_certificate_chain": Attr("properties.tls.validateCertificateChain"),
            "tls.validate_certificate_name": Attr("properties.tls.validateCertificateName"),
        },
    ),
    "azurerm_api_management_api": TypeMap(
        arm_type=f"{_APIM}/apis",
        parent="api_management_name",
        attrs={
            "display_name": Attr("properties.displayName"),
            "path": Attr("properties.path"),
            "protocols": Attr("properties.protocols"),
            "service_url": Attr("properties.serviceUrl"),
            "subscription_required": Attr("properties.subscriptionRequired", default=True),
        },
    ),
    "azurerm_api_management_product": TypeMap(
        arm_type=f"{_APIM}/products",
        parent="api_management_name",
        attrs={
            "product_id": Attr("name"),
            "display_name": Attr("properties.displayName"),
            "subscription_required": Attr("properties.subscriptionRequired"),
            "approval_required": Attr("properties.approvalRequired"),
            "published": Attr("properties.state", published_state),
        },
    ),
    "azurerm_api_management_api_operation": TypeMap(
        arm_type=f"{_APIM}/apis/operations",
        parent="api_name",
        attrs={
            "operation_id": Attr("name"),
            "display_name": Attr("properties.displayName"),
            "method": Attr("properties.method"),
            "url_template": Attr("properties.urlTemplate"),
        },
    ),
    "azurerm_api_management_api_operation_policy": TypeMap(
        arm_type=f"{_APIM}/apis/operations/policies",
        parent="operation_id",
        attrs={"xml_content": Attr("properties.value"), "xml_link": Attr("properties.value")},
        fixed={"name": "policy"},
        derive=(Derive("properties.format", ("xml_content", "xml_link"), policy_format),),
    ),
    "azurerm_api_management_api_policy": TypeMap(
        arm_type=f"{_APIM}/apis/policies",
        parent="api_name",
        attrs={"xml_content": Attr("properties.value"), "xml_link": Attr("properties.value")},
        fixed={"name": "policy"},
        derive=(Derive("properties.format", ("xml_content", "xml_link"), policy_format),),
    ),
    "azurerm_api_management_product_policy": TypeMap(
        arm_type=f"{_APIM}/products/policies",
        parent="product_id",
        attrs={"xml_content": Attr("properties.value"), "xml_link": Attr("properties.value")},
        fixed={"name": "policy"},
        derive=(Derive("properties.format", ("xml_content", "xml_link"), policy_format),),
    ),
    "azurerm_api_management_policy": TypeMap(
        arm_type=f"{_APIM}/policies",
        parent="api_management_id",
        attrs={"xml_content": Attr("properties.value"), "xml_link": Attr("properties.value")},
        fixed={"name": "policy"},
        derive=(Derive("properties.format", ("xml_content", "xml_link"), policy_format),),
    ),
    "azurerm_api_management_logger": TypeMap(
        arm_type=f"{_APIM}/loggers",
        parent="api_management_name",
        attrs={
            "buffered": Attr("properties.isBuffered", default=True),
            "resource_id": Attr("properties.resourceId"),
            "application_insights.logger_type": Attr("properties.loggerType", default="applicationInsights"),
            "application_insights.instrumentation_key": Attr("properties.credentials.instrumentationKey"),
            "application_insights.connection_string": Attr("properties.credentials.connectionString"),
            "eventhub.logger_type": Attr("properties.loggerType", default="azureEventHub"),
            "eventhub.name": Attr("properties.credentials.name"),
        },
    ),
    "azurerm_api_management_api_diagnostic": TypeMap(
        arm_type=f"{_APIM}/apis/diagnostics",
        parent="api_name",
        attrs={
            "identifier": Attr("name"),
            "api_management_logger_id": Attr("properties.loggerId"),
            "sampling_percentage": Attr("properties.sampling.percentage"),
            "verbosity": Attr("properties.verbosity"),
            "always_log_errors": Attr("properties.alwaysLog", all_errors),
        },
    ),
    # -- Private endpoints and DNS ------------------------------------------------------------------------------
    "azurerm_private_endpoint": TypeMap(
        arm_type="Microsoft.Network/privateEndpoints",
        attrs={
            "subnet_id": Attr("properties.subnet.id"),
            "custom_network_interface_name": Attr("properties.customNetworkInterfaceName"),
            "private_service_connection[*].name": Attr("properties.privateLinkServiceConnections[*].name"),
            "private_service_connection[*].private_connection_resource_id": Attr(
                "properties.privateLinkServiceConnections[*].properties.privateLinkServiceId"
            ),
            "private_service_connection[*].private_connection_resource_alias": Attr(
                "properties.privateLinkServiceConnections[*].properties.privateLinkServiceId"
            ),
            "private_service_connection[*].subresource_names": Attr(
                "properties.privateLinkServiceConnections[*].properties.groupIds"
            ),
            "private_service_connection[*].request_message": Attr(
                "properties.privateLinkServiceConnections[*].properties.requestMessage"
            ),
        },
        switch=(
            Switch(
                block="private_service_connection",
                attr="is_manual_connection",
                lists={
                    False: "properties.privateLinkServiceConnections",
                    True: "properties.manualPrivateLinkServiceConnections",
                },
                default=False,
            ),
        ),
        children={
            "private_dns_zone_group": TypeMap(
                arm_type="Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                attrs={
                    "name": Attr("name"),
                    "private_dns_zone_ids[*]": Attr("properties.privateDnsZoneConfigs[*].properties.privateDnsZoneId"),
                },
            ),
        },
    ),
    "azurerm_private_dns_zone": TypeMap(
        arm_type="Microsoft.Network/privateDnsZones",
        fixed={"location": "global"},
    ),
    "azurerm_private_dns_zone_virtual_network_link": TypeMap(
        arm_type="Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        parent="private_dns_zone_name",
        attrs={
            "virtual_network_id": Attr("properties.virtualNetwork.id"),
            "registration_enabled": Attr("properties.registrationEnabled", default=False),
        },
        fixed={"location": "global"},
    ),
    # -- Networking --------------------------------------------------------------------------------------------
    "azurerm_virtual_network": TypeMap(
        arm_type="Microsoft.Network/virtualNetworks",
        attrs={
            "address_space": Attr("properties.addressSpace.addressPrefixes"),
            "dns_servers": Attr("properties.dhcpOptions.dnsServers"),
            "subnet[*].name": Attr("properties.subnets[*].name"),
            "subnet[*].address_prefixes": Attr("properties.subnets[*].properties.addressPrefix", one_prefix),
            "subnet[*].address_prefix": Attr("properties.subnets[*].properties.addressPrefix"),
            "subnet[*].security_group": Attr("properties.subnets[*].properties.networkSecurityGroup.id"),
            "subnet[*].route_table_id": Attr("properties.subnets[*].properties.routeTable.id"),
        },
    ),
    "azurerm_subnet": TypeMap(
        arm_type=_SUBNETS,
        parent="virtual_network_name",
        attrs={
            "address_prefixes": Attr("properties.addressPrefix", one_prefix),
            "address_prefix": Attr("properties.addressPrefix"),
            "service_endpoints[*]": Attr("properties.serviceEndpoints[*].service"),
            "service_endpoint[*].service": Attr("properties.serviceEndpoints[*].service"),
            "delegation[*].name": Attr("properties.delegations[*].name"),
            "delegation[*].service_delegation.name": Attr("properties.delegations[*].properties.serviceName"),
            "private_endpoint_network_policies": Attr("properties.privateEndpointNetworkPolicies", default="Disabled"),
            "private_endpoint_network_policies_enabled": Attr("properties.privateEndpointNetworkPolicies", enabled),
            "default_outbound_access_enabled": Attr("properties.defaultOutboundAccess"),
        },
        derive=(Derive("properties.addressPrefixes", ("address_prefixes",), many_prefixes),),
    ),
    "azurerm_network_security_group": TypeMap(
        arm_type="Microsoft.Network/networkSecurityGroups",
        attrs={
            "security_rule[*].name": Attr("properties.securityRules[*].name"),
            **_prefixed("security_rule[*]", _rule_props("properties.securityRules[*].properties")),
        },
    ),
    "azurerm_network_security_rule": TypeMap(
        arm_type="Microsoft.Network/networkSecurityGroups/securityRules",
        parent="network_security_group_name",
        attrs=_rule_props("properties"),
    ),
    "azurerm_subnet_network_security_group_association": TypeMap(
        arm_type=_SUBNETS,
        merge_into="subnet_id",
        attrs={"network_security_group_id": Attr("properties.networkSecurityGroup.id")},
    ),
    "azurerm_subnet_route_table_association": TypeMap(
        arm_type=_SUBNETS,
        merge_into="subnet_id",
        attrs={"route_table_id": Attr("properties.routeTable.id")},
    ),
    "azurerm_subnet_nat_gateway_association": TypeMap(
        arm_type=_SUBNETS,
        merge_into="subnet_id",
        attrs={"nat_gateway_id": Attr("properties.natGateway.id")},
    ),
    "azurerm_nat_gateway": TypeMap(
        arm_type="Microsoft.Network/natGateways",
        attrs={
            "sku_name": Attr("sku.name", default="Standard"),
            "idle_timeout_in_minutes": Attr("properties.idleTimeoutInMinutes", default=4),
            "zones": Attr("zones"),
        },
    ),
    "azurerm_network_interface_security_group_association": TypeMap(
        arm_type="Microsoft.Network/networkInterfaces",
        merge_into="network_interface_id",
        attrs={"network_security_group_id": Attr("properties.networkSecurityGroup.id")},
    ),
    "azurerm_route_table": TypeMap(
        arm_type="Microsoft.Network/routeTables",
        attrs={
            "route[*].name": Attr("properties.routes[*].name"),
            **_prefixed("route[*]", _route_props("properties.routes[*].properties")),
            "bgp_route_propagation_enabled": Attr("properties.disableBgpRoutePropagation", negate, default=False),
            "disable_bgp_route_propagation": Attr("properties.disableBgpRoutePropagation"),
        },
    ),
    "azurerm_route": TypeMap(
        arm_type="Microsoft.Network/routeTables/routes",
        parent="route_table_name",
        attrs=_route_props("properties"),
    ),
    "azurerm_firewall": TypeMap(
        arm_type="Microsoft.Network/azureFirewalls",
        attrs={
            "sku_name": Attr("properties.sku.name"),
            "sku_tier": Attr("properties.sku.tier"),
            "firewall_policy_id": Attr("properties.firewallPolicy.id"),
            "threat_intel_mode": Attr("properties.threatIntelMode"),
            "zones": Attr("zones"),
            "ip_configuration[*].name": Attr("properties.ipConfigurations[*].name"),
            "ip_configuration[*].subnet_id": Attr("properties.ipConfigurations[*].properties.subnet.id"),
            "ip_configuration[*].public_ip_address_id": Attr(
                "properties.ipConfigurations[*].properties.publicIPAddress.id"
            ),
        },
    ),
    "azurerm_firewall_policy": TypeMap(
        arm_type="Microsoft.Network/firewallPolicies",
        attrs={
            "sku": Attr("properties.sku.tier", default="Standard"),
            "threat_intelligence_mode": Attr("properties.threatIntelMode", default="Alert"),
            "base_policy_id": Attr("properties.basePolicy.id"),
            "dns.proxy_enabled": Attr("properties.dnsSettings.enableProxy"),
            "intrusion_detection.mode": Attr("properties.intrusionDetection.mode"),
        },
    ),
    "azurerm_network_interface": TypeMap(
        arm_type="Microsoft.Network/networkInterfaces",
        attrs={
            "ip_configuration[*].name": Attr("properties.ipConfigurations[*].name"),
            "ip_configuration[*].subnet_id": Attr("properties.ipConfigurations[*].properties.subnet.id"),
            "ip_configuration[*].private_ip_address_allocation": Attr(
                "properties.ipConfigurations[*].properties.privateIPAllocationMethod"
            ),
            "ip_configuration[*].private_ip_address": Attr(
                "properties.ipConfigurations[*].properties.privateIPAddress"
            ),
            "ip_configuration[*].public_ip_address_id": Attr(
                "properties.ipConfigurations[*].properties.publicIPAddress.id"
            ),
            "ip_configuration[*].primary": Attr("properties.ipConfigurations[*].properties.primary"),
            "ip_forwarding_enabled": Attr("properties.enableIPForwarding", default=False),
            "enable_ip_forwarding": Attr("properties.enableIPForwarding"),
            "accelerated_networking_enabled": Attr("properties.enableAcceleratedNetworking", default=False),
            "enable_accelerated_networking": Attr("properties.enableAcceleratedNetworking"),
        },
    ),
    "azurerm_public_ip": TypeMap(
        arm_type="Microsoft.Network/publicIPAddresses",
        attrs={
            "sku": Attr("sku.name", default="Standard"),
            "sku_tier": Attr("sku.tier", default="Regional"),
            "allocation_method": Attr("properties.publicIPAllocationMethod"),
            "ip_version": Attr("properties.publicIPAddressVersion", default="IPv4"),
            "domain_name_label": Attr("properties.dnsSettings.domainNameLabel"),
            "zones": Attr("zones"),
        },
    ),
    # -- Monitoring ----------------------------------------------------------------------------------------------
    "azurerm_monitor_diagnostic_setting": TypeMap(
        arm_type="Microsoft.Insights/diagnosticSettings",
        scope="target_resource_id",
        attrs={
            "log_analytics_workspace_id": Attr("properties.workspaceId"),
            "storage_account_id": Attr("properties.storageAccountId"),
            "eventhub_authorization_rule_id": Attr("properties.eventHubAuthorizationRuleId"),
            "eventhub_name": Attr("properties.eventHubName"),
            "log_analytics_destination_type": Attr("properties.logAnalyticsDestinationType"),
            **_diag_block("enabled_log", "logs", with_group=True),
            **_diag_block("log", "logs", with_group=True),
            **_diag_block("enabled_metric", "metrics", with_group=False),
            **_diag_block("metric", "metrics", with_group=False),
        },
    ),
    "azurerm_log_analytics_workspace": TypeMap(
        arm_type="Microsoft.OperationalInsights/workspaces",
        attrs={
            "sku": Attr("properties.sku.name", default="PerGB2018"),
            "retention_in_days": Attr("properties.retentionInDays"),
            "daily_quota_gb": Attr("properties.workspaceCapping.dailyQuotaGb"),
            "internet_ingestion_enabled": Attr(
                "properties.publicNetworkAccessForIngestion", enabled, default="Enabled"
            ),
            "internet_query_enabled": Attr("properties.publicNetworkAccessForQuery", enabled, default="Enabled"),
            "local_authentication_disabled": Attr("properties.features.disableLocalAuth", default=False),
            "local_authentication_enabled": Attr("properties.features.disableLocalAuth", negate),
            **IDENTITY,
        },
    ),
    "azurerm_application_insights": TypeMap(
        arm_type="Microsoft.Insights/components",
        attrs={
            "application_type": Attr("properties.Application_Type"),
            "workspace_id": Attr("properties.WorkspaceResourceId"),
            "retention_in_days": Attr("properties.RetentionInDays"),
            "sampling_percentage": Attr("properties.SamplingPercentage"),
            "internet_ingestion_enabled": Attr(
                "properties.publicNetworkAccessForIngestion", enabled, default="Enabled"
            ),
            "internet_query_enabled": Attr("properties.publicNetworkAccessForQuery", enabled, default="Enabled"),
            "local_authentication_disabled": Attr("properties.DisableLocalAuth", default=False),
            "local_authentication_enabled": Attr("properties.DisableLocalAuth", negate),
        },
        derive=(Derive("kind", ("application_type",), same),),
    ),
    "azurerm_monitor_metric_alert": TypeMap(
        arm_type="Microsoft.Insights/metricAlerts",
        attrs={
            "description": Attr("properties.description"),
            "scopes": Attr("properties.scopes"),
            "enabled": Attr("properties.enabled", default=True),
            "severity": Attr("properties.severity", default=3),
            "frequency": Attr("properties.evaluationFrequency", default="PT1M"),
            "window_size": Attr("properties.windowSize", default="PT5M"),
            "auto_mitigate": Attr("properties.autoMitigate", default=True),
            "criteria[*].metric_namespace": Attr("properties.criteria.allOf[*].metricNamespace"),
            "criteria[*].metric_name": Attr("properties.criteria.allOf[*].metricName"),
            "criteria[*].aggregation": Attr("properties.criteria.allOf[*].timeAggregation"),
            "criteria[*].operator": Attr("properties.criteria.allOf[*].operator"),
            "criteria[*].threshold": Attr("properties.criteria.allOf[*].threshold"),
            "criteria[*].criterion_type": Attr(
                "properties.criteria.allOf[*].criterionType", default="StaticThresholdCriterion"
            ),
            "action[*].action_group_id": Attr("properties.actions[*].actionGroupId"),
        },
        fixed={"location": "global"},
    ),
    "azurerm_monitor_scheduled_query_rules_alert_v2": TypeMap(
        arm_type="Microsoft.Insights/scheduledQueryRules",
        attrs={
            "scopes": Attr("properties.scopes"),
            "enabled": Attr("properties.enabled", default=True),
            "severity": Attr("properties.severity"),
            "evaluation_frequency": Attr("properties.evaluationFrequency"),
            "window_duration": Attr("properties.windowSize"),
            "criteria[*].query": Attr("properties.criteria.allOf[*].query"),
            "criteria[*].time_aggregation_method": Attr("properties.criteria.allOf[*].timeAggregation"),
            "criteria[*].operator": Attr("properties.criteria.allOf[*].operator"),
            "criteria[*].threshold": Attr("properties.criteria.allOf[*].threshold"),
            "action.action_groups": Attr("properties.actions.actionGroups"),
        },
        fixed={"kind": "LogAlert"},
    ),
    "azurerm_monitor_action_group": TypeMap(
        arm_type="Microsoft.Insights/actionGroups",
        attrs={
            "location": Attr("location", region, default="global"),
            "short_name": Attr("properties.groupShortName"),
            "enabled": Attr("properties.enabled", default=True),
            "email_receiver[*].name": Attr("properties.emailReceivers[*].name"),
            "email_receiver[*].email_address": Attr("properties.emailReceivers[*].emailAddress"),
            "webhook_receiver[*].name": Attr("properties.webhookReceivers[*].name"),
            "webhook_receiver[*].service_uri": Attr("properties.webhookReceivers[*].serviceUri"),
        },
    ),
    "azurerm_monitor_autoscale_setting": TypeMap(
        arm_type="Microsoft.Insights/autoscalesettings",
        attrs={
            "target_resource_id": Attr("properties.targetResourceUri"),
            "enabled": Attr("properties.enabled", default=True),
            "profile[*].name": Attr("properties.profiles[*].name"),
            "profile[*].capacity.minimum": Attr("properties.profiles[*].capacity.minimum", text),
            "profile[*].capacity.maximum": Attr("properties.profiles[*].capacity.maximum", text),
            "profile[*].capacity.default": Attr("properties.profiles[*].capacity.default", text),
            "profile[*].rule[*].metric_trigger.metric_name": Attr(
                "properties.profiles[*].rules[*].metricTrigger.metricName"
            ),
            "profile[*].rule[*].metric_trigger.metric_resource_id": Attr(
                "properties.profiles[*].rules[*].metricTrigger.metricResourceUri"
            ),
            "profile[*].rule[*].metric_trigger.operator": Attr(
                "properties.profiles[*].rules[*].metricTrigger.operator"
            ),
            "profile[*].rule[*].metric_trigger.threshold": Attr(
                "properties.profiles[*].rules[*].metricTrigger.threshold"
            ),
            "profile[*].rule[*].scale_action.direction": Attr("properties.profiles[*].rules[*].scaleAction.direction"),
            "profile[*].rule[*].scale_action.type": Attr("properties.profiles[*].rules[*].scaleAction.type"),
            "profile[*].rule[*].scale_action.value": Attr("properties.profiles[*].rules[*].scaleAction.value", text),
            "profile[*].rule[*].scale_action.cooldown": Attr("properties.profiles[*].rules[*].scaleAction.cooldown"),
        },
        derive=(Derive("properties.name", ("name",), same),),
    ),
    # -- Data platforms ------------------------------------------------------------------------------------------
    "azurerm_databricks_workspace": TypeMap(
        arm_type="Microsoft.Databricks/workspaces",
        attrs={
            "sku": Attr("sku.name"),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "network_security_group_rules_required": Attr("properties.requiredNsgRules"),
            "custom_parameters.no_public_ip": Attr("properties.parameters.enableNoPublicIp.value"),
            "custom_parameters.virtual_network_id": Attr("properties.parameters.customVirtualNetworkId.value"),
            "custom_parameters.public_subnet_name": Attr("properties.parameters.customPublicSubnetName.value"),
            "custom_parameters.private_subnet_name": Attr("properties.parameters.customPrivateSubnetName.value"),
            "infrastructure_encryption_enabled": Attr("properties.parameters.requireInfrastructureEncryption.value"),
            "customer_managed_key_enabled": Attr("properties.parameters.prepareEncryption.value"),
        },
        derive=(
            Derive(
                "properties.encryption.entities.managedServices.keySource",
                ("managed_services_cmk_key_vault_key_id",),
                constant_if_present("Microsoft.Keyvault"),
            ),
            *_key_vault_key(
                "properties.encryption.entities.managedServices.keyVaultProperties",
                "managed_services_cmk_key_vault_key_id",
            ),
            Derive(
                "properties.encryption.entities.managedDisk.keySource",
                ("managed_disk_cmk_key_vault_key_id",),
                constant_if_present("Microsoft.Keyvault"),
            ),
            *_key_vault_key(
                "properties.encryption.entities.managedDisk.keyVaultProperties", "managed_disk_cmk_key_vault_key_id"
            ),
        ),
    ),
    "azurerm_synapse_workspace": TypeMap(
        arm_type="Microsoft.Synapse/workspaces",
        attrs={
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "managed_virtual_network_enabled": Attr("properties.managedVirtualNetwork", managed_vnet),
            "data_exfiltration_protection_enabled": Attr(
                "properties.managedVirtualNetworkSettings.preventDataExfiltration"
            ),
            "managed_resource_group_name": Attr("properties.managedResourceGroupName"),
            "azuread_authentication_only": Attr("properties.azureADOnlyAuthentication"),
            "customer_managed_key.key_versionless_id": Attr("properties.encryption.cmk.key.keyVaultUrl"),
            "customer_managed_key.key_name": Attr("properties.encryption.cmk.key.name"),
            **IDENTITY,
        },
    ),
    "azurerm_synapse_spark_pool": TypeMap(
        arm_type="Microsoft.Synapse/workspaces/bigDataPools",
        parent="synapse_workspace_id",
        attrs={
            "node_size_family": Attr("properties.nodeSizeFamily"),
            "node_size": Attr("properties.nodeSize"),
            "node_count": Attr("properties.nodeCount"),
            "spark_version": Attr("properties.sparkVersion"),
            "auto_pause.enabled": Attr("properties.autoPause.enabled", default=True),
            "auto_pause.delay_in_minutes": Attr("properties.autoPause.delayInMinutes"),
            "auto_scale.enabled": Attr("properties.autoScale.enabled", default=True),
            "auto_scale.min_node_count": Attr("properties.autoScale.minNodeCount"),
            "auto_scale.max_node_count": Attr("properties.autoScale.maxNodeCount"),
        },
    ),
    "azurerm_cosmosdb_account": TypeMap(
        arm_type="Microsoft.DocumentDB/databaseAccounts",
        attrs={
            "kind": Attr("kind", default="GlobalDocumentDB"),
            "offer_type": Attr("properties.databaseAccountOfferType"),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled, default="Enabled"),
            "local_authentication_disabled": Attr("properties.disableLocalAuth", default=False),
            "local_authentication_enabled": Attr("properties.disableLocalAuth", negate),
            "is_virtual_network_filter_enabled": Attr("properties.isVirtualNetworkFilterEnabled"),
            "ip_range_filter": Attr("properties.ipRules", ip_range_objects),
            "virtual_network_rule[*].id": Attr("properties.virtualNetworkRules[*].id"),
            "key_vault_key_id": Attr("properties.keyVaultKeyUri"),
            "minimal_tls_version": Attr("properties.minimalTlsVersion", default="Tls12"),
            "network_acl_bypass_for_azure_services": Attr("properties.networkAclBypass", acl_bypass, default="None"),
            "automatic_failover_enabled": Attr("properties.enableAutomaticFailover"),
            "enable_automatic_failover": Attr("properties.enableAutomaticFailover"),
            "multiple_write_locations_enabled": Attr("properties.enableMultipleWriteLocations"),
            "enable_multiple_write_locations": Attr("properties.enableMultipleWriteLocations"),
            "free_tier_enabled": Attr("properties.enableFreeTier"),
            "enable_free_tier": Attr("properties.enableFreeTier"),
            "consistency_policy.consistency_level": Attr("properties.consistencyPolicy.defaultConsistencyLevel"),
            "geo_location[*].location": Attr("properties.locations[*].locationName", region),
            "geo_location[*].failover_priority": Attr("properties.locations[*].failoverPriority"),
            "geo_location[*].zone_redundant": Attr("properties.locations[*].isZoneRedundant", default=False),
            **IDENTITY,
        },
    ),
    # -- Compute hosts -------------------------------------------------------------------------------------------
    "azurerm_linux_virtual_machine": TypeMap(
        arm_type=_VMS,
        attrs={
            **_vm("size"),
            "disable_password_authentication": Attr(
                "properties.osProfile.linuxConfiguration.disablePasswordAuthentication", default=True
            ),
        },
    ),
    "azurerm_windows_virtual_machine": TypeMap(arm_type=_VMS, attrs=_vm("size")),
    "azurerm_virtual_machine": TypeMap(
        arm_type=_VMS,
        attrs={
            "vm_size": Attr("properties.hardwareProfile.vmSize"),
            "zones": Attr("zones"),
            "network_interface_ids[*]": Attr("properties.networkProfile.networkInterfaces[*].id"),
            "storage_os_disk.name": Attr("properties.storageProfile.osDisk.name"),
            "storage_os_disk.caching": Attr("properties.storageProfile.osDisk.caching"),
            "storage_os_disk.create_option": Attr("properties.storageProfile.osDisk.createOption"),
            "storage_os_disk.managed_disk_type": Attr(
                "properties.storageProfile.osDisk.managedDisk.storageAccountType"
            ),
            "storage_image_reference.id": Attr("properties.storageProfile.imageReference.id"),
            **_vm_image("properties.storageProfile", block="storage_image_reference"),
            "os_profile.admin_username": Attr("properties.osProfile.adminUsername"),
            "os_profile.computer_name": Attr("properties.osProfile.computerName"),
            **IDENTITY,
        },
    ),
    "azurerm_linux_virtual_machine_scale_set": TypeMap(
        arm_type=_VMSS,
        attrs={
            "sku": Attr("sku.name"),
            "instances": Attr("sku.capacity"),
            "upgrade_mode": Attr("properties.upgradePolicy.mode", default="Manual"),
            "zone_balance": Attr("properties.zoneBalance"),
            "admin_username": Attr("properties.virtualMachineProfile.osProfile.adminUsername"),
            **_vmss(),
        },
    ),
    "azurerm_windows_virtual_machine_scale_set": TypeMap(
        arm_type=_VMSS,
        attrs={
            "sku": Attr("sku.name"),
            "instances": Attr("sku.capacity"),
            "upgrade_mode": Attr("properties.upgradePolicy.mode", default="Manual"),
            "zone_balance": Attr("properties.zoneBalance"),
            "admin_username": Attr("properties.virtualMachineProfile.osProfile.adminUsername"),
            **_vmss(),
        },
    ),
    "azurerm_orchestrated_virtual_machine_scale_set": TypeMap(
        arm_type=_VMSS,
        attrs={
            "sku_name": Attr("sku.name"),
            "instances": Attr("sku.capacity"),
            "platform_fault_domain_count": Attr("properties.platformFaultDomainCount"),
            "zone_balance": Attr("properties.zoneBalance"),
            **_vmss(),
        },
        fixed={"properties.orchestrationMode": "Flexible"},
    ),
    "azurerm_disk_encryption_set": TypeMap(
        arm_type="Microsoft.Compute/diskEncryptionSets",
        attrs={
            "key_vault_key_id": Attr("properties.activeKey.keyUrl"),
            "encryption_type": Attr("properties.encryptionType", default="EncryptionAtRestWithCustomerKey"),
            "auto_key_rotation_enabled": Attr("properties.rotationToLatestKeyVersionEnabled", default=False),
            **IDENTITY,
        },
    ),
    "azurerm_dev_test_global_vm_shutdown_schedule": TypeMap(
        arm_type="Microsoft.DevTestLab/schedules",
        attrs={
            "virtual_machine_id": Attr("properties.targetResourceId"),
            "enabled": Attr("properties.status", enabled, default="Enabled"),
            "daily_recurrence_time": Attr("properties.dailyRecurrence.time"),
            "timezone": Attr("properties.timeZoneId"),
            "notification_settings.enabled": Attr("properties.notificationSettings.status", enabled),
            "notification_settings.time_in_minutes": Attr("properties.notificationSettings.timeInMinutes", default=30),
        },
        fixed={"properties.taskType": "ComputeVmShutdownTask"},
        derive=(Derive("name", ("virtual_machine_id",), shutdown_name),),
    ),
    "azurerm_service_plan": TypeMap(
        arm_type="Microsoft.Web/serverfarms",
        attrs={
            "sku_name": Attr("sku.name"),
            "worker_count": Attr("sku.capacity"),
            "os_type": Attr("kind", lower_map({"Linux": "linux", "Windows": "windows", "WindowsContainer": "windows"})),
            "zone_balancing_enabled": Attr("properties.zoneRedundant", default=False),
            "per_site_scaling_enabled": Attr("properties.perSiteScaling", default=False),
            "maximum_elastic_worker_count": Attr("properties.maximumElasticWorkerCount"),
            "premium_plan_auto_scale_enabled": Attr("properties.elasticScaleEnabled"),
        },
        derive=(Derive("properties.reserved", ("os_type",), linux_reserved),),
    ),
    "azurerm_linux_web_app": _web_app("app,linux", "properties.siteConfig.linuxFxVersion"),
    "azurerm_windows_web_app": _web_app("app", "properties.siteConfig.windowsFxVersion"),
    "azurerm_linux_function_app": _web_app("functionapp,linux", "properties.siteConfig.linuxFxVersion", function=True),
    "azurerm_windows_function_app": _web_app("functionapp", None, function=True),
    "azurerm_container_app_environment": TypeMap(
        arm_type="Microsoft.App/managedEnvironments",
        attrs={
            "infrastructure_subnet_id": Attr("properties.vnetConfiguration.infrastructureSubnetId"),
            "internal_load_balancer_enabled": Attr("properties.vnetConfiguration.internal", default=False),
            "zone_redundancy_enabled": Attr("properties.zoneRedundant", default=False),
            "public_network_access": Attr("properties.publicNetworkAccess"),
            "log_analytics_workspace_id": Attr(
                "properties.appLogsConfiguration.logAnalyticsConfiguration.customerId", reference_only
            ),
            "workload_profile[*].name": Attr("properties.workloadProfiles[*].name"),
            "workload_profile[*].workload_profile_type": Attr("properties.workloadProfiles[*].workloadProfileType"),
            "workload_profile[*].minimum_count": Attr("properties.workloadProfiles[*].minimumCount"),
            "workload_profile[*].maximum_count": Attr("properties.workloadProfiles[*].maximumCount"),
        },
        derive=(
            Derive(
                "properties.appLogsConfiguration.destination",
                ("logs_destination", "log_analytics_workspace_id"),
                logs_destination,
            ),
        ),
    ),
    "azurerm_container_app": TypeMap(
        arm_type="Microsoft.App/containerApps",
        attrs={
            "container_app_environment_id": Attr("properties.managedEnvironmentId"),
            "workload_profile_name": Attr("properties.workloadProfileName"),
            "revision_mode": Attr("properties.configuration.activeRevisionsMode"),
            "ingress.external_enabled": Attr("properties.configuration.ingress.external", default=False),
            "ingress.allow_insecure_connections": Attr("properties.configuration.ingress.allowInsecure", default=False),
            "ingress.target_port": Attr("properties.configuration.ingress.targetPort"),
            "ingress.transport": Attr("properties.configuration.ingress.transport", default="auto"),
            "template.min_replicas": Attr("properties.template.scale.minReplicas"),
            "template.max_replicas": Attr("properties.template.scale.maxReplicas"),
            "template.container[*].name": Attr("properties.template.containers[*].name"),
            "template.container[*].image": Attr("properties.template.containers[*].image"),
            "template.container[*].cpu": Attr("properties.template.containers[*].resources.cpu"),
            "template.container[*].memory": Attr("properties.template.containers[*].resources.memory"),
            "template.container[*].env[*].name": Attr("properties.template.containers[*].env[*].name"),
            "template.http_scale_rule[*].name": Attr("properties.template.scale.rules[*].name"),
            "template.custom_scale_rule[*].name": Attr("properties.template.scale.rules[*].name"),
            "template.azure_queue_scale_rule[*].name": Attr("properties.template.scale.rules[*].name"),
            "template.tcp_scale_rule[*].name": Attr("properties.template.scale.rules[*].name"),
            **IDENTITY,
        },
    ),
    "azurerm_container_group": TypeMap(
        arm_type="Microsoft.ContainerInstance/containerGroups",
        attrs={
            "os_type": Attr("properties.osType"),
            "ip_address_type": Attr("properties.ipAddress.type", default="Public"),
            "subnet_ids[*]": Attr("properties.subnetIds[*].id"),
            "container[*].name": Attr("properties.containers[*].name"),
            "container[*].image": Attr("properties.containers[*].properties.image"),
            "container[*].cpu": Attr("properties.containers[*].properties.resources.requests.cpu"),
            "container[*].memory": Attr("properties.containers[*].properties.resources.requests.memoryInGB"),
            "container[*].gpu.count": Attr("properties.containers[*].properties.resources.requests.gpu.count"),
            "container[*].gpu.sku": Attr("properties.containers[*].properties.resources.requests.gpu.sku"),
            **IDENTITY,
        },
    ),
    # -- Search --------------------------------------------------------------------------------------------------
    "azurerm_search_service": TypeMap(
        arm_type="Microsoft.Search/searchServices",
        attrs={
            "sku": Attr("sku.name"),
            "public_network_access_enabled": Attr("properties.publicNetworkAccess", enabled_lower, default="enabled"),
            "local_authentication_enabled": Attr("properties.disableLocalAuth", negate, default=False),
            "replica_count": Attr("properties.replicaCount"),
            "partition_count": Attr("properties.partitionCount"),
            "allowed_ips[*]": Attr("properties.networkRuleSet.ipRules[*].value"),
            "network_rule_bypass_option": Attr("properties.networkRuleSet.bypass"),
            "customer_managed_key_enforcement_enabled": Attr("properties.encryptionWithCmk.enforcement", enabled),
            "semantic_search_sku": Attr("properties.semanticSearch"),
            **IDENTITY,
        },
    ),
    # -- Identity and governance ---------------------------------------------------------------------------------
    "azurerm_user_assigned_identity": TypeMap(arm_type="Microsoft.ManagedIdentity/userAssignedIdentities"),
    "azurerm_role_assignment": TypeMap(
        arm_type="Microsoft.Authorization/roleAssignments",
        scope="scope",
        attrs={
            "role_definition_id": Attr("properties.roleDefinitionId"),
            "principal_id": Attr("properties.principalId"),
            "principal_type": Attr("properties.principalType"),
            "condition": Attr("properties.condition"),
        },
    ),
    "azurerm_management_lock": TypeMap(
        arm_type="Microsoft.Authorization/locks",
        scope="scope",
        attrs={"lock_level": Attr("properties.level"), "notes": Attr("properties.notes")},
    ),
    "azurerm_resource_group": TypeMap(arm_type="Microsoft.Resources/resourceGroups"),
}

# Attribute renames between provider versions: old name -> new name (same meaning, same ARM path).
RENAMES: dict[str, str] = {
    "enable_auto_scaling": "auto_scaling_enabled",
    "enable_host_encryption": "host_encryption_enabled",
    "enable_node_public_ip": "node_public_ip_enabled",
    "enable_https_traffic_only": "https_traffic_only_enabled",
    "enable_rbac_authorization": "rbac_authorization_enabled",
    "allow_blob_public_access": "allow_nested_items_to_be_public",
    "availability_zones": "zones",
    "automatic_channel_upgrade": "automatic_upgrade_channel",
    "node_os_channel_upgrade": "node_os_upgrade_channel",
    "api_server_authorized_ip_ranges": "api_server_access_profile.authorized_ip_ranges",
    "enable_ip_forwarding": "ip_forwarding_enabled",
    "enable_accelerated_networking": "accelerated_networking_enabled",
    "enable_automatic_failover": "automatic_failover_enabled",
    "enable_multiple_write_locations": "multiple_write_locations_enabled",
    "enable_free_tier": "free_tier_enabled",
    "log[*].category": "enabled_log[*].category",
    "log[*].category_group": "enabled_log[*].category_group",
    "metric[*].category": "enabled_metric[*].category",
    "scale.type": "sku.name",
    "scale.capacity": "sku.capacity",
}
for _side in ("backend", "frontend"):
    for _proto in ("ssl30", "tls10", "tls11"):
        RENAMES[f"security.enable_{_side}_{_proto}"] = f"security.{_side}_{_proto}_enabled"

# Renames that only hold for one type (``address_prefix`` is still current on routes).
TYPE_RENAMES: dict[str, dict[str, str]] = {
    "azurerm_subnet": {"address_prefix": "address_prefixes", "service_endpoints[*]": "service_endpoint[*].service"},
    "azurerm_virtual_network": {"subnet[*].address_prefix": "subnet[*].address_prefixes"},
}

# Renames whose meaning flipped (the new name is the negation of the old one): same path, one side negated.
NEGATED_RENAMES: dict[str, dict[str, str]] = {
    "azurerm_route_table": {"disable_bgp_route_propagation": "bgp_route_propagation_enabled"},
    "azurerm_log_analytics_workspace": {"local_authentication_disabled": "local_authentication_enabled"},
    "azurerm_application_insights": {"local_authentication_disabled": "local_authentication_enabled"},
    "azurerm_cosmosdb_account": {"local_authentication_disabled": "local_authentication_enabled"},
}
