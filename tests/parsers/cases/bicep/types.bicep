@export()
@description('A subnet definition')
type subnetType = {
  @description('The subnet name')
  name: string
  addressPrefix: string
  delegation: string?
  nsgId: string?
  *: string
}

type skuName = 'Standard_LRS' | 'Standard_GRS' | 'Premium_LRS'

type multiLineUnion =
  | 'a'
  | 'b'

type pair = [
  string
  int
]

type maybeSubnets = subnetType[]?

type numbers = 1 | 2 | -3

type tags = resourceInput<'Microsoft.Storage/storageAccounts@2023-05-01'>.tags

type props = resourceOutput<'Microsoft.Storage/storageAccounts@2023-05-01'>.properties

type nested = {
  inner: {
    deep: bool
  }
  list: subnetType[]
  first: subnetType[0]?
  anyKey: object
}

@discriminator('kind')
type tagged = { kind: 'a', value: int } | { kind: 'b', text: string }

param subnets subnetType[] = [
  {
    name: 'app'
    addressPrefix: '10.1.0.0/24'
  }
]

param storageSku skuName = 'Standard_LRS'

param storageTags tags?

param legacyResource resource 'Microsoft.Storage/storageAccounts@2023-05-01'?

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sttypes'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  tags: storageTags
}

var typedVar string = 'typed'

output subnetNames string[] = [for s in subnets: s.name]
output typed string = typedVar

type dictionary = {
  *: string
}

type dictionaryValue = dictionary.*

type grid = int [] [] ?

type mixedBag = ('circle' | 'square' | { corners: '*' } | 4 | -4 | true | !true | null)[]

type choices = ['x', 'y']
|['z']

type strict = nullableName!

type nullableName = string?

param inlineShape {
  label: string
  level: 1 | 2 | 3
  flag: sys.bool
} = {
  label: 'l'
  level: 2
  flag: true
}

@discriminator('kind')
param choice (tagged)?

output choiceOut tagged | { kind: 'c', value: int } = { kind: 'a', value: 1 }
