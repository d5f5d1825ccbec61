"""Helpers shared by the policies of this folder."""

from __future__ import annotations

import re
from typing import Any

from linter import EdgeKind, Expr, Graph, Resource
from policies._common import name_of  # noqa: F401 - used by this domain's policies




DIAGNOSTIC_SETTINGS = "Microsoft.Insights/diagnosticSettings"
# Resource types of the AI platform whose control- and data-plane logs matter (rule catalog MON001).
AI_RESOURCES: dict[str, str] = {
    "microsoft.machinelearningservices/workspaces": "ML workspace",
    "microsoft.machinelearningservices/workspaces/onlineendpoints": "ML online endpoint",
    "microsoft.cognitiveservices/accounts": "AI services account",
    "microsoft.search/searchservices": "AI Search service",
    "microsoft.containerservice/managedclusters": "AKS cluster",
    "microsoft.containerregistry/registries": "Container registry",
    "microsoft.apimanagement/service": "API Management service",
    "microsoft.keyvault/vaults": "Key Vault",
    "microsoft.databricks/workspaces": "Databricks workspace",
}
_ID = re.compile(r"/providers/([A-Za-z0-9.]+/[A-Za-z0-9]+)/'?,?([^/]+)$", re.IGNORECASE)


def is_diagnostic_setting(resource: Resource) -> bool:
    """``Microsoft.Insights/diagnosticSettings``, also in the ARM ``<type>/providers/diagnosticSettings`` form."""
    kind = resource.type.lower()
    return kind == DIAGNOSTIC_SETTINGS.lower() or kind.split("/")[-1] == "diagnosticsettings"


def _key(type_: str, name: Any) -> tuple[str, Any] | None:
    if isinstance(name, str):
        return type_.lower(), name.lower()
    if isinstance(name, Expr) and name.symbol is not None:
        return type_.lower(), name.symbol
    return None


def declared_index(graph: Graph) -> dict[tuple[str, Any], list[Resource]]:
    """Declared (not ``existing``) resources by (type, name), to match references written elsewhere."""
    index: dict[tuple[str, Any], list[Resource]] = {}
    for resource in graph:
        key = _key(resource.type, resource.name)
        if key is not None and not resource.existing:
            index.setdefault(key, []).append(resource)
    return index


def _declared(found: list[Resource], index: dict[tuple[str, Any], list[Resource]]) -> list[Resource]:
    """``found`` with each ``existing`` reference replaced by the declared resources of that type and name."""
    out: dict[str, Resource] = {}
    for target in found:
        for match in index.get(_key(target.type, target.name) or ("", None), []) if target.existing else [target]:
            out[match.address] = match
    return [out[a] for a in sorted(out)]


def resolve(graph: Graph, value: Any, index: dict[tuple[str, Any], list[Resource]]) -> list[Resource]:
    """Declared resources that a resource id names: an Expr's references, its ``resourceId(...)`` symbol, or an id
    written out (``.../providers/<namespace>/<type>/<name>``, literal or composed from a parent id and a name)."""
    refs = [graph[ref] for ref in value.refs if ref in graph] if isinstance(value, Expr) else []
    texts = [value.symbol or "", value.text] if isinstance(value, Expr) else [value if isinstance(value, str) else ""]
    symbol = re.fullmatch(r"resourceId\(([^,()]+),([^()]+)\)", texts[0])
    if symbol and not refs:
        return _declared(index.get((symbol.group(1), symbol.group(2)), []), index)
    for text in texts:
        match = _ID.search(text.strip())
        if match:
            kind, name = match.group(1).lower(), match.group(2).strip(" ',)\"")
            typed = [r for r in refs if r.type.lower() == kind]
            return _declared(typed or index.get((kind, name.lower()), index.get((kind, name), [])), index)
    return _declared(refs, index)


def scope_targets(graph: Graph, extension: Resource, index: dict[tuple[str, Any], list[Resource]]) -> list[Resource]:
    """Declared resources an extension resource applies to; empty when its scope cannot be resolved."""
    found = [*graph.targets(extension, EdgeKind.SCOPE), *graph.targets(extension, EdgeKind.PARENT)]
    return _declared(found, index) or resolve(graph, extension.get("scope"), index)


def known_id(value: Any) -> bool:
    """Whether ``value`` names one resource (even one declared elsewhere), rather than an unknown input."""
    if isinstance(value, Expr):
        symbol, literal = value.symbol or "", not any(c in value.text for c in "${}()[]")
        return bool(value.refs or re.fullmatch(r"resourceId\(.+\)", symbol) or _ID.search(symbol)) or (
            literal and known_id(value.text)
        )
    return isinstance(value, str) and bool(_ID.search(value.strip()))
