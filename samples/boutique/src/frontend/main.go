package main

import "net/http"

func main() {
	// ":8080" is dual-stack in Go.
	_ = http.ListenAndServe(":8080", nil)
}
