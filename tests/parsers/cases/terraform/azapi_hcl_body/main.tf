variable "location" {
  default = "West Europe"
}

variable "local_auth" {
  default = false
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-ai"
  location = var.location
}

resource "azapi_resource" "account" {
  type      = "Microsoft.CognitiveServices/accounts@2024-10-01"
  name      = "oai-main"
  parent_id = azurerm_resource_group.rg.id
  location  = var.location
  tags      = { env = "prod" }

  body = {
    kind = "OpenAI"
    sku = {
      name = "S0"
    }
    properties = {
      publicNetworkAccess = "Disabled"
      disableLocalAuth    = !var.local_auth
      customSubDomainName = null
      networkAcls = {
        defaultAction = "Deny"
        ipRules       = [for ip in ["1.2.3.4"] : { value = ip }]
      }
    }
  }

  identity {
    type         = "SystemAssigned, UserAssigned"
    identity_ids = ["/subscriptions/000/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai"]
  }
}

resource "azapi_resource" "deployment" {
  type      = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"
  name      = "gpt-4o"
  parent_id = azapi_resource.account.id
  body = {
    sku = { name = "Standard", capacity = 10 }
    properties = {
      model = { format = "OpenAI", name = "gpt-4o", version = "2024-08-06" }
    }
  }
}

resource "azapi_resource" "lock" {
  type      = "Microsoft.Authorization/locks@2020-05-01"
  name      = "no-delete"
  parent_id = azapi_resource.account.id
  body = {
    properties = { level = "CanNotDelete" }
  }
}

resource "azapi_resource_action" "keys" {
  type        = "Microsoft.CognitiveServices/accounts@2024-10-01"
  resource_id = azapi_resource.account.id
  action      = "listKeys"
}
