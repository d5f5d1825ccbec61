resource "azurerm_disk_encryption_set" "des" {
  name                      = "des-ai"
  location                  = "westeurope"
  resource_group_name       = "rg-ai"
  key_vault_key_id          = "https://kv-ai-prod.vault.azure.net/keys/disk-cmk"
  auto_key_rotation_enabled = true

  identity {
    type = "SystemAssigned"
  }
}
