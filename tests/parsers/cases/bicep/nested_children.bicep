param vnetName string = 'vnet-main'
param location string = resourceGroup().location

resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: vnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
  }

  resource app 'subnets' = {
    name: 'app'
    properties: {
      addressPrefix: '10.0.1.0/24'
      privateEndpointNetworkPolicies: 'Disabled'
    }
  }

  @description('Full type form inside a parent')
  resource data 'Microsoft.Network/virtualNetworks/subnets@2023-05-01' = {
    name: 'data'
    properties: {
      addressPrefix: '10.0.2.0/24'
    }
  }
}

resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-main'
  location: location
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource db 'Microsoft.Sql/servers/databases@2023-05-01-preview' = {
  parent: sql
  name: 'appdb'
  location: location
}

resource rule 'Microsoft.Sql/servers/virtualNetworkRules@2023-05-01-preview' = {
  parent: sql
  name: 'allow-app'
  properties: {
    virtualNetworkSubnetId: vnet::app.id
  }
}

output appSubnetName string = vnet::app.name
