"""Helpers shared by the general and governance policies: names, regions, the AI gateway.

The gateway part answers "which API Management backends and APIs front this AI endpoint"
(GEN004, GEN005, GEN006, GOV003): a backend or API fronts an endpoint when its URL or
resource id mentions the endpoint's resource, or its URL host is the endpoint's host.
The workload part (GEN002) groups the resources of one AI workload by their references.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from linter import EdgeKind, Expr, Finding, Graph, Resource
from policies._common import name_of  # noqa: F401 - used by this domain's policies

COGNITIVE = "Microsoft.CognitiveServices/accounts"
AI_KINDS = ("openai", "aiservices")
ONLINE = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints"
SERVERLESS = "Microsoft.MachineLearningServices/workspaces/serverlessEndpoints"
APIM = "Microsoft.ApiManagement/service"
BACKENDS = "Microsoft.ApiManagement/service/backends"
APIS = "Microsoft.ApiManagement/service/apis"
COGNITIVE_DOMAINS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")
ML_DOMAIN = ".inference.ml.azure.com"
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", re.IGNORECASE)




def short_name(resource: Resource) -> str:
    """Last segment of a child's full name (``apim/openai`` -> ``openai``)."""
    name = name_of(resource)
    return name.rsplit("/", 1)[-1] if isinstance(resource.name, str) else name


def region(value: Any) -> Any:
    """``"West Europe"`` -> ``"westeurope"``; other values unchanged."""
    return value.replace(" ", "").lower() if isinstance(value, str) else value


def ai_endpoints(graph: Graph) -> Iterator[Resource]:
    """AI inference endpoints declared here: OpenAI / AI Services accounts, online and serverless endpoints."""
    for resource in graph:
        if resource.existing:
            continue
        if resource.is_type(ONLINE, SERVERLESS):
            yield resource
        elif resource.is_type(COGNITIVE):
            kind = resource.get("kind")
            if isinstance(kind, str) and kind.lower() in AI_KINDS:
                yield resource


def endpoint_hosts(endpoint: Resource) -> tuple[str, ...]:
    """Host names an endpoint answers on, when its names are known."""
    if endpoint.is_type(COGNITIVE):
        sub = endpoint.get("properties.customSubDomainName")
        if isinstance(sub, str) and sub:
            return tuple(sub.lower() + domain for domain in COGNITIVE_DOMAINS)
        return ()
    name, where = short_name(endpoint), region(endpoint.get("location"))
    if isinstance(endpoint.name, str) and isinstance(where, str):
        return (f"{name.lower()}.{where}{ML_DOMAIN}",)
    return ()


