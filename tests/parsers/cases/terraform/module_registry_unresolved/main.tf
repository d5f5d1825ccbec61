module "naming" {
  source  = "Azure/naming/azurerm"
  version = "0.4.3"
}

resource "azurerm_storage_account" "sa" {
  name = module.naming.storage_account.name_unique
}
