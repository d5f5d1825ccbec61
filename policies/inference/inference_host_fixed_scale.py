"""Online inference host runs on a fixed instance count instead of scaling with load.

Checks `Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments`. A `Managed`
deployment scales only through an autoscale setting (`Microsoft.Insights/autoscalesettings`) whose
`properties.targetResourceUri` is the deployment: it needs one that is enabled (absent `enabled`
means true) with a profile whose `capacity.maximum` exceeds `capacity.minimum`; without one the
deployment stays at `sku.capacity` (default 1). A `Kubernetes` deployment scales by itself only with
`properties.scaleSettings.scaleType = 'TargetUtilization'` (service default `Default`, a fixed count)
and `maxInstances` above `minInstances` (both default 1). Endpoints and deployments have no azurerm
resource: Terraform declares them with `azapi_resource` and the autoscale setting with
`azurerm_monitor_autoscale_setting`. An autoscale setting whose target cannot be resolved makes the
result inconclusive.

Hosts marked for online inference are checked too: AKS node pools (inline `agentPoolProfiles[]` or
`managedClusters/agentPools`; azurerm `default_node_pool`, `azurerm_kubernetes_cluster_node_pool`)
with a node label whose key is in `inference_pool_label_keys` and whose value is `inference`, or an
`ai_function_tag` tag `inference`, need `enableAutoScaling = true` (default false) and `maxCount`
above `minCount`; GPU pools are left to the AKS GPU pool rule. Container Apps tagged
`ai-function=inference` need `template.scale.maxReplicas` (default 10) above `minReplicas`
(default 0). A marker that cannot be evaluated is treated as absent.

## Why is this bad?
Online inference should run on elastic compute that scales automatically with the load (G21): a
fixed count either wastes GPU or CPU capacity when idle or throttles requests at peak.

## Example
```bicep
resource blue 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01' = {
  parent: endpoint
  name: 'blue'
  location: location
  sku: { name: 'Default', capacity: 2 }
  properties: { endpointComputeType: 'Managed', instanceType: 'Standard_DS3_v2' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
  "apiVersion": "2024-04-01",
  "name": "mlw/ep/blue",
  "sku": {"name": "Default", "capacity": 2},
  "properties": {"endpointComputeType": "Managed", "instanceType": "Standard_DS3_v2"}
}
```
```hcl
resource "azapi_resource" "blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-04-01"
  name      = "blue"
  parent_id = azapi_resource.endpoint.id
  body = {
    sku        = { name = "Default", capacity = 2 }
    properties = { endpointComputeType = "Managed", instanceType = "Standard_DS3_v2" }
  }
}
```

## Use instead
```bicep
resource scale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: 'blue-autoscale'
  location: location
  properties: {
    enabled: true
    targetResourceUri: blue.id
    profiles: [ { name: 'default', capacity: { minimum: '2', maximum: '6', default: '2' }, rules: [] } ]
  }
}
```
```json
{
  "type": "Microsoft.Insights/autoscalesettings",
  "apiVersion": "2022-10-01",
  "name": "blue-autoscale",
  "properties": {
    "enabled": true,
    "targetResourceUri": "[resourceId('Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments', 'mlw', 'ep', 'blue')]",
    "profiles": [{"name": "default", "capacity": {"minimum": "2", "maximum": "6", "default": "2"}, "rules": []}]
  }
}
```
```hcl
resource "azurerm_monitor_autoscale_setting" "blue" {
  name                = "blue-autoscale"
  resource_group_name = "rg-ml"
  location            = "swedencentral"
  target_resource_id  = azapi_resource.blue.id
  profile {
    name = "default"
    capacity {
      default = 2
      minimum = 2
      maximum = 6
    }
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-autoscale-endpoints
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/onlineendpoints/deployments
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import has_tag_value, is_gpu_size
from policies.inference._common import (
    ONLINE_DEPLOYMENT,
    TARGET,
    as_int,
    autoscale_settings,
    show,
    unresolved_autoscale,
)

COMPUTE = "properties.endpointComputeType"
SCALE_TYPE = "properties.scaleSettings.scaleType"
K8S_MIN, K8S_MAX = "properties.scaleSettings.minInstances", "properties.scaleSettings.maxInstances"
CLUSTER = "Microsoft.ContainerService/managedClusters"
POOL = "Microsoft.ContainerService/managedClusters/agentPools"
APP = "Microsoft.App/containerApps"
REPLICAS_MIN, REPLICAS_MAX = "properties.template.scale.minReplicas", "properties.template.scale.maxReplicas"


def _elastic(setting: Resource) -> tuple[bool, Finding | None]:
    """(scales, inconclusive finding) for one autoscale setting."""
    enabled = setting.get("properties.enabled")
    enabled = True if enabled is None else enabled
    if isinstance(enabled, Expr):
        return False, Finding.unknown(setting, "properties.enabled", enabled, "Autoscale enabled")
    if enabled is not True:
        return False, None
    for path, capacity in setting.each("properties.profiles[*].capacity"):
        if isinstance(capacity, Expr):
            return False, Finding.unknown(setting, path, capacity, "Autoscale capacity")
        low, high = (capacity.get(k) if isinstance(capacity, Mapping) else None for k in ("minimum", "maximum"))
        for key, value in (("minimum", low), ("maximum", high)):
            if isinstance(value, Expr):
                return False, Finding.unknown(setting, f"{path}.{key}", value, f"Autoscale {key} capacity")
        if as_int(low) is not None and as_int(high) is not None and as_int(high) > as_int(low):
            return True, None
    return False, None


def _managed(graph: Graph, dep: Resource) -> Iterator[Finding]:
    settings = autoscale_settings(graph, dep)
    results = [_elastic(s) for s in settings]
    if any(ok for ok, _ in results):
        return
    unknown = [f for _, f in results if f] or [
        Finding.unknown(s, TARGET, t, "Autoscale target") for s, t in unresolved_autoscale(graph)
    ]
    if unknown:
        yield from unknown
        return
    why = "only disabled or fixed autoscale profiles" if settings else "no autoscale setting"
    fixed = show(dep.get("sku.capacity") or 1)
    text = f"Managed online deployment '{show(dep.name)}' has {why} (sku.capacity {fixed})"
    yield Finding.at(dep, "sku.capacity", text)


def _kubernetes(dep: Resource) -> Iterator[Finding]:
    kind, low, high = (dep.get(p) for p in (SCALE_TYPE, K8S_MIN, K8S_MAX))
    kind, low, high = kind or "Default", 1 if low is None else low, 1 if high is None else high
    for path, value in ((SCALE_TYPE, kind), (K8S_MIN, low), (K8S_MAX, high)):
        if isinstance(value, Expr):
            yield Finding.unknown(dep, path, value, path.rsplit(".", 1)[-1])
            return
    name = show(dep.name)
    if str(kind).lower() != "targetutilization":
        yield Finding.at(dep, SCALE_TYPE, f"Kubernetes online deployment '{name}' has scaleType '{kind}' (fixed count)")
    elif not (as_int(high) or 0) > (as_int(low) or 0):
        text = f"Kubernetes online deployment '{name}' scales between {low} and {high} instances"
        yield Finding.at(dep, K8S_MAX, text)


def _inference(res: Resource, settings: Mapping[str, Any], labels: str, tags: str) -> bool:
    specs = [(f"{key}=inference", labels) for key in settings["inference_pool_label_keys"]]
    specs.append((f"{settings['ai_function_tag']}=inference", tags))
    return any(has_tag_value(res, spec, path) is True for spec, path in specs)


def _pools(res: Resource, settings: Mapping[str, Any]) -> Iterator[Finding]:
    pools = [("properties.", res.get("properties"))] if res.is_type(POOL) else [
        (f"{path}.", pool) for path, pool in res.each("properties.agentPoolProfiles[*]")
    ]
    for prefix, pool in pools:
        if not isinstance(pool, Mapping) or is_gpu_size(pool.get("vmSize")):
            continue
        if not _inference(res, settings, f"{prefix}nodeLabels", f"{prefix}tags"):
            continue
        name = show(pool.get("name") or res.name)
        auto, low, high = (res.get(f"{prefix}{k}") for k in ("enableAutoScaling", "minCount", "maxCount"))
        for key, value in (("enableAutoScaling", auto), ("minCount", low), ("maxCount", high)):
            if isinstance(value, Expr):
                yield Finding.unknown(res, f"{prefix}{key}", value, f"{key} of inference pool '{name}'")
                break
        else:
            if auto is not True:
                yield Finding.at(res, f"{prefix}enableAutoScaling", f"AKS inference pool '{name}' does not autoscale")
            elif not (as_int(high) or 0) > (as_int(low) or 0):
                text = f"AKS inference pool '{name}' scales between {show(low)} and {show(high)} nodes"
                yield Finding.at(res, f"{prefix}maxCount", text)


def _container_app(res: Resource, settings: Mapping[str, Any]) -> Iterator[Finding]:
    if has_tag_value(res, f"{settings['ai_function_tag']}=inference") is not True:
        return
    low, high = res.get(REPLICAS_MIN), res.get(REPLICAS_MAX)
    for path, value in ((REPLICAS_MIN, low), (REPLICAS_MAX, high)):
        if isinstance(value, Expr):
            yield Finding.unknown(res, path, value, f"Replica count of '{show(res.name)}'")
            return
    low, high = 0 if low is None else low, 10 if high is None else high
    if not (as_int(high) or 0) > (as_int(low) or 0):
        text = f"Inference container app '{show(res.name)}' scales between {low} and {high} replicas"
        yield Finding.at(res, REPLICAS_MAX, text)


@policy(id="INF001", name="inference-host-fixed-scale", severity="warning", doc=__doc__, guidance=("G21",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for res in graph.of_type(CLUSTER, POOL, APP):
        if not res.existing:
            yield from (_container_app(res, settings) if res.is_type(APP) else _pools(res, settings))
    for dep in graph.of_type(ONLINE_DEPLOYMENT):
        compute = dep.get(COMPUTE)
        if dep.existing or compute is None:
            continue
        if isinstance(compute, Expr):
            yield Finding.unknown(dep, COMPUTE, compute, "endpointComputeType")
        elif str(compute).lower() == "managed":
            yield from _managed(graph, dep)
        elif str(compute).lower() == "kubernetes":
            yield from _kubernetes(dep)
