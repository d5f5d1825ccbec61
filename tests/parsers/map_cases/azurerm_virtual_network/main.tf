resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
  dns_servers         = ["10.10.0.4"]

  subnet {
    name             = "snet-compute"
    address_prefixes = ["10.10.1.0/24"]
    security_group   = azurerm_network_security_group.nsg.id
  }

  subnet {
    name             = "snet-pe"
    address_prefixes = ["10.10.2.0/24"]
  }
}
