resource "azurerm_nat_gateway" "egress" {
  name                = "ng-ai-egress"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  zones               = ["1"]
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_subnet_nat_gateway_association" "compute" {
  subnet_id      = azurerm_subnet.compute.id
  nat_gateway_id = azurerm_nat_gateway.egress.id
}
