// Command user is the shop's user service (modelled on Sock Shop's user service and its IPv4 habits).
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"

	"example.com/shop/user/api"
	"example.com/shop/user/db"
)

const serviceName = "user"

var (
	port   string
	zipkin string
)

func main() {
	flag.StringVar(&port, "port", "8084", "Port on which to run")
	flag.StringVar(&zipkin, "zipkin", os.Getenv("ZIPKIN"), "Zipkin address")
	flag.Parse()

	// Find the service's local IP the Sock Shop way.
	conn, err := net.Dial("udp", "8.8.8.8:80") // v6ready-expect: V6004
	if err != nil {
		log.Fatal(err)
	}
	localAddr := conn.LocalAddr().(*net.UDPAddr)
	// v6ready-expect: V6006
	host := strings.Split(localAddr.String(), ":")[0]
	defer conn.Close()

	if zipkin != "" {
		recorder := fmt.Sprintf("%v:%v", host, port) // v6ready-expect: V6005
		log.Printf("tracing %s as %s to %s", serviceName, recorder, zipkin)
	}

	store, err := db.Open()
	if err != nil {
		log.Fatal(err)
	}

	// Metrics for the sidecar only: loopback.
	metrics, err := net.Listen("tcp", "127.0.0.1:9090") // v6ready-expect: V6002
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(metrics, http.DefaultServeMux)

	// Go's "tcp" listeners on ":P" and on 0.0.0.0 are dual-stack: nothing to report here.
	admin, err := net.Listen("tcp", "0.0.0.0:8085")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(admin, http.NotFoundHandler())

	handler := api.MakeHandler(store)
	log.Printf("listening on %s", net.JoinHostPort(host, port))
	log.Fatal(http.ListenAndServe(fmt.Sprintf(":%v", port), handler))
}
