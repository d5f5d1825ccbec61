variable "parent_id" {
  type = string
}

resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2024-05-01"
  name      = "aks1"
  parent_id = var.parent_id
  location  = "westeurope"
  body = {
    properties = {
      dnsPrefix = "aks1"
      apiServerAccessProfile = {
        enablePrivateCluster = false
      }
    }
  }
}

resource "azapi_update_resource" "private" {
  resource_id = azapi_resource.aks.id
  type        = "Microsoft.ContainerService/managedClusters@2024-05-01"
  body = {
    properties = {
      apiServerAccessProfile = {
        enablePrivateCluster = true
      }
    }
  }
}

resource "azapi_update_resource" "by_name" {
  type      = "Microsoft.ContainerService/managedClusters@2024-05-01"
  name      = "aks1"
  parent_id = var.parent_id
  body = {
    properties = {
      disableLocalAccounts = true
    }
  }
}

resource "azapi_update_resource" "elsewhere" {
  type      = "Microsoft.ContainerService/managedClusters/agentPools@2024-05-01"
  name      = "system"
  parent_id = azapi_resource.aks.id
  body = {
    properties = { count = 3 }
  }
}
