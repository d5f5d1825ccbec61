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
  name                  = "aoai-chat-prod"
  location              = "westeurope"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-chat-prod"
}

resource "azurerm_private_dns_zone" "openai" {
  name                = "privatelink.openai.azure.com"
  resource_group_name = "rg-ai"
}

resource "azurerm_storage_account" "partner" {
  name                     = "stpartnerdrop"
  location                 = "westeurope"
  resource_group_name      = "rg-ai"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "aoai" {
  name                = "pe-aoai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "aoai"
    private_connection_resource_id = azurerm_cognitive_account.aoai.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.openai.id]
  }
}

resource "azurerm_private_endpoint" "partner" {
  name                = "pe-partner-blob"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "partner-blob"
    private_connection_resource_id = azurerm_storage_account.partner.id
    subresource_names              = ["blob"]
    is_manual_connection           = true
    request_message                = "AI platform ingestion"
  }
}
