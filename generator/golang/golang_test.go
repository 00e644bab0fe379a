package golang_test

import (
	"bytes"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/eventgen/eventgen/generator/golang"
	"github.com/eventgen/eventgen/generator/internal/golden"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/output"
	"github.com/eventgen/eventgen/generator/spec"
)

// The golden cases in testdata/*.txtar hold a small spec ("spec.yaml"), optionally a hand-written test
// of the generated package ("run_test.go", run by TestGeneratedCodeRuns), and the generated files as
// "want/<path>" sections, compared whole. Run with -update to rewrite the want sections.

// TestEmit compares the generated files with the want sections, missing and extra files included.
func TestEmit(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, in []txtar.File) []txtar.File {
		var out []txtar.File
		for _, f := range emit(t, in) {
			out = append(out, txtar.File{Name: "want/" + f.Path, Data: f.Data})
		}
		return out
	})
}

// TestGoFilesFormatted checks that every generated Go file is exactly what gofmt makes of it.
func TestGoFilesFormatted(t *testing.T) {
	for _, ar := range archives(t) {
		for _, f := range emit(t, ar.Files) {
			if !strings.HasSuffix(f.Path, ".go") {
				continue
			}
			formatted, err := format.Source(f.Data)
			if err != nil {
				t.Errorf("%s does not parse: %v", f.Path, err)
				continue
			}
			if !bytes.Equal(formatted, f.Data) {
				t.Errorf("%s is not gofmt-formatted (-generated +gofmt):\n%s", f.Path, cmp.Diff(string(f.Data), string(formatted)))
			}
		}
	}
}

// TestPackageDoc checks that the package comment is attached to the package clause of doc_gen.go and
// opens with "Package <name> ", as go doc and pkg.go.dev require; a blank line inside it would detach
// what comes before.
func TestPackageDoc(t *testing.T) {
	for _, ar := range archives(t) {
		for _, f := range emit(t, ar.Files) {
			if path.Base(f.Path) != "doc_gen.go" {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f.Path, f.Data, parser.ParseComments|parser.PackageClauseOnly)
			if err != nil {
				t.Errorf("%s: %v", f.Path, err)
				continue
			}
			if want := "Package " + file.Name.Name + " "; file.Doc == nil || !strings.HasPrefix(file.Doc.Text(), want) {
				t.Errorf("%s: the package comment does not open with %q; go doc shows:\n%s", f.Path, want, file.Doc.Text())
			}
		}
	}
}

// archives parses every golden case.
func archives(t *testing.T) []*txtar.Archive {
	t.Helper()
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	var out []*txtar.Archive
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ar)
	}
	return out
}

// emit builds the case's spec and returns the Go emitter's files.
func emit(t *testing.T, in []txtar.File) []output.File {
	t.Helper()
	f, err := spec.Parse("spec.yaml", golden.Section(t, in, "spec.yaml"))
	if err != nil {
		t.Fatalf("spec:\n%v", err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatalf("ir:\n%v", err)
	}
	files, err := golang.Emit(p)
	if err != nil {
		t.Fatalf("Emit: %v", err)
	}
	return files
}

// TestGeneratedCodeRuns compiles the packages generated from every golden case, vets them, and runs
// the cases' hand-written tests against them. The packages import the module.s runtime
// (generated/wire), so they are written into a scratch module with the same module path and a
// copy of the runtime: nothing is written into the repository, and no other package is built.
func TestGeneratedCodeRuns(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build generated code: %v", err)
	}
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), []byte("module github.com/eventgen/eventgen\n\ngo 1.26\n"))
	copyRuntime(t, root)
	for _, ar := range archives(t) {
		var pkgDir string
		for _, f := range emit(t, ar.Files) {
			write(t, filepath.Join(root, "generated", filepath.FromSlash(f.Path)), f.Data)
			pkgDir = path.Dir(f.Path)
		}
		for _, s := range ar.Files {
			if strings.HasSuffix(s.Name, "_test.go") {
				write(t, filepath.Join(root, "generated", pkgDir, s.Name), s.Data)
			}
		}
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s in the scratch module: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// copyRuntime copies the non-test Go files of the runtime packages (generated/wire, and generated/webhook
// under the handlers) into the scratch module.
func copyRuntime(t *testing.T, root string) {
	t.Helper()
	for _, pkg := range []string{"wire", "webhook", "cloudevent"} {
		dir := filepath.Join("../../generated", pkg)
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no runtime files in %s: %v", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(root, "generated", pkg, filepath.Base(f)), data)
		}
	}
}

func write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
