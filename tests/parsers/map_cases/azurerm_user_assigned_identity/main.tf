resource "azurerm_user_assigned_identity" "app" {
  name                = "id-chat-app"
  location            = "westeurope"
  resource_group_name = "rg-ai"

  tags = {
    workload = "chat"
  }
}
