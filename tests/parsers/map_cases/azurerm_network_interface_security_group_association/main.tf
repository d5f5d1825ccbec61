resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "vm" {
  name                 = "snet-vm"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_network_security_group" "vm" {
  name                = "nsg-vm"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_network_interface" "dsvm" {
  name                = "nic-dsvm"
  location            = "westeurope"
  resource_group_name = "rg-ai"

  ip_configuration {
    name                          = "ipconfig1"
    subnet_id                     = azurerm_subnet.vm.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_network_interface_security_group_association" "dsvm" {
  network_interface_id      = azurerm_network_interface.dsvm.id
  network_security_group_id = azurerm_network_security_group.vm.id
}
