"""Private endpoints of the network policies: which ones reach a resource, for which group, with DNS or not.

A private endpoint (``Microsoft.Network/privateEndpoints``) reaches a resource through a connection in
``properties.privateLinkServiceConnections`` or ``properties.manualPrivateLinkServiceConnections``; the graph
holds a PRIVATE_ENDPOINT edge from the endpoint to that resource. An endpoint only works when its name
resolves privately too: it needs a private DNS zone group (a ``privateDnsZoneGroups`` child, azurerm
``private_dns_zone_group``; also one named ``<endpoint name>/<group>`` without ``parent``) or a private DNS
zone with the ``privatelink.*`` name of its group in the unit. An endpoint declared ``existing`` counts as
having its DNS.

API (stable):

- ``GROUP_IDS``: ARM type (lower case) -> the group ids (lower case) that give private access to it.
- ``ZONE_MARKERS``: group id (lower case) -> text that a matching private DNS zone name contains.
- ``Connection``: one connection of one endpoint to the target: ``endpoint`` (the resource), ``path`` (the
  connection, e.g. ``properties.privateLinkServiceConnections[0]``), ``group_ids`` (lower-case tuple, or the
  ``Expr`` when unknown), ``dns`` (True / False / None when a zone name is unknown).
- ``private_endpoints(graph, target) -> list[Connection]``: every connection that points at ``target`` (a
  PRIVATE_ENDPOINT edge, or a resource id written as plain text that names it), sorted by endpoint address.
- ``possible_private_endpoints(graph, target) -> list[Resource]``: what may reach ``target`` but cannot be
  followed: endpoints whose target id is unknown (unless the id names another resource type or the
  connection's group ids belong to another service) and unloaded modules that refer to ``target`` and are
  given a non-empty ``privateEndpoints``/``privateLinkServiceConnections`` list (or are named so).
- ``has_dns(graph, endpoint, group_ids) -> bool | None``.
- ``display(resource) -> str``: the name for messages (written name, expression text, or address).
- ``private_endpoint_findings(graph, target, label) -> Iterator[Finding]``: the verdict for ``target``:
  nothing when a connection with a right group id and DNS exists; otherwise a failure (no endpoint at the
  target; wrong group ids at the endpoint's ``groupIds``; no DNS at the endpoint), or an inconclusive result
  when an unknown value decides it.
- ``public_access_findings(target, label, acl_path)``: a failure when ``publicNetworkAccess`` is not Disabled
  and the firewall default action (if the service has one) is not Deny; inconclusive when unknown.
- ``managed_private_endpoint(graph, target)``: the ML workspace whose managed network reaches ``target``.
- ``Subnet``, ``resolve_subnet(graph, value)``, ``find_resource(graph, value, type)``,
  ``references_firewall(graph, expr)``: follow subnet / route table ids and firewall addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import NamedTuple

from linter import EdgeKind, Expr, Finding, Graph, Resource
from policies._common import name_of as display  # noqa: F401 - the name in messages

PRIVATE_ENDPOINT = "Microsoft.Network/privateEndpoints"
ZONE_GROUP = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"
DNS_ZONE = "Microsoft.Network/privateDnsZones"
DEPLOYMENT = "Microsoft.Resources/deployments"
_TYPE_NAME = re.compile(r"microsoft\.[a-z]+/[a-z]+")
CONNECTIONS = ("properties.privateLinkServiceConnections", "properties.manualPrivateLinkServiceConnections")

GROUP_IDS: dict[str, tuple[str, ...]] = {
    "microsoft.machinelearningservices/workspaces": ("amlworkspace",),
    "microsoft.cognitiveservices/accounts": ("account",),
    "microsoft.containerregistry/registries": ("registry",),
    "microsoft.storage/storageaccounts": ("blob", "file", "dfs", "queue", "table", "web"),
    "microsoft.search/searchservices": ("searchservice",),
    "microsoft.keyvault/vaults": ("vault",),
    "microsoft.web/sites": ("sites",),
    "microsoft.databricks/workspaces": ("databricks_ui_api", "browser_authentication"),
    "microsoft.synapse/workspaces": ("sql", "sqlondemand", "dev"),
    "microsoft.containerservice/managedclusters": ("management",),
    "microsoft.apimanagement/service": ("gateway",),
    "microsoft.app/managedenvironments": ("managedenvironments",),
}

# Substrings of the privatelink zone names; they also match names built with environment() suffixes.
ZONE_MARKERS: dict[str, tuple[str, ...]] = {
    "amlworkspace": ("privatelink.api.azureml.", "privatelink.notebooks."),
    "account": ("privatelink.cognitiveservices.", "privatelink.openai.", "privatelink.services.ai."),
    "registry": ("privatelink.azurecr.",),
    "blob": ("privatelink.blob.",),
    "file": ("privatelink.file.",),
    "dfs": ("privatelink.dfs.",),
    "queue": ("privatelink.queue.",),
    "table": ("privatelink.table.",),
    "web": ("privatelink.web.",),
    "searchservice": ("privatelink.search.",),
    "vault": ("privatelink.vaultcore.",),
    "sites": ("privatelink.azurewebsites.",),
    "databricks_ui_api": ("privatelink.azuredatabricks.",),
    "browser_authentication": ("privatelink.azuredatabricks.",),
    "sql": ("privatelink.sql.azuresynapse.",),
    "sqlondemand": ("privatelink.sql.azuresynapse.",),
    "dev": ("privatelink.dev.azuresynapse.",),
    "management": (".azmk8s.",),
    "gateway": ("privatelink.azure-api.",),
    "managedenvironments": (".azurecontainerapps.",),
}


class Connection(NamedTuple):
    endpoint: Resource
    path: str
    group_ids: tuple[str, ...] | Expr
    dns: bool | None




def _group_ids(value: object) -> tuple[str, ...] | Expr:
    if isinstance(value, Expr):
        return value
    if not isinstance(value, list):
        return ()
    for item in value:
        if isinstance(item, Expr):
            return item
    return tuple(sorted(str(item).lower() for item in value))


def _zone_group_of(group: Resource, endpoint: Resource, graph: Graph) -> bool:
    """Linked by an edge, or named ``<endpoint name>/<group name>`` (also as an expression)."""
    if any(source.address == group.address for source in graph.sources(endpoint)):
        return True
    mine, theirs = group.name, endpoint.name
    if isinstance(mine, str) and isinstance(theirs, str):
        return mine.lower().startswith(theirs.lower() + "/")
    if isinstance(mine, Expr) and isinstance(theirs, Expr):
        inner = theirs.symbol or theirs.text
        return bool(inner) and inner.lower() in (mine.symbol or mine.text).lower()
    return False


def has_dns(graph: Graph, endpoint: Resource, group_ids: tuple[str, ...] | Expr) -> bool | None:
    """True with a zone group child or a matching zone; None when only an unknown zone name could match."""
    if endpoint.existing or any(_zone_group_of(group, endpoint, graph) for group in graph.of_type(ZONE_GROUP)):
        return True
    markers = () if isinstance(group_ids, Expr) else tuple(m for g in group_ids for m in ZONE_MARKERS.get(g, ()))
    unknown = False
    for zone in graph.of_type(DNS_ZONE):
        name = zone.name
        text = (name.text if isinstance(name, Expr) else name if isinstance(name, str) else "").lower()
        if any(marker in text for marker in markers):
            return True
        if isinstance(name, Expr) and "privatelink" not in text:
            unknown = True
    return None if unknown or isinstance(group_ids, Expr) else False


def _literal_id_of(value: object, target: Resource) -> bool:
    """A resource id written as plain text that names ``target`` (``/providers/<type>/<name>``)."""
    if not isinstance(value, str) or not isinstance(target.name, str):
        return False
    return value.lower().rstrip("/").endswith(f"/providers/{target.type.lower()}/{target.name.lower()}")


def _module_output_of(graph: Graph, value: object, target: Resource) -> bool:
    """An id built from an output of the module that declares ``target``, the only one of its type there."""
    if not isinstance(value, Expr) or target.module is None:
        return False
    if target.type.lower() not in _TYPE_NAME.findall(f"{value.symbol or ''} {value.text}".lower()):
        return False
    modules = [ref for ref in value.refs if target.module == ref or target.module.startswith(ref + "/")]
    if not modules:
        return False
    inside = [r for r in graph.of_type(target.type) if r.module and r.address.startswith(modules[0] + "/")]
    return [r.address for r in inside if not r.existing] == [target.address]


def private_endpoints(graph: Graph, target: Resource) -> list[Connection]:
    paths: dict[tuple[str, str], Resource] = {}
    for edge in graph.in_edges(target, EdgeKind.PRIVATE_ENDPOINT):
        endpoint = graph.get(edge.source)
        if endpoint is not None:
            paths[(endpoint.address, edge.path.rsplit(".properties.", 1)[0])] = endpoint
    for endpoint in graph.of_type(PRIVATE_ENDPOINT):
        for prefix in CONNECTIONS:
            for path, value in endpoint.each(f"{prefix}[*].properties.privateLinkServiceId"):
                if _literal_id_of(value, target) or _module_output_of(graph, value, target):
                    paths[(endpoint.address, path.rsplit(".properties.", 1)[0])] = endpoint
    found: list[Connection] = []
    for (_, path), endpoint in sorted(paths.items(), key=lambda item: item[0]):
        group_ids = _group_ids(endpoint.get(f"{path}.properties.groupIds", []))
        found.append(Connection(endpoint, path, group_ids, has_dns(graph, endpoint, group_ids)))
    return found


def possible_private_endpoints(graph: Graph, target: Resource) -> list[Resource]:
    maybe: list[Resource] = []
    expected = set(GROUP_IDS.get(target.type.lower(), ()))
    for endpoint in graph.of_type(PRIVATE_ENDPOINT):
        for prefix in CONNECTIONS:
            for path, value in endpoint.each(f"{prefix}[*].properties.privateLinkServiceId"):
                if not isinstance(value, Expr):
                    continue
                if target.address in value.refs:  # a connection list built by an expression over the target
                    maybe.append(endpoint)
                    continue
                if any(ref in graph for ref in value.refs):
                    continue
                types = set(_TYPE_NAME.findall(f"{value.symbol or ''} {value.text}".lower()))
                groups = _group_ids(endpoint.get(path.rsplit(".properties.", 1)[0] + ".properties.groupIds", []))
                if types and target.type.lower() not in types:
                    continue  # an id of another resource type
                if not isinstance(groups, Expr) and groups and not set(groups) & expected:
                    continue  # a connection for another service
                maybe.append(endpoint)
    for module in graph.sources(target, EdgeKind.REFERENCE):
        if module.is_type(DEPLOYMENT) and module.unresolved and _mentions_endpoint(module):
            maybe.append(module)
    return list({r.address: r for r in maybe}.values())


_ENDPOINT_WORDS = ("private-endpoint", "private_endpoint", "privateendpoint", "privatelink")


def _mentions_endpoint(module: Resource) -> bool:
    """An unloaded module given a non-empty list of private endpoints or connections, or one by its name."""
    params = module.get("properties.parameters")
    if isinstance(params, Expr):
        return True
    given = []
    if isinstance(params, Mapping):
        for key, value in params.items():
            if str(key).lower().replace("_", "").endswith(("privateendpoints", "privatelinkserviceconnections")):
                if isinstance(value, Mapping) and set(value) == {"value"}:
                    value = value["value"]
                given.append(isinstance(value, Expr) or value not in (None, {}, [], ""))
    if given:
        return any(given)
    return any(word in str(module.unresolved).lower() for word in _ENDPOINT_WORDS)


def _inconclusive(resource: Resource, path: str, message: str) -> Finding:
    return replace(Finding.at(resource, path, message), outcome="inconclusive")


def private_endpoint_findings(graph: Graph, target: Resource, label: str) -> Iterator[Finding]:
    expected = GROUP_IDS.get(target.type.lower(), ())
    wanted = " or ".join(expected)
    name = f"{label} '{display(target)}'"
    connections = private_endpoints(graph, target)
    if not connections:
        maybe = possible_private_endpoints(graph, target)
        if maybe:
            yield _inconclusive(
                target, "", f"{name} may be reached through '{display(maybe[0])}', which cannot be followed"
            )
        else:
            yield Finding.at(target, "", f"{name} has no private endpoint (groupIds {wanted})")
        return
    right = [c for c in connections if isinstance(c.group_ids, Expr) or set(c.group_ids) & set(expected)]
    if not right:
        for c in connections:
            ids = ", ".join(c.group_ids) or "none"
            yield Finding.at(
                c.endpoint,
                f"{c.path}.properties.groupIds",
                f"Private endpoint '{display(c.endpoint)}' reaches {name} with groupIds {ids}, not {wanted}",
            )
        return
    if any(not isinstance(c.group_ids, Expr) and c.dns for c in right):
        return
    for c in right:
        if isinstance(c.group_ids, Expr):
            yield Finding.unknown(c.endpoint, f"{c.path}.properties.groupIds", c.group_ids, "groupIds")
        elif c.dns is None:
            yield _inconclusive(
                c.endpoint,
                "",
                f"Private DNS of private endpoint '{display(c.endpoint)}' depends on an unknown zone name",
            )
        else:
            zones = " or ".join(m.strip(".") + ".*" for g in c.group_ids for m in ZONE_MARKERS.get(g, ()))
            yield Finding.at(
                c.endpoint,
                "",
                f"Private endpoint '{display(c.endpoint)}' to {name} has no private DNS zone group and no {zones} zone",
            )


def public_access_findings(target: Resource, label: str, acl_path: str | None) -> Iterator[Finding]:
    """A failure when ``target`` accepts public traffic: ``publicNetworkAccess`` not Disabled (absent: Enabled)
    and, when the service has one, the firewall default action at ``acl_path`` not Deny (absent: Allow)."""
    path = "properties.publicNetworkAccess"
    access = target.get(path, "Enabled")
    acl = target.get(acl_path, "Allow") if acl_path else "Allow"
    if isinstance(access, str) and access.lower() in ("disabled", "securedbyperimeter"):
        return
    if isinstance(acl, str) and acl.lower() == "deny":
        return
    if isinstance(access, Expr) or isinstance(acl, Expr):
        unknown, where = (access, path) if isinstance(access, Expr) else (acl, acl_path or path)
        yield Finding.unknown(target, where, unknown, f"public network access of {label} '{display(target)}'")
        return
    shown = f"'{access}'" if target.has(path) else "not set (service default Enabled)"
    if acl_path:
        rule = f"'{acl}'" if target.has(acl_path) else "not set (default Allow)"
        shown += f", {acl_path.rsplit('.', 2)[-2]}.defaultAction is {rule}"
    message = f"{label} '{display(target)}' allows public network access (publicNetworkAccess is {shown})"
    yield Finding.at(target, path, message)


SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets"
VNET_TYPE = "Microsoft.Network/virtualNetworks"
FIREWALL_TYPE = "Microsoft.Network/azureFirewalls"


class Subnet(NamedTuple):
    """A subnet declared in the unit: its own resource (``prefix`` "") or an inline ``properties.subnets[i]``."""

    owner: Resource
    prefix: str  # "" or "properties.subnets[i]." before the subnet's own paths
    name: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.owner.address, self.prefix)


def _name_key(resource: Resource) -> str | None:
    name = resource.name
    if isinstance(name, str):
        return name.lower()
    return name.symbol.lower() if isinstance(name, Expr) and name.symbol else None


def _id_names(value: object, type_: str) -> list[str] | None:
    """The names in an id of ``type_``: a literal resource id, or the symbol of a ``resourceId()`` value."""
    if isinstance(value, Expr):
        symbol, head = (value.symbol or "").lower(), f"resourceid({type_.lower()},"
        return symbol[len(head) : -1].split("/") if symbol.startswith(head) and symbol.endswith(")") else None
    if not isinstance(value, str) or "/providers/" not in value.lower():
        return None
    rest = value[value.lower().rindex("/providers/") + len("/providers/") :].split("/")
    segments = type_.lower().split("/")
    types, names = [rest[0].lower(), *(t.lower() for t in rest[1::2])], rest[1::2]
    return [n.lower() for n in names] if types == segments and len(names) == len(segments) - 1 else None


def find_resource(graph: Graph, value: object, type_: str) -> Resource | None:
    """The resource of ``type_`` that an id value designates: by reference, ``resourceId()`` or literal id."""
    if isinstance(value, Expr):
        for ref in sorted(value.refs):
            found = graph.get(ref)
            if found is not None and found.is_type(type_):
                return found
    names = _id_names(value, type_)
    wanted = "/".join(names) if names else None
    return next((r for r in graph.of_type(type_) if wanted and _name_key(r) == wanted), None)


def _in_vnet(graph: Graph, vnet: Resource, name: str | None, index: int | None) -> Subnet | None:
    inline = vnet.get("properties.subnets")
    inline = inline if isinstance(inline, list) else []
    if index is not None and index < len(inline) and isinstance(inline[index], dict):
        return Subnet(vnet, f"properties.subnets[{index}].", str(inline[index].get("name")))
    for i, item in enumerate(inline):
        if name and isinstance(item, dict) and str(item.get("name", "")).lower() == name.lower():
            return Subnet(vnet, f"properties.subnets[{i}].", name)
    for child in graph.children(vnet, SUBNET_TYPE):
        key = _name_key(child) or ""
        if name and key.rsplit("/", 1)[-1] == name.lower():
            return Subnet(child, "", name)
    return None


def resolve_subnet(graph: Graph, value: object) -> Subnet | Expr | None:
    """The subnet an id value designates in the unit; the Expr when it cannot be followed; None when absent."""
    found = find_resource(graph, value, SUBNET_TYPE)
    if found is not None:
        return Subnet(found, "", display(found).rsplit("/", 1)[-1].strip("'\""))
    names = _id_names(value, SUBNET_TYPE)
    if names and len(names) == 2:
        for vnet in graph.of_type(VNET_TYPE):
            if _name_key(vnet) == names[0] and (subnet := _in_vnet(graph, vnet, names[1], None)):
                return subnet
    if isinstance(value, Expr):
        text = value.text
        index = next((int(d) for m in ("subnets[", "subnet[") if m in text and
                      (d := text.split(m, 1)[1].split("]", 1)[0]).isdigit()), None)
        for ref in sorted(value.refs):
            vnet = graph.get(ref)
            if vnet is None or not vnet.is_type(VNET_TYPE):
                continue
            candidates = [str(s.get("name")) for s in vnet.get("properties.subnets") or [] if isinstance(s, dict)]
            candidates += [(_name_key(c) or "").rsplit("/", 1)[-1] for c in graph.children(vnet, SUBNET_TYPE)]
            named = sorted((n for n in candidates if n and (f"/subnets/{n}" in text or f"'{n}'" in text)), key=len)
            subnet = _in_vnet(graph, vnet, named[-1] if named else None, None if named else index)
            if subnet is not None:
                return subnet
        return value
    return None


def references_firewall(graph: Graph, value: Expr) -> bool:
    """Whether an address expression reads an Azure Firewall (declared, existing, or deployed by a module)."""
    if FIREWALL_TYPE.lower() in value.text.lower():
        return True
    todo, seen = [graph.get(ref) for ref in value.refs], set()
    while todo:
        resource = todo.pop()
        if resource is None or resource.address in seen:
            continue
        seen.add(resource.address)
        if resource.is_type(FIREWALL_TYPE):
            return True
        if resource.is_type(DEPLOYMENT):
            todo.extend(graph.targets(resource, EdgeKind.MODULE))
    return False


ML_WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
MANAGED_NETWORK = "properties.managedNetwork.isolationMode"
WORKSPACE_LINKS = ("properties.storageaccount", "properties.keyvault", "properties.containerregistry")


def managed_private_endpoint(graph: Graph, target: Resource) -> Resource | None:
    """The ML workspace whose managed network reaches ``target`` privately: an outbound rule of type
    PrivateEndpoint (inline or a ``workspaces/outboundRules`` child), or ``target`` being its storage account,
    key vault or registry while the managed network is on (the service adds those endpoints itself)."""
    for edge in graph.in_edges(target, EdgeKind.REFERENCE):
        source = graph.get(edge.source)
        if source is None or not edge.path.lower().endswith(("destination.serviceresourceid", *WORKSPACE_LINKS)):
            continue
        if source.is_type(f"{ML_WORKSPACE}/outboundRules") or (
            source.is_type(ML_WORKSPACE) and "outboundrules" in edge.path.lower()
        ):
            return source
        mode = source.get(MANAGED_NETWORK) if source.is_type(ML_WORKSPACE) else None
        if isinstance(mode, str) and mode.lower() in ("allowinternetoutbound", "allowonlyapprovedoutbound"):
            return source
    return None


def hub_of(graph: Graph, project: Resource) -> Resource | None:
    """The AI Foundry hub a hub-based project (kind Project) names in ``properties.hubResourceId``."""
    hub_id = project.get("properties.hubResourceId")
    return find_resource(graph, hub_id, "Microsoft.MachineLearningServices/workspaces") if hub_id else None
