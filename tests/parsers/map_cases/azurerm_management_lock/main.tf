resource "azurerm_key_vault" "kv" {
  name                = "kv-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_management_lock" "kv" {
  name       = "lock-kv"
  scope      = azurerm_key_vault.kv.id
  lock_level = "CanNotDelete"
  notes      = "Holds the AI platform keys"
}
