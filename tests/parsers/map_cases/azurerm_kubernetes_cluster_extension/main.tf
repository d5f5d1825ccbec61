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

resource "azurerm_kubernetes_cluster_extension" "aml" {
  name              = "azureml"
  cluster_id        = azurerm_kubernetes_cluster.aks.id
  extension_type    = "Microsoft.AzureML.Kubernetes"
  release_train     = "stable"
  release_namespace = "azureml"

  configuration_settings = {
    enableInference            = "True"
    allowInsecureConnections   = "False"
    sslCname                   = "inference.contoso.com"
    inferenceRouterServiceType = "LoadBalancer"
  }

  configuration_protected_settings = {
    sslCertPemFile = "cert-pem"
    sslKeyPemFile  = "key-pem"
  }
}
