variable "policies" {
  default = [
    { object_id = "aaaa" },
    { object_id = "bbbb" },
  ]
}

variable "unknown_subnets" {
  type = list(object({ name = string, prefix = string }))
}

resource "azurerm_key_vault" "kv" {
  name = "kv1"

  dynamic "access_policy" {
    for_each = var.policies
    iterator = p
    content {
      object_id = p.value.object_id
    }
  }
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet1"
  address_space = ["10.0.0.0/16"]

  subnet {
    name             = "fixed"
    address_prefixes = ["10.0.0.0/24"]
  }

  dynamic "subnet" {
    for_each = var.unknown_subnets
    content {
      name             = subnet.value.name
      address_prefixes = [subnet.value.prefix]
    }
  }
}
