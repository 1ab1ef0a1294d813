module v6ready.local/bench/goparse

go 1.19
