variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "public" {
  type    = bool
  default = true
}

resource "azurerm_storage_account" "this" {
  name                          = var.name
  location                      = var.location
  public_network_access_enabled = var.public
}

output "id" {
  value = azurerm_storage_account.this.id
}

output "name" {
  value = azurerm_storage_account.this.name
}
