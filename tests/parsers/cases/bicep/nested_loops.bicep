param zones array = [
  'contoso.internal'
  'fabrikam.internal'
]
param deployStorage bool

resource dns 'Microsoft.Network/privateDnsZones@2020-06-01' = [for zone in zones: {
  name: zone
  location: 'global'

  resource link 'virtualNetworkLinks' = {
    name: 'link-${zone}'
    location: 'global'
    properties: {
      registrationEnabled: false
    }
  }
}]

resource records 'Microsoft.Network/privateDnsZones/A@2020-06-01' = [for (zone, i) in zones: {
  parent: dns[i]
  name: 'www'
  properties: {
    ttl: 3600
  }
}]

module optional './modules/storage.bicep' = if (deployStorage) {
  name: 'optional-storage'
  params: {
    name: 'stoptional'
  }
}

output firstLink string = dns[0]::link.id
