resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "data" {
  name                 = "snet-data"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_cosmosdb_account" "chat" {
  name                              = "cosmos-chat-history"
  location                          = "westeurope"
  resource_group_name               = "rg-ai"
  offer_type                        = "Standard"
  kind                              = "GlobalDocumentDB"
  public_network_access_enabled     = false
  local_authentication_disabled     = true
  is_virtual_network_filter_enabled = true
  ip_range_filter                   = ["203.0.113.9"]
  automatic_failover_enabled        = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
    zone_redundant    = true
  }

  geo_location {
    location          = "North Europe"
    failover_priority = 1
  }

  virtual_network_rule {
    id = azurerm_subnet.data.id
  }
}
