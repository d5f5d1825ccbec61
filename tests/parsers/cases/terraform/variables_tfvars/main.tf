resource "azurerm_storage_account" "sa" {
  name                          = var.account_name
  location                      = var.location
  account_tier                  = "Standard"
  public_network_access_enabled = var.public_access
  min_tls_version               = var.tls
  tags                          = var.tags

  network_rules {
    default_action = var.network.default_action
    ip_rules       = var.network.ip_rules
  }
}
