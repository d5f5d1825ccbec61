resource "azurerm_cognitive_account" "aoai" {
  name                  = "aoai-chat-prod"
  location              = "swedencentral"
  resource_group_name   = "rg-ai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "aoai-chat-prod"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_deployment" "gpt" {
  name                   = "gpt-4o"
  cognitive_account_id   = azurerm_cognitive_account.aoai.id
  version_upgrade_option = "NoAutoUpgrade"
  rai_policy_name        = "Microsoft.DefaultV2"

  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-11-20"
  }

  sku {
    name     = "DataZoneStandard"
    capacity = 50
  }
}

resource "azurerm_cognitive_deployment" "embeddings" {
  name                 = "text-embedding-3-large"
  cognitive_account_id = azurerm_cognitive_account.aoai.id

  model {
    format = "OpenAI"
    name   = "text-embedding-3-large"
  }

  sku {
    name = "GlobalStandard"
  }
}