def host_of(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    match = _HOST.match(url.strip())
    return match.group(1).lower() if match else None


def mentions(value: Any, endpoint: Resource, graph: Graph) -> bool:
    """Whether ``value`` (a URL or id) names ``endpoint``: a reference to it, its resource id or its host."""
    if isinstance(value, Expr):
        return any(_names(graph, ref, endpoint) for ref in value.refs)
    if not isinstance(value, str):
        return False
    suffix = id_suffix(endpoint)
    if suffix and suffix in value.lower().rstrip("/") + "/":
        return True
    return host_of(value) in endpoint_hosts(endpoint)


def id_suffix(resource: Resource) -> str | None:
    """``/providers/<namespace>/<type>/<name>[/<type>/<name>...]/`` in lower case, when the name is known."""
    if not isinstance(resource.name, str):
        return None
    namespace, *types = resource.type.lower().split("/")
    names = resource.name.lower().split("/")
    if len(types) != len(names):
        return None
    return f"/providers/{namespace}/" + "".join(f"{t}/{n}/" for t, n in zip(types, names))


def _names(graph: Graph, ref: str, endpoint: Resource) -> bool:
    """A reference to the endpoint, to one of its children, or to a module that declares it."""
    if ref == endpoint.address:
        return True
    module = endpoint.module or ""
    if module == ref or module.startswith(ref + "/"):
        return True
    return _inside(graph, ref, endpoint)


def _inside(graph: Graph, ref: str, endpoint: Resource) -> bool:
    """A reference to a child of the endpoint (an account's deployment) counts as the endpoint."""
    return any(item.address == endpoint.address for item in ancestors(graph, graph.get(ref)))


def ancestors(graph: Graph, resource: Resource | None) -> Iterator[Resource]:
    """Parent, grandparent... of ``resource`` (stops on a cycle)."""
    seen: set[str] = set()
    current = graph.parent(resource) if resource is not None else None
    while current is not None and current.address not in seen:
        seen.add(current.address)
        yield current
        current = graph.parent(current)


def fronting(graph: Graph, endpoint: Resource) -> Iterator[Resource]:
    """API Management backends and APIs whose URL or resource id names ``endpoint``."""
    for item in graph.of_type(BACKENDS, APIS):
        for path in ("properties.url", "properties.resourceId", "properties.serviceUrl"):
            if item.has(path) and mentions(item.get(path), endpoint, graph):
                yield item
                break


def undecided(graph: Graph) -> Iterator[tuple[Resource, str, Expr]]:
    """Backends and APIs whose URL is unknown and mentions no resource: they might front anything."""
    for item in graph.of_type(BACKENDS, APIS):
        for path in ("properties.url", "properties.serviceUrl"):
            value = item.get(path)
            if isinstance(value, Expr) and not value.refs:
                yield item, path, value


def service_of(graph: Graph, resource: Resource) -> Resource | None:
    """The API Management service a backend, API, policy or logger belongs to."""
    if resource.is_type(APIM):
        return resource
    return next((item for item in ancestors(graph, resource) if item.is_type(APIM)), None)


def linked(graph: Graph, resource: Resource) -> Iterator[Resource]:
    """Resources ``resource`` references (any edge kind but MODULE)."""
    for kind in (EdgeKind.REFERENCE, EdgeKind.PARENT, EdgeKind.SCOPE):
        yield from graph.targets(resource, kind)


# -- the connected AI workload (GEN002) ---------------------------------------------------------------------

WORKLOAD_TYPES = (
    "microsoft.machinelearningservices/workspaces",
    "microsoft.cognitiveservices/accounts",
    "microsoft.storage/storageaccounts",
    "microsoft.keyvault/vaults",
    "microsoft.containerregistry/registries",
    "microsoft.insights/components",
    "microsoft.containerservice/managedclusters",
    "microsoft.apimanagement/service",
    "microsoft.search/searchservices",
)
NOT_WORKLOAD = ("microsoft.containerregistry/registries/replications",)


def in_workload(resource: Resource) -> bool:
    """A type that belongs with the AI workload (itself or a child of such a type)."""
    mine = resource.type.lower()
    if mine in NOT_WORKLOAD:
        return False
    return any(mine == t or mine.startswith(t + "/") for t in WORKLOAD_TYPES)


def component(graph: Graph, anchors: tuple[str, ...]) -> Iterator[list[Resource]]:
    """Connected groups of workload resources (declaration order) that hold at least one anchor."""
    members = [r for r in graph if in_workload(r)]
    group = {r.address: r.address for r in members}

    def find(address: str) -> str:
        while group[address] != address:
            group[address] = group[group[address]]
            address = group[address]
        return address

    for resource in members:
        for target in linked(graph, resource):
            if target.address in group:
                group[find(target.address)] = find(resource.address)
    groups: dict[str, list[Resource]] = {}
    for resource in members:
        groups.setdefault(find(resource.address), []).append(resource)
    for items in groups.values():
        if any(r.is_type(*anchors) for r in items):
            yield items


def region_key(value: Any) -> tuple[str, str] | None:
    """Identity of a region value: a literal (normalised) or a stable symbol; None when unknown."""
    if isinstance(value, str):
        return ("literal", region(value))
    if isinstance(value, Expr) and value.symbol is not None:
        return ("symbol", value.symbol)
    return None


# -- AI APIs and the policies that apply to them (GEN005, GOV003) -------------------------------------------

API_POLICIES = "Microsoft.ApiManagement/service/apis/policies"
OPERATIONS = "Microsoft.ApiManagement/service/apis/operations"
OPERATION_POLICIES = "Microsoft.ApiManagement/service/apis/operations/policies"
PRODUCTS = "Microsoft.ApiManagement/service/products"
PRODUCT_POLICIES = "Microsoft.ApiManagement/service/products/policies"
SERVICE_POLICIES = "Microsoft.ApiManagement/service/policies"
LINKED = "linked policy document"
_BACKEND_ID = re.compile(r"backend-id\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def ai_host(value: Any) -> bool:
    """A URL on an Azure OpenAI / AI Services / ML inference host, declared here or not."""
    host = host_of(value)
    return host is not None and host.endswith((*COGNITIVE_DOMAINS, ML_DOMAIN))


def ai_backend(graph: Graph, backend: Resource, endpoints: list[Resource], seen: frozenset[str] = frozenset()) -> bool:
    """A backend that sends to a model endpoint (directly, or as a pool of such backends)."""
    for path in ("properties.url", "properties.resourceId"):
        value = backend.get(path)
        if ai_host(value) or any(mentions(value, e, graph) for e in endpoints):
            return True
    seen = seen | {backend.address}
    for _, item in backend.each("properties.pool.services[*].id"):
        for member in pool_members(graph, backend, item):
            if member.address not in seen and ai_backend(graph, member, endpoints, seen):
                return True
    return False


def pool_members(graph: Graph, backend: Resource, item: Any) -> Iterator[Resource]:
    """Backends a pool entry's id names (by reference, or by the last segment of a literal id)."""
    if isinstance(item, Expr):
        for ref in item.refs:
            target = graph.get(ref)
            if target is not None and target.is_type(BACKENDS):
                yield target
    elif isinstance(item, str):
        wanted = item.rstrip("/").rsplit("/", 1)[-1].lower()
        for other in graph.of_type(BACKENDS):
            if short_name(other).lower() == wanted and service_of(graph, other) is service_of(graph, backend):
                yield other


def scope_policies(graph: Graph, api: Resource) -> list[Resource]:
    """Policy documents that apply to calls of ``api``: its own, its operations', products' and the service's."""
    found = own_policies(graph, api)
    service = service_of(graph, api)
    if service is not None:
        found.extend(graph.children(service, SERVICE_POLICIES))
        for product in graph.children(service, PRODUCTS):
            found.extend(graph.children(product, PRODUCT_POLICIES))
    return found


def policy_text(item: Resource) -> str | Expr | None:
    """The XML of a policy resource; an Expr when it is unknown or only linked (``xml-link``)."""
    value = item.get("properties.value")
    fmt = item.get("properties.format", "xml")
    if isinstance(fmt, Expr):
        return fmt
    if isinstance(fmt, str) and fmt.lower().endswith("link"):
        return Expr(text=f"{fmt} {value}" if isinstance(value, str) else fmt, symbol=LINKED)
    if isinstance(value, (str, Expr)):
        return value
    return None


def ai_apis(graph: Graph) -> Iterator[tuple[Resource, bool]]:
    """APIs whose calls reach a model endpoint, each with ``True`` when that is certain.

    Certain: the service URL names a model endpoint, or the API's policies set an AI backend. Possible
    (``False``): the deployment has model endpoints or AI backends, and the API's service URL and one of
    its own policy documents are unknown, so its target cannot be told.
    """
    endpoints = list(ai_endpoints(graph))
    ai_anywhere = bool(endpoints) or any(ai_backend(graph, b, endpoints) for b in graph.of_type(BACKENDS))
    for api in graph.of_type(APIS):
        if api.existing:
            continue
        url = api.get("properties.serviceUrl")
        if ai_host(url) or any(mentions(url, e, graph) for e in endpoints):
            yield api, True
            continue
        service = service_of(graph, api)
        backends = {short_name(b).lower(): b for b in graph.of_type(BACKENDS) if service_of(graph, b) is service}
        texts = [policy_text(item) for item in own_policies(graph, api)]
        used = {m.lower() for t in texts if isinstance(t, str) for m in _BACKEND_ID.findall(t)}
        if any(ai_backend(graph, backends[name], endpoints) for name in sorted(used) if name in backends):
            yield api, True
        elif ai_anywhere and (url is None or isinstance(url, Expr)) and any(isinstance(t, Expr) for t in texts):
            yield api, False


def own_policies(graph: Graph, api: Resource) -> list[Resource]:
    """The policy documents of the API itself and of its operations."""
    found = list(graph.children(api, API_POLICIES))
    for operation in graph.children(api, OPERATIONS):
        found.extend(graph.children(operation, OPERATION_POLICIES))
    return found


def undecided_policy(api: Resource, item: Resource, text: Expr, what: str) -> Finding:
    """Inconclusive: ``what`` depends on policy ``item`` whose document is unknown or only linked."""
    if text.symbol == LINKED:
        return Finding.unknown(api, "", None, f"{what} (policy '{name_of(item)}' is given as {text.text})")
    return Finding.unknown(api, "", compact(text), f"{what} (policy '{name_of(item)}')")


def compact(value: Expr) -> Expr:
    """The same expression with its text on one line, for messages."""
    return Expr(text=" ".join(value.text.split()), refs=value.refs, inputs=value.inputs, symbol=value.symbol)
