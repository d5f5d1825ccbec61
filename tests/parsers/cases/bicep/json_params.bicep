param workspaceName string
param location string = resourceGroup().location
param hbiWorkspace bool = false
param publicNetworkAccess string = 'Enabled'

resource ws 'Microsoft.MachineLearningServices/workspaces@2023-10-01' = {
  name: workspaceName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    hbiWorkspace: hbiWorkspace
    publicNetworkAccess: publicNetworkAccess
  }
}
