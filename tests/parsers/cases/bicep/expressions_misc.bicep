var if = true
var parameters = 'not a function'
var _ = 3
var __ = 10 * _
var joined = concat('a',
// a comment between arguments
'b')
var empty = ''''''
var quoted = ''''inner''''
var indexedLiteral = {
  key: 'from-index'
}['key']
var firstItem = [
  'only'
][0]
var looped = [
  /* comment before the loop */ for i in range(0, 3) : i * 2
]
var spaced = like ('abc', 'a*')
var big = 2199023255552 * 2
var nestedInterp = 'a${'b${'c${1}'}'}'
var braces = '}{0}{'
var chain = if && true

resource guarded 'Microsoft.Network/publicIPAddresses@2023-05-01' =
  if (chain) {
  name: 'pip-${nameof(indexedLiteral)}-${nameof(parameters)}'
  location: 'westeurope'
  tags: {
    joined: joined
    empty: empty
    quoted: quoted
    indexed: indexedLiteral
    first: firstItem
    looped: string(looped)
    big: string(big)
    nestedInterp: nestedInterp
    braces: braces
    underscore: string(__)
  }
}
