param deployLock bool = false
param deployDiag bool = true
param mode string

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stcond'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (deployLock) {
  name: 'no-delete'
  scope: sa
  properties: {
    level: 'CanNotDelete'
  }
}

resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (deployDiag && !deployLock) {
  name: 'diag'
  scope: sa
  properties: {
    metrics: []
  }
}

resource maybe 'Microsoft.Network/publicIPAddresses@2023-05-01' = if (mode == 'public') {
  name: 'pip-maybe'
  location: 'westeurope'
  properties: {
    publicIPAllocationMethod: mode == 'public' ? 'Static' : 'Dynamic'
  }
}
