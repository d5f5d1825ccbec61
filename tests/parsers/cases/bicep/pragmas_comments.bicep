param enabled bool = true

#disable-next-line no-unused-params
param unused string = 'x'

#disable-diagnostics no-hardcoded-location BCP081

/* block comment
   spanning lines */
resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
	name: 'sttabs' // trailing comment
	location: 'westeurope' /* inline */
	properties: {
		allowBlobPublicAccess: !enabled
	}
}

#restore-diagnostics no-hardcoded-location
