package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

var update = flag.Bool("update", false, "rewrite the cmp files inside the test scripts with the actual output")

// TestMain makes the test binary double as eventdecode: testscript puts it on the scripts' PATH under
// that name, and running it as eventdecode calls main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"eventdecode": main})
}

// decodedPlatforms are the platforms eventdecode decodes; their specs' examples are the samples.
var decodedPlatforms = []string{"jaicp", "livechat", "mchat", "mluvii"}

// TestScripts runs testdata/script/*.txtar. Before each script, every example of the decoded
// platforms' specs is extracted into $SAMPLES/<platform>.jsonl (one compact JSON document per line) with
// $SAMPLES/<platform>.types, the line eventdecode must print for each event of each sample. $SPECDIR is
// the repository's spec directory.
func TestScripts(t *testing.T) {
	samples := map[string][2][]byte{}
	for _, name := range decodedPlatforms {
		docs, types := extractSamples(t, name)
		samples[name] = [2][]byte{docs, types}
	}
	specDir, err := filepath.Abs(filepath.Join("..", "..", "spec"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			dir := filepath.Join(env.WorkDir, "samples")
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			for name, s := range samples {
				if err := os.WriteFile(filepath.Join(dir, name+".jsonl"), s[0], 0o644); err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, name+".types"), s[1], 0o644); err != nil {
					return err
				}
			}
			env.Setenv("SAMPLES", dir)
			env.Setenv("SPECDIR", specDir)
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){"exitcode": exitcode, "jsoneq": jsoneq},
	})
}

// extractSamples returns the examples of spec/<name>.yaml, one compact JSON document per line, and the
// type line of each of their events: the event name, then "/"+the variant's discriminator value when
// the event has a subtype (m-chat's "message/text").
func extractSamples(t *testing.T, name string) (docs, types []byte) {
	t.Helper()
	p := loadSpec(t, name)
	var d, ty bytes.Buffer
	n := 0
	for _, ev := range p.Events {
		for _, x := range ev.Examples {
			if err := json.Compact(&d, []byte(x.JSON)); err != nil {
				t.Fatalf("%s: example %q of %s: %v", name, x.Name, ev.Name, err)
			}
			d.WriteByte('\n')
			labels, err := typeLines(p, []byte(x.JSON))
			if err != nil {
				t.Fatalf("%s: example %q of %s: %v", name, x.Name, ev.Name, err)
			}
			for _, l := range labels {
				ty.WriteString(l + "\n")
			}
			n++
		}
	}
	if n == 0 {
		t.Fatalf("spec/%s.yaml has no examples", name)
	}
	return d.Bytes(), ty.Bytes()
}

// typeLines works out, from the spec alone, what eventdecode prints for each event of a document.
func typeLines(p *ir.Platform, doc []byte) ([]string, error) {
	evs, problems, err := p.ValidateJSON(doc)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("the spec's own validator reports %v", problems)
	}
	var root any
	if err := json.Unmarshal(doc, &root); err != nil {
		return nil, err
	}
	envelopes := []any{root}
	if b := p.Envelope.Batch; b != "" {
		envelopes = root.(map[string]any)[b].([]any)
	}
	var out []string
	for i, ev := range evs {
		if ev == nil {
			return nil, fmt.Errorf("envelope %d is not of a documented event", i)
		}
		line := ev.Name
		if sub := ev.Subtype; sub != nil {
			payload := envelopes[i]
			for _, member := range p.Envelope.PayloadPath() {
				payload = payload.(map[string]any)[member]
			}
			value := payload.(map[string]any)[sub.JSONName].(map[string]any)[sub.Type.Named.Discriminator]
			line += "/" + value.(string)
		}
		out = append(out, line)
	}
	return out, nil
}

// exitcode runs a program like exec and requires its exact exit status: `exitcode 2 eventdecode`.
func exitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode STATUS program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: status %q is not a number", args[0])
	}
	got := 0
	var exit *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case errors.As(err, &exit):
		got = exit.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// jsoneq compares two files (or stdout) holding sequences of JSON documents as JSON values, decoded
// with encoding/json: member order and spacing do not matter, everything else does.
func jsoneq(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: jsoneq file1 file2")
	}
	a, err := jsonDocs(ts.ReadFile(args[0]))
	ts.Check(err)
	b, err := jsonDocs(ts.ReadFile(args[1]))
	ts.Check(err)
	diff := cmp.Diff(a, b)
	switch {
	case neg && diff == "":
		ts.Fatalf("%s and %s hold the same JSON", args[0], args[1])
	case !neg && diff != "":
		ts.Fatalf("%s and %s differ as JSON (-%s +%s):\n%s", args[0], args[1], args[0], args[1], diff)
	}
}

func jsonDocs(text string) ([]any, error) {
	var docs []any
	dec := json.NewDecoder(strings.NewReader(text))
	for {
		var v any
		err := dec.Decode(&v)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("document %d: %v", len(docs)+1, err)
		}
		docs = append(docs, v)
	}
}

// zeros is an endless input, as /dev/zero or a runaway pipe on standard input.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// An endless standard input stops at --max-input with an error naming the input and the limit.
func TestEndlessStdin(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"--platform", "mluvii", "--max-input", "1MiB"}, zeros{}, &stdout, &stderr)
	want := "eventdecode: standard input: larger than 1 MiB, the limit on an input (raise it with --max-input)\n"
	if code != 1 || stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("run on endless stdin = %d, stderr %q, stdout %q; want 1, %q", code, stderr.String(), stdout.String(), want)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, é and ✓": "plain text, é and ✓",
		"\x1b[31mred\a":       `\x1b[31mred\a`,
		"tab\there\nnl":       `tab\there\nnl`,
		"bad \xff byte":       `bad \xff byte`,
		"line\u2028sep":       `line\u2028sep`,
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %s, want %s", in, got, want)
		}
	}
	if got := quoteIfNeeded("message/text"); got != "message/text" {
		t.Errorf("quoteIfNeeded(plain) = %s", got)
	}
	if got := quoteIfNeeded("a\x1bb"); got != `"a\x1bb"` {
		t.Errorf("quoteIfNeeded(control) = %s", got)
	}
}

// TestEveryUnion holds the table of --type to the specs: every platform offers exactly the unions of
// its spec, so a union added to a spec cannot be forgotten here.
func TestEveryUnion(t *testing.T) {
	for _, name := range platformNames() {
		p := loadSpec(t, name)
		var want []string
		for _, ty := range p.Types {
			if ty.Kind == ir.KindUnion {
				want = append(want, ty.Name)
			}
		}
		slices.Sort(want)
		if got := slices.Sorted(maps.Keys(platforms[name].values)); !slices.Equal(got, want) {
			t.Errorf("%s: --type offers %v; the spec's unions are %v", name, got, want)
		}
	}
}

// loadSpec loads and resolves spec/<name>.yaml.
func loadSpec(t *testing.T, name string) *ir.Platform {
	t.Helper()
	f, err := spec.Load(filepath.Join("..", "..", "spec", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
