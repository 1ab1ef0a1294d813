// Package api serves the user service's HTTP API.
package api

import (
	"encoding/json"
	"net/http"
	"strings"

	"example.com/shop/user/db"
)

// MakeHandler returns the HTTP handler of the service.
func MakeHandler(store *db.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"status": "ok", "db": store.Host()})
	})
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		// v6ready-expect: V6006
		client := strings.Split(r.RemoteAddr, ":")[0]
		segments := strings.Split(r.URL.Path, "/")
		json.NewEncoder(w).Encode(map[string]string{"client": client, "path": segments[len(segments)-1]})
	})
	return mux
}
