tls = "TLS1_2"
