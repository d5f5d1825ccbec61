param config object = {
  name: 'svc'
  nested: {
    flag: true
  }
  list: [
    1
    2
    3
  ]
}
param maybe object?
param unset string

var arith = {
  add: 7 + 3
  sub: 7 - 3
  mul: 7 * 3
  div: 7 / 2
  mod: 7 % 3
  neg: -5
  negExpr: -(2 + 3)
}
var compare = {
  lt: 1 < 2
  le: 2 <= 2
  gt: 1 > 2
  ge: 3 >= 2
  eq: 'Abc' == 'abc'
  ne: 'Abc' != 'abc'
  eqi: 'Abc' =~ 'abc'
  nei: 'Abc' !~ 'abc'
}
var logic = {
  and: true && false
  or: true || false
  not: !true
  coalesce: maybe ?? 'fallback'
  coalesceKnown: config.name ?? 'fallback'
  ternary: config.nested.flag ? 'yes' : 'no'
  multiLineTernary: config.nested.flag
    ? 'first'
    : 'second'
  unknownTernary: unset == 'x' ? 'a' : 'b'
}
var access = {
  safe: maybe.?value
  safeIndex: config[?'missing']
  nonNull: config.name!
  index: config['name']
  arrayIndex: config.list[1]
  spreadObject: {
    ...config.nested
    extra: 1
  }
  spreadArray: [
    0
    ...config.list
  ]
}

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stops'
  location: 'westeurope'
  properties: {
    arith: arith
    compare: compare
    logic: logic
    access: access
    fromUnset: unset
    unsetEquals: unset == unset
  }
}
