resource "azurerm_api_management" "apim" {
  name                = "apim-ai-gateway"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  publisher_name      = "Contoso AI"
  publisher_email     = "ai-platform@contoso.com"
  sku_name            = "Developer_1"
}

resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-chat-prod"
  location              = "swedencentral"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-chat-prod"
}

resource "azurerm_api_management_backend" "aoai" {
  name                = "aoai-swedencentral"
  resource_group_name = "rg-ai"
  api_management_name = azurerm_api_management.apim.name
  protocol            = "http"
  url                 = "https://aoai-chat-prod.openai.azure.com/openai"
  resource_id         = "https://management.azure.com${azurerm_cognitive_account.aoai.id}"

  tls {
    validate_certificate_chain = true
    validate_certificate_name  = true
  }
}
