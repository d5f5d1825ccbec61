"""Egress from a subnet that hosts AI compute is not forced through a firewall.

Follows each subnet that hosts compute (AKS node pools `vnetSubnetID`, Machine Learning computes
`properties.properties.subnet.id` and serverless `serverlessComputeCustomSubnet`, App Service
`virtualNetworkSubnetId`, Container Apps `vnetConfiguration.infrastructureSubnetId`, API Management
`virtualNetworkConfiguration.subnetResourceId`, AI Foundry agent subnets
`networkInjections[*].subnetArmId`) to its route table (`properties.routeTable.id`;
azurerm `azurerm_subnet_route_table_association`) and requires a `0.0.0.0/0` route with
`nextHopType` `VirtualAppliance` whose `nextHopIpAddress` is an Azure Firewall of the deployment
(a reference to a `Microsoft.Network/azureFirewalls` resource, or to a module that deploys one)
or an address listed in the `firewall_nva_ips` setting. A literal address that matches neither
is inconclusive while `firewall_nva_ips` is empty (the firewall may live in a hub deployment)
and a failure once it is set. AKS clusters must also use `networkProfile.outboundType`
`userDefinedRouting` (absent: `loadBalancer`; azurerm `network_profile.outbound_type` defaults to
`loadBalancer`). A subnet or route table declared outside the deployment is inconclusive.

## Why is this bad?
Without forced tunnelling, compute that runs models, notebooks or orchestrators reaches the
internet directly, so data exfiltration and downloads of unvetted packages go unseen. The
guidance asks for private networking or an egress firewall around the platform (G25).

## Example
```bicep
resource rt 'Microsoft.Network/routeTables@2023-11-01' = {
  name: 'rt-aks'
  location: 'swedencentral'
  properties: {
    routes: [
      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }
    ]
  }
}
```
```json
{
  "type": "Microsoft.Network/routeTables",
  "apiVersion": "2023-11-01",
  "name": "rt-aks",
  "properties": {"routes": [
    {"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}}
  ]}
}
```
```hcl
resource "azurerm_route_table" "rt" {
  name = "rt-aks"
  route {
    name           = "default"
    address_prefix = "0.0.0.0/0"
    next_hop_type  = "Internet"
  }
  # ...
}
```

## Use instead
```bicep
resource rt 'Microsoft.Network/routeTables@2023-11-01' = {
  name: 'rt-aks'
  location: 'swedencentral'
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: firewall.properties.ipConfigurations[0].properties.privateIPAddress
        }
      }
    ]
  }
}
```
```json
{
  "type": "Microsoft.Network/routeTables",
  "apiVersion": "2023-11-01",
  "name": "rt-aks",
  "properties": {"routes": [
    {"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance",
      "nextHopIpAddress": "[reference('afw-hub').ipConfigurations[0].properties.privateIPAddress]"}}
  ]}
}
```
```hcl
resource "azurerm_route_table" "rt" {
  name = "rt-aks"
  route {
    name                   = "default"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.hub.ip_configuration[0].private_ip_address
  }
  # ...
}
```

## References
- https://learn.microsoft.com/azure/aks/limit-egress-traffic
- https://learn.microsoft.com/azure/firewall/forced-tunneling
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.network._common import Subnet, display, find_resource, references_firewall, resolve_subnet

ROUTE_TABLE = "Microsoft.Network/routeTables"
ROUTE = "Microsoft.Network/routeTables/routes"
CLUSTER = "Microsoft.ContainerService/managedClusters"
POOL = "Microsoft.ContainerService/managedClusters/agentPools"
OUTBOUND = "properties.networkProfile.outboundType"
PRIVATE_OUTBOUND = ("userdefinedrouting", "none", "block")
HOSTS = {  # type -> (label, subnet paths)
    CLUSTER: ("AKS cluster", ("properties.agentPoolProfiles[*].vnetSubnetID",)),
    POOL: ("AKS node pool", ("properties.vnetSubnetID",)),
    "Microsoft.MachineLearningServices/workspaces/computes": ("ML compute", ("properties.properties.subnet.id",)),
    "Microsoft.MachineLearningServices/workspaces": (
        "ML workspace serverless compute", ("properties.serverlessComputeSettings.serverlessComputeCustomSubnet",)),
    "Microsoft.Web/sites": ("App Service app", ("properties.virtualNetworkSubnetId",)),
    "Microsoft.App/managedEnvironments": ("Container Apps environment",
                                         ("properties.vnetConfiguration.infrastructureSubnetId",)),
    "Microsoft.ApiManagement/service": ("API Management", ("properties.virtualNetworkConfiguration.subnetResourceId",)),
    "Microsoft.CognitiveServices/accounts": ("AI Foundry agents of", ("properties.networkInjections[*].subnetArmId",)),
}


def _private_outbound(cluster: Resource) -> bool:
    outbound = cluster.get(OUTBOUND, "loadBalancer")
    return isinstance(outbound, str) and outbound.lower() in PRIVATE_OUTBOUND


def _routes(graph: Graph, rt: Resource) -> Iterator[tuple[Resource, str]]:
    inline = rt.get("properties.routes")
    if isinstance(inline, list):
        yield from ((rt, f"properties.routes[{i}].properties") for i in range(len(inline)))
    yield from ((child, "properties") for child in graph.children(rt, ROUTE))


def _route_table(graph: Graph, rt: Resource, subnet: str, settings: Mapping[str, Any]) -> Iterator[Finding]:
    if isinstance(rt.get("properties.routes"), Expr) or (rt.existing and not any(_routes(graph, rt))):
        yield Finding.unknown(rt, "properties.routes", rt.get("properties.routes"), f"routes of '{display(rt)}'")
        return
    default = [(r, p) for r, p in _routes(graph, rt) if r.get(f"{p}.addressPrefix") == "0.0.0.0/0"]
    unknown = [(r, p) for r, p in _routes(graph, rt) if isinstance(r.get(f"{p}.addressPrefix"), Expr)]
    if not default:
        if unknown:
            r, p = unknown[0]
            yield Finding.unknown(r, f"{p}.addressPrefix", r.get(f"{p}.addressPrefix"), "route addressPrefix")
        else:
            yield Finding.at(rt, "properties.routes", f"Route table '{display(rt)}' of subnet {subnet} has no "
                             "0.0.0.0/0 route (egress is not forced through a firewall)")
        return
    route, p = default[0]
    hop, address = route.get(f"{p}.nextHopType"), route.get(f"{p}.nextHopIpAddress")
    nva = [ip.strip() for ip in settings["firewall_nva_ips"]]
    label = route.get(p.rsplit(".", 1)[0] + ".name") if route is rt else display(route).rsplit("/", 1)[-1]
    label = label.text if isinstance(label, Expr) else label
    where = f"route '{label}' of route table '{display(rt)}'"
    if isinstance(hop, Expr):
        yield Finding.unknown(route, f"{p}.nextHopType", hop, "nextHopType")
    elif not isinstance(hop, str) or hop.lower() != "virtualappliance":
        yield Finding.at(route, f"{p}.nextHopType", f"The 0.0.0.0/0 {where} for subnet {subnet} sends egress to "
                         f"'{hop}', not to a firewall (VirtualAppliance)")
    elif isinstance(address, Expr):
        if not references_firewall(graph, address):
            yield Finding.unknown(route, f"{p}.nextHopIpAddress", address, f"next hop of {where}")
    elif not (isinstance(address, str) and address.strip() in nva):
        text = f"The 0.0.0.0/0 {where} for subnet {subnet} sends egress to '{address}', which "
        if nva:
            text += "is neither an Azure Firewall of this deployment nor listed in firewall_nva_ips"
            yield Finding.at(route, f"{p}.nextHopIpAddress", text)
        else:
            text += "cannot be matched to an Azure Firewall of this deployment (firewall_nva_ips is empty)"
            yield replace(Finding.at(route, f"{p}.nextHopIpAddress", text), outcome="inconclusive")


def _subnet(graph: Graph, subnet: Subnet, user: str, settings: Mapping[str, Any]) -> Iterator[Finding]:
    owner, path = subnet.owner, f"{subnet.prefix}properties.routeTable.id"
    name = f"'{subnet.name}' ({user})"
    value = owner.get(path)
    if owner.existing:
        yield replace(Finding.at(owner, path, f"Route table of subnet {name} cannot be evaluated: the subnet is "
                                 "declared outside this deployment"), outcome="inconclusive")
    elif value is None:
        yield Finding.at(owner, path, f"Subnet {name} has no route table (egress is not forced through a firewall)")
    elif isinstance(rt := find_resource(graph, value, ROUTE_TABLE), Resource):
        yield from _route_table(graph, rt, name, settings)
    else:
        yield Finding.unknown(owner, path, value if isinstance(value, Expr) else None, f"route table of subnet {name}")


@policy(id="NET013", name="compute-egress-not-firewalled", severity="error", doc=__doc__, guidance=("G25",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    users: dict[tuple[str, str], tuple[Subnet, str]] = {}
    for type_, (label, paths) in HOSTS.items():
        for host in graph.of_type(type_):
            if host.existing:
                continue
            cluster = graph.parent(host) if host.is_type(POOL) else None
            if cluster is not None and not _private_outbound(cluster):
                continue  # the cluster's own outboundType is reported
            if host.is_type(CLUSTER):
                outbound = host.get(OUTBOUND, "loadBalancer")
                if isinstance(outbound, Expr):
                    yield Finding.unknown(host, OUTBOUND, outbound, "outboundType")
                    continue
                if str(outbound).lower() not in PRIVATE_OUTBOUND:
                    shown = f"'{outbound}'" if host.has(OUTBOUND) else "not set (service default loadBalancer)"
                    yield Finding.at(host, OUTBOUND, f"AKS cluster '{display(host)}' sends egress through its "
                                     f"load balancer or NAT gateway, not a firewall (outboundType is {shown})")
                    continue
            for path, value in (pv for p in paths for pv in host.each(p)):
                subnet = resolve_subnet(graph, value)
                if isinstance(subnet, Subnet):
                    users.setdefault(subnet.key, (subnet, f"used by {label} '{display(host)}'"))
                elif value is not None:
                    outside = "" if isinstance(value, Expr) else " (not declared in this deployment)"
                    yield Finding.unknown(host, path, subnet, f"subnet of {label} '{display(host)}'{outside}")
    for subnet, user in (users[k] for k in sorted(users)):
        yield from _subnet(graph, subnet, user, settings)
