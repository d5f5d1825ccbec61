resource "azurerm_nat_gateway" "egress" {
  name                    = "ng-ai-egress"
  location                = "westeurope"
  resource_group_name     = "rg-ai"
  sku_name                = "Standard"
  idle_timeout_in_minutes = 10
  zones                   = ["1"]
}
