"""AKS cluster access is not limited to Microsoft Entra ID with Azure RBAC.

Checks `Microsoft.ContainerService/managedClusters`: `properties.aadProfile` with
`managed: true` and `enableAzureRBAC: true`, and `properties.disableLocalAccounts: true`.
Absent means no Entra integration, Kubernetes-only RBAC and local accounts enabled (the
service defaults); in azurerm the `azure_active_directory_role_based_access_control`
block is optional, `azure_rbac_enabled` defaults to `false` and `local_account_disabled`
to `false`. On AKS Automatic (`sku.name: Automatic`) absent values are secure (Entra ID,
Azure RBAC and disabled local accounts are built in): only explicit `false` is reported.
Local accounts are not reported on a cluster that a
`Microsoft.KubernetesConfiguration/extensions` of type `Microsoft.AzureML.Kubernetes`
targets: Azure Machine Learning does not support clusters with local accounts disabled.

## Why is this bad?
Without Entra ID integration, cluster access rests on certificates issued from the
resource's admin credentials; local accounts stay usable as an unaudited back door even
when Entra ID is on, and Kubernetes-only RBAC keeps authorization outside Azure. The
guidance asks for role-based access control and Microsoft Entra ID on clusters rather
than local accounts (G26).

## Example
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-example'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-example'
    agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4ds_v5' } ]
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-09-01",
  "name": "aks-example",
  "location": "swedencentral",
  "identity": {"type": "SystemAssigned"},
  "properties": {
    "dnsPrefix": "aks-example",
    "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 3, "vmSize": "Standard_D4ds_v5"}]
  }
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
    vm_size    = "Standard_D4ds_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
```

## Use instead
```bicep
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-example'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-example'
    aadProfile: { managed: true, enableAzureRBAC: true }
    disableLocalAccounts: true
    agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4ds_v5' } ]
  }
}
```
```json
{
  "type": "Microsoft.ContainerService/managedClusters",
  "apiVersion": "2024-09-01",
  "name": "aks-example",
  "location": "swedencentral",
  "identity": {"type": "SystemAssigned"},
  "properties": {
    "dnsPrefix": "aks-example",
    "aadProfile": {"managed": true, "enableAzureRBAC": true},
    "disableLocalAccounts": true,
    "agentPoolProfiles": [{"name": "system", "mode": "System", "count": 3, "vmSize": "Standard_D4ds_v5"}]
  }
}
```
```hcl
resource "azurerm_kubernetes_cluster" "aks" {
  name                   = "aks-example"
  location               = "swedencentral"
  resource_group_name    = "rg-ai"
  dns_prefix             = "aks-example"
  local_account_disabled = true
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }
  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4ds_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
```

## References
- https://learn.microsoft.com/azure/aks/enable-authentication-microsoft-entra-id
- https://learn.microsoft.com/azure/aks/manage-azure-rbac
- https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
- https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies.identity._common import label, shown

CLUSTERS = "Microsoft.ContainerService/managedClusters"
EXTENSIONS = "Microsoft.KubernetesConfiguration/extensions"
AML_EXTENSION = "microsoft.azureml.kubernetes"
AAD = "properties.aadProfile"
CHECKS = (
    ("properties.aadProfile.managed", "managed", "uses legacy (not AKS-managed) Entra integration"),
    (
        "properties.aadProfile.enableAzureRBAC",
        "enableAzureRBAC",
        "does not use Azure RBAC for Kubernetes authorization",
    ),
)
LOCAL = "properties.disableLocalAccounts"


def _aml_extension(graph: Graph, cluster: Resource) -> bool | Expr:
    """Whether an Azure Machine Learning extension targets the cluster (an Expr when a type is unknown)."""
    unknown: bool | Expr = False
    for ext in graph.sources(cluster, EdgeKind.SCOPE):
        kind = ext.get("properties.extensionType") if ext.is_type(EXTENSIONS) else None
        if isinstance(kind, str) and kind.lower() == AML_EXTENSION:
            return True
        if isinstance(kind, Expr):
            unknown = kind
    return unknown


def _automatic(aks: Resource) -> bool | Expr:
    """AKS Automatic clusters come with Entra ID, Azure RBAC and local accounts disabled."""
    sku = aks.get("sku.name")
    return sku if isinstance(sku, Expr) else isinstance(sku, str) and sku.lower() == "automatic"


def _unset(aks: Resource, path: str, auto: bool | Expr, message: str) -> Iterator[Finding]:
    """An absent setting: secure on AKS Automatic, insecure otherwise, undecided when the SKU is unknown."""
    if isinstance(auto, Expr):
        yield Finding.unknown(aks, path, auto, "the cluster SKU (AKS Automatic secures this by default)")
    elif not auto:
        yield Finding.at(aks, path, message)


@policy(id="IAM006", name="aks-access-without-entra-rbac", severity="error", doc=__doc__, guidance=("G26",))
def check(graph: Graph) -> Iterator[Finding]:
    for aks in graph.of_type(CLUSTERS):
        if aks.existing:
            continue
        name, auto = label(aks), _automatic(aks)
        aad = aks.get(AAD)
        if isinstance(aad, Expr):
            yield Finding.unknown(aks, AAD, aad, "aadProfile")
        elif aad is None:
            yield from _unset(
                aks, AAD, auto, f"AKS cluster {name} has no Microsoft Entra ID integration (aadProfile not set)"
            )
        else:
            for path, prop, problem in CHECKS:
                value = aks.get(path)
                if isinstance(value, Expr):
                    yield Finding.unknown(aks, path, value, prop)
                elif value is None:
                    yield from _unset(aks, path, auto, f"AKS cluster {name} {problem} ({prop} not set)")
                elif value is not True:
                    yield Finding.at(
                        aks, path, f"AKS cluster {name} {problem} ({prop} is {shown(aks, path, value, 'false')})"
                    )
        local = aks.get(LOCAL)
        if isinstance(local, Expr):
            yield Finding.unknown(aks, LOCAL, local, "disableLocalAccounts")
        elif local is True:
            continue
        aml = _aml_extension(graph, aks)
        if isinstance(aml, Expr):
            yield Finding.unknown(aks, LOCAL, aml, "the type of an extension on the cluster")
        elif aml:
            continue
        elif local is None:
            message = f"AKS cluster {name} keeps local accounts (disableLocalAccounts not set, service default false)"
            yield from _unset(aks, LOCAL, auto, message)
        else:
            yield Finding.at(
                aks,
                LOCAL,
                f"AKS cluster {name} keeps local accounts (disableLocalAccounts is {shown(aks, LOCAL, local, 'false')})",
            )
