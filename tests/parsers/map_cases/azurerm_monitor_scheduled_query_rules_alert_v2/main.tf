resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
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

resource "azurerm_monitor_scheduled_query_rules_alert_v2" "errors" {
  name                 = "alert-endpoint-errors"
  location             = "westeurope"
  resource_group_name  = "rg-ai"
  scopes               = [azurerm_log_analytics_workspace.law.id]
  severity             = 1
  evaluation_frequency = "PT10M"
  window_duration      = "PT10M"

  criteria {
    query                   = "AmlOnlineEndpointTrafficLog | where ResponseCode >= 500"
    time_aggregation_method = "Count"
    operator                = "GreaterThan"
    threshold               = 5
  }

  action {
    action_groups = [azurerm_monitor_action_group.oncall.id]
  }
}
