"""Machine Learning compute instance or cluster outside a managed network is reachable from the internet.

Checks `Microsoft.MachineLearningServices/workspaces/computes` of type `ComputeInstance` and `AmlCompute`
whose workspace has no managed network (`properties.managedNetwork.isolationMode` absent or `Disabled`; with
a managed network the service places the compute itself). Each must sit in a customer subnet
(`properties.properties.subnet.id`), have no public IP (`properties.properties.enableNodePublicIp = false`;
absent means the service default `true`, azurerm `node_public_ip_enabled` defaults to `true` too) and keep
SSH closed: a compute instance's `sshSettings.sshPublicAccess` must not be `Enabled` (absent: `Disabled`;
azurerm opens it with an `ssh` block), a cluster's `remoteLoginPortPublicAccess` must not be `Enabled`, nor
`NotSpecified`/absent outside a subnet (the service then opens the port; azurerm
`ssh_public_access_enabled`). When the workspace is declared elsewhere or its network is unknown, a
violation is reported as inconclusive.

## Why is this bad?
Compute with a public IP and an open SSH port is reachable from the internet while it holds production
data, credentials and models. The guidance asks for private network access during exploration (G12) and
private networking of the platform (G25).

## Example
```bicep
resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws
  name: 'ci-example'
  location: 'swedencentral'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      sshSettings: { sshPublicAccess: 'Enabled', adminPublicKey: sshKey }
    }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/computes",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/ci-example",
  "location": "swedencentral",
  "properties": {
    "computeType": "ComputeInstance",
    "properties": {
      "vmSize": "Standard_DS3_v2",
      "sshSettings": { "sshPublicAccess": "Enabled", "adminPublicKey": "[parameters('sshKey')]" }
    }
  }
}
```
```hcl
resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci-example"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "Standard_DS3_v2"
  ssh {
    public_key = var.ssh_key
  }
}
```

## Use instead
```bicep
resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws
  name: 'ci-example'
  location: 'swedencentral'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      subnet: { id: subnetId }
      enableNodePublicIp: false
      sshSettings: { sshPublicAccess: 'Disabled' }
    }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces/computes",
  "apiVersion": "2024-04-01",
  "name": "mlw-example/ci-example",
  "location": "swedencentral",
  "properties": {
    "computeType": "ComputeInstance",
    "properties": {
      "vmSize": "Standard_DS3_v2",
      "subnet": { "id": "[parameters('subnetId')]" },
      "enableNodePublicIp": false,
      "sshSettings": { "sshPublicAccess": "Disabled" }
    }
  }
}
```
```hcl
resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci-example"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "Standard_DS3_v2"
  subnet_resource_id            = azurerm_subnet.ml.id
  node_public_ip_enabled        = false
}
```
Or give the workspace a managed network (`managedNetwork.isolationMode`, NET003).

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet
- https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/workspaces/computes
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, Resource, policy
from policies.network._common import display

WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes"
TYPE = "properties.computeType"
MODE = "properties.managedNetwork.isolationMode"
SUBNET = "properties.properties.subnet.id"
PUBLIC_IP = "properties.properties.enableNodePublicIp"
CI_SSH = "properties.properties.sshSettings.sshPublicAccess"
CLUSTER_SSH = "properties.properties.remoteLoginPortPublicAccess"


def _workspaces(graph: Graph, compute: Resource) -> list[Resource]:
    """The parent workspace; for an ``existing`` reference, the workspaces of that name declared in the unit."""
    ws = graph.parent(compute)
    if ws is None:
        return []
    declared = [w for w in graph.of_type(WORKSPACE) if not w.existing and w.name == ws.name] if ws.existing else []
    return declared or [ws]


def _managed(ws: Resource) -> bool | None:
    """True with a managed network, False without, None when the workspace or its setting is unknown."""
    if ws.existing:
        return None
    mode = ws.get(MODE, "Disabled")
    return None if isinstance(mode, Expr) else str(mode).lower() != "disabled"


def _problems(compute: Resource, kind: str) -> Iterator[tuple[str, str | Expr]]:
    subnet = compute.get(SUBNET)
    if subnet in (None, ""):
        yield SUBNET, "is not in a virtual network (subnet not set)"
    public_ip = compute.get(PUBLIC_IP, True)
    if isinstance(public_ip, Expr) or public_ip is not False:
        yield (
            PUBLIC_IP,
            public_ip
            if isinstance(public_ip, Expr)
            else (
                "has a public IP (enableNodePublicIp is "
                + (f"{str(public_ip).lower()})" if compute.has(PUBLIC_IP) else "not set (service default true))")
            ),
        )
    path = CI_SSH if kind == "computeinstance" else CLUSTER_SSH
    ssh = compute.get(path, "Disabled" if kind == "computeinstance" else "NotSpecified")
    if isinstance(ssh, Expr):
        yield path, ssh
    elif str(ssh).lower() == "enabled" or (str(ssh).lower() == "notspecified" and subnet in (None, "")):
        shown = f"'{ssh}'" if compute.has(path) else "not set (NotSpecified)"
        yield path, f"has its SSH port open to the internet ({path.rsplit('.', 1)[-1]} is {shown})"


@policy(id="NET004", name="ml-compute-public-network", severity="error", doc=__doc__, guidance=("G12", "G25"))
def check(graph: Graph) -> Iterator[Finding]:
    for compute in graph.of_type(COMPUTE):
        kind = compute.get(TYPE)
        if compute.existing or not isinstance(kind, str) or kind.lower() not in ("computeinstance", "amlcompute"):
            continue
        candidates = _workspaces(graph, compute)
        states = {_managed(w) for w in candidates}
        managed = states.pop() if len(states) == 1 else None
        ws = candidates[0] if candidates else None
        if managed:
            continue
        name = f"ML {'compute instance' if kind.lower() == 'computeinstance' else 'cluster'} '{display(compute)}'"
        for path, problem in _problems(compute, kind.lower()):
            if isinstance(problem, Expr):
                yield Finding.unknown(compute, path, problem, path.rsplit(".", 1)[-1])
            elif managed is None:
                where = f"workspace '{display(ws)}'" if ws is not None else "its workspace"
                yield Finding.unknown(compute, path, None, f"{name} {problem}; whether {where} has a managed network")
            else:
                yield Finding.at(compute, path, f"{name} {problem}")
