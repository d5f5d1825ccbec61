param name string
param location string = resourceGroup().location
param publicAccess string = 'Disabled'
param optionalTag string?

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  tags: optionalTag == null ? {} : {
    note: optionalTag
  }
  properties: {
    publicNetworkAccess: publicAccess
  }
}

output id string = sa.id
output name string = sa.name
output endpoint string = sa.properties.primaryEndpoints.blob
