resource "azurerm_virtual_network" "dbw" {
  name                = "vnet-dbw"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_databricks_workspace" "dbw" {
  name                                  = "dbw-ai-prod"
  location                              = "westeurope"
  resource_group_name                   = "rg-ai"
  sku                                   = "premium"
  public_network_access_enabled         = false
  network_security_group_rules_required = "NoAzureDatabricksRules"
  customer_managed_key_enabled          = true
  managed_services_cmk_key_vault_key_id = "https://kv-ai-prod.vault.azure.net/keys/dbw-services/1a2b3c4d5e6f47089a1b2c3d4e5f6071"

  custom_parameters {
    no_public_ip        = true
    virtual_network_id  = azurerm_virtual_network.dbw.id
    public_subnet_name  = "snet-dbw-host"
    private_subnet_name = "snet-dbw-container"
  }
}
