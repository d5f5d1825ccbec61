resource "azurerm_storage_account" "sa" {
  name                          = "stdata"
  location                      = "westeurope"
  public_network_access_enabled = false
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet1"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_private_endpoint" "pe" {
  name      = "pe-sa"
  subnet_id = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "psc-blob"
    private_connection_resource_id = azurerm_storage_account.sa.id
    subresource_names              = ["blob"]
  }
}

resource "azurerm_monitor_diagnostic_setting" "sa" {
  name                       = "diag"
  target_resource_id         = azurerm_storage_account.sa.id
  log_analytics_workspace_id = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"
}

resource "azurerm_storage_container" "data" {
  name               = "data"
  storage_account_id = azurerm_storage_account.sa.id
  depends_on         = [azurerm_private_endpoint.pe]
}
