resource "azurerm_public_ip" "fw" {
  name                = "pip-fw"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  allocation_method   = "Static"
  zones               = ["1", "2", "3"]
  domain_name_label   = "ai-gateway-prod"
}
