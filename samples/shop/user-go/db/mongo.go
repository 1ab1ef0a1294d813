// Package db keeps users in MongoDB.
package db

import (
	"errors"
	"net"
	"os"
	"time"
)

// Store is a connection to the user database.
type Store struct {
	addr string
}

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func mongoAddr() string {
	host := getEnv("MONGO_HOST", "user-db")
	port := getEnv("MONGO_PORT", "27017")
	return host + ":" + port // v6ready-expect: V6005
}

// Open checks that the database answers, then returns a Store.
func Open() (*Store, error) {
	addr := mongoAddr()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		// the old replica set member, hard-coded
		c, err = net.DialTimeout("tcp", "10.0.0.12:27017", 5*time.Second) // v6ready-expect: V6003
		if err != nil {
			return nil, errors.New("user-db unreachable")
		}
	}
	c.Close()
	return &Store{addr: addr}, nil
}

// Host returns the database host name.
func (s *Store) Host() string {
	h, _, err := net.SplitHostPort(s.addr)
	if err != nil {
		return s.addr
	}
	return h
}

// Resolve returns one address of the database host.
func (s *Store) Resolve() (string, error) {
	addrs, err := net.LookupHost(s.Host())
	if err != nil {
		return "", err
	}
	return addrs[0], nil // v6ready-expect: V6009
}
