resource "azurerm_log_analytics_workspace" "law" {
  name                          = "law-ai-prod"
  location                      = "westeurope"
  resource_group_name           = "rg-ai"
  sku                           = "PerGB2018"
  retention_in_days             = 90
  internet_ingestion_enabled    = false
  internet_query_enabled        = false
  local_authentication_disabled = true
}
