// Command catalogue serves the shop's product catalogue (modelled on Sock Shop's catalogue service).
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"

	"example.com/shop/catalogue/catalogue"
)

func main() {
	var (
		port   = flag.String("port", "80", "Port to bind HTTP listener")
		images = flag.String("images", "./images/", "Image path")
		dsn    = flag.String("DSN", "catalogue_user:default_password@tcp(catalogue-db:3306)/socksdb", "Data Source Name")
	)
	flag.Parse()

	conn, err := net.Dial("udp", "8.8.8.8:80") // v6ready-expect: V6004
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	localAddr := conn.LocalAddr().String()
	host := localAddr[:strings.Index(localAddr, ":")] // v6ready-expect: V6006

	svc, err := catalogue.Open(*dsn, os.Getenv("DB_HOST"), os.Getenv("DB_PORT"))
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("catalogue on %s, images in %s", host, *images)

	// The port-only form listens on every address of both families.
	log.Fatal(http.ListenAndServe(fmt.Sprintf(":%v", *port), svc))
}
