variable "name" {}
variable "space" {}

resource "azurerm_virtual_network" "this" {
  name          = "vnet-${var.name}"
  address_space = [var.space]
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.space, 8, 1)]
}

output "subnet_id" {
  value = azurerm_subnet.pe.id
}
