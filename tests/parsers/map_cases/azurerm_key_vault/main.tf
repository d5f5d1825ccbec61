resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_key_vault" "kv" {
  name                          = "kv-ai-prod"
  location                      = "westeurope"
  resource_group_name           = "rg-ai"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  public_network_access_enabled = false
  enable_rbac_authorization     = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 30

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    ip_rules                   = ["203.0.113.4"]
    virtual_network_subnet_ids = [azurerm_subnet.pe.id]
  }
}
