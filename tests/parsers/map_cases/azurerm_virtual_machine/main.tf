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

resource "azurerm_network_interface" "dsvm" {
  name                = "nic-dsvm"
  location            = "westeurope"
  resource_group_name = "rg-ai"

  ip_configuration {
    name                          = "ipconfig1"
    subnet_id                     = azurerm_subnet.vm.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_virtual_machine" "legacy" {
  name                  = "vm-legacy-train"
  location              = "westeurope"
  resource_group_name   = "rg-ai"
  vm_size               = "Standard_NC6s_v3"
  zones                 = ["2"]
  network_interface_ids = [azurerm_network_interface.dsvm.id]

  storage_image_reference {
    publisher = "microsoft-dsvm"
    offer     = "ubuntu-hpc"
    sku       = "2204"
    version   = "latest"
  }

  storage_os_disk {
    name              = "osdisk-legacy"
    caching           = "ReadWrite"
    create_option     = "FromImage"
    managed_disk_type = "Premium_LRS"
  }

  os_profile {
    computer_name  = "legacytrain"
    admin_username = "azureuser"
  }

  os_profile_linux_config {
    disable_password_authentication = true
  }
}
