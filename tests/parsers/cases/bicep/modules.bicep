param location string = resourceGroup().location
param access string = 'Enabled'
param regions array = [
  'weu'
  'neu'
]

@description('The main storage account')
module storage './modules/storage.bicep' = {
  name: 'storage-deploy'
  params: {
    name: 'stmain'
    location: location
    publicAccess: access
  }
}

module perRegion './modules/storage.bicep' = [for (region, i) in regions: {
  name: 'storage-${region}'
  scope: resourceGroup('rg-${region}')
  params: {
    name: 'st${region}${i}'
    optionalTag: region
  }
}]

module network './modules/network.json' = {
  name: 'network-deploy'
  params: {
    vnetName: 'vnet-from-json'
  }
}

module registry 'br/public:avm/res/container-registry/registry:0.9.0' = {
  name: 'acr-deploy'
  params: {
    name: 'acrmain'
    publicNetworkAccess: 'Disabled'
  }
}

module spec 'ts:00000000-0000-0000-0000-000000000000/rg-specs/spec:1.0' = {
  name: 'spec-deploy'
}

module cycle './modules/cycle_a.bicep' = {
  name: 'cycle-deploy'
}

resource pe 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-storage'
  location: location
  properties: {
    subnet: {
      id: '${network.outputs.vnetId}/subnets/default'
    }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: storage.outputs.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
  dependsOn: [
    perRegion
    registry
  ]
}

output storageName string = storage.outputs.name
output endpoint string = storage.outputs.endpoint
output regionIds array = [for i in range(0, 2): perRegion[i].outputs.id]
