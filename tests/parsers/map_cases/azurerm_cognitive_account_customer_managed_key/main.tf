resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-chat-prod"
  location              = "swedencentral"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-chat-prod"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_account_customer_managed_key" "cmk" {
  cognitive_account_id = azurerm_cognitive_account.aoai.id
  key_vault_key_id     = "https://kv-ai-prod.vault.azure.net/keys/aoai-cmk/9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  identity_client_id   = "33333333-3333-3333-3333-333333333333"
}
