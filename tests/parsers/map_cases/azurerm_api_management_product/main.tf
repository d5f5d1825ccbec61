resource "azurerm_api_management" "apim" {
  name                = "apim-ai-gateway"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  publisher_name      = "Contoso AI"
  publisher_email     = "ai-platform@contoso.com"
  sku_name            = "Developer_1"
}

resource "azurerm_api_management_product" "ai" {
  product_id            = "ai-consumers"
  api_management_name   = azurerm_api_management.apim.name
  resource_group_name   = "rg-ai"
  display_name          = "AI consumers"
  subscription_required = true
  approval_required     = true
  published             = true
}
