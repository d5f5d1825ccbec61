resource "azurerm_ai_services" "ais" {
  name                  = "ais-foundry-prod"
  location              = "eastus2"
  resource_group_name   = "rg-ai"
  sku_name              = "S0"
  custom_subdomain_name = "ais-foundry-prod"
  public_network_access = "Disabled"

  network_acls {
    default_action = "Deny"
  }

  identity {
    type = "SystemAssigned"
  }
}
