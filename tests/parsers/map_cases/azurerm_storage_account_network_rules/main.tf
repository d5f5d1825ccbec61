resource "azurerm_user_assigned_identity" "st" {
  name                = "id-st-data"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

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

resource "azurerm_storage_account" "st" {
  name                     = "staidataprod"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  account_tier             = "Standard"
  account_replication_type = "GZRS"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.st.id]
  }
}

resource "azurerm_storage_account_network_rules" "st" {
  storage_account_id         = azurerm_storage_account.st.id
  default_action             = "Deny"
  bypass                     = ["AzureServices", "Logging"]
  ip_rules                   = ["198.51.100.7"]
  virtual_network_subnet_ids = [azurerm_subnet.data.id]
}
