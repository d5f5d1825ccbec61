module a './cycle_a.bicep' = {
  name: 'to-a'
}
