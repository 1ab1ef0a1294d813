// Command goparse parses the files listed (one per line) in the file given as its argument with go/parser,
// the way the V6Ready harness does, and prints the same figures (files, failures, seconds, MB/s).
package main

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"syscall"
	"time"
)

// cpuSeconds is the process's user+system CPU time (less sensitive than wall time to other load on the machine).
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: goparse LISTFILE [REPEAT]")
		os.Exit(2)
	}
	repeat := 1
	if len(os.Args) > 2 {
		n, err := strconv.Atoi(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		repeat = n
	}
	list, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer list.Close()
	var names []string
	var srcs [][]byte
	total := 0
	sc := bufio.NewScanner(list)
	for sc.Scan() {
		name := sc.Text()
		if name == "" {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		names = append(names, name)
		srcs = append(srcs, src)
		total += len(src)
	}
	failed := 0
	for i := range srcs { // warm-up and correctness pass
		fset := token.NewFileSet()
		if _, err := parser.ParseFile(fset, names[i], srcs[i], parser.ParseComments); err != nil {
			failed++
		}
	}
	cpu0 := cpuSeconds()
	start := time.Now()
	for r := 0; r < repeat; r++ {
		for i := range srcs {
			fset := token.NewFileSet()
			parser.ParseFile(fset, names[i], srcs[i], parser.ParseComments)
		}
	}
	secs := time.Since(start).Seconds()
	cpu := cpuSeconds() - cpu0
	mb := float64(total) * float64(repeat) / (1024 * 1024)
	fmt.Printf("files=%d bytes=%d failed=%d\n", len(names), total, failed)
	fmt.Printf("seconds=%.3f MBps=%.2f cpu_seconds=%.3f cpuMBps=%.2f\n", secs, mb/secs, cpu, mb/cpu)
}
