targetScope = 'resourceGroup'

extension microsoftGraphV1

extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview' as graph

extension kubernetes with {
  namespace: 'default'
  kubeConfig: ''
} as k8s

provider 'sys@1.0.0'

import 'az@1.0.0'

metadata info = 'extensions and providers'

resource group 'Microsoft.Graph/groups@v1.0' = {
  displayName: 'ops'
  mailEnabled: false
  mailNickname: 'ops'
  securityEnabled: true
  uniqueName: 'ops-group'
}

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stext'
  location: az.resourceGroup().location
}
