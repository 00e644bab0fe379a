package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// past is the modification time the tests give files, so that a rewrite is visible.
var past = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

func newSet() *Set {
	s := &Set{}
	s.Add("alpha", File{"alpha/a_gen.go", []byte("package alpha\n")}, File{"alpha/testdata/x.json", []byte("{}\n")})
	s.Add("beta", File{"beta/b_gen.go", []byte("package beta\n")})
	return s
}

// tree returns every file under root (slash paths) with its content.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func put(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// age sets every file under root to the past, and returns their modification times.
func age(t *testing.T, root string) map[string]time.Time {
	t.Helper()
	for rel := range tree(t, root) {
		if err := os.Chtimes(filepath.Join(root, filepath.FromSlash(rel)), past, past); err != nil {
			t.Fatal(err)
		}
	}
	return mtimes(t, root)
}

func mtimes(t *testing.T, root string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	for rel := range tree(t, root) {
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = info.ModTime()
	}
	return out
}

func changes(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return out
}

func TestWriteCreates(t *testing.T) {
	root := filepath.Join(t.TempDir(), "out") // Write creates the root too
	got, err := newSet().Write(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"create alpha/a_gen.go", "create alpha/testdata/x.json", "create beta/b_gen.go"}
	if diff := cmp.Diff(want, changes(got)); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	wantTree := map[string]string{"alpha/a_gen.go": "package alpha\n", "alpha/testdata/x.json": "{}\n", "beta/b_gen.go": "package beta\n"}
	if diff := cmp.Diff(wantTree, tree(t, root)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestWriteOnlyChanged checks that identical files are not rewritten (their modification time stays),
// that a changed file is, and that Write reports exactly that.
func TestWriteOnlyChanged(t *testing.T) {
	root := t.TempDir()
	if _, err := newSet().Write(root); err != nil {
		t.Fatal(err)
	}
	before := age(t, root)

	got, err := newSet().Write(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("rewriting an identical set changed %v", changes(got))
	}
	if diff := cmp.Diff(before, mtimes(t, root)); diff != "" {
		t.Errorf("identical files were rewritten (modification times -before +after):\n%s", diff)
	}

	s := newSet()
	s.Files[0].Data = []byte("package alpha // changed\n")
	got, err = s.Write(root)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"update alpha/a_gen.go"}, changes(got)); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	after := mtimes(t, root)
	for rel, m := range before {
		if rel == "alpha/a_gen.go" {
			if m.Equal(after[rel]) {
				t.Errorf("%s changed but was not rewritten", rel)
			}
		} else if !m.Equal(after[rel]) {
			t.Errorf("%s is unchanged but was rewritten", rel)
		}
	}
	if data := tree(t, root)["alpha/a_gen.go"]; data != "package alpha // changed\n" {
		t.Errorf("alpha/a_gen.go = %q", data)
	}
}

