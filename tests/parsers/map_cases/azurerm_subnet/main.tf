resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "apps" {
  name                            = "snet-apps"
  resource_group_name             = "rg-ai"
  virtual_network_name            = azurerm_virtual_network.vnet.name
  address_prefixes                = ["10.10.6.0/24", "10.10.7.0/24"]
  service_endpoints               = ["Microsoft.Storage", "Microsoft.KeyVault"]
  default_outbound_access_enabled = false

  delegation {
    name = "webapps"

    service_delegation {
      name    = "Microsoft.Web/serverFarms"
      actions = ["Microsoft.Network/virtualNetworks/subnets/action"]
    }
  }
}

resource "azurerm_subnet" "pe" {
  name                              = "snet-pe"
  resource_group_name               = "rg-ai"
  virtual_network_name              = azurerm_virtual_network.vnet.name
  address_prefixes                  = ["10.10.2.0/24"]
  private_endpoint_network_policies = "Enabled"
}
