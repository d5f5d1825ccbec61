"""Helpers shared by the GPU policies: every place a template chooses GPU hardware.

Each site names the resource, the property that picks the hardware, its value and the GPU
family (catalog section 3). Sites whose value cannot be evaluated are included (value is an
Expr) so that a policy can report them as inconclusive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from linter import Expr, Graph, Resource
from policies._common import gpu_family, is_gpu_profile, is_gpu_size

VM = "Microsoft.Compute/virtualMachines"
VMSS = "Microsoft.Compute/virtualMachineScaleSets"
CLUSTER = "Microsoft.ContainerService/managedClusters"
AGENT_POOL = "Microsoft.ContainerService/managedClusters/agentPools"
ML_COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes"
ML_DEPLOYMENT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"
ENVIRONMENT = "Microsoft.App/managedEnvironments"
SPARK_POOL = "Microsoft.Synapse/workspaces/bigDataPools"
CONTAINER_GROUP = "Microsoft.ContainerInstance/containerGroups"

# Container Apps GPU workload profile types and Container Instances GPU SKUs -> the VM series behind them.
_PROFILE_FAMILIES = ((re.compile(r"^(?:consumption-gpu-)?nc\d+-a100$", re.I), "NC_A100_v4"),
                     (re.compile(r"^(?:consumption-gpu-)?nc\d+as-t4$", re.I), "NCasT4_v3"))
ACI_FAMILIES = {"k80": "NC", "p100": "NCv2", "v100": "NCv3"}
RETIRED_SPARK = "HardwareAcceleratedGPU"  # Synapse GPU-accelerated Spark pools are retired


@dataclass(frozen=True)
class Site:
    resource: Resource
    path: str  # the property that picks the hardware
    value: Any  # size, profile type or SKU; an Expr when unknown
    family: str | None  # GPU series (None: not recognised)
    kind: str  # "VM", "node pool", "workload profile", ...
    name: str  # the VM's, pool's, profile's... name
    scope: str = ""  # path of the pool/profile/container holding the value ("" = the resource itself)
    implicit_ai: bool = False  # Azure Machine Learning compute is AI by nature
    retired_offering: bool = False  # the whole GPU offering is retired, whatever the family
    tags: str = "tags"  # where the hardware's own tags are written (a node pool has its own)

    @property
    def what(self) -> str:
        return f"{self.kind} '{self.name}'"

    @property
    def title(self) -> str:
        """``what`` at the start of a sentence."""
        return self.what[0].upper() + self.what[1:]


def profile_family(profile: Any) -> str | None:
    text = profile.strip() if isinstance(profile, str) else ""
    return next((family for pattern, family in _PROFILE_FAMILIES if pattern.match(text)), None)


def _name(value: Any, fallback: str) -> str:
    """The last segment of a known name; ``fallback`` (the resource address) when it is unknown."""
    return value.rsplit("/", 1)[-1] if isinstance(value, str) else fallback


def _size(r: Resource, path: str, kind: str, name: str, scope: str = "", implicit_ai: bool = False) -> Iterator[Site]:
    value = r.get(path)
    if isinstance(value, Expr) or is_gpu_size(value):
        tags = f"{scope}.tags" if scope else "tags"
        yield Site(r, path, value, gpu_family(value), kind, name, scope, implicit_ai, tags=tags)


def gpu_sites(graph: Graph) -> Iterator[Site]:
    """Every GPU (or unknown) hardware choice of the resources declared in ``graph``."""
    for r in (r for r in graph if not r.existing):
        name = _name(r.name, r.address)
        if r.is_type(VM):
            yield from _size(r, "properties.hardwareProfile.vmSize", "VM", name)
        elif r.is_type(VMSS):
            yield from _size(r, "sku.name", "scale set", name)
        elif r.is_type(AGENT_POOL):
            yield from _size(r, "properties.vmSize", "node pool", name, "properties")
        elif r.is_type(CLUSTER):
            for path, pool in r.each("properties.agentPoolProfiles[*]"):
                if isinstance(pool, Mapping):
                    yield from _size(r, f"{path}.vmSize", "node pool", _name(pool.get("name"), path), path)
        elif r.is_type(ML_COMPUTE):
            yield from _size(r, "properties.properties.vmSize", "ML compute", name, implicit_ai=True)
        elif r.is_type(ML_DEPLOYMENT):
            yield from _size(r, "properties.instanceType", "online deployment", name, implicit_ai=True)
        elif r.is_type(ENVIRONMENT):
            for path, _profile in r.each("properties.workloadProfiles[*]"):
                kind = r.get(f"{path}.workloadProfileType")
                if isinstance(kind, Expr) or is_gpu_profile(kind):
                    name = _name(r.get(f"{path}.name"), path)
                    family = profile_family(kind)
                    yield Site(r, f"{path}.workloadProfileType", kind, family, "workload profile", name, path)
        elif r.is_type(SPARK_POOL):
            family = r.get("properties.nodeSizeFamily")
            if isinstance(family, Expr) or (isinstance(family, str) and family.lower() == RETIRED_SPARK.lower()):
                path = "properties.nodeSizeFamily"
                yield Site(r, path, family, None, "Spark pool", name, implicit_ai=True, retired_offering=True)
        elif r.is_type(CONTAINER_GROUP):
            for path, sku in r.each("properties.containers[*].properties.resources.requests.gpu.sku"):
                family = ACI_FAMILIES.get(sku.lower()) if isinstance(sku, str) else None
                yield Site(r, path, sku, family, "container group", name, path.split(".properties.")[0])
