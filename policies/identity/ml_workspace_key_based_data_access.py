"""Azure Machine Learning workspace reaches its data with keys or a system-assigned identity.

Checks `Microsoft.MachineLearningServices/workspaces` (every kind): `identity.type`
includes `UserAssigned` and `properties.primaryUserAssignedIdentity` names it; an
explicit `properties.systemDatastoresAuthMode` is `identity` (an absent value is not
reported: the property exists only in some API versions; when absent the service uses
account keys); and `…/workspaces/datastores` carry no stored secret
(`properties.credentials.credentialsType` `AccountKey`, `Sas`, `ServicePrincipal` or
`Certificate`). azurerm: `identity` block and `primary_user_assigned_identity` on
`azurerm_machine_learning_workspace`; `account_key`, `shared_access_signature` or
`client_secret` on the `azurerm_machine_learning_datastore_*` resources. azurerm has no
`systemDatastoresAuthMode` argument (set it with `azapi_update_resource`).

## Why is this bad?
Keys and secrets stored in datastores give anyone with workspace access the storage
account's full rights, bypassing Entra ID role assignments; a system-assigned identity
is created and deleted with the workspace, so its permissions cannot be granted
before deployment or shared deliberately by the platform team. The guidance asks for
identity-based access and no shared keys on the data used for exploration and
training (G12), with Entra ID and RBAC rather than keys (G26).

## Example
```bicep
resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01-preview' = {
  name: 'mlw-example'
  location: 'swedencentral'
  identity: { type: 'SystemAssigned' }
  properties: { systemDatastoresAuthMode: 'accessKey' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-10-01-preview",
  "name": "mlw-example",
  "location": "swedencentral",
  "identity": {"type": "SystemAssigned"},
  "properties": {"systemDatastoresAuthMode": "accessKey"}
}
```
```hcl
resource "azurerm_machine_learning_datastore_blobstorage" "raw" {
  name                 = "raw"
  workspace_id         = azurerm_machine_learning_workspace.mlw.id
  storage_container_id = azurerm_storage_container.raw.resource_manager_id
  account_key          = azurerm_storage_account.data.primary_access_key
}
```

## Use instead
```bicep
resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01-preview' = {
  name: 'mlw-example'
  location: 'swedencentral'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${uami.id}': {} } }
  properties: { primaryUserAssignedIdentity: uami.id, systemDatastoresAuthMode: 'identity' }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-10-01-preview",
  "name": "mlw-example",
  "location": "swedencentral",
  "identity": {"type": "UserAssigned", "userAssignedIdentities": {"[parameters('identityId')]": {}}},
  "properties": {"primaryUserAssignedIdentity": "[parameters('identityId')]", "systemDatastoresAuthMode": "identity"}
}
```
```hcl
resource "azurerm_machine_learning_datastore_blobstorage" "raw" {
  name                 = "raw"
  workspace_id         = azurerm_machine_learning_workspace.mlw.id
  storage_container_id = azurerm_storage_container.raw.resource_manager_id
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication
- https://learn.microsoft.com/azure/machine-learning/how-to-datastore
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, Resource, policy
from policies.identity._common import label

WORKSPACES = "Microsoft.MachineLearningServices/workspaces"
DATASTORES = "Microsoft.MachineLearningServices/workspaces/datastores"
IDENTITY = "identity.type"
PRIMARY = "properties.primaryUserAssignedIdentity"
AUTH_MODE = "properties.systemDatastoresAuthMode"
CREDENTIALS = "properties.credentials.credentialsType"
SECRETS = {"accountkey", "sas", "serviceprincipal", "certificate"}


def _workspace(ws: Resource) -> Iterator[Finding]:
    name = label(ws)
    kind = ws.get(IDENTITY)
    if isinstance(kind, Expr):
        yield Finding.unknown(ws, IDENTITY, kind, "identity.type")
    elif not isinstance(kind, str) or "userassigned" not in kind.replace(" ", "").lower():
        shown = f"'{kind}'" if isinstance(kind, str) else "not set (service default SystemAssigned)"
        yield Finding.at(ws, IDENTITY, f"ML workspace {name} has no user-assigned identity (identity type is {shown})")
    elif not ws.has(PRIMARY) or ws.get(PRIMARY) in ("", None):
        yield Finding.at(ws, PRIMARY, f"ML workspace {name} does not name its primary user-assigned identity")
    mode = ws.get(AUTH_MODE)
    if isinstance(mode, Expr):
        yield Finding.unknown(ws, AUTH_MODE, mode, "systemDatastoresAuthMode")
    elif isinstance(mode, str) and mode.lower() != "identity":
        yield Finding.at(
            ws,
            AUTH_MODE,
            f"ML workspace {name} reaches its default storage with keys (systemDatastoresAuthMode is '{mode}')",
        )


@policy(
    id="IAM002", name="ml-workspace-key-based-data-access", severity="warning", doc=__doc__, guidance=("G12", "G26")
)
def check(graph: Graph) -> Iterator[Finding]:
    for resource in graph.of_type(WORKSPACES, DATASTORES):
        if resource.existing:
            continue
        if resource.is_type(WORKSPACES):
            yield from _workspace(resource)
            continue
        kind = resource.get(CREDENTIALS)
        if isinstance(kind, Expr):
            yield Finding.unknown(resource, CREDENTIALS, kind, "credentialsType")
        elif isinstance(kind, str) and kind.lower() in SECRETS:
            yield Finding.at(
                resource, CREDENTIALS, f"Datastore {label(resource)} stores a secret (credentialsType is '{kind}')"
            )
