resource "azurerm_search_service" "search" {
  name                          = "srch-ai-prod"
  location                      = "westeurope"
  resource_group_name           = "rg-ai"
  sku                           = "standard"
  replica_count                 = 3
  partition_count               = 1
  public_network_access_enabled = false
  local_authentication_enabled  = false
  semantic_search_sku           = "standard"

  identity {
    type = "SystemAssigned"
  }
}
