// A storage account with parameters, defaults and a symbolic region.
@description('Storage account name')
@minLength(3)
@maxLength(24)
param storageName string = 'stbasic001'

param location string = resourceGroup().location

@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

param sku string

var tags = {
  env: 'dev'
  owner: 'team-a'
}

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: sku
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: publicNetworkAccess
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: []
    }
  }
}

output id string = sa.id
