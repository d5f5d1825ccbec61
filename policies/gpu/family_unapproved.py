"""GPU hardware is chosen outside the approved, current GPU families.

Every GPU choice (catalog section 3) is resolved to its family and compared with the
`approved_gpu_families` and `retired_gpu_families` settings: VM
`properties.hardwareProfile.vmSize`, scale set `sku.name`, AKS pool `vmSize` (inline or
`managedClusters/agentPools`), Azure Machine Learning compute `properties.properties.vmSize`
and online deployment `properties.instanceType`, Container Apps GPU workload profiles
`workloadProfiles[].workloadProfileType`, Container Instances `requests.gpu.sku` (K80, P100 and
V100 are the retired NC, NCv2 and NCv3 hardware) and Synapse Spark pools with `nodeSizeFamily`
`HardwareAcceleratedGPU` (a retired offering). A size that cannot be evaluated is reported as
inconclusive. Terraform: `size`, `sku`, `vm_size`, `virtual_machine_size`,
`workload_profile_type`, `gpu.sku`, `node_size_family` of the azurerm equivalents, and azapi
bodies for online deployments.

## Why is this bad?
GPU sizes should come from a short list the team has benchmarked, so that spend follows measured
need (G7, G11, G17); retired series fail to deploy or lose support, and older or
visualisation-first series give poor value for AI work (G32).

## Example
```bicep
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-train'
  location: 'swedencentral'
  properties: {
    hardwareProfile: {vmSize: 'Standard_NC6s_v3'}
  }
}
```
```json
{
  "type": "Microsoft.Compute/virtualMachines",
  "apiVersion": "2024-07-01",
  "name": "vm-train",
  "properties": {"hardwareProfile": {"vmSize": "Standard_NC6s_v3"}}
}
```
```hcl
resource "azurerm_linux_virtual_machine" "train" {
  name = "vm-train"
  size = "Standard_NC6s_v3"
  # ...
}
```

## Use instead
```bicep
resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-train'
  location: 'swedencentral'
  properties: {
    hardwareProfile: {vmSize: 'Standard_NC24ads_A100_v4'}
  }
}
```
```json
{
  "type": "Microsoft.Compute/virtualMachines",
  "apiVersion": "2024-07-01",
  "name": "vm-train",
  "properties": {"hardwareProfile": {"vmSize": "Standard_NC24ads_A100_v4"}}
}
```
```hcl
resource "azurerm_linux_virtual_machine" "train" {
  name = "vm-train"
  size = "Standard_NC24ads_A100_v4"
  # ...
}
```

## References
- https://learn.microsoft.com/azure/virtual-machines/sizes/overview#gpu-accelerated
- https://learn.microsoft.com/azure/virtual-machines/sizes/retirement/retired-sizes-list
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies.gpu._common import gpu_sites


@policy(id="GPU001", name="gpu-family-unapproved", severity="warning", doc=__doc__, guidance=("G11", "G17", "G32"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    approved = {f.lower() for f in settings["approved_gpu_families"]}
    retired = {f.lower() for f in settings["retired_gpu_families"]}
    for site in gpu_sites(graph):
        uses = f"{site.title} uses {site.value}"
        if isinstance(site.value, Expr):
            yield Finding.unknown(site.resource, site.path, site.value, f"The hardware of {site.what}")
        elif site.retired_offering:
            yield Finding.at(site.resource, site.path, f"{uses}, a retired GPU offering")
        elif site.family is None:
            yield Finding.at(site.resource, site.path, f"{uses}, a GPU of no approved family (unrecognised series)")
        elif site.family.lower() in retired:
            yield Finding.at(site.resource, site.path, f"{uses}, of the retired {site.family} family")
        elif site.family.lower() not in approved:
            yield Finding.at(site.resource, site.path, f"{uses}, of the {site.family} family, which is not approved")
