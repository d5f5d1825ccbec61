public_access = true
network = {
  ip_rules = ["10.0.0.1"]
}
