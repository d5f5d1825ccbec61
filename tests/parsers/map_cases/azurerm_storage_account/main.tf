resource "azurerm_user_assigned_identity" "st" {
  name                = "id-st-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_subnet" "data" {
  name                 = "snet-data"
  resource_group_name  = "rg-ai"
  virtual_network_name = "vnet-ai"
  address_prefixes     = ["10.10.2.0/24"]
}

resource "azurerm_storage_account" "st" {
  name                     = "stailakeprod"
  resource_group_name      = "rg-ai"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "ZRS"

  public_network_access_enabled   = false
  shared_access_key_enabled       = false
  allow_nested_items_to_be_public = false
  is_hns_enabled                  = true

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.st.id]
  }

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    ip_rules                   = ["203.0.113.10"]
    virtual_network_subnet_ids = [azurerm_subnet.data.id]
  }

  customer_managed_key {
    key_vault_key_id          = "https://kv-ai-prod.vault.azure.net/keys/st-cmk/0123456789abcdef0123456789abcdef"
    user_assigned_identity_id = azurerm_user_assigned_identity.st.id
  }

  tags = {
    workload = "ai"
  }
}
