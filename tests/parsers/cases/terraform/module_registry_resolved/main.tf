module "naming" {
  source  = "Azure/naming/azurerm"
  version = "0.4.3"
  suffix  = ["ai"]
}

module "kv" {
  source  = "git::https://example.com/modules/keyvault.git?ref=v1"
  name    = module.naming.key_vault_name
}
