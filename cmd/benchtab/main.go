// Command benchtab summarises `go test -bench -benchmem -count N` output of the generated packages as
// the Markdown tables of BENCHMARKS.md: the median of each metric per benchmark, and per platform the
// ratios the project tracks (decode against encoding/json two-pass and json.Valid, allocations against
// two-pass, encode against json.Marshal), computed as ratios of medians.
//
//	go test -run '^$' -bench . -benchmem -count 6 ./generated/... | go run ./cmd/benchtab
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtab:", err)
		os.Exit(1)
	}
}

// sample is one benchmark result line.
type sample struct{ ns, mbs, bytes, allocs float64 }

// key names a benchmark: its package's platform, the benchmark (Decode, StdTwoPass…) and the fixture.
type key struct{ platform, bench, fixture string }

var line = regexp.MustCompile(`^Benchmark(\w+)/(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func run(r io.Reader, w io.Writer) error {
	results := map[key][]sample{}
	platform := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		text := sc.Text()
		if p, ok := strings.CutPrefix(text, "pkg: "); ok {
			platform = p[strings.LastIndex(p, "/")+1:]
			continue
		}
		m := line.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		k := key{platform, m[1], m[2]}
		results[k] = append(results[k], parseMetrics(m[3]))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(results) == 0 {
		return fmt.Errorf("no benchmark results on standard input")
	}
	for _, p := range platforms(results) {
		table(w, p, results)
	}
	return nil
}

func parseMetrics(s string) sample {
	var out sample
	f := strings.Fields(s)
	for i := 0; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			continue
		}
		switch f[i+1] {
		case "ns/op":
			out.ns = v
		case "MB/s":
			out.mbs = v
		case "B/op":
			out.bytes = v
		case "allocs/op":
			out.allocs = v
		}
	}
	return out
}

func platforms(results map[key][]sample) []string {
	var ps []string
	for k := range results {
		if !slices.Contains(ps, k.platform) {
			ps = append(ps, k.platform)
		}
	}
	slices.Sort(ps)
	return ps
}

// median returns the median of one metric over the samples of a benchmark.
func median(ss []sample, metric func(sample) float64) float64 {
	vs := make([]float64, len(ss))
	for i, s := range ss {
		vs[i] = metric(s)
	}
	slices.Sort(vs)
	if n := len(vs); n%2 == 1 {
		return vs[n/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

var (
	ns     = func(s sample) float64 { return s.ns }
	mbs    = func(s sample) float64 { return s.mbs }
	bytes  = func(s sample) float64 { return s.bytes }
	allocs = func(s sample) float64 { return s.allocs }
)

func table(w io.Writer, platform string, results map[key][]sample) {
	var fixtures []string
	for k := range results {
		if k.platform == platform && k.bench == "Decode" {
			fixtures = append(fixtures, k.fixture)
		}
	}
	slices.Sort(fixtures)
	fmt.Fprintf(w, "### %s\n\n", platform)
	fmt.Fprintln(w, "| fixture | decode ns/op | MB/s | B/op | allocs | two-pass ns/op | B/op | allocs | Valid ns/op | decode÷two-pass | decode÷Valid | B/op÷two-pass | allocs÷two-pass | encode ns/op | Marshal ns/op | encode÷Marshal |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	var ratios [5][]float64 // decode÷two-pass, decode÷Valid, B/op÷two-pass, allocs÷two-pass, encode÷Marshal
	for _, fx := range fixtures {
		get := func(bench string) []sample { return results[key{platform, bench, fx}] }
		dec, two, valid, enc, marshal := get("Decode"), get("StdTwoPass"), get("StdValid"), get("Encode"), get("StdMarshal")
		if len(two) == 0 || len(valid) == 0 || len(enc) == 0 || len(marshal) == 0 {
			continue
		}
		r := [5]float64{median(dec, ns) / median(two, ns), median(dec, ns) / median(valid, ns),
			ratio(median(dec, bytes), median(two, bytes)), ratio(median(dec, allocs), median(two, allocs)),
			median(enc, ns) / median(marshal, ns)}
		for i := range r {
			ratios[i] = append(ratios[i], r[i])
		}
		fmt.Fprintf(w, "| %s | %.0f | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.2f |\n",
			fx, median(dec, ns), median(dec, mbs), median(dec, bytes), median(dec, allocs),
			median(two, ns), median(two, bytes), median(two, allocs), median(valid, ns),
			r[0], r[1], r[2], r[3], median(enc, ns), median(marshal, ns), r[4])
	}
	if len(ratios[0]) > 0 {
		fmt.Fprintf(w, "| **geometric mean** | | | | | | | | | **%.2f** | **%.2f** | **%.2f** | **%.2f** | | | **%.2f** |\n",
			geomean(ratios[0]), geomean(ratios[1]), geomean(ratios[2]), geomean(ratios[3]), geomean(ratios[4]))
	}
	fmt.Fprintln(w)
}

// geomean is the geometric mean of positive ratios (zeros, from metrics a benchmark lacks, are skipped).
func geomean(rs []float64) float64 {
	sum, n := 0.0, 0
	for _, r := range rs {
		if r > 0 {
			sum += math.Log(r)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return math.Exp(sum / float64(n))
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
