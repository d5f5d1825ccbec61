variable "parent_id" {
  type = string
}

locals {
  properties = {
    publicNetworkAccess = "Enabled"
    minimumTlsVersion   = "TLS1_2"
  }
}

resource "azapi_resource" "storage" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stjson"
  parent_id = var.parent_id
  location  = "westeurope"
  body = jsonencode({
    kind       = "StorageV2"
    sku        = { name = "Standard_LRS" }
    properties = local.properties
  })
}

resource "azapi_resource" "blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01"
  name      = "data"
  parent_id = "${azapi_resource.storage.id}/blobServices/default"
  body      = jsonencode({ properties = { publicAccess = "None" } })
}

resource "azapi_resource" "legacy" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv-legacy"
  parent_id = var.parent_id
  body      = <<-JSON
    {"properties": {"enablePurgeProtection": true, "tenantId": "t"}}
  JSON
}
