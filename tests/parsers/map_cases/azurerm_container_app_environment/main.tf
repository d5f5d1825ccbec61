resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "cae" {
  name                 = "snet-cae"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.16.0/23"]
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_container_app_environment" "env" {
  name                           = "cae-ai"
  location                       = "westeurope"
  resource_group_name            = "rg-ai"
  log_analytics_workspace_id     = azurerm_log_analytics_workspace.law.id
  infrastructure_subnet_id       = azurerm_subnet.cae.id
  internal_load_balancer_enabled = true
  zone_redundancy_enabled        = true

  workload_profile {
    name                  = "gpu"
    workload_profile_type = "NC24-A100"
    minimum_count         = 0
    maximum_count         = 2
  }
}
