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

resource "azurerm_ai_foundry" "hub" {
  name                    = "hub-ai-prod"
  location                = "westeurope"
  resource_group_name     = "rg-ai"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.appi.id
  public_network_access   = "Disabled"

  identity {
    type = "SystemAssigned"
  }

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

resource "azurerm_ai_foundry_project" "project" {
  name               = "proj-chat"
  location           = "westeurope"
  ai_services_hub_id = azurerm_ai_foundry.hub.id

  identity {
    type = "SystemAssigned"
  }

  tags = {
    workload = "chat"
  }
}
