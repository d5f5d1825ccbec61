resource "azurerm_service_plan" "plan" {
  name                   = "asp-orchestrator"
  location               = "westeurope"
  resource_group_name    = "rg-ai"
  os_type                = "Linux"
  sku_name               = "P1v3"
  worker_count           = 3
  zone_balancing_enabled = true
}
