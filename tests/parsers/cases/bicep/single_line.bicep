var small = { a: 1, b: 'two', c: [1, 2, 3] }
var trailing = {
  a: 1,
  b: 2,
}
var mixed = [
  'x', 'y'
  'z'
]

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stsingle'
  location: 'westeurope'
  sku: { name: 'Standard_LRS' }
  properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowedCopyScope: 'AAD' }
  tags: { small: string(small), trailing: string(trailing), mixed: string(mixed) }
}
