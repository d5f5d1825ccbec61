resource "azurerm_private_dns_zone" "openai" {
  name                = "privatelink.openai.azure.com"
  resource_group_name = "rg-ai"

  tags = {
    workload = "ai"
  }
}
