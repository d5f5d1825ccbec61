output "first" {
  value = azurerm_storage_account.sa[0].name
}
