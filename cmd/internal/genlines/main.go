// Command genlines prints, per platform, how many lines of Go the generator emits (the non-test *_gen.go
// files of generated/<platform>) against the members the spec declares, so that the cost of one declared
// member can be followed from one change to the next:
//
//	go run ./cmd/internal/genlines spec/*.yaml
//
// A declared member is a field written in the spec: in the envelope, in an object type or in an event,
// each counted once however many events include it. A struct member is a field of a generated struct
// (an event's envelope and included fields counted in every event): the members the decoders handle.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/eventgen/eventgen/generator"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genlines:", err)
		os.Exit(1)
	}
}

func run(specs []string) error {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "platform\tgenerated lines\tdeclared members\tlines/declared\tstruct members\tlines/struct member\t")
	for _, path := range specs {
		f, err := spec.Load(path)
		if err != nil {
			return err
		}
		ps, err := generator.Load([]string{path})
		if err != nil {
			return err
		}
		p := ps[0]
		lines, err := goLines(filepath.Join("generated", p.Name))
		if err != nil {
			return err
		}
		declared, structs := declaredMembers(f), structMembers(p)
		fmt.Fprintf(w, "%s\t%d\t%d\t%.1f\t%d\t%.1f\t\n", p.Name, lines, declared, ratio(lines, declared), structs, ratio(lines, structs))
	}
	return w.Flush()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// declaredMembers counts the fields written in the spec.
func declaredMembers(f *spec.File) int {
	n := 0
	if f.Envelope != nil {
		n += len(f.Envelope.Fields)
	}
	for _, t := range f.Types {
		n += len(t.Value.Fields)
	}
	for _, e := range f.Events {
		n += len(e.Value.Fields)
	}
	return n
}

// structMembers counts the fields of the generated structs: every event's, and every object type's that
// has a struct of its own.
func structMembers(p *ir.Platform) int {
	n := 0
	for _, e := range p.Events {
		n += len(e.Fields)
	}
	for _, t := range p.Types {
		if t.Kind == ir.KindObject && !t.IncludeOnly() {
			n += len(t.Fields)
		}
	}
	return n
}

// goLines counts the lines of the generated, non-test Go files in dir.
func goLines(dir string) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_gen.go"))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		s := bufio.NewScanner(f)
		s.Buffer(nil, 1<<20)
		for s.Scan() {
			n++
		}
		f.Close()
		if err := s.Err(); err != nil {
			return 0, err
		}
	}
	return n, nil
}
