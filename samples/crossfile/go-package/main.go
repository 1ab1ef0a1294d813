package main

import (
	"flag"
	"log"
	"net"
	"net/http"
)

func main() {
	flag.Parse()
	go func() {
		log.Fatal(http.ListenAndServe(metricsAddr, nil)) // v6ready-expect: V6002
	}()
	cache, err := net.Dial("tcp", defaultCache()) // v6ready-expect: V6003
	if err != nil {
		log.Fatal(err)
	}
	defer cache.Close()
	// Go's "tcp" listener on 0.0.0.0 accepts both families: not reported
	log.Fatal(http.ListenAndServe(*listenAddr, nil))
}
