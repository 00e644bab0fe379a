package diff

import (
	"bytes"
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/eventgen/eventgen/generator/internal/golden"
)

// TestCorpus runs testdata/*.txtar: one case per rule, named after it (rule.variant for more cases of
// one rule). The old spec is the case's old.yaml, or testdata/base.yaml; the new spec is its new.yaml,
// or the old one with each "from" section (from, from.2, …) replaced by the matching "to" section,
// which must occur exactly once. The "want" section is the text output; -update rewrites it. Each
// case must report its own rule, and none other than "none" may report nothing.
func TestCorpus(t *testing.T) {
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, inputs []txtar.File) []txtar.File {
		rule, _, _ := strings.Cut(t.Name()[len("TestCorpus/"):], ".")
		old, new := caseSpecs(t, base, inputs)
		o, err := Parse("old.yaml", old)
		if err != nil {
			t.Fatalf("old spec: %v", err)
		}
		n, err := Parse("new.yaml", new)
		if err != nil {
			t.Fatalf("new spec: %v", err)
		}
		changes := Compare(o, n)
		found := slices.ContainsFunc(changes, func(c Change) bool { return c.Rule == rule })
		switch {
		case rule == "none" && len(changes) > 0:
			t.Errorf("want no change, got %d", len(changes))
		case rule != "none" && !found:
			t.Errorf("rule %s not reported", rule)
		}
		var buf bytes.Buffer
		if err := WriteText(&buf, changes); err != nil {
			t.Fatal(err)
		}
		return []txtar.File{{Name: "want", Data: buf.Bytes()}}
	})
}

// caseSpecs returns the old and new spec of a corpus case.
func caseSpecs(t *testing.T, base []byte, inputs []txtar.File) (old, new []byte) {
	t.Helper()
	sections := map[string][]byte{}
	for _, f := range inputs {
		sections[f.Name] = f.Data
	}
	old = base
	if s, ok := sections["old.yaml"]; ok {
		old = s
	}
	if s, ok := sections["new.yaml"]; ok {
		return old, s
	}
	new = old
	for i := 1; ; i++ {
		suffix := ""
		if i > 1 {
			suffix = "." + strconv.Itoa(i)
		}
		from, ok := sections["from"+suffix]
		if !ok {
			if i == 1 {
				t.Fatal("case has neither new.yaml nor a from section")
			}
			return old, new
		}
		to := sections["to"+suffix]
		if bytes.Count(new, from) != 1 {
			from, to = bytes.TrimSuffix(from, []byte("\n")), bytes.TrimSuffix(to, []byte("\n"))
		}
		if c := bytes.Count(new, from); c != 1 {
			t.Fatalf("from%s occurs %d times, want once", suffix, c)
		}
		new = bytes.Replace(new, from, to, 1)
	}
}

// TestEveryRuleHasACase requires a corpus case named after every rule, and no case for an unknown rule.
func TestEveryRuleHasACase(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	cases := map[string]bool{}
	for _, p := range paths {
		rule, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(p), ".txtar"), ".")
		cases[rule] = true
	}
	for _, r := range Rules {
		if !cases[r.ID] {
			t.Errorf("rule %s has no case testdata/%s.txtar", r.ID, r.ID)
		}
		delete(cases, r.ID)
	}
	delete(cases, "none")
	for c := range cases {
		t.Errorf("testdata/%s.txtar: no such rule", c)
	}
}

// TestRulesDocumented keeps the rule table of README.md in step with Rules; -update rewrites it.
func TestRulesDocumented(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)<!-- rules -->\n.*<!-- /rules -->\n`)
	if !re.Match(readme) {
		t.Fatal("README.md has no <!-- rules --> section")
	}
	var b strings.Builder
	b.WriteString("<!-- rules -->\n| rule | severity | why |\n|---|---|---|\n")
	for _, r := range Rules {
		b.WriteString("| `" + r.ID + "` | " + r.Severity.String() + " | " + r.Why + " |\n")
	}
	b.WriteString("<!-- /rules -->\n")
	got := re.ReplaceAllLiteral(readme, []byte(b.String()))
	if *golden.Update {
		if err := os.WriteFile("README.md", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, readme) {
		t.Error("README.md's rule table is out of date with Rules; run go test -update")
	}
}

// TestRuleIDsUnique guards the table against a rule listed twice.
func TestRuleIDsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if !regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`).MatchString(r.ID) {
			t.Errorf("rule id %q is not kebab-case", r.ID)
		}
	}
}

// TestJSON checks the JSON form against the text form of the same changes.
func TestJSON(t *testing.T) {
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o, err := Parse("old.yaml", base)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Parse("new.yaml", bytes.Replace(base, []byte("maximum: 150"), []byte("maximum: 130"), 1))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Compare(o, n)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Changes []struct {
			Severity, Rule, Subject, Message string
			Old, New                         struct {
				File      string
				Line, Col int
			}
		}
		Summary map[string]int
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Changes) != 1 || got.Summary["warning"] != 1 || got.Summary["breaking"] != 0 {
		t.Fatalf("got %+v", got)
	}
	c := got.Changes[0]
	if c.Rule != "constraint-tightened" || c.Severity != "warning" || c.Old.File != "old.yaml" || c.New.File != "new.yaml" || c.Old.Line == 0 {
		t.Errorf("got %+v", c)
	}
}

// TestIdentical compares each real spec with itself: nothing changed.
func TestIdentical(t *testing.T) {
	paths, _ := filepath.Glob("../../spec/*.yaml")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Parse("a.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse("b.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		if cs := Compare(a, b); len(cs) > 0 {
			t.Errorf("%s: %d changes against itself, first: %s", p, len(cs), cs[0])
		}
	}
}

// TestCrossPlatform compares every pair of real specs, which differ in nearly everything: the
// comparison must not fail, must be deterministic, and must come out sorted.
func TestCrossPlatform(t *testing.T) {
	paths, _ := filepath.Glob("../../spec/*.yaml")
	var specs []*Spec
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(filepath.Base(p), data)
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, s)
	}
	for _, a := range specs {
		for _, b := range specs {
			if a == b {
				continue
			}
			first, second := Compare(a, b), Compare(a, b)
			if len(first) == 0 {
				t.Errorf("%s vs %s: no change", a.File.Path, b.File.Path)
			}
			var x, y bytes.Buffer
			_ = WriteText(&x, first)
			_ = WriteText(&y, second)
			if x.String() != y.String() {
				t.Errorf("%s vs %s: two runs differ", a.File.Path, b.File.Path)
			}
			if !slices.IsSortedFunc(first, func(c, d Change) int {
				pc, pd := primary(c), primary(d)
				return cmp.Or(strings.Compare(pc.File, pd.File), cmp.Compare(pc.Line, pd.Line), cmp.Compare(pc.Col, pd.Col), strings.Compare(c.Rule, d.Rule))
			}) {
				t.Errorf("%s vs %s: not sorted by position and rule", a.File.Path, b.File.Path)
			}
		}
	}
}
