resource "azurerm_service_plan" "plan" {
  name                = "asp-orchestrator"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_monitor_autoscale_setting" "plan" {
  name                = "autoscale-orchestrator"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  target_resource_id  = azurerm_service_plan.plan.id

  profile {
    name = "default"

    capacity {
      default = 3
      minimum = 3
      maximum = 10
    }

    rule {
      metric_trigger {
        metric_name        = "CpuPercentage"
        metric_resource_id = azurerm_service_plan.plan.id
        time_grain         = "PT1M"
        statistic          = "Average"
        time_window        = "PT5M"
        time_aggregation   = "Average"
        operator           = "GreaterThan"
        threshold          = 70
      }

      scale_action {
        direction = "Increase"
        type      = "ChangeCount"
        value     = "1"
        cooldown  = "PT5M"
      }
    }
  }
}
