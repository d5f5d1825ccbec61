using './bicepparam.bicep'

var suffix = 'prod'

param name = 'srch-${suffix}'
param publicNetworkAccess = 'Disabled'
param sku = {
  name: 'standard'
}
param secretValue = az.getSecret('sub', 'rg', 'kv', 'secret')
param fromEnv = readEnvironmentVariable('SEARCH_MODE', 'basic')
