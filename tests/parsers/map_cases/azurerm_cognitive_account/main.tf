resource "azurerm_user_assigned_identity" "aoai" {
  name                = "id-aoai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

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

resource "azurerm_cognitive_account" "aoai" {
  name                               = "aoai-chat-prod"
  location                           = "swedencentral"
  resource_group_name                = "rg-ai"
  kind                               = "OpenAI"
  sku_name                           = "S0"
  custom_subdomain_name              = "aoai-chat-prod"
  public_network_access_enabled      = false
  local_auth_enabled                 = false
  outbound_network_access_restricted = true
  fqdns                              = ["contoso.blob.core.windows.net"]

  network_acls {
    default_action = "Deny"
    bypass         = "None"
    ip_rules       = ["203.0.113.0/28"]

    virtual_network_rules {
      subnet_id = azurerm_subnet.pe.id
    }
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aoai.id]
  }

  customer_managed_key {
    key_vault_key_id   = "https://kv-ai-prod.vault.azure.net/keys/aoai-cmk/9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    identity_client_id = "33333333-3333-3333-3333-333333333333"
  }

  tags = {
    "ai-function" = "inference"
  }
}
