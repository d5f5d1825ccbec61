resource "azurerm_public_ip" "fw" {
  name                = "pip-fw"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  allocation_method   = "Static"
  zones               = ["1", "2", "3"]
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "fw" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.0.0/26"]
}

resource "azurerm_firewall_policy" "fw" {
  name                = "afwp-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_firewall" "fw" {
  name                = "afw-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Premium"
  firewall_policy_id  = azurerm_firewall_policy.fw.id
  zones               = ["1", "2", "3"]

  ip_configuration {
    name                 = "ipconfig"
    subnet_id            = azurerm_subnet.fw.id
    public_ip_address_id = azurerm_public_ip.fw.id
  }
}
