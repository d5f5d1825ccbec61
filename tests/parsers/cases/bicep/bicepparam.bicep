param name string
param location string = resourceGroup().location
param publicNetworkAccess string = 'Enabled'
param sku object
param secretValue string
param fromEnv string

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: name
  location: location
  sku: sku
  properties: {
    publicNetworkAccess: publicNetworkAccess
    disableLocalAuth: secretValue == fromEnv
  }
}
