@export()
type envType = 'dev' | 'prod'

@export()
var defaultTags = {
  managedBy: 'bicep'
}

@export()
var regionPrefix = 'weu'

@export()
func resourceName(kind string, env string) string => '${kind}-${regionPrefix}-${env}'
