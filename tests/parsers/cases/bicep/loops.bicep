param names array = [
  'alpha'
  'beta'
]
param unknownList array
param enabledFlags array = [
  true
  false
  true
]

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = [for name in names: {
  name: 'st${name}'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}]

resource ranged 'Microsoft.Network/publicIPAddresses@2023-05-01' = [for i in range(0, 3): {
  name: 'pip-${i}'
  location: 'westeurope'
}]

resource indexed 'Microsoft.Network/networkSecurityGroups@2023-05-01' = [for (name, i) in names: {
  name: 'nsg-${i}-${name}'
  location: 'westeurope'
}]

resource filtered 'Microsoft.Network/routeTables@2023-05-01' = [for (flag, i) in enabledFlags: if (flag) {
  name: 'rt-${i}'
  location: 'westeurope'
}]

resource many 'Microsoft.Network/privateDnsZones@2020-06-01' = [for zone in unknownList: {
  name: zone
  location: 'global'
}]

resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: 'vnet-loops'
  location: 'westeurope'
  properties: {
    subnets: [for (name, i) in names: {
      name: name
      properties: {
        addressPrefix: '10.0.${i}.0/24'
        networkSecurityGroup: {
          id: indexed[i].id
        }
      }
    }]
  }
}

output firstId string = sa[0].id
output secondName string = sa[1].name
output allNames array = [for i in range(0, length(names)): sa[i].name]
