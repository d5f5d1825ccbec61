param name string = 'web'

var escaped = 'it\'s a \\path\\ with a tab\there and \${literal} and \u{1F600}'
var interpolated = 'app-${name}-${toUpper(name)}-${1 + 2}'
var nested = 'outer-${'inner-${name}'}'
var multi = '''
line one
  line 'two'
no ${interpolation} here'''
var multiInterp = $'''
host=${name}
'''
var doubleDollar = $$'''
keep ${this} but ${{name}} and $${name}
'''
var objectKey = {
  '${name}-key': 'value'
  'quoted key': true
}

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${name}'
  location: 'westeurope'
  tags: {
    escaped: escaped
    interpolated: interpolated
    nested: nested
    multi: multi
    multiInterp: multiInterp
    doubleDollar: doubleDollar
    objectKey: string(objectKey)
  }
}
