module b './cycle_b.bicep' = {
  name: 'to-b'
}
