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

resource "azurerm_api_management_api_policy" "openai" {
  api_name            = azurerm_api_management_api.openai.name
  api_management_name = azurerm_api_management.apim.name
  resource_group_name = "rg-ai"
  xml_content         = <<XML
<policies><inbound><base /><azure-openai-token-limit tokens-per-minute="50000" counter-key="@(context.Subscription.Id)" estimate-prompt-tokens="true" /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>
XML
}
