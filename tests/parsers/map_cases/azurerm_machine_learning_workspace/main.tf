resource "azurerm_application_insights" "appi" {
  name                = "appi-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  application_type    = "web"
}

resource "azurerm_key_vault" "kv" {
  name                = "kv-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_storage_account" "st" {
  name                     = "staimlprod"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_container_registry" "acr" {
  name                = "craiprod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  sku                 = "Premium"
}

resource "azurerm_user_assigned_identity" "mlw" {
  name                = "id-mlw-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "ml" {
  name                 = "snet-ml"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_machine_learning_workspace" "mlw" {
  name                           = "mlw-ai-prod"
  location                       = "West Europe"
  resource_group_name            = "rg-ai"
  application_insights_id        = azurerm_application_insights.appi.id
  key_vault_id                   = azurerm_key_vault.kv.id
  storage_account_id             = azurerm_storage_account.st.id
  container_registry_id          = azurerm_container_registry.acr.id
  public_network_access_enabled  = false
  high_business_impact           = true
  primary_user_assigned_identity = azurerm_user_assigned_identity.mlw.id

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.mlw.id]
  }

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }

  serverless_compute {
    subnet_id = azurerm_subnet.ml.id
  }

  encryption {
    key_vault_id              = azurerm_key_vault.kv.id
    key_id                    = "https://kv-ai-prod.vault.azure.net/keys/mlw-cmk/5d2a9c1e0f8b4a7d9e6c3b2a1f0e9d8c"
    user_assigned_identity_id = azurerm_user_assigned_identity.mlw.id
  }

  tags = {
    workload    = "ai"
    environment = "prod"
  }
}
