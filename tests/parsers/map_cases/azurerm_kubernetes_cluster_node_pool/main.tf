resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  dns_prefix          = "aksaiprod"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  auto_scaling_enabled  = true
  min_count             = 0
  max_count             = 3
  zones                 = ["1", "2"]
  gpu_instance          = "MIG1g"
  node_taints           = ["sku=gpu:NoSchedule"]
  node_labels = {
    "ai-function" = "inference"
  }

  tags = {
    "ai-function" = "inference"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "spot" {
  name                  = "spot"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC4as_T4_v3"
  node_count            = 1
  priority              = "Spot"
  eviction_policy       = "Delete"
  spot_max_price        = -1
  enable_node_public_ip = false
  node_taints           = ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"]
}
