resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "apim" {
  name                 = "snet-apim"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.4.0/24"]
}

resource "azurerm_api_management" "apim" {
  name                 = "apim-ai-gateway"
  location             = "westeurope"
  resource_group_name  = "rg-ai"
  publisher_name       = "Contoso AI"
  publisher_email      = "ai-platform@contoso.com"
  sku_name             = "Premium_2"
  zones                = ["1", "2"]
  virtual_network_type = "Internal"

  virtual_network_configuration {
    subnet_id = azurerm_subnet.apim.id
  }

  additional_location {
    location = "North Europe"
    zones    = ["1", "2", "3"]
  }

  security {
    frontend_tls10_enabled = false
    frontend_tls11_enabled = false
    backend_ssl30_enabled  = false
  }

  identity {
    type = "SystemAssigned"
  }
}
