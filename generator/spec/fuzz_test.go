package spec_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// FuzzLoad feeds arbitrary bytes to the spec loader and, when they load, to the IR builder. Neither
// may panic, and every problem they report must be positioned (file:line:col). Budgets keep each input
// cheap: the loader refuses alias bombs and deep nesting before decoding. The corpus starts from the
// loader's golden cases, which are small: the fuzzer minimizes every input that finds new coverage,
// and minimizing one of the repository's specs (30–110 KB) takes the whole of a short run.
func FuzzLoad(f *testing.F) {
	for _, pattern := range []string{"testdata/*.txtar"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if strings.HasSuffix(p, ".txtar") {
				data = specSection(data)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := spec.Parse("fuzz.yaml", data)
		if err != nil {
			checkPositioned(t, err)
			return
		}
		if _, err := ir.Build(file); err != nil {
			checkPositioned(t, err)
		}
	})
}

var positionedLine = regexp.MustCompile(`^fuzz\.yaml:\d+:\d+: `)

// checkPositioned fails unless err is a spec.ErrorList whose every line starts with a position.
func checkPositioned(t *testing.T, err error) {
	t.Helper()
	var list spec.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error of type %T, want a spec.ErrorList: %v", err, err)
	}
	for _, e := range list {
		if line := e.Error(); !positionedLine.MatchString(line) {
			t.Errorf("diagnostic without file:line:col: %q", line)
		}
	}
}

// specSection returns the "-- spec.yaml --" section of a txtar archive.
func specSection(data []byte) []byte {
	_, rest, ok := strings.Cut(string(data), "-- spec.yaml --\n")
	if !ok {
		return nil
	}
	body, _, _ := strings.Cut(rest, "\n-- ")
	return []byte(body + "\n")
}
