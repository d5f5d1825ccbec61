resource "azurerm_monitor_action_group" "oncall" {
  name                = "ag-ai-oncall"
  resource_group_name = "rg-ai"
  short_name          = "aioncall"

  webhook_receiver {
    name        = "incident"
    service_uri = "https://incidents.contoso.com/hook"
  }

  email_receiver {
    name          = "platform"
    email_address = "ai-platform@contoso.com"
  }
}
