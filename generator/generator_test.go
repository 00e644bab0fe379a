package generator_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/eventgen/eventgen/generator"
	"github.com/eventgen/eventgen/generator/internal/golden"
	"github.com/eventgen/eventgen/generator/output"
	"github.com/eventgen/eventgen/generator/spec"
)

// generatedRoot is the committed output: the end-to-end golden of the whole pipeline.
const generatedRoot = "../generated"

// repoSpecs returns the repository's specs, spec/*.yaml.
func repoSpecs(t *testing.T) []string {
	t.Helper()
	specs, err := filepath.Glob("../spec/*.yaml")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no specs in ../spec: %v", err)
	}
	return specs
}

// sharedRun is one run of the pipeline on spec/*.yaml, shared by the tests that only read it: a run
// takes seconds.
var sharedRun = sync.OnceValues(func() (*output.Set, error) {
	specs, err := filepath.Glob("../spec/*.yaml")
	if err != nil {
		return nil, err
	}
	return generator.Run(generator.Config{Specs: specs})
})

func run(t *testing.T) *output.Set {
	t.Helper()
	set, err := sharedRun()
	if err != nil {
		t.Fatalf("Run:\n%v", err)
	}
	return set
}

// TestRunDeterministic runs the pipeline on every spec twice and requires byte-identical output: same
// files in the same order, same bytes, same owned directories. Map iteration order differs between
// runs, so an emitter that ranges over a map shows up here.
func TestRunDeterministic(t *testing.T) {
	t.Parallel()
	specs := repoSpecs(t)
	first := run(t)
	again, err := generator.Run(generator.Config{Specs: specs})
	if err != nil {
		t.Fatalf("second Run:\n%v", err)
	}
	if diff := cmp.Diff(first.Dirs, again.Dirs); diff != "" {
		t.Errorf("owned directories differ (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(paths(first), paths(again)); diff != "" {
		t.Fatalf("file lists differ (-first +second):\n%s", diff)
	}
	for j, f := range first.Files {
		if g := again.Files[j]; !bytes.Equal(f.Data, g.Data) {
			t.Errorf("%s differs between runs:\n%s", f.Path, cmp.Diff(string(f.Data), string(g.Data)))
		}
	}
}

func paths(s *output.Set) []string {
	var out []string
	for _, f := range s.Files {
		out = append(out, f.Path)
	}
	return out
}

// TestGeneratedIsCurrent is `make check` as a test: what Run makes of spec/*.yaml must be exactly the
// committed generated/ tree, in every directory the generator owns. It lists missing files (generated
// but not committed), extra files (committed but no longer generated) and files whose bytes differ.
// It compares on its own rather than through output.Set.Diff, which has tests of its own.
func TestGeneratedIsCurrent(t *testing.T) {
	t.Parallel()
	set := run(t)
	all, err := set.All()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range all {
		want[f.Path] = f.Data
	}
	have := map[string][]byte{}
	for _, dir := range set.Dirs {
		err := filepath.WalkDir(filepath.Join(generatedRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(generatedRoot, p)
			have[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var missing, extra, differ []string
	for p, data := range want {
		old, ok := have[p]
		switch {
		case !ok:
			missing = append(missing, p)
		case !bytes.Equal(old, data):
			differ = append(differ, p)
		}
	}
	for p := range have {
		if _, ok := want[p]; !ok {
			extra = append(extra, p)
		}
	}
	for _, l := range [][]string{missing, extra, differ} {
		slices.Sort(l)
	}
	const fix = "regenerate with `go generate ./...` (or `make generate`) and commit generated/ with the specs"
	if len(missing) > 0 {
		t.Errorf("generated but not in generated/ (%s):\n  %s", fix, strings.Join(missing, "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("in generated/ but no longer generated (%s):\n  %s", fix, strings.Join(extra, "\n  "))
	}
	for i, p := range differ {
		if i == 3 {
			t.Errorf("… and %d more files differ: %s", len(differ)-i, strings.Join(differ[i:], ", "))
			break
		}
		t.Errorf("generated/%s differs from what the specs generate (%s); -committed +generated:\n%s",
			p, fix, cmp.Diff(string(have[p]), string(want[p])))
	}
}

// TestNegative runs the corpus of broken specs in testdata/negative/*.txtar through generator.Load, so
// that both the loader's (spec) and the resolver's (ir) checks are exercised the way `eventgen lint`
// runs them. Each archive holds one or more spec files ("spec/<name>.yaml", loaded in name order) and
// a "stderr" section with the exact diagnostics. Every case must fail, every line must be positioned
// (file:line:col: message), and the lines must be sorted: the generator reports all problems at once.
// Run with -update to rewrite the stderr sections, and read the diff: the messages are the product.
func TestNegative(t *testing.T) {
	golden.Run(t, "testdata/negative/*.txtar", func(t *testing.T, in []txtar.File) []txtar.File {
		dir := t.TempDir()
		var specs []string
		for _, f := range in {
			if !strings.HasPrefix(f.Name, "spec/") {
				t.Fatalf("section %q: negative cases hold spec/*.yaml files and a stderr section", f.Name)
			}
			if err := os.MkdirAll(filepath.Join(dir, "spec"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.Name)), f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			specs = append(specs, f.Name)
		}
		slices.Sort(specs)
		t.Chdir(dir) // positions then read spec/<name>.yaml:line:col, as `eventgen lint spec` prints them
		// The whole pipeline, as generate runs it: a broken spec must fail before any emitter, with
		// positioned problems, and lint (which runs the same) reports the same.
		_, err := generator.Run(generator.Config{Specs: specs})
		if err == nil {
			t.Fatal("the broken spec generates without error")
		}
		var list spec.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("Run returned %T, want a spec.ErrorList: %v", err, err)
		}
		if strings.Contains(err.Error(), "a bug in eventgen") {
			t.Fatalf("an emitter failed on a spec its checks accepted:\n%v", err)
		}
		checkDiagnostics(t, err.Error())
		return []txtar.File{{Name: "stderr", Data: []byte(err.Error())}}
	})
}

// negativeCases are the cases the corpus must keep. There should be a good reason to remove a line
// from this list: each one is a mistake a maintainer has made or will make, and its message is what
// they will read.
var negativeCases = []string{
	"unknown-key", "duplicate-key", "duplicate-event", "duplicate-discriminator", "unknown-type",
	"go-name-fields", "go-name-type-event", "go-name-reserved", "go-name-method", "go-name-enum-constant",
	"go-name-underivable", "example-wrong-kind", "example-missing-required", "example-closed-enum",
	"example-invalid-json", "example-other-event", "example-invalid-but-valid", "example-batch-shape",
	"enum-empty", "enum-duplicate-value", "enum-wrong-base", "enum-integer-without-go-name",
	"time-layouts-and-unix", "time-unix-hours", "time-fraction-separator", "bad-type-expression",
	"recursive-self", "recursive-pair", "go-name-derived-clash", "go-name-pattern", "go-name-non-ascii",
	"multi-pass", "platform-names", "example-duplicate-name", "schema-name-clash",
	"unknown-kind", "key-of-another-kind", "include-cycle", "include-non-object", "include-field-twice",
	"variant-not-object", "shared-variant-undeclared", "union-discriminator-not-string",
	"oneof-kind-mismatch", "subtype-not-union", "unknown-group", "unknown-channel",
	"undocumented-with-fields", "constraint-wrong-kind", "invalid-pattern", "envelope-prefix-mismatch",
	"envelope-field-clash", "envelope-absent", "all-or-none-unknown-field", "yaml-syntax", "wrong-yaml-kind",
	"missing-required-keys", "empty-file", "platform-name-case", "same-platform-twice", "many-problems", "platform-outputs",
}

func TestNegativeCorpusComplete(t *testing.T) {
	for _, name := range negativeCases {
		if _, err := os.Stat(filepath.Join("testdata", "negative", name+".txtar")); err != nil {
			t.Errorf("negative case %s is gone: %v", name, err)
		}
	}
	if n := len(negativeCases); n < 25 {
		t.Errorf("the negative corpus lists %d cases; keep at least 25", n)
	}
}

var positioned = regexp.MustCompile(`^([^:]+):(\d+):(\d+): `)

// checkDiagnostics requires every line to be positioned and the lines to be sorted by file, line and
// column.
func checkDiagnostics(t *testing.T, text string) {
	t.Helper()
	type pos struct {
		file      string
		line, col int
	}
	var prev *pos
	for _, line := range strings.Split(text, "\n") {
		m := positioned.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("diagnostic without file:line:col: %q", line)
			continue
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		p := pos{m[1], l, c}
		if prev != nil && (p.file < prev.file || p.file == prev.file && (p.line < prev.line || p.line == prev.line && p.col < prev.col)) {
			t.Errorf("diagnostics are not sorted: %q comes after %s:%d:%d", line, prev.file, prev.line, prev.col)
		}
		prev = &p
	}
}

// TestLoadSpecPath checks that a platform's spec is named from the module root whatever directory the
// generator runs in, so that provenance comments do not depend on it.
func TestLoadSpecPath(t *testing.T) {
	ps, err := generator.Load([]string{"../spec/mluvii.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ps[0].SpecPath; got != "spec/mluvii.yaml" {
		t.Errorf("SpecPath = %q, want spec/mluvii.yaml", got)
	}
}

// TestLoadMissingFile checks that an unreadable spec is an I/O error, not a list of spec problems.
func TestLoadMissingFile(t *testing.T) {
	_, err := generator.Load([]string{"testdata/no-such-spec.yaml"})
	var list spec.ErrorList
	if err == nil || errors.As(err, &list) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load(missing) = %v, want a not-exist error", err)
	}
}
