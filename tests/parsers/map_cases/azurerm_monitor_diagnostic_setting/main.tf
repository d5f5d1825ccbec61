resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-ai-prod"
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

resource "azurerm_monitor_diagnostic_setting" "aoai" {
  name                       = "diag-aoai"
  target_resource_id         = azurerm_cognitive_account.aoai.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id

  enabled_log {
    category = "Audit"
  }

  enabled_log {
    category = "RequestResponse"
  }

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
