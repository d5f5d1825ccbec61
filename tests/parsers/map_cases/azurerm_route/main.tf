resource "azurerm_route_table" "egress" {
  name                = "rt-egress"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_route" "internet" {
  name                   = "internet-via-firewall"
  resource_group_name    = "rg-ai"
  route_table_name       = azurerm_route_table.egress.name
  address_prefix         = "0.0.0.0/0"
  next_hop_type          = "VirtualAppliance"
  next_hop_in_ip_address = "10.10.0.4"
}
