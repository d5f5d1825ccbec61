resource "azurerm_resource_group" "rg" {
  name     = "rg-ai"
  location = "Sweden Central"

  tags = {
    environment   = "prod"
    "cost-center" = "ai-platform"
  }
}
