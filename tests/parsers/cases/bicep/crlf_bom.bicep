// Saved with a byte-order mark and Windows line endings
param location string = 'westeurope'

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
	name: 'stcrlf'
	location: location
	properties: {
		minimumTlsVersion: 'TLS1_2'
		note: '''
kept
as written'''
	}
}
