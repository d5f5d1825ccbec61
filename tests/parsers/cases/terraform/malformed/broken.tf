resource "azurerm_key_vault" "before" {
  name = "kv-before"
}

resource "azurerm_key_vault" "broken" {
  name     = "kv-broken"
  location = 
}

resource "azurerm_key_vault" "after" {
  name = "kv-after"
}
