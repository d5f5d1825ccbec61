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

resource "azurerm_synapse_spark_pool" "ml" {
  name                 = "sparkml"
  synapse_workspace_id = azurerm_synapse_workspace.syn.id
  node_size_family     = "MemoryOptimized"
  node_size            = "Medium"
  spark_version        = "3.4"

  auto_scale {
    min_node_count = 3
    max_node_count = 10
  }

  auto_pause {
    delay_in_minutes = 15
  }
}
