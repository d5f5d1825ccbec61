"""Helpers shared by the inference policies: online deployments and the autoscale settings that target them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import EdgeKind, Expr, Graph, Resource
from policies._common import is_critical

ONLINE_DEPLOYMENT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"
AUTOSCALE = "Microsoft.Insights/autoscalesettings"
TARGET = "properties.targetResourceUri"


def autoscale_settings(graph: Graph, resource: Resource) -> list[Resource]:
    """Autoscale settings whose target resource is ``resource``."""
    found = {
        edge.source
        for edge in graph.in_edges(resource, EdgeKind.REFERENCE)
        if edge.path.lower() == TARGET.lower() and graph.get(edge.source) is not None
    }
    return [graph[address] for address in sorted(found) if graph[address].is_type(AUTOSCALE)]


def unresolved_autoscale(graph: Graph) -> Iterator[tuple[Resource, Expr]]:
    """Autoscale settings whose target is an expression naming no resource of the unit."""
    for setting in graph.of_type(AUTOSCALE):
        target = setting.get(TARGET)
        if isinstance(target, Expr) and not target.refs:
            yield setting, target


def as_int(value: Any) -> int | None:
    """An integer written as a number or a decimal string (autoscale capacities are strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def short_name(resource: Resource) -> Any:
    """The last segment of a child resource's full name; an Expr when the name is unknown."""
    name = resource.name
    if isinstance(name, str):
        return name.rsplit("/", 1)[-1]
    return name


def show(value: Any) -> str:
    """A value for a message: an expression as written, anything else as is."""
    if isinstance(value, bool):
        return str(value).lower()
    return value.text if isinstance(value, Expr) else str(value)


def critical(graph: Graph, resource: Resource, settings: Mapping[str, Any]) -> Any:
    """Criticality of a resource or, failing its own tags, of its parent: True, False or the deciding Expr."""
    own = is_critical(resource, settings)
    parent = graph.parent(resource)
    if own is True or parent is None:
        return own
    inherited = is_critical(parent, settings)
    if inherited is True:
        return True
    return own if isinstance(own, Expr) else inherited
