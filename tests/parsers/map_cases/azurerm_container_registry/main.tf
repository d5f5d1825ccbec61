resource "azurerm_user_assigned_identity" "acr" {
  name                = "id-acr"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_container_registry" "acr" {
  name                          = "craiprod"
  location                      = "westeurope"
  resource_group_name           = "rg-ai"
  sku                           = "Premium"
  public_network_access_enabled = false
  anonymous_pull_enabled        = false
  zone_redundancy_enabled       = true
  data_endpoint_enabled         = true

  network_rule_set {
    default_action = "Deny"

    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.acr.id]
  }

  encryption {
    key_vault_key_id   = "https://kv-ai-prod.vault.azure.net/keys/acr-cmk"
    identity_client_id = "44444444-4444-4444-4444-444444444444"
  }

  georeplications {
    location                = "North Europe"
    zone_redundancy_enabled = true
  }

  georeplications {
    location = "swedencentral"
    tags = {
      "dr-role" = "secondary"
    }
  }
}
