resource "azurerm_synapse_workspace" "syn" {
  name                                 = "syn-ai-prod"
  location                             = "westeurope"
  resource_group_name                  = "rg-ai"
  storage_data_lake_gen2_filesystem_id = "https://staidataprod.dfs.core.windows.net/synapse"
  managed_virtual_network_enabled      = true
  data_exfiltration_protection_enabled = true
  public_network_access_enabled        = false
  managed_resource_group_name          = "rg-syn-managed"

  identity {
    type = "SystemAssigned"
  }
}
