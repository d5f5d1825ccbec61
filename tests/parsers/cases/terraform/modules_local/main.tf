variable "location" {
  default = "westeurope"
}

module "storage" {
  source   = "./modules/storage"
  name     = "stmain"
  location = var.location
  public   = false
}

module "replica" {
  source   = "./modules/storage"
  count    = 2
  name     = "streplica${count.index}"
  location = var.location
}

module "net" {
  source   = "./modules/network"
  for_each = { hub = "10.0.0.0/16" }
  name     = each.key
  space    = each.value
}

resource "azurerm_private_endpoint" "pe" {
  name      = "pe-storage"
  subnet_id = module.net["hub"].subnet_id

  private_service_connection {
    name                           = "psc"
    private_connection_resource_id = module.storage.id
    subresource_names              = ["blob"]
  }
}
