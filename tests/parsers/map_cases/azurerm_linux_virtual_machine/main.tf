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

resource "azurerm_linux_virtual_machine" "dsvm" {
  name                       = "vm-dsvm-gpu"
  location                   = "westeurope"
  resource_group_name        = "rg-ai"
  size                       = "Standard_NC24ads_A100_v4"
  zone                       = "1"
  admin_username             = "azureuser"
  network_interface_ids      = [azurerm_network_interface.dsvm.id]
  encryption_at_host_enabled = true
  secure_boot_enabled        = true
  vtpm_enabled               = true

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 test@example"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "microsoft-dsvm"
    offer     = "ubuntu-hpc"
    sku       = "2204"
    version   = "latest"
  }

  identity {
    type = "SystemAssigned"
  }

  tags = {
    "ai-function" = "eda"
  }
}
