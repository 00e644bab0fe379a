package main

import (
	"strings"
	"testing"
)

func TestRunMedianAndRatios(t *testing.T) {
	in := `goos: linux
pkg: github.com/eventgen/eventgen/generated/demo
BenchmarkDecode/ping/sample-2     	 1000	      100 ns/op	 500.00 MB/s	  64 B/op	       2 allocs/op
BenchmarkDecode/ping/sample-2     	 1000	      300 ns/op	 166.00 MB/s	  64 B/op	       2 allocs/op
BenchmarkDecode/ping/sample-2     	 1000	      200 ns/op	 250.00 MB/s	  64 B/op	       2 allocs/op
BenchmarkStdTwoPass/ping/sample-2 	 1000	     1000 ns/op	  50.00 MB/s	 128 B/op	      10 allocs/op
BenchmarkStdValid/ping/sample-2   	 1000	      400 ns/op	 125.00 MB/s	   0 B/op	       0 allocs/op
BenchmarkEncode/ping/sample-2     	 1000	       50 ns/op	1000.00 MB/s	  64 B/op	       1 allocs/op
BenchmarkStdMarshal/ping/sample-2 	 1000	      250 ns/op	 200.00 MB/s	  64 B/op	       1 allocs/op
`
	var out strings.Builder
	if err := run(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	want := "| ping/sample | 200 | 250.0 | 64 | 2 | 1000 | 128 | 10 | 400 | 0.20 | 0.50 | 0.50 | 0.20 | 50 | 250 | 0.20 |"
	mean := "| **geometric mean** | | | | | | | | | **0.20** | **0.50** | **0.50** | **0.20** | | | **0.20** |"
	if !strings.Contains(out.String(), "### demo") || !strings.Contains(out.String(), want) || !strings.Contains(out.String(), mean) {
		t.Errorf("output:\n%s\nwant a table for demo with the row\n%s", out.String(), want)
	}
}

func TestRunWithoutResults(t *testing.T) {
	if err := run(strings.NewReader("PASS\n"), &strings.Builder{}); err == nil {
		t.Error("no error for input without benchmark results")
	}
}
