// Package catalogue keeps the product list in MySQL.
package catalogue

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

// Service serves the catalogue.
type Service struct {
	dsn string
}

// Open builds a service from a DSN, or from a host and port when they are set.
func Open(dsn, dbHost, dbPort string) (*Service, error) {
	if dbHost != "" {
		dsn = fmt.Sprintf("catalogue_user:%s@tcp(%s:%s)/socksdb", "default_password", dbHost, dbPort) // v6ready-expect: V6005
	}
	return &Service{dsn: dsn}, nil
}

// Ping checks the database port with a dial that lets Go pick the family.
func (s *Service) Ping(host, port string) error {
	c, err := net.DialTimeout("tcp", net.JoinHostPort(host, port), 2*time.Second)
	if err != nil {
		return err
	}
	return c.Close()
}

// Mirror reports to the legacy mirror.
func (s *Service) Mirror() error {
	resp, err := http.Get("http://10.20.30.40:8080/sync") // v6ready-expect: V6003
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// ServeHTTP answers every request with the service's status.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "ok %s", time.Now().Format("15:04"))
}
