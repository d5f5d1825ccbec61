"""Resource is deployed to a region outside the allowed list.

Checks the `location` of every resource (any type, any format, including unmapped `azurerm_*`
types) against the `allowed_regions` setting, comparing lower-cased names without spaces
(`West Europe` = `westeurope`), plus the nested locations: API Management
`properties.additionalLocations[].location` (azurerm `additional_location[].location`) and ML
compute `properties.computeLocation`; container registry replicas are resources of their own
(azurerm `georeplications[].location`). `global` is always allowed, and so are the types in
`region_exempt_types`. With `allowed_regions` empty (the default) the policy is not configured
and reports nothing. A location that cannot be evaluated (`resourceGroup().location`, a
parameter without a value) gives an inconclusive result naming it, once per such region, on the
first resource that uses it.

## Why is this bad?
Data-residency and compliance rules limit the regions where data may be stored and processed;
a resource in another region moves data where it is not allowed to be (G2).

## Example
```bicep
// .aiplatform-lint.yaml: settings: {allowed_regions: [swedencentral]}
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stexample'
  location: 'eastus'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
}
```
```json
{
  "type": "Microsoft.Storage/storageAccounts",
  "apiVersion": "2023-05-01",
  "name": "stexample",
  "location": "eastus",
  "kind": "StorageV2",
  "sku": {"name": "Standard_ZRS"}
}
```
```hcl
resource "azurerm_storage_account" "st" {
  name                     = "stexample"
  location                 = "East US"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
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
```
```json
{
  "type": "Microsoft.Storage/storageAccounts",
  "apiVersion": "2023-05-01",
  "name": "stexample",
  "location": "swedencentral",
  "kind": "StorageV2",
  "sku": {"name": "Standard_ZRS"}
}
```
```hcl
resource "azurerm_storage_account" "st" {
  name                     = "stexample"
  location                 = "Sweden Central"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}
```

## References
- https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#general
- https://learn.microsoft.com/azure/reliability/regions-list
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.general._common import name_of, region

DEPLOYMENTS = "Microsoft.Resources/deployments"
NESTED = {
    "Microsoft.ApiManagement/service": "properties.additionalLocations[*].location",
    "Microsoft.MachineLearningServices/workspaces/computes": "properties.computeLocation",
}


def _locations(resource: Resource) -> Iterator[tuple[str, Any]]:
    if resource.has("location"):
        yield "location", resource.get("location")
    for type_, path in NESTED.items():
        if resource.is_type(type_):
            yield from resource.each(path)


@policy(id="GEN001", name="resource-region-not-allowed", severity="error", doc=__doc__, guidance=("G2",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    allowed = {region(r) for r in settings["allowed_regions"]} | {"global"}
    if len(allowed) == 1:
        return
    exempt = {t.lower() for t in settings["region_exempt_types"]}
    shown = "allowed: " + ", ".join(sorted(allowed - {"global"}))
    symbolic: dict[str, list[tuple[Resource, str, Expr]]] = {}
    for resource in graph:
        if resource.existing or resource.is_type(DEPLOYMENTS) or resource.type.lower() in exempt:
            continue
        for path, value in _locations(resource):
            if isinstance(value, Expr) and value.symbol is not None:
                symbolic.setdefault(value.symbol, []).append((resource, path, value))
            elif isinstance(value, Expr):
                yield Finding.unknown(resource, path, value, f"The region of {resource.type} '{name_of(resource)}'")
            elif isinstance(value, str) and region(value) not in allowed:
                message = f"{resource.type} '{name_of(resource)}' is in region '{value}', which is not allowed"
                yield Finding.at(resource, path, f"{message} ({shown})")
    for uses in symbolic.values():  # one result per unknown region, on its first use
        resource, path, value = uses[0]
        more = f" and {len(uses) - 1} more resource{'s' if len(uses) > 2 else ''}" if len(uses) > 1 else ""
        yield Finding.unknown(resource, path, value, f"The region of {resource.type} '{name_of(resource)}'{more}")
