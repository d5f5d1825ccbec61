resource "azurerm_route_table" "egress" {
  name                          = "rt-egress"
  location                      = "westeurope"
  resource_group_name           = "rg-ai"
  bgp_route_propagation_enabled = false

  route {
    name                   = "default-to-firewall"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.10.0.4"
  }
}
