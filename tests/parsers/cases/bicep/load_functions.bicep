var greeting = loadTextContent('content/greeting.txt')
var settings = loadJsonContent('content/settings.json')
var sku = loadJsonContent('./content/settings.json', '$.sku.name')
var yamlSettings = loadYamlContent('content/settings.yaml')
var encoded = loadFileAsBase64('content/greeting.txt')
var missing = loadTextContent('content/does-not-exist.txt')
var outside = loadTextContent('../../../../../../../etc/hostname')

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stload'
  location: 'westeurope'
  sku: {
    name: settings.sku.name
  }
  zones: yamlSettings.zones
  tags: {
    greeting: trim(greeting)
    sku: sku
    tier: yamlSettings.tier
    encoded: encoded
    missing: missing
    outside: outside
  }
}
