variable "suffix" {
  type    = list(string)
  default = []
}

output "key_vault_name" {
  value = join("-", concat(["kv"], var.suffix))
}
