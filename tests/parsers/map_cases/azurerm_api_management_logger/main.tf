resource "azurerm_api_management" "apim" {
  name                = "apim-ai-gateway"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  publisher_name      = "Contoso AI"
  publisher_email     = "ai-platform@contoso.com"
  sku_name            = "Developer_1"
}

resource "azurerm_application_insights" "appi" {
  name                = "appi-ai-gateway"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  application_type    = "web"
}

resource "azurerm_api_management_logger" "appi" {
  name                = "appi-logger"
  api_management_name = azurerm_api_management.apim.name
  resource_group_name = "rg-ai"
  resource_id         = azurerm_application_insights.appi.id

  application_insights {
    connection_string = "InstrumentationKey=55555555-5555-5555-5555-555555555555"
  }
}
