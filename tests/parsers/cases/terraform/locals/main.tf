variable "env" {
  default = "prod"
}

locals {
  prefix   = "ai-${var.env}"
  regions  = ["westeurope", "northeurope"]
  settings = { for r in local.regions : r => upper(substr(r, 0, 4)) }
  enabled  = contains(local.regions, "westeurope") && length(local.regions) == 2
  tags = merge({ env = var.env }, {
    owner = format("%s-%03d", "team", 7)
    codes = join(",", values(local.settings))
  })
  name = lower(replace("${local.prefix}-Workspace", "-", ""))
}

resource "azurerm_key_vault" "kv" {
  name                     = local.name
  location                 = local.regions[0]
  purge_protection_enabled = local.enabled ? true : false
  tags                     = local.tags
}