// TestWriteRemovesStale checks that files the set does not contain are removed from the directories it
// owns (at any depth), and that nothing outside them is touched.
func TestWriteRemovesStale(t *testing.T) {
	root := t.TempDir()
	put(t, root, "alpha/old_gen.go", "package alpha\n")
	put(t, root, "alpha/testdata/old.json", "[]\n")
	put(t, root, "gamma/keep.go", "package gamma\n")       // a directory the set does not own
	put(t, root, "wire/keep.go", "package wire\n")         // the hand-written runtime
	put(t, root, "generate.go", "package generated\n")     // the root itself is not owned
	put(t, root, "alphabet/keep.go", "package alphabet\n") // a sibling whose name starts like an owned one
	got, err := newSet().Write(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"create alpha/a_gen.go", "remove alpha/old_gen.go", "remove alpha/testdata/old.json",
		"create alpha/testdata/x.json", "create beta/b_gen.go"}
	if diff := cmp.Diff(want, changes(got)); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	wantTree := map[string]string{
		"alpha/a_gen.go": "package alpha\n", "alpha/testdata/x.json": "{}\n", "beta/b_gen.go": "package beta\n",
		"gamma/keep.go": "package gamma\n", "wire/keep.go": "package wire\n", "generate.go": "package generated\n",
		"alphabet/keep.go": "package alphabet\n",
	}
	if diff := cmp.Diff(wantTree, tree(t, root)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestCheck checks that Check passes on a current tree, reports every kind of drift with its path, and
// never writes.
func TestCheck(t *testing.T) {
	root := t.TempDir()
	if _, err := newSet().Write(root); err != nil {
		t.Fatal(err)
	}
	if err := newSet().Check(root); err != nil {
		t.Fatalf("Check on a current tree: %v", err)
	}

	put(t, root, "alpha/a_gen.go", "package alpha // edited by hand\n")
	put(t, root, "beta/stale_gen.go", "package beta\n")
	if err := os.Remove(filepath.Join(root, "alpha", "testdata", "x.json")); err != nil {
		t.Fatal(err)
	}
	put(t, root, "gamma/keep.go", "package gamma\n")
	before := tree(t, root)
	stamps := age(t, root)

	err := newSet().Check(root)
	if err == nil {
		t.Fatal("Check passed on a drifted tree")
	}
	slash := filepath.ToSlash(root)
	want := "generated files are stale (run make generate):\n" +
		"  update " + slash + "/alpha/a_gen.go\n" +
		"  create " + slash + "/alpha/testdata/x.json\n" +
		"  remove " + slash + "/beta/stale_gen.go"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("Check error (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, tree(t, root)); diff != "" {
		t.Errorf("Check changed files (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(stamps, mtimes(t, root)); diff != "" {
		t.Errorf("Check touched files (-before +after):\n%s", diff)
	}

	if _, err := newSet().Write(root); err != nil {
		t.Fatal(err)
	}
	if err := newSet().Check(root); err != nil {
		t.Errorf("Check after Write: %v", err)
	}
}

func TestCheckMissingRoot(t *testing.T) {
	root := filepath.Join(t.TempDir(), "nothing")
	err := newSet().Check(root)
	if err == nil {
		t.Fatal("Check passed on a missing output root")
	}
	if n := strings.Count(err.Error(), "\n  create "); n != 3 {
		t.Errorf("Check on a missing root lists %d creations, want 3:\n%v", n, err)
	}
	if _, statErr := os.Stat(root); !errors.Is(statErr, fs.ErrNotExist) {
		t.Errorf("Check created the output root: %v", statErr)
	}
}

func TestAddOwnsEachDirOnce(t *testing.T) {
	s := &Set{}
	s.Add("alpha", File{Path: "alpha/a.go"})
	s.Add("alpha", File{Path: "alpha/b.go"})
	s.Add("beta")
	if diff := cmp.Diff([]string{"alpha", "beta"}, s.Dirs); diff != "" {
		t.Errorf("Dirs (-want +got):\n%s", diff)
	}
	if len(s.Files) != 2 {
		t.Errorf("Files = %d, want 2", len(s.Files))
	}
}

// TestDiffSorted checks that changes come sorted by path whatever order the files were added in.
func TestDiffSorted(t *testing.T) {
	s := &Set{}
	s.Add("z", File{"z/b.go", nil}, File{"z/a.go", nil})
	s.Add("m", File{"m/c.go", nil})
	got, err := s.Diff(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	paths := changes(got)
	if !slices.IsSorted(paths) || len(paths) != 3 {
		t.Errorf("Diff = %v, want 3 changes sorted by path", paths)
	}
}

func TestHeader(t *testing.T) {
	h := Header("spec/mluvii.yaml")
	if !regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`).MatchString(h) {
		t.Errorf("Header = %q does not follow golang.org/s/generatedcode", h)
	}
	if want := "// Code generated by eventgen from spec/mluvii.yaml. DO NOT EDIT."; h != want {
		t.Errorf("Header = %q, want %q", h, want)
	}
}
