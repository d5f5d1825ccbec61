resource "azurerm_api_management" "apim" {
  name                = "apim-ai-gateway"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  publisher_name      = "Contoso AI"
  publisher_email     = "ai-platform@contoso.com"
  sku_name            = "Developer_1"
}

resource "azurerm_api_management_policy" "global" {
  api_management_id = azurerm_api_management.apim.id
  xml_content       = "<policies><inbound><llm-emit-token-metric><dimension name=\"Subscription ID\" /></llm-emit-token-metric></inbound></policies>"
}
