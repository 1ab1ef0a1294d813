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
	"time"
)

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
	start := time.Now()
	for r := 0; r < repeat; r++ {
		for i := range srcs {
			fset := token.NewFileSet()
			parser.ParseFile(fset, names[i], srcs[i], parser.ParseComments)
		}
	}
	secs := time.Since(start).Seconds()
	mb := float64(total) * float64(repeat) / (1024 * 1024)
	fmt.Printf("files=%d bytes=%d failed=%d\n", len(names), total, failed)
	fmt.Printf("seconds=%.3f MBps=%.2f\n", secs, mb/secs)
}
