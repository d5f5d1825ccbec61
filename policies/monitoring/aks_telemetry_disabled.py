"""AKS cluster collects neither container logs nor Prometheus metrics.

Checks `Microsoft.ContainerService/managedClusters`: Container insights
(`properties.addonProfiles.omsagent.enabled`) or Azure Monitor managed Prometheus
(`properties.azureMonitorProfile.metrics.enabled`, which also carries the GPU metrics of the
NVIDIA DCGM exporter) must be `true`. Both are off when absent; in azurerm they are on when the
`oms_agent` or `monitor_metrics` block of `azurerm_kubernetes_cluster` is written.

## Why is this bad?
Without container logs and metrics, failing inference pods, saturated nodes and idle or
overheating GPUs stay invisible. The guidance asks that logs and metrics of the hosting
platform be collected so faults are detected (G27) and that the platform is monitored to
production standard (G34).

## Example
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-example'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-example'
    agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4s_v5' } ]
  }
}
```
```json
"properties": {
  "dnsPrefix": "aks-example",
  "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 3, "vmSize": "Standard_D4s_v5"}]
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-example"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  dns_prefix          = "aks-example"
  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
```

## Use instead
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-example'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-example'
    agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4s_v5' } ]
    addonProfiles: {
      omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: law.id } }
    }
    azureMonitorProfile: { metrics: { enabled: true } }
  }
}
```
```json
"addonProfiles": {"omsagent": {"enabled": true, "config": {
  "logAnalyticsWorkspaceResourceID": "[resourceId('Microsoft.OperationalInsights/workspaces', 'law-example')]"}}},
"azureMonitorProfile": {"metrics": {"enabled": true}}
```
```hcl
oms_agent {
  log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id
}
monitor_metrics {}
```

## References
- https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
- https://learn.microsoft.com/azure/aks/monitor-aks
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies._common import is_gpu_size
from policies.monitoring._common import name_of

CLUSTERS = "Microsoft.ContainerService/managedClusters"
POOLS = "Microsoft.ContainerService/managedClusters/agentPools"
INSIGHTS = "properties.addonProfiles.omsagent.enabled"
PROMETHEUS = "properties.azureMonitorProfile.metrics.enabled"


@policy(id="MON002", name="aks-telemetry-disabled", severity="warning", doc=__doc__, guidance=("G27", "G34"))
def check(graph: Graph) -> Iterator[Finding]:
    for aks in graph.of_type(CLUSTERS):
        if aks.existing:
            continue
        values = [aks.get(INSIGHTS, False), aks.get(PROMETHEUS, False)]
        if True in values:
            continue
        unknown = [(path, v) for path, v in zip((INSIGHTS, PROMETHEUS), values) if isinstance(v, Expr)]
        if unknown:
            yield Finding.unknown(aks, unknown[0][0], unknown[0][1], unknown[0][0].split(".", 1)[1])
            continue
        sizes = [v for _, v in aks.each("properties.agentPoolProfiles[*].vmSize")]
        sizes += [pool.get("properties.vmSize") for pool in graph.children(aks, POOLS)]
        gpu = " GPU" if any(is_gpu_size(size) for size in sizes) else ""
        yield Finding.at(
            aks,
            INSIGHTS,
            f"AKS cluster '{name_of(aks)}' collects no container logs or{gpu} metrics "
            "(Container insights and managed Prometheus not enabled)",
        )
