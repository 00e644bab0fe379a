// Package golden runs the generator's txtar golden tests. Each case is one archive under a package's
// testdata: its input sections (a spec, say) and its output sections, named "stderr", "want" or
// "want/<path>". A test computes the outputs from the inputs; Run compares them with the archive, every
// section, missing and extra ones included, and with -update rewrites the archive instead.
//
// Only tests import this package.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// Update is the -update flag: rewrite the output sections of the golden archives with what the code
// produces now. Review the diff before committing it.
var Update = flag.Bool("update", false, "rewrite golden files (txtar output sections) with the actual output")

// IsOutput reports whether an archive section holds expected output rather than input.
func IsOutput(name string) bool {
	return name == "stderr" || name == "want" || strings.HasPrefix(name, "want/")
}

// Func computes the output sections of one case from its input sections.
type Func func(t *testing.T, inputs []txtar.File) (outputs []txtar.File)

// Run runs f as one subtest per archive matching pattern (a filepath.Glob pattern), named after the
// archive's base name without extension. It fails when no archive matches. Diagnostics name archives
// by absolute path, so f may change the working directory.
func Run(t *testing.T, pattern string, f Func) {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no golden archives match %s", pattern)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		abs, err := filepath.Abs(path) // f may change the working directory (t.Chdir)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) { runOne(t, abs, f) })
	}
}

func runOne(t *testing.T, path string, f Func) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var inputs, want []txtar.File
	for _, s := range ar.Files {
		if IsOutput(s.Name) {
			want = append(want, s)
		} else {
			inputs = append(inputs, s)
		}
	}
	got := f(t, inputs)
	for i := range got {
		got[i].Data = FixNL(got[i].Data)
	}
	slices.SortStableFunc(got, func(a, b txtar.File) int { return strings.Compare(a.Name, b.Name) })
	if *Update {
		ar.Files = append(inputs, got...)
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	Compare(t, path, want, got)
}

// Compare reports every section that is missing, extra or different, with a diff of each difference.
func Compare(t *testing.T, path string, want, got []txtar.File) {
	t.Helper()
	wantBy, gotBy := byName(want), byName(got)
	for _, name := range sortedNames(wantBy, gotBy) {
		w, inWant := wantBy[name]
		g, inGot := gotBy[name]
		switch {
		case !inGot:
			t.Errorf("%s: section %q is expected but was not produced", path, name)
		case !inWant:
			t.Errorf("%s: section %q was produced but is not in the archive (run with -update):\n%s", path, name, g)
		case !bytes.Equal(w, g):
			t.Errorf("%s: section %q differs (-want +got; run with -update to accept):\n%s", path, name,
				cmp.Diff(string(w), string(g)))
		}
	}
}

func byName(files []txtar.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Name] = f.Data
	}
	return m
}

func sortedNames(ms ...map[string][]byte) []string {
	var names []string
	for _, m := range ms {
		for n := range m {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// Section returns the data of the input section called name, failing the test when there is none.
func Section(t *testing.T, files []txtar.File, name string) []byte {
	t.Helper()
	for _, f := range files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("the archive has no section %q", name)
	return nil
}

// FixNL ends non-empty data with a newline, as a txtar section always is.
func FixNL(data []byte) []byte {
	if len(data) > 0 && data[len(data)-1] != '\n' {
		return append(data, '\n')
	}
	return data
}
