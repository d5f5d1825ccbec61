resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_network_security_rule" "ssh" {
  name                        = "deny-ssh"
  resource_group_name         = "rg-ai"
  network_security_group_name = azurerm_network_security_group.nsg.name
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
}
