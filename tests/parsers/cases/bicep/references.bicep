param location string = resourceGroup().location

resource law 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: 'law-refs'
  location: location
  properties: {
    retentionInDays: 30
  }
}

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'strefs'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-${sa.name}'
  location: sa.location
  properties: {
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: sa.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diag-${sa.name}'
  scope: sa
  properties: {
    workspaceId: law.id
    logs: []
  }
}

resource role 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sa.id, 'reader')
  scope: sa
  properties: {
    principalId: law.identity.principalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  }
}

resource copy 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'strefscopy'
  location: location
  properties: {
    minimumTlsVersion: sa.properties.minimumTlsVersion
    retention: law.properties.retentionInDays
    endpoint: sa.properties.primaryEndpoints.blob
    keys: sa.listKeys().keys[0].value
    byResourceId: resourceId('Microsoft.OperationalInsights/workspaces', 'law-refs')
  }
  dependsOn: [
    diag
  ]
}
