package netutil

import (
	"fmt"
	"net"
)

// formatIP brackets an IPv6 literal; ok is false when addr is not an IP.
func formatIP(addr string) (string, bool) {
	ip := net.ParseIP(addr)
	if ip == nil {
		return "", false
	}
	if ip.To4() != nil {
		return addr, true
	}
	return "[" + addr + "]", true
}

// PeerAddrs joins each peer with its port. The hosts come from formatIP, which already brackets IPv6:
// net.JoinHostPort here would write "[[::1]]:9314", so this is not a V6005 finding.
func PeerAddrs(hosts, ports []string) []string {
	var out []string
	for i, host := range hosts {
		if ipStr, ok := formatIP(host); ok {
			out = append(out, ipStr+":"+ports[i])
		}
	}
	return out
}

// hostWithPort is only called with hosts that bracketIfIPv6 produced.
func hostWithPort(host string, port int) string {
	if port == 0 {
		return host
	}
	return fmt.Sprintf("%s:%d", host, port)
}

func bracketIfIPv6(host string) string {
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return "[" + host + "]"
	}
	return host
}

// MetricsURL is the metrics address of a peer.
func MetricsURL(host string, port int) string {
	return "http://" + hostWithPort(bracketIfIPv6(host), port) + "/metrics"
}
