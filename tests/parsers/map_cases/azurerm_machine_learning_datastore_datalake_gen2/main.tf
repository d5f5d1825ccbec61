resource "azurerm_application_insights" "appi" {
  name                = "appi-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  application_type    = "web"
}

resource "azurerm_key_vault" "kv" {
  name                = "kv-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_storage_account" "st" {
  name                     = "staimlprod"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_container_registry" "acr" {
  name                = "craiprod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  sku                 = "Premium"
}

resource "azurerm_machine_learning_workspace" "mlw" {
  name                    = "mlw-ai-prod"
  location                = "westeurope"
  resource_group_name     = "rg-ai"
  application_insights_id = azurerm_application_insights.appi.id
  key_vault_id            = azurerm_key_vault.kv.id
  storage_account_id      = azurerm_storage_account.st.id

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_datastore_datalake_gen2" "lake" {
  name                 = "lake"
  workspace_id         = azurerm_machine_learning_workspace.mlw.id
  storage_container_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.Storage/storageAccounts/staimlprod/blobServices/default/containers/training-data"
  tenant_id            = "00000000-0000-0000-0000-000000000000"
  client_id            = "22222222-2222-2222-2222-222222222222"
  client_secret        = "not-a-real-secret"
}
