resource "azurerm_application_insights" "appi" {
  name                = "appi-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  application_type    = "web"
}

resource "azurerm_key_vault" "kv" {
  name                = "kv-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_storage_account" "st" {
  name                     = "staimlprod"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_container_registry" "acr" {
  name                = "craiprod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  sku                 = "Premium"
}

resource "azurerm_machine_learning_workspace" "mlw" {
  name                    = "mlw-ai-prod"
  location                = "westeurope"
  resource_group_name     = "rg-ai"
  application_insights_id = azurerm_application_insights.appi.id
  key_vault_id            = azurerm_key_vault.kv.id
  storage_account_id      = azurerm_storage_account.st.id

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-ai-inference"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  dns_prefix          = "aksaiinf"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_inference_cluster" "inference" {
  name                          = "aks-attach"
  location                      = "westeurope"
  kubernetes_cluster_id         = azurerm_kubernetes_cluster.aks.id
  machine_learning_workspace_id = azurerm_machine_learning_workspace.mlw.id
  cluster_purpose               = "DevTest"
}
