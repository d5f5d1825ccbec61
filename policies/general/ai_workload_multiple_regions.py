"""Resources of one AI workload are spread over more than one region.

Builds the connected AI workload from references, parents and scopes: ML workspaces (hubs,
projects) with their storage account, key vault, container registry, Application Insights,
computes, endpoints and connections; AKS clusters attached as compute; Azure OpenAI / AI Services
accounts and their children; AI Search; API Management with its backends. Every `location` (and ML
compute `properties.computeLocation`) in the component must name the same region, compared
lower-cased without spaces. Symbolic regions compare by identity: two resources at
`resourceGroup().location` (or at the same unset parameter) are in the same region; a literal
region against a symbolic one, or two different symbols, gives an inconclusive result.
Not compared: `global`, container registry replicas, the types in `region_exempt_types`, and
resources tagged with `colocation_exempt_tag` (default `dr-role=secondary`).

## Why is this bad?
Every call between a workspace and its storage, registry, model endpoint or gateway that
crosses regions adds latency and egress cost, and makes the design harder to run and
recover; the guidance asks to deploy related resources in the same region (G5).

## Example
```bicep
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stexample'
  location: 'eastus'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
}
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: { storageAccount: st.id }
}
```
```json
[
  {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "stexample",
   "location": "eastus", "kind": "StorageV2", "sku": {"name": "Standard_ZRS"}},
  {"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-04-01", "name": "mlw-example",
   "location": "swedencentral",
   "properties": {"storageAccount": "[resourceId('Microsoft.Storage/storageAccounts', 'stexample')]"}}
]
```
```hcl
resource "azurerm_storage_account" "st" {
  name                     = "stexample"
  location                 = "East US"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
resource "azurerm_machine_learning_workspace" "ws" {
  name               = "mlw-example"
  location           = "Sweden Central"
  storage_account_id = azurerm_storage_account.st.id
}
```

## Use instead
```bicep
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stexample'
  location: 'swedencentral'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
}
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  properties: { storageAccount: st.id }
}
```
```json
[
  {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "stexample",
   "location": "swedencentral", "kind": "StorageV2", "sku": {"name": "Standard_ZRS"}},
  {"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-04-01", "name": "mlw-example",
   "location": "swedencentral",
   "properties": {"storageAccount": "[resourceId('Microsoft.Storage/storageAccounts', 'stexample')]"}}
]
```
```hcl
resource "azurerm_storage_account" "st" {
  name                     = "stexample"
  location                 = "Sweden Central"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
resource "azurerm_machine_learning_workspace" "ws" {
  name               = "mlw-example"
  location           = "Sweden Central"
  storage_account_id = azurerm_storage_account.st.id
}
```

## References
- https://learn.microsoft.com/azure/well-architected/ai/application-platform
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies._common import has_tag_value
from policies.general._common import component, name_of, region_key

COMPUTES = "Microsoft.MachineLearningServices/workspaces/computes"
COMPUTE_LOCATION = "properties.computeLocation"
ANCHORS = (
    "Microsoft.MachineLearningServices/workspaces",
    "Microsoft.CognitiveServices/accounts",
)


def _regions(resource: Resource) -> Iterator[tuple[str, Any]]:
    if resource.has("location"):
        yield "location", resource.get("location")
    if resource.is_type(COMPUTES) and not isinstance(resource.get("properties"), Expr):
        if resource.has(COMPUTE_LOCATION):
            yield COMPUTE_LOCATION, resource.get(COMPUTE_LOCATION)


def _label(resource: Resource) -> str:
    return f"{resource.type} '{name_of(resource)}'"


@policy(id="GEN002", name="ai-workload-multiple-regions", severity="warning", doc=__doc__, guidance=("G5",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    exempt_types = {t.lower() for t in settings["region_exempt_types"]}
    exempt_tag = settings["colocation_exempt_tag"]
    for members in component(graph, ANCHORS):
        placed: list[tuple[Resource, str, Any, Any]] = []  # resource, path, value, key (None: unknown)
        for resource in members:
            exempt = resource.type.lower() in exempt_types or has_tag_value(resource, exempt_tag) is True
            if resource.existing or exempt:
                continue
            for path, value in _regions(resource):
                key = region_key(value)
                if key != ("literal", "global"):
                    placed.append((resource, path, value, key))
        anchors = [p for t in ANCHORS for p in placed if p[3] is not None and p[0].is_type(t)]
        known = anchors or [p for p in placed if p[3] is not None]
        if not known:
            continue
        ref, _, ref_value, ref_key = known[0]
        for resource, path, value, key in placed:
            if key == ref_key:
                continue
            what = f"Whether {_label(resource)} shares the region of {_label(ref)}"
            tagged = has_tag_value(resource, exempt_tag)
            if key is None:
                yield Finding.unknown(resource, path, value, what)
            elif isinstance(tagged, Expr):
                yield Finding.unknown(resource, "tags", tagged, what)
            elif key[0] == "literal" and ref_key[0] == "literal":
                message = f"{_label(resource)} is in '{value}' while {_label(ref)} of the same AI workload is in"
                yield Finding.at(resource, path, f"{message} '{ref_value}'")
            else:
                yield Finding.unknown(resource, path, value if key[0] == "symbol" else ref_value, what)
