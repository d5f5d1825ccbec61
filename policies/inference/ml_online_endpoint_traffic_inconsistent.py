"""Online endpoint traffic split or mirror does not add up or names a deployment the endpoint lacks.

Checks `Microsoft.MachineLearningServices/workspaces/onlineEndpoints`: `properties.traffic` maps
deployment names to the percentage of live requests they serve; the values must be whole numbers
from 0 to 100 summing to 100. An absent or empty map, or one whose values are all 0, means the
endpoint takes no live traffic yet (a staged rollout creates the endpoint before its deployments)
and is accepted. `properties.mirrorTraffic` copies requests to shadow deployments: its values sum to
at most 50 (the service limit) and never name a deployment that also serves live traffic. Every name
in either map must be a deployment (`onlineEndpoints/deployments` child) of the endpoint. When the
unit declares no deployment of the endpoint, or one whose name is unknown, the deployments are
managed elsewhere and a missing name is inconclusive rather than a failure. azurerm has no online
endpoint resource: Terraform declares it with `azapi_resource`.

## Why is this bad?
Traffic splitting and mirroring let a team A/B test and shadow-test a new model version on a managed
online endpoint, but the percentages must be consistent (G30). A split that does not sum to 100, a
misspelt deployment name or a mirror above 50% is rejected at deployment time or routes requests
where nobody intended; mirroring to a deployment that already serves users doubles its load and
defeats the shadow test.

## Example
```bicep
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  parent: ws
  name: 'ep'
  location: location
  properties: {
    authMode: 'AADToken'
    traffic: { blue: 90, gren: 10 }
    mirrorTraffic: { blue: 20 }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
  "apiVersion": "2024-04-01",
  "name": "mlw/ep",
  "properties": {"authMode": "AADToken", "traffic": {"blue": 90, "gren": 10}, "mirrorTraffic": {"blue": 20}}
}
```
```hcl
resource "azapi_resource" "endpoint" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01"
  name      = "ep"
  parent_id = azapi_resource.ws.id
  body = {
    properties = { authMode = "AADToken", traffic = { blue = 90, gren = 10 }, mirrorTraffic = { blue = 20 } }
  }
}
```

## Use instead
```bicep
resource endpoint 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01' = {
  parent: ws
  name: 'ep'
  location: location
  properties: {
    authMode: 'AADToken'
    traffic: { blue: 100, green: 0 }
    mirrorTraffic: { green: 10 }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
  "apiVersion": "2024-04-01",
  "name": "mlw/ep",
  "properties": {"authMode": "AADToken", "traffic": {"blue": 100, "green": 0}, "mirrorTraffic": {"green": 10}}
}
```
```hcl
resource "azapi_resource" "endpoint" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01"
  name      = "ep"
  parent_id = azapi_resource.ws.id
  body = {
    properties = { authMode = "AADToken", traffic = { blue = 100, green = 0 }, mirrorTraffic = { green = 10 } }
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-safely-rollout-online-endpoints
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/onlineendpoints
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.inference._common import ONLINE_DEPLOYMENT, show

ENDPOINT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints"
TRAFFIC, MIRROR = "properties.traffic", "properties.mirrorTraffic"
MIRROR_LIMIT = 50


def _key(path: str, name: str) -> str:
    return f"{path}.{name}" if re.fullmatch(r"[A-Za-z_][\w-]*", name) else f"{path}['{name}']"


_OWN_NAME = re.compile(r"""/\s*['"]?([A-Za-z0-9][\w.-]*)['"]?$""")


def _own_name(deployment: Resource) -> str | None:
    """The deployment's own name: the last segment of its full name, which stays readable when only the
    endpoint's part is unknown (``'${prefix}-ep'/blue``)."""
    name = deployment.name
    if isinstance(name, str):
        return name.rsplit("/", 1)[-1].lower()
    match = _OWN_NAME.search(name.text) if isinstance(name, Expr) else None
    return match.group(1).lower() if match and "${" not in match.group(0) else None


def _deployments(graph: Graph, ep: Resource) -> tuple[set[str], bool]:
    """Lower-case short names of the endpoint's deployments, and whether the set may be incomplete."""
    prefix = f"{ep.name}/".lower() if isinstance(ep.name, str) else None
    found = [
        d for d in graph.of_type(ONLINE_DEPLOYMENT)
        if graph.parent(d) is ep or (prefix and isinstance(d.name, str) and d.name.lower().startswith(prefix))
    ]
    names = {own for d in found if not d.looped and (own := _own_name(d))}
    return names, not found or len(names) < len(found)


def _map(ep: Resource, path: str) -> Iterator[Finding | tuple[str, Any]]:
    """The (name, percentage) entries of a traffic map, or findings when it cannot be read."""
    value = ep.get(path)
    if isinstance(value, Expr):
        yield Finding.unknown(ep, path, value, path.rsplit(".", 1)[-1])
        return
    for name, share in (value or {}).items() if isinstance(value, Mapping) else ():
        if isinstance(share, Expr):
            yield Finding.unknown(ep, _key(path, name), share, f"Traffic share of '{name}'")
        elif isinstance(share, bool) or not isinstance(share, int) or not 0 <= share <= 100:
            yield Finding.at(ep, _key(path, name), f"Online endpoint '{show(ep.name)}' gives '{name}' {share!r}%")
        else:
            yield name, share


def _check(graph: Graph, ep: Resource) -> Iterator[Finding]:
    live: list[tuple[str, int]] = []
    mirror: list[tuple[str, int]] = []
    unread: set[str] = set()
    for path, entries in ((TRAFFIC, live), (MIRROR, mirror)):
        for entry in _map(ep, path):
            if isinstance(entry, Finding):
                unread.add(path)
                yield entry
            else:
                entries.append(entry)
    total, shadow = sum(s for _, s in live), sum(s for _, s in mirror)
    if total not in (0, 100) and TRAFFIC not in unread:
        yield Finding.at(ep, TRAFFIC, f"Online endpoint '{show(ep.name)}' traffic sums to {total}% instead of 100%")
    if shadow > MIRROR_LIMIT and MIRROR not in unread:
        yield Finding.at(ep, MIRROR, f"Online endpoint '{show(ep.name)}' mirrors {shadow}% of traffic (limit 50%)")
    serving = {name.lower(): share for name, share in live if share > 0}
    for name, share in mirror:
        if share > 0 and name.lower() in serving:
            text = f"mirrors traffic to '{name}', which also serves {serving[name.lower()]}% of live traffic"
            yield Finding.at(ep, _key(MIRROR, name), f"Online endpoint '{show(ep.name)}' {text}")
    known, partial = _deployments(graph, ep)
    for path, entries in ((TRAFFIC, live), (MIRROR, mirror)):
        for name, _ in entries:
            if name.lower() not in known:
                declared = ", ".join(sorted(known)) or "none"
                where = "not declared in this unit" if partial else f"not a deployment of it (deployments: {declared})"
                text = f"Online endpoint '{show(ep.name)}' routes traffic to '{name}', which is {where}"
                finding = Finding.at(ep, _key(path, name), text)
                yield replace(finding, outcome="inconclusive") if partial else finding


@policy(id="INF005", name="ml-online-endpoint-traffic-inconsistent", severity="error", doc=__doc__, guidance=("G30",))
def check(graph: Graph) -> Iterator[Finding]:
    for ep in graph.of_type(ENDPOINT):
        if not ep.existing:
            yield from _check(graph, ep)
