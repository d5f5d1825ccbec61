resource "azurerm_key_vault" "kv" {
  name                      = "kv-ai-prod"
  location                  = "westeurope"
  resource_group_name       = "rg-ai"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "premium"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "aoai-cmk"
  key_vault_id = azurerm_key_vault.kv.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["unwrapKey", "wrapKey"]
}
