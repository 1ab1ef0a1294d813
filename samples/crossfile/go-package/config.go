package main

import "flag"

// metricsAddr is where Prometheus scrapes this service.
const metricsAddr = "127.0.0.1:9100"

var listenAddr = flag.String("listen", "0.0.0.0:8080", "ADDRESS:PORT to serve HTTP on")

func defaultCache() string {
	return "10.20.0.12:6379"
}
