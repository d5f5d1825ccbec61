"""Storage account or AI Search service used by AI resources accepts keys.

Checks `Microsoft.Storage/storageAccounts` and `Microsoft.Search/searchServices` that an
Azure Machine Learning or Azure AI (Cognitive Services) resource of the same deployment
references, that reference one, or on which such a resource's identity is granted a role
(`dependsOn` alone does not count): storage needs `properties.allowSharedKeyAccess:
false` (absent means `true`; azurerm `shared_access_key_enabled` defaults to `true`),
search needs `properties.disableLocalAuth: true` (absent means `false`; azurerm
`local_authentication_enabled` defaults to `true`). A storage account that is the
default storage of an ML workspace whose `systemDatastoresAuthMode` is not `identity`
is not reported: that workspace reaches it with the account key.

## Why is this bad?
A storage key or search admin key grants full access to all of the training data,
prompts and indexes, bypasses Entra ID role assignments and leaves no caller identity
in the logs. The guidance asks for identity-based access and no shared keys on the data
used by the AI platform (G12) and Entra ID rather than keys (G26).

## Example
```bicep
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'staidata'
  location: 'swedencentral'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: { allowSharedKeyAccess: true }
}
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-example'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { userOwnedStorage: [ { resourceId: st.id } ] }
}
```
```json
{
  "type": "Microsoft.Storage/storageAccounts",
  "apiVersion": "2023-05-01",
  "name": "staidata",
  "location": "swedencentral",
  "kind": "StorageV2",
  "sku": {"name": "Standard_ZRS"},
  "properties": {"allowSharedKeyAccess": true}
}
```
```hcl
resource "azurerm_storage_account" "st" {
  name                      = "staidata"
  location                  = "swedencentral"
  resource_group_name       = "rg-ai"
  account_tier              = "Standard"
  account_replication_type  = "ZRS"
  shared_access_key_enabled = true
}
```

## Use instead
```bicep
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'staidata'
  location: 'swedencentral'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: { allowSharedKeyAccess: false }
}
```
```json
{
  "type": "Microsoft.Storage/storageAccounts",
  "apiVersion": "2023-05-01",
  "name": "staidata",
  "location": "swedencentral",
  "kind": "StorageV2",
  "sku": {"name": "Standard_ZRS"},
  "properties": {"allowSharedKeyAccess": false}
}
```
```hcl
resource "azurerm_storage_account" "st" {
  name                      = "staidata"
  location                  = "swedencentral"
  resource_group_name       = "rg-ai"
  account_tier              = "Standard"
  account_replication_type  = "ZRS"
  shared_access_key_enabled = false
}
```
For AI Search: `disableLocalAuth: true` (Terraform `local_authentication_enabled = false`).

## References
- https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
- https://learn.microsoft.com/azure/search/search-security-enable-roles
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import EdgeKind, Expr, Finding, Graph, Resource, policy
from policies.identity._common import label, shown

STORAGE = "Microsoft.Storage/storageAccounts"
SEARCH = "Microsoft.Search/searchServices"
WORKSPACES = "Microsoft.MachineLearningServices/workspaces"
AI_PREFIXES = ("microsoft.machinelearningservices/", "microsoft.cognitiveservices/")
ROLE_ASSIGNMENTS = "Microsoft.Authorization/roleAssignments"
SHARED_KEY = "properties.allowSharedKeyAccess"
LOCAL_AUTH = "properties.disableLocalAuth"


def _is_ai(resource: Resource | None) -> bool:
    return resource is not None and resource.type.lower().startswith(AI_PREFIXES)


def _ai_links(graph: Graph, store: Resource) -> bool:
    """An AI resource refers to the store (or the store to it), or is granted a role on it; dependsOn alone is not use."""
    edges = [*graph.in_edges(store, EdgeKind.REFERENCE), *graph.out_edges(store, EdgeKind.REFERENCE)]
    for edge in edges:
        other = edge.target if edge.source == store.address else edge.source
        if not edge.path.lower().startswith("dependson") and _is_ai(graph.get(other)):
            return True
    for grant in graph.sources(store, EdgeKind.SCOPE):
        if grant.is_type(ROLE_ASSIGNMENTS) and any(_is_ai(r) for r in graph.targets(grant, EdgeKind.REFERENCE)):
            return True
    return False


def _key_workspace(graph: Graph, store: Resource) -> bool | Expr:
    """The store is the default storage of a workspace that reaches it with the account key (Expr: unknown)."""
    found: bool | Expr = False
    for edge in graph.in_edges(store, EdgeKind.REFERENCE):
        ws = graph.get(edge.source)
        if ws is not None and ws.is_type(WORKSPACES) and edge.path.lower() == "properties.storageaccount":
            mode = ws.get("properties.systemDatastoresAuthMode", "accessKey")
            if isinstance(mode, Expr):
                found = mode
            elif not isinstance(mode, str) or mode.lower() != "identity":
                return True
    return found


@policy(id="IAM007", name="ai-data-store-key-access", severity="warning", doc=__doc__, guidance=("G12", "G26"))
def check(graph: Graph) -> Iterator[Finding]:
    for store in graph.of_type(STORAGE, SEARCH):
        if store.existing or not _ai_links(graph, store):
            continue
        is_storage = store.is_type(STORAGE)
        path, secure = (SHARED_KEY, False) if is_storage else (LOCAL_AUTH, True)
        value = store.get(path, not secure)
        exempt = _key_workspace(graph, store) if is_storage else False
        if isinstance(value, Expr):
            yield Finding.unknown(store, path, value, path.rsplit(".", 1)[-1])
        elif value is not secure and isinstance(exempt, Expr):
            yield Finding.unknown(store, path, exempt, "the workspace's systemDatastoresAuthMode")
        elif value is not secure and not exempt:
            state = shown(store, path, value, str(not secure).lower())
            what = "Storage account" if is_storage else "AI Search service"
            prop = path.rsplit(".", 1)[-1]
            yield Finding.at(
                store, path, f"{what} {label(store)} used by AI resources accepts keys ({prop} is {state})"
            )
