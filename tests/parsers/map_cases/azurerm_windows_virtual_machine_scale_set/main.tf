resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "vm" {
  name                 = "snet-vm"
  resource_group_name  = "rg-ai"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_windows_virtual_machine_scale_set" "agents" {
  name                 = "vmss-agents"
  computer_name_prefix = "agent"
  location             = "westeurope"
  resource_group_name  = "rg-ai"
  sku                  = "Standard_D4s_v5"
  instances            = 3
  upgrade_mode         = "Automatic"
  admin_username       = "azureadmin"
  admin_password       = "P@ssw0rd-not-real-123"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }

  network_interface {
    name    = "nic"
    primary = true

    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.vm.id
    }
  }
}
