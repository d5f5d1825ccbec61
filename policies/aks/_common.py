"""Helpers shared by the AKS policies: every node pool of a cluster, GPU detection, taints and labels.

A node pool is written either inline (``properties.agentPoolProfiles[i]`` of a
``managedClusters`` resource; azurerm ``default_node_pool`` is index 0) or as a
child ``managedClusters/agentPools`` resource (azurerm
``azurerm_kubernetes_cluster_node_pool``) whose settings sit under ``properties``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from linter import Expr, Graph, Resource
from policies._common import is_gpu_size

CLUSTER = "Microsoft.ContainerService/managedClusters"
AGENT_POOL = "Microsoft.ContainerService/managedClusters/agentPools"
PROFILES = "properties.agentPoolProfiles[*]"
EFFECTS = ("noschedule", "noexecute")


@dataclass(frozen=True)
class Pool:
    """One node pool: the resource that writes it and the path of its settings in that resource."""

    resource: Resource  # the cluster (inline pool) or the agentPools resource
    path: str  # "properties.agentPoolProfiles[0]" or "properties"
    cluster: Resource | None  # the cluster the pool belongs to, when it is in the graph
    index: int | None = None  # position in agentPoolProfiles, None for an agentPools resource

    def at(self, prop: str) -> str:
        return f"{self.path}.{prop}"

    def get(self, prop: str, default: Any = None) -> Any:
        return self.resource.get(self.at(prop), default)

    @property
    def name(self) -> str:
        """The pool's name; its address or path when the name is not known."""
        if self.index is None:
            name = self.resource.name
            return name.rsplit("/", 1)[-1] if isinstance(name, str) else self.resource.address
        name = self.get("name")
        return name if isinstance(name, str) else self.path

    @property
    def mode(self) -> Any:
        """``System`` or ``User``; absent: the first inline pool is the cluster's system pool, others are User."""
        return self.get("mode", "System" if self.index == 0 else "User")

    @property
    def vm_size(self) -> Any:
        return self.get("vmSize")

    @property
    def is_gpu(self) -> Any:
        """True, False, or the Expr of an unknown size (an absent size is the non-GPU service default)."""
        size = self.vm_size
        return size if isinstance(size, Expr) else is_gpu_size(size)


def _inline(cluster: Resource) -> Iterator[Pool]:
    for path, body in cluster.each(PROFILES):
        if isinstance(body, Mapping):
            yield Pool(cluster, path, cluster, int(path.rsplit("[", 1)[1][:-1]))


def cluster_pools(graph: Graph, cluster: Resource) -> Iterator[Pool]:
    """The inline pools of ``cluster`` then its agentPools children (unknown pool lists are skipped)."""
    yield from _inline(cluster)
    for child in graph.children(cluster, AGENT_POOL):
        if not child.existing:
            yield Pool(child, "properties", cluster)


def all_pools(graph: Graph) -> Iterator[Pool]:
    """Every pool declared in the graph, including agentPools of clusters declared elsewhere."""
    for cluster in graph.of_type(CLUSTER):
        if not cluster.existing:
            yield from _inline(cluster)
    for child in graph.of_type(AGENT_POOL):
        if not child.existing:
            yield Pool(child, "properties", graph.parent(child))


def unknown_pools(graph: Graph) -> Iterator[tuple[Resource, str, Expr]]:
    """(cluster, path, Expr) for inline pool lists, or pools in them, that cannot be evaluated."""
    for cluster in graph.of_type(CLUSTER):
        if not cluster.existing:
            for path, body in cluster.each(PROFILES):
                if isinstance(body, Expr):
                    yield cluster, path, body


def _taint(item: str) -> tuple[str, str, str]:
    """``key=value:Effect`` -> (key, value, effect), lower case."""
    head, _, effect = item.rpartition(":")
    key, _, value = head.partition("=")
    return key.strip().lower(), value.strip().lower(), effect.strip().lower()


def has_taint(taints: Any, wanted: Sequence[str], effects: Sequence[str] = EFFECTS) -> Any:
    """Whether a taint matches one of ``wanted`` (``key`` or ``key=value``) with one of ``effects``.

    True, False, or the Expr that would decide it.
    """
    if isinstance(taints, Expr):
        return taints
    unknown = None
    for item in taints if isinstance(taints, list) else []:
        if isinstance(item, Expr):
            unknown = unknown or item
            continue
        if not isinstance(item, str):
            continue
        key, value, effect = _taint(item)
        for spec in wanted:
            want_key, sep, want_value = spec.lower().partition("=")
            if key == want_key and (not sep or value == want_value) and effect in effects:
                return True
    return unknown if unknown is not None else False


def label_value(labels: Any, keys: Sequence[str]) -> Any:
    """The value of the first node label whose key is in ``keys`` (case-insensitive); None; or an Expr."""
    if isinstance(labels, Expr):
        return labels
    if not isinstance(labels, Mapping):
        return None
    lowered = [k.lower() for k in keys]
    for key, value in labels.items():
        if isinstance(key, str) and key.lower() in lowered:
            return value
    return None
