import { defaultTags, resourceName as rn, envType } from './lib/shared.bicep'
@description('Everything the shared library exports')
import * as shared from './lib/shared.bicep'
import { roleAssignmentType } from 'br/public:avm/utl/types/avm-common-types:0.5.1'

param env envType = 'dev'
param roles roleAssignmentType[]?

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: rn('kv', env)
  location: 'westeurope'
  tags: union(defaultTags, {
    prefix: shared.regionPrefix
  })
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    publicNetworkAccess: 'Disabled'
  }
}

var viaNamespace = shared.resourceName('st', env)

output name string = viaNamespace
