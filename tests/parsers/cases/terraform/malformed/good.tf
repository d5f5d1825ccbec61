resource "azurerm_storage_account" "ok" {
  name = "stok"
}
