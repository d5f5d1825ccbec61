targetScope = 'resourceGroup'

param size int = 3

assert sizeIsSmall = size < 10

var id = sys.resourceGroup().id
var anyValue = any('loose')
var names = nameof(size)
var uniq = uniqueString(resourceGroup().id)

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${uniq}'
  location: 'westeurope'
  tags: {
    rgId: id
    anyValue: anyValue
    nameof: names
  }
}
