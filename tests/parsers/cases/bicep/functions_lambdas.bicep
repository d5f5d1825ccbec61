func prefixed(prefix string, name string) string => '${prefix}-${name}'

func twice(n int) int => n * 2

var items = [
  {
    name: 'b'
    size: 2
    enabled: true
  }
  {
    name: 'a'
    size: 5
    enabled: false
  }
  {
    name: 'c'
    size: 1
    enabled: true
  }
]

var names = map(items, item => item.name)
var enabled = filter(items, item => item.enabled)
var total = reduce(items, 0, (acc, item) => acc + item.size)
var sorted = sort(items, (a, b) => a.size < b.size)
var byName = toObject(items, item => item.name)
var indexedNames = map(items, (item, i) => '${i}:${item.name}')
var doubled = twice(21)
var label = prefixed('app', 'web')

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${label}'
  location: 'westeurope'
  tags: {
    names: join(names, ',')
    enabledCount: string(length(enabled))
    total: string(total)
    smallest: sorted[0].name
    aSize: string(byName.a.size)
    first: indexedNames[0]
    doubled: string(doubled)
  }
}
