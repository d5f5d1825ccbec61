resource "azurerm_user_assigned_identity" "app" {
  name                = "id-chat-app"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-chat-prod"
  location              = "westeurope"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-chat-prod"
}

resource "azurerm_role_assignment" "openai_user" {
  name               = "6f2b1f4e-0d2a-4c55-9c3e-2a7d4b1e8f90"
  scope              = azurerm_cognitive_account.aoai.id
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
  principal_id       = azurerm_user_assigned_identity.app.principal_id
  principal_type     = "ServicePrincipal"
}
