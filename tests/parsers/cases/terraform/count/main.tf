variable "enabled" {
  type = bool
}

variable "names" {
  type = list(string)
}

resource "azurerm_storage_account" "two" {
  count    = 2
  name     = "sa${count.index}"
  location = "westeurope"
}

resource "azurerm_storage_account" "none" {
  count = 0
  name  = "never"
}

resource "azurerm_storage_account" "maybe" {
  count = var.enabled ? 1 : 0
  name  = "maybe"
}

resource "azurerm_storage_account" "many" {
  count = length(var.names)
  name  = var.names[count.index]
}

resource "azurerm_monitor_diagnostic_setting" "first" {
  name               = "diag"
  target_resource_id = azurerm_storage_account.two[1].id
  storage_account_id = azurerm_storage_account.maybe[0].id
}

resource "random_string" "ids" {
  count  = 2
  length = 4
  keepers = {
    all = join(",", azurerm_storage_account.two[*].name)
  }
}
