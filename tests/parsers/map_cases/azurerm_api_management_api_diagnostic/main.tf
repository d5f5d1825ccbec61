resource "azurerm_api_management" "apim" {
  name                = "apim-ai-gateway"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  publisher_name      = "Contoso AI"
  publisher_email     = "ai-platform@contoso.com"
  sku_name            = "Developer_1"
}

resource "azurerm_api_management_api" "openai" {
  name                = "azure-openai"
  resource_group_name = "rg-ai"
  api_management_name = azurerm_api_management.apim.name
  revision            = "1"
  display_name        = "Azure OpenAI"
  path                = "openai"
  protocols           = ["https"]
  service_url         = "https://aoai-chat-prod.openai.azure.com/openai"
}

resource "azurerm_api_management_logger" "appi" {
  name                = "appi-logger"
  api_management_name = azurerm_api_management.apim.name
  resource_group_name = "rg-ai"

  application_insights {
    instrumentation_key = "55555555-5555-5555-5555-555555555555"
  }
}

resource "azurerm_api_management_api_diagnostic" "openai" {
  identifier               = "applicationinsights"
  resource_group_name      = "rg-ai"
  api_management_name      = azurerm_api_management.apim.name
  api_name                 = azurerm_api_management_api.openai.name
  api_management_logger_id = azurerm_api_management_logger.appi.id
  sampling_percentage      = 100
  always_log_errors        = true
  verbosity                = "information"
}
