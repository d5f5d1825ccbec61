resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_application_insights" "appi" {
  name                       = "appi-ai-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-ai"
  application_type           = "web"
  workspace_id               = azurerm_log_analytics_workspace.law.id
  retention_in_days          = 90
  internet_ingestion_enabled = false
}
