param vnetRg string = 'network-rg'

resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' existing = {
  name: 'hub-vnet'
  scope: resourceGroup(vnetRg)
}

resource subnet 'Microsoft.Network/virtualNetworks/subnets@2023-05-01' existing = {
  parent: vnet
  name: 'default'
}

resource law 'Microsoft.OperationalInsights/workspaces@2022-10-01' existing = {
  name: 'central-law'
}

resource nic 'Microsoft.Network/networkInterfaces@2023-05-01' = {
  name: 'nic-1'
  location: vnet.location
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          subnet: {
            id: subnet.id
          }
          privateIPAllocationMethod: 'Dynamic'
        }
      }
    ]
    dnsSettings: {
      dnsServers: vnet.properties.dhcpOptions.dnsServers
    }
  }
}

resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-law'
  scope: nic
  properties: {
    workspaceId: law.id
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}
