"""Machine Learning workspace or AI artifact store holding classified data is not encrypted with a customer-managed key.

Applies only when the `cmk_required_classifications` setting lists classifications
(default: none, so the policy reports nothing). In scope: resources whose
`cmk_classification_tag` tag (default `data-classification`) holds one of them, and the
storage account and container registry that such a workspace links
(`properties.storageAccount`, `properties.containerRegistry`). Checks:
`Microsoft.MachineLearningServices/workspaces` (not kind `Project`, which uses its hub's
encryption) `properties.encryption.status` `Enabled` with
`keyVaultProperties.keyVaultArmId` and `keyIdentifier`, and `properties.hbiWorkspace:
true` (absent: `false`); `Microsoft.ContainerRegistry/registries`
`properties.encryption.status` `enabled` (absent: `disabled`);
`Microsoft.Storage/storageAccounts` `properties.encryption.keySource`
`Microsoft.Keyvault` (absent: `Microsoft.Storage`); `Microsoft.Databricks/workspaces`
`properties.encryption.entities.managedServices.keySource` and `managedDisk.keySource`
`Microsoft.Keyvault`. Terraform: the `encryption` blocks and `high_business_impact`
(`high_business_impact_enabled`) of `azurerm_machine_learning_workspace` /
`azurerm_ai_foundry`, `azurerm_container_registry.encryption`,
`azurerm_storage_account.customer_managed_key` or
`azurerm_storage_account_customer_managed_key`, and the `*_cmk_key_vault_key_id`
arguments of `azurerm_databricks_workspace`.

## Why is this bad?
Training data, models, images and experiment outputs of a classified workload stay
under Microsoft-managed keys: the organisation cannot revoke access or prove key
custody, and without the high-business-impact flag the service keeps more diagnostic
data. The guidance asks for customer-managed keys where required as part of encryption
at rest of the data used on the platform (G12) and for the regional data-protection
requirements (G2).

## Example
```bicep
resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  tags: { 'data-classification': 'confidential' }
  identity: { type: 'SystemAssigned' }
  properties: { storageAccount: st.id }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "tags": {"data-classification": "confidential"},
  "identity": {"type": "SystemAssigned"},
  "properties": {"storageAccount": "[resourceId('Microsoft.Storage/storageAccounts', 'stexample')]"}
}
```
```hcl
resource "azurerm_machine_learning_workspace" "mlw" {
  name                    = "mlw-example"
  location                = "swedencentral"
  resource_group_name     = "rg-ml"
  application_insights_id = azurerm_application_insights.appi.id
  key_vault_id            = azurerm_key_vault.kv.id
  storage_account_id      = azurerm_storage_account.st.id
  tags                    = { "data-classification" = "confidential" }
  identity {
    type = "SystemAssigned"
  }
}
```

## Use instead
```bicep
resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-example'
  location: 'swedencentral'
  tags: { 'data-classification': 'confidential' }
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: st.id
    hbiWorkspace: true
    encryption: {
      status: 'Enabled'
      keyVaultProperties: { keyVaultArmId: kv.id, keyIdentifier: key.properties.keyUriWithVersion }
    }
  }
}
```
```json
{
  "type": "Microsoft.MachineLearningServices/workspaces",
  "apiVersion": "2024-04-01",
  "name": "mlw-example",
  "location": "swedencentral",
  "tags": {"data-classification": "confidential"},
  "identity": {"type": "SystemAssigned"},
  "properties": {
    "storageAccount": "[resourceId('Microsoft.Storage/storageAccounts', 'stexample')]",
    "hbiWorkspace": true,
    "encryption": {"status": "Enabled",
                   "keyVaultProperties": {"keyVaultArmId": "[resourceId('Microsoft.KeyVault/vaults', 'kv-example')]",
                                          "keyIdentifier": "https://kv-example.vault.azure.net/keys/cmk/0123"}}
  }
}
```
```hcl
resource "azurerm_machine_learning_workspace" "mlw" {
  name                    = "mlw-example"
  location                = "swedencentral"
  resource_group_name     = "rg-ml"
  application_insights_id = azurerm_application_insights.appi.id
  key_vault_id            = azurerm_key_vault.kv.id
  storage_account_id      = azurerm_storage_account.st.id
  high_business_impact    = true
  tags                    = { "data-classification" = "confidential" }
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = azurerm_key_vault.kv.id
    key_id       = azurerm_key_vault_key.cmk.id
  }
}
```
The linked storage account and registry need their own customer-managed keys as well.

## References
- https://learn.microsoft.com/azure/machine-learning/concept-customer-managed-keys
- https://learn.microsoft.com/azure/container-registry/tutorial-enable-customer-managed-keys
- https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.encryption._common import classification, key_source, label

WORKSPACES = "Microsoft.MachineLearningServices/workspaces"
REGISTRIES = "Microsoft.ContainerRegistry/registries"
STORAGE = "Microsoft.Storage/storageAccounts"
DATABRICKS = "Microsoft.Databricks/workspaces"
LINKS = ("properties.storageaccount", "properties.containerregistry")
KEYVAULT = "Microsoft.Keyvault"
DBX = "properties.encryption.entities"
# type -> [(path, wanted, service default)]
KEYS: dict[str, list[tuple[str, str, str]]] = {
    WORKSPACES: [("properties.encryption.status", "Enabled", "Disabled")],
    REGISTRIES: [("properties.encryption.status", "enabled", "disabled")],
    STORAGE: [("properties.encryption.keySource", KEYVAULT, "Microsoft.Storage")],
    DATABRICKS: [
        (f"{DBX}.managedServices.keySource", KEYVAULT, "Microsoft-managed"),
        (f"{DBX}.managedDisk.keySource", KEYVAULT, "Microsoft-managed"),
    ],
}
WHAT = {
    WORKSPACES: "ML workspace",
    REGISTRIES: "Container registry",
    STORAGE: "Storage account",
    DATABRICKS: "Databricks workspace",
}


def _scope(graph: Graph, settings: Mapping[str, Any]) -> dict[str, Any]:
    """Address -> the classification that asks for CMK (or the Expr that would decide it)."""
    scope: dict[str, Any] = {}
    for resource in graph.of_type(*KEYS):
        level = None if resource.existing else classification(resource, settings)
        if level is not None:
            scope[resource.address] = level if isinstance(level, Expr) else f"{level} data"
    for ws in graph.of_type(WORKSPACES):
        level = scope.get(ws.address)
        if isinstance(level, str) and str(ws.get("kind", "")).lower() != "project":
            for edge in graph.out_edges(ws):
                target = graph.get(edge.target)
                linked = edge.path.lower() in LINKS and target is not None and not target.existing
                if linked and not isinstance(scope.get(edge.target), str):
                    scope[edge.target] = f"{level} of workspace {label(ws)}"
    return scope


def _store(resource: Resource, level: str) -> Iterator[Finding]:
    type_ = next(t for t in KEYS if resource.is_type(t))
    name = f"{WHAT[type_]} {label(resource)} ({level})"
    for path, wanted, default in KEYS[type_]:
        value, problem = key_source(resource, path, wanted, default)
        if isinstance(value, Expr):
            yield Finding.unknown(resource, path, value, path.split(".", 1)[1])
        elif problem:
            prop = path.rsplit(".", 2)[-2] + "." + path.rsplit(".", 1)[-1]
            yield Finding.at(
                resource, path, f"{name} is not encrypted with a customer-managed key ({prop} is {problem})"
            )
    if type_ == WORKSPACES and resource.get("properties.hbiWorkspace", False) is not True:
        value = resource.get("properties.hbiWorkspace")
        if isinstance(value, Expr):
            yield Finding.unknown(resource, "properties.hbiWorkspace", value, "hbiWorkspace")
        else:
            yield Finding.at(resource, "properties.hbiWorkspace", f"{name} is not a high-business-impact workspace")


@policy(id="ENC002", name="ml-customer-managed-key-missing", severity="warning", doc=__doc__, guidance=("G12", "G2"))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for address, level in sorted(_scope(graph, settings).items()):
        resource = graph[address]
        if resource.is_type(WORKSPACES) and str(resource.get("kind", "")).lower() == "project":
            continue
        if isinstance(level, Expr):
            yield Finding.unknown(resource, "tags", level, f"the '{settings['cmk_classification_tag']}' tag")
        else:
            yield from _store(resource, level)
