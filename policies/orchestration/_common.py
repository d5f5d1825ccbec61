"""Helpers shared by the orchestration policies: recognising orchestration hosts.

A resource hosts orchestration (prompt flow, agents, LangChain or Semantic Kernel services) when
it carries the ``ai_function_tag`` with the value ``orchestration`` (on itself or on the resource
that contains it), or, for an Azure Machine Learning online deployment, when its environment
variables name one of ``orchestration_env_markers`` (``PROMPTFLOW_RUN_MODE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from linter import Expr, Graph, Resource
from policies._common import has_tag_value

ORCHESTRATION = "orchestration"
ENDPOINT_DEPLOYMENT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"
ENV_VARS = "properties.environmentVariables"


def any_of(values: Iterable[Any]) -> Any:
    """True if any value is True; else the first Expr; else False."""
    values = list(values)
    if any(v is True for v in values):
        return True
    return next((v for v in values if isinstance(v, Expr)), False)


def tagged(settings: Mapping[str, Any], places: Iterable[tuple[Resource | None, str]]) -> Any:
    """Whether any (resource, tags path) of ``places`` carries ``<ai_function_tag>=orchestration``."""
    spec = f"{settings['ai_function_tag']}={ORCHESTRATION}"
    return any_of(has_tag_value(r, spec, path) for r, path in places if r is not None)


def orchestration(graph: Graph, resource: Resource, settings: Mapping[str, Any]) -> Any:
    """Whether ``resource`` hosts orchestration: True, False, or the Expr that would decide it."""
    places: list[tuple[Resource | None, str]] = [(resource, "tags")]
    if resource.is_type(ENDPOINT_DEPLOYMENT):
        places.append((graph.parent(resource), "tags"))
        variables = resource.get(ENV_VARS)
        markers = {m.lower() for m in settings["orchestration_env_markers"]}
        if isinstance(variables, Mapping) and any(str(k).lower() in markers for k in variables):
            return True
        if isinstance(variables, Expr):
            return any_of([tagged(settings, places), variables])
    return tagged(settings, places)
