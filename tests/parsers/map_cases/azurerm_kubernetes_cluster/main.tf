resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "aks" {
  name                 = "snet-aks"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.8.0/22"]
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                      = "aks-ai-prod"
  location                  = "westeurope"
  resource_group_name       = "rg-ai"
  dns_prefix                = "aksaiprod"
  kubernetes_version        = "1.30"
  sku_tier                  = "Standard"
  private_cluster_enabled   = true
  local_account_disabled    = true
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  cost_analysis_enabled     = true
  automatic_upgrade_channel = "patch"

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4s_v5"
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    zones                        = ["1", "2", "3"]
    vnet_subnet_id               = azurerm_subnet.aks.id
    only_critical_addons_enabled = true
    host_encryption_enabled      = true
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "cilium"
    outbound_type       = "userDefinedRouting"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
    tenant_id          = "00000000-0000-0000-0000-000000000000"
  }

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id
  }

  monitor_metrics {}

  tags = {
    criticality = "high"
  }
}
