resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "cae" {
  name                 = "snet-cae"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.16.0/23"]
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "law-ai-prod"
  location            = "westeurope"
  resource_group_name = "rg-ai"
}

resource "azurerm_container_app_environment" "env" {
  name                           = "cae-ai"
  location                       = "westeurope"
  resource_group_name            = "rg-ai"
  log_analytics_workspace_id     = azurerm_log_analytics_workspace.law.id
  infrastructure_subnet_id       = azurerm_subnet.cae.id
  internal_load_balancer_enabled = true
  zone_redundancy_enabled        = true

  workload_profile {
    name                  = "gpu"
    workload_profile_type = "NC24-A100"
    minimum_count         = 0
    maximum_count         = 2
  }
}

resource "azurerm_container_app" "inference" {
  name                         = "ca-llm-inference"
  container_app_environment_id = azurerm_container_app_environment.env.id
  resource_group_name          = "rg-ai"
  revision_mode                = "Single"
  workload_profile_name        = "gpu"

  ingress {
    external_enabled = false
    target_port      = 8080

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    min_replicas = 1
    max_replicas = 4

    container {
      name   = "vllm"
      image  = "craiprod.azurecr.io/llm/vllm@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
      cpu    = 24
      memory = "220Gi"
    }

    http_scale_rule {
      name                = "http-concurrency"
      concurrent_requests = "20"
    }
  }

  identity {
    type = "SystemAssigned"
  }
}
