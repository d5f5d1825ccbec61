resource "azurerm_user_assigned_identity" "st" {
  name                = "id-st-data"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_storage_account" "st" {
  name                     = "staidataprod"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  account_tier             = "Standard"
  account_replication_type = "GZRS"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.st.id]
  }
}

resource "azurerm_storage_account_customer_managed_key" "st" {
  storage_account_id        = azurerm_storage_account.st.id
  key_vault_uri             = "https://kv-ai-prod.vault.azure.net/"
  key_name                  = "st-cmk"
  user_assigned_identity_id = azurerm_user_assigned_identity.st.id
}
