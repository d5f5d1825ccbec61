"""Container registry enables the admin user or anonymous pull.

Checks `Microsoft.ContainerRegistry/registries`: `properties.adminUserEnabled` and
`properties.anonymousPullEnabled` must not be `true`. Both default to `false` when
absent (service and azurerm `admin_enabled` / `anonymous_pull_enabled`), so only an
explicit `true` (or an unknown value) is reported.

## Why is this bad?
The admin user is one shared username/password pair with push and pull rights on every
repository; anonymous pull lets anyone who reaches the registry download its images,
including model-serving images. The guidance asks for identity-based access and RBAC
on the central repositories of container images (G12, G26).

## Example
```bicep
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crexample'
  location: 'swedencentral'
  sku: { name: 'Premium' }
  properties: {
    adminUserEnabled: true
    anonymousPullEnabled: true
  }
}
```
```json
{
  "type": "Microsoft.ContainerRegistry/registries",
  "apiVersion": "2023-07-01",
  "name": "crexample",
  "location": "swedencentral",
  "sku": {"name": "Premium"},
  "properties": {"adminUserEnabled": true, "anonymousPullEnabled": true}
}
```
```hcl
resource "azurerm_container_registry" "acr" {
  name                   = "crexample"
  location               = "swedencentral"
  resource_group_name    = "rg-ai"
  sku                    = "Premium"
  admin_enabled          = true
  anonymous_pull_enabled = true
}
```

## Use instead
```bicep
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crexample'
  location: 'swedencentral'
  sku: { name: 'Premium' }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
  }
}
```
```json
{
  "type": "Microsoft.ContainerRegistry/registries",
  "apiVersion": "2023-07-01",
  "name": "crexample",
  "location": "swedencentral",
  "sku": {"name": "Premium"},
  "properties": {"adminUserEnabled": false, "anonymousPullEnabled": false}
}
```
```hcl
resource "azurerm_container_registry" "acr" {
  name                   = "crexample"
  location               = "swedencentral"
  resource_group_name    = "rg-ai"
  sku                    = "Premium"
  admin_enabled          = false
  anonymous_pull_enabled = false
}
```
Grant pulls to managed identities with the `AcrPull` role instead.

## References
- https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account
- https://learn.microsoft.com/azure/container-registry/anonymous-pull-access
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import Expr, Finding, Graph, policy
from policies.identity._common import label

REGISTRIES = "Microsoft.ContainerRegistry/registries"
FLAGS = (
    ("properties.adminUserEnabled", "adminUserEnabled", "has the admin user enabled"),
    ("properties.anonymousPullEnabled", "anonymousPullEnabled", "allows anonymous pull"),
)


@policy(
    id="IAM005",
    name="container-registry-admin-user-or-anonymous-pull",
    severity="error",
    doc=__doc__,
    guidance=("G12", "G26"),
)
def check(graph: Graph) -> Iterator[Finding]:
    for registry in graph.of_type(REGISTRIES):
        if registry.existing:
            continue
        for path, prop, problem in FLAGS:
            value = registry.get(path, False)
            if isinstance(value, Expr):
                yield Finding.unknown(registry, path, value, prop)
            elif value is True:
                yield Finding.at(registry, path, f"Container registry {label(registry)} {problem} ({prop} is true)")
