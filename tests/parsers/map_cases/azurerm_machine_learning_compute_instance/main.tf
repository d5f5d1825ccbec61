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

resource "azurerm_machine_learning_workspace" "mlw" {
  name                    = "mlw-ai-prod"
  location                = "westeurope"
  resource_group_name     = "rg-ai"
  application_insights_id = azurerm_application_insights.appi.id
  key_vault_id            = azurerm_key_vault.kv.id
  storage_account_id      = azurerm_storage_account.st.id

  identity {
    type = "SystemAssigned"
  }
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

resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci-alice"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.mlw.id
  virtual_machine_size          = "Standard_NC4as_T4_v3"
  authorization_type            = "personal"
  subnet_resource_id            = azurerm_subnet.ml.id
  node_public_ip_enabled        = false
  local_auth_enabled            = false

  assign_to_user {
    object_id = "11111111-1111-1111-1111-111111111111"
    tenant_id = "00000000-0000-0000-0000-000000000000"
  }

  identity {
    type = "SystemAssigned"
  }

  tags = {
    "ai-function" = "eda"
  }
}
