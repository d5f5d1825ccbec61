resource "azurerm_service_plan" "plan" {
  name                   = "asp-orchestrator"
  location               = "westeurope"
  resource_group_name    = "rg-ai"
  os_type                = "Linux"
  sku_name               = "P1v3"
  worker_count           = 3
  zone_balancing_enabled = true
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "apps" {
  name                 = "snet-apps"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_storage_account" "func" {
  name                     = "stfuncingest"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_linux_function_app" "ingest" {
  name                          = "func-doc-ingest"
  location                      = "westeurope"
  resource_group_name           = "rg-ai"
  service_plan_id               = azurerm_service_plan.plan.id
  https_only                    = true
  public_network_access_enabled = false
  virtual_network_subnet_id     = azurerm_subnet.apps.id

  storage_account_name          = azurerm_storage_account.func.name
  storage_uses_managed_identity = true

  site_config {
    always_on              = true
    vnet_route_all_enabled = true

    application_stack {
      python_version = "3.11"
    }
  }

  identity {
    type = "SystemAssigned"
  }
}
