// Package netutil has the address helpers of the user service.
package netutil

import (
	"encoding/binary"
	"fmt"
	"net"
	"regexp"
	"strings"
	"time"
)

var validIP = regexp.MustCompile(`^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$`) // v6ready-expect: V6008

// IsIP reports whether s looks like an address.
func IsIP(s string) bool { return validIP.MatchString(s) }

// ClientID turns the client's IP into a number.
func ClientID(remoteAddr string) uint32 {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return 0
	}
	ip := net.ParseIP(host)
	return binary.BigEndian.Uint32(ip.To4()) // v6ready-expect: V6008
}

// Family names the address family of ip, handling both.
func Family(ip net.IP) string {
	if v4 := ip.To4(); v4 != nil {
		return "IPv4"
	}
	return "IPv6"
}

// StatsListener opens the statsd socket.
func StatsListener() (net.PacketConn, error) {
	return net.ListenPacket("udp4", ":8125") // v6ready-expect: V6007
}

// ParseLabel splits "key:value" text, which is not an address.
func ParseLabel(line string) (string, string) {
	parts := strings.SplitN(line, ":", 2)
	if len(parts) < 2 {
		return parts[0], ""
	}
	return parts[0], parts[1]
}

// Clock formats a time of day.
func Clock(t time.Time) string {
	return fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute())
}

// Peer returns the host part of a peer address, bracket-aware.
func Peer(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return host
}

// AnyListener listens on every address of both families.
func AnyListener() (net.Listener, error) {
	return net.Listen("tcp", "[::]:8086")
}
