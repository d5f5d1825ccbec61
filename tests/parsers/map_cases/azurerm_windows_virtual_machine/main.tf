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

resource "azurerm_windows_virtual_machine" "jump" {
  name                  = "vm-jump"
  location              = "westeurope"
  resource_group_name   = "rg-ai"
  size                  = "Standard_D4s_v5"
  computer_name         = "jumpbox"
  admin_username        = "azureadmin"
  admin_password        = "P@ssw0rd-not-real-123"
  priority              = "Spot"
  eviction_policy       = "Deallocate"
  max_bid_price         = -1
  network_interface_ids = [azurerm_network_interface.dsvm.id]

  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "StandardSSD_LRS"
    disk_encryption_set_id = azurerm_disk_encryption_set.des.id
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}

resource "azurerm_disk_encryption_set" "des" {
  name                = "des-ai"
  location            = "westeurope"
  resource_group_name = "rg-ai"
  key_vault_key_id    = "https://kv-ai-prod.vault.azure.net/keys/disk-cmk"

  identity {
    type = "SystemAssigned"
  }
}
