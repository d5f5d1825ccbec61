resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-chat-prod"
  location              = "westeurope"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-chat-prod"
}

resource "azurerm_monitor_action_group" "oncall" {
  name                = "ag-ai-oncall"
  resource_group_name = "rg-ai"
  short_name          = "aioncall"

  email_receiver {
    name          = "platform"
    email_address = "ai-platform@contoso.com"
  }
}

resource "azurerm_monitor_metric_alert" "throttling" {
  name                = "alert-aoai-throttling"
  resource_group_name = "rg-ai"
  scopes              = [azurerm_cognitive_account.aoai.id]
  description         = "Azure OpenAI requests are being throttled"
  severity            = 2
  frequency           = "PT5M"
  window_size         = "PT15M"

  criteria {
    metric_namespace = "Microsoft.CognitiveServices/accounts"
    metric_name      = "AzureOpenAIRequests"
    aggregation      = "Total"
    operator         = "GreaterThan"
    threshold        = 100
  }

  action {
    action_group_id = azurerm_monitor_action_group.oncall.id
  }
}
