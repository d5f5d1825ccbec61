variable "name" {
  type = string
}

resource "azurerm_key_vault" "this" {
  name                     = var.name
  purge_protection_enabled = true
}
