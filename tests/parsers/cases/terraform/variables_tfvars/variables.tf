variable "location" {
  type    = string
  default = "West Europe"
}

variable "public_access" {
  type    = bool
  default = false
}

variable "tls" {
  type    = string
  default = "TLS1_0"
}

variable "account_name" {
  type = string
}

variable "network" {
  type = object({
    default_action = optional(string, "Deny")
    ip_rules       = optional(list(string), [])
  })
  default = {}
}

variable "tags" {
  type     = map(string)
  default  = null
  nullable = false
}
