data "azurerm_resource_group" "rg" {
  name = "rg-existing"
}

data "azurerm_key_vault" "shared" {
  name                = "kv-shared"
  resource_group_name = data.azurerm_resource_group.rg.name
}

data "azurerm_client_config" "current" {}

resource "azurerm_storage_account" "sa" {
  name     = "st${data.azurerm_resource_group.rg.name}"
  location = data.azurerm_resource_group.rg.location
  tags = {
    tenant = data.azurerm_client_config.current.tenant_id
    vault  = data.azurerm_key_vault.shared.id
  }
}

resource "azurerm_key_vault" "kv" {
  name     = "kv-new"
  location = data.azurerm_resource_group.rg.location
}
