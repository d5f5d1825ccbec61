resource "azurerm_firewall_policy" "fw" {
  name                     = "afwp-ai"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  sku                      = "Premium"
  threat_intelligence_mode = "Deny"

  dns {
    proxy_enabled = true
  }

  intrusion_detection {
    mode = "Deny"
  }
}
