"""Databricks or Synapse workspace used as an AI data platform is not network-isolated.

Checks `Microsoft.Databricks/workspaces`: `properties.publicNetworkAccess` is `Disabled`
(absent: `Enabled`; azurerm `public_network_access_enabled` defaults to `true`), clusters
have no public IP (`properties.parameters.enableNoPublicIp.value`; absent: `true` from API
version 2024-05-01, `false` before) and are injected in a customer VNet
(`properties.parameters.customVirtualNetworkId.value` set). Checks `Microsoft.Synapse/workspaces`:
`properties.managedVirtualNetwork` is `default` (absent: none),
`properties.managedVirtualNetworkSettings.preventDataExfiltration` is `true` (absent: `false`) and
`properties.publicNetworkAccess` is `Disabled` (absent: `Enabled`).

## Why is this bad?
Reused data platforms hold the production data that exploration and training read; the
guidance allows using them for AI (G16) under the same private network access as any
central data repository (G12).

## Example
```bicep
resource dbw 'Microsoft.Databricks/workspaces@2024-05-01' = {
  name: 'dbw-example'
  location: 'swedencentral'
  sku: { name: 'premium' }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg-dbw-managed')
    publicNetworkAccess: 'Enabled'
    parameters: {
      enableNoPublicIp: { value: false }
    }
  }
}
```
```json
{
  "type": "Microsoft.Synapse/workspaces",
  "apiVersion": "2021-06-01",
  "name": "syn-example",
  "properties": {"publicNetworkAccess": "Enabled"}
}
```
```hcl
resource "azurerm_databricks_workspace" "dbw" {
  name                          = "dbw-example"
  sku                           = "premium"
  public_network_access_enabled = true
  # ...
}
```

## Use instead
```bicep
resource dbw 'Microsoft.Databricks/workspaces@2024-05-01' = {
  name: 'dbw-example'
  location: 'swedencentral'
  sku: { name: 'premium' }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg-dbw-managed')
    publicNetworkAccess: 'Disabled'
    requiredNsgRules: 'NoAzureDatabricksRules'
    parameters: {
      enableNoPublicIp: { value: true }
      customVirtualNetworkId: { value: vnet.id }
      customPublicSubnetName: { value: 'snet-dbw-host' }
      customPrivateSubnetName: { value: 'snet-dbw-container' }
    }
  }
}
```
```json
{
  "type": "Microsoft.Synapse/workspaces",
  "apiVersion": "2021-06-01",
  "name": "syn-example",
  "properties": {
    "managedVirtualNetwork": "default",
    "managedVirtualNetworkSettings": {"preventDataExfiltration": true},
    "publicNetworkAccess": "Disabled"
  }
}
```
```hcl
resource "azurerm_databricks_workspace" "dbw" {
  name                                  = "dbw-example"
  sku                                   = "premium"
  public_network_access_enabled         = false
  network_security_group_rules_required = "NoAzureDatabricksRules"
  custom_parameters {
    no_public_ip        = true
    virtual_network_id  = azurerm_virtual_network.vnet.id
    public_subnet_name  = "snet-dbw-host"
    private_subnet_name = "snet-dbw-container"
    # ...
  }
  # ...
}
```

## References
- https://learn.microsoft.com/azure/databricks/security/network/classic/private-link
- https://learn.microsoft.com/azure/databricks/security/network/classic/secure-cluster-connectivity
- https://learn.microsoft.com/azure/synapse-analytics/security/workspace-data-exfiltration-protection
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.network._common import display

DATABRICKS = "Microsoft.Databricks/workspaces"
SYNAPSE = "Microsoft.Synapse/workspaces"
ACCESS = "properties.publicNetworkAccess"
NO_PUBLIC_IP = "properties.parameters.enableNoPublicIp.value"
VNET = "properties.parameters.customVirtualNetworkId.value"
MANAGED_VNET = "properties.managedVirtualNetwork"
EXFILTRATION = "properties.managedVirtualNetworkSettings.preventDataExfiltration"
NO_PUBLIC_IP_DEFAULT_FROM = "2024-05-01"


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _verdict(r: Resource, path: str, default: Any, good: Any, what: str) -> Iterator[Finding]:
    value = r.get(path, default)
    if isinstance(value, Expr):
        yield Finding.unknown(r, path, value, [p for p in path.split(".") if p != "value"][-1])
    elif (value.lower() if isinstance(value, str) else value) != good:
        shown = f"not set (service default {_text(default)})" if not r.has(path) else _text(value)
        label = "Databricks" if r.is_type(DATABRICKS) else "Synapse"
        yield Finding.at(r, path, f"{label} workspace '{display(r)}' {what} ({path.split('.', 1)[1]} is {shown})")


@policy(id="NET011", name="databricks-synapse-not-isolated", severity="error", doc=__doc__, guidance=("G12", "G16"))
def check(graph: Graph) -> Iterator[Finding]:
    for ws in graph.of_type(DATABRICKS):
        if ws.existing:
            continue
        yield from _verdict(ws, ACCESS, "Enabled", "disabled", "allows public network access")
        npip = (ws.api_version or "9999") >= NO_PUBLIC_IP_DEFAULT_FROM
        yield from _verdict(ws, NO_PUBLIC_IP, npip, True, "gives cluster nodes public IPs")
        vnet = ws.get(VNET)
        if vnet is None or vnet == "":
            yield Finding.at(ws, VNET, f"Databricks workspace '{display(ws)}' is not injected in a customer VNet "
                             "(customVirtualNetworkId is not set)")
    for ws in graph.of_type(SYNAPSE):
        if ws.existing:
            continue
        yield from _verdict(ws, MANAGED_VNET, "none", "default", "has no managed virtual network")
        yield from _verdict(ws, EXFILTRATION, False, True, "does not prevent data exfiltration")
        yield from _verdict(ws, ACCESS, "Enabled", "disabled", "allows public network access")
