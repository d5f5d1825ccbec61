variable "accounts" {
  default = {
    logs = { tier = "Standard", public = false }
    data = { tier = "Premium", public = true }
  }
}

resource "azurerm_storage_account" "sa" {
  for_each                      = var.accounts
  name                          = "st${each.key}"
  account_tier                  = each.value.tier
  public_network_access_enabled = each.value.public
}

resource "azurerm_storage_container" "c" {
  for_each           = toset(["raw", "curated"])
  name               = each.value
  storage_account_id = azurerm_storage_account.sa["data"].id
}

resource "azurerm_monitor_diagnostic_setting" "d" {
  for_each           = azurerm_storage_account.sa
  name               = "diag-${each.key}"
  target_resource_id = each.value.id
}

output "names" {
  value = [for sa in azurerm_storage_account.sa : sa.name]
}
