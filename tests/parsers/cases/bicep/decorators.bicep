metadata description = 'Decorators with arguments on every kind of declaration'
metadata owner = {
  team: 'platform'
}

@export()
@description('A region name')
type regionType = 'westeurope' | 'northeurope'

@secure()
param adminPassword string

@minValue(1)
@maxValue(10)
@sys.description('How many')
param count int = 2

@metadata({
  example: 'x'
})
@sealed()
param settings {
  name: string
  @description('Optional size')
  size: int?
}

@description('Computed name')
var baseName = 'app${count}'

@export()
@description('Builds a name')
func makeName(prefix string, n int) string => '${prefix}-${n}'

@description('A vault')
@batchSize(1)
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: makeName(baseName, count)
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enablePurgeProtection: true
  }
}

@description('The vault id')
output vaultId string = kv.id

@secure()
output secretish string = adminPassword
