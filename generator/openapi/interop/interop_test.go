package interop

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/eventgen/eventgen/generator"
	"github.com/eventgen/eventgen/generator/fixtures"
	"github.com/eventgen/eventgen/generator/naming"
)

// The tools, by the environment variable that gives the path of each.
var tools = []string{"OGEN", "OAPI_CODEGEN", "OPENAPI_TS", "TSC"}

// TestInterop runs ogen, oapi-codegen (-generate types with its skip-prune option: its pruning ignores
// webhooks) and openapi-typescript on every platform's document, in a scratch module, and requires:
//
//   - the generated Go builds;
//   - ogen's generated webhook server, serving the request of the platform's webhook on 127.0.0.1,
//     decodes every vendor sample into the variant of the sample's own event;
//   - oapi-codegen's union resolves every sample, by its discriminator (ValueByDiscriminator), to
//     the sample's own event;
//   - every sample is assignable to the TypeScript type of its event, and a switch on the
//     discriminator narrows the union to each event's type, under tsc --strict.
//
// A sample of the envelope's absent event (a JAICP text request: no event type at all) has nothing for
// a discriminator to read. For ogen and oapi-codegen it goes the way a consumer of those generators
// routes it: a body without the event type is given to the event's own webhook (query), whose request
// body is the event's schema: ogen's server for that webhook decodes and validates it, and
// oapi-codegen's type of the schema takes it. TypeScript types it as the union and narrows it on an
// absent (or null, or empty) discriminator to the event's schema, whose discriminator is optional.
//
// It also counts the synthesized invalid fixtures the ogen server rejects (not all: ogen does not
// check what JSON Schema cannot say, nor every keyword).
func TestInterop(t *testing.T) {
	if os.Getenv("EVENTGEN_INTEROP") == "" {
		t.Skip("runs ogen, oapi-codegen, openapi-typescript and tsc on the documents; run it with `make test` (or `make test-interop`), which installs them")
	}
	paths := map[string]string{}
	for _, env := range tools {
		p := os.Getenv(env)
		if p == "" {
			t.Fatalf("%s is not set: the path of the tool", env)
		}
		paths[env] = p
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	var platforms []*platform
	docs, _ := filepath.Glob(filepath.Join(root, "generated", "*", "openapi.json"))
	for _, doc := range docs {
		p, err := readPlatform(doc)
		if err != nil {
			t.Fatal(err)
		}
		if p != nil {
			platforms = append(platforms, p)
		}
	}
	if len(platforms) == 0 {
		t.Fatal("no document with webhooks under generated/")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module interopcheck\n\ngo 1.26\n")
	for _, p := range platforms {
		yamlDoc := strings.TrimSuffix(p.doc, ".json") + ".yaml"
		run(t, ctx, dir, paths["OGEN"], "--target", filepath.Join(p.Name, "ogenapi"), "--package", "ogenapi", "--clean", yamlDoc)
		run(t, ctx, dir, paths["OAPI_CODEGEN"], "-generate", "types,skip-prune", "-package", "oapiapi",
			"-o", filepath.Join(p.Name, "oapiapi", "types_gen.go"), yamlDoc)
		if err := p.ogenHandler(filepath.Join(dir, p.Name, "ogenapi", "oas_server_gen.go")); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, p.Name, "check", "main.go"), render(t, checkProgram, p))
	}
	run(t, ctx, dir, "go", "mod", "tidy")
	run(t, ctx, dir, "go", "build", "./...")
	for _, p := range platforms {
		t.Run(p.Name, func(t *testing.T) {
			out := run(t, ctx, dir, "go", "run", "./"+p.Name+"/check", filepath.Join(root, "generated", p.Name, "testdata"))
			var r report
			if err := json.Unmarshal(lastLine(out), &r); err != nil {
				t.Fatalf("the check program's report: %v\n%s", err, out)
			}
			p.findUntypable(t, root)
			absent := p.absentSamples(t, root)
			for _, m := range r.Mismatches {
				if !mentionsAny(m, p.untypable) {
					t.Errorf("%s", m)
				}
			}
			for _, f := range sortedKeys(p.untypable) {
				t.Logf("%s: not counted: %s", f, p.untypable[f])
			}
			// The check program counts every sample; those no discriminator can type are not expected to be.
			if r.Samples == 0 {
				t.Errorf("no vendor samples under generated/%s/testdata/examples", p.Name)
			}
			r.Samples -= len(p.untypable)
			r.OgenTyped, r.OapiResolved = min(r.OgenTyped, r.Samples), min(r.OapiResolved, r.Samples)
			ts := p.typescript(t, ctx, dir, paths, root)
			t.Logf("%s: ogen typed %d/%d vendor samples, oapi-codegen resolved %d/%d, TypeScript typed and narrowed %d/%d; ogen rejected %d/%d invalid fixtures",
				p.Name, r.OgenTyped, r.Samples, r.OapiResolved, r.Samples, ts, r.Samples, r.OgenRejected, r.Invalid)
			if absent > 0 {
				t.Logf("%s: %d samples of the absent event %s (no event type): typed through its own webhook by ogen and oapi-codegen, and as the union narrowed on an absent %s by TypeScript",
					p.Name, absent, p.Absent, p.Disc)
			}
			if r.AbsentTyped != absent {
				t.Errorf("ogen typed %d of the %d samples of the absent event %s through its webhook", r.AbsentTyped, absent, p.Absent)
			}
			if r.OgenTyped != r.Samples || r.OapiResolved != r.Samples || ts != r.Samples {
				t.Errorf("not every vendor sample is typed as its own event")
			}
		})
	}
}

// report is what the check program prints last, as one JSON line.
type report struct {
	Samples, OgenTyped, OapiResolved, Invalid, OgenRejected, AbsentTyped int
	Mismatches                                                           []string
}

// platform is what the test reads from a document.
type platform struct {
	Name       string
	doc        string
	Body       string            // the component of the platform webhook's request body: Event or Batch
	Batch      string            // the batch member, or ""
	BatchField string            // its Go field name
	Levels     []string          // the members from an envelope to the object holding the event type
	LevelPath  string            // their Go field names, as a selector: ".Event"
	Variants   map[string]string // event name → the component of the union's variant for it
	Envelopes  map[string]string // event name → the component of its envelope
	Disc       string            // the event type member in the object of the last level
	Unknown    string            // the union's variant for event types it does not map
	// untypable are the vendor samples that no discriminator can type as their own event, by file
	// (generated/<p>/testdata/examples/...): those the spec marks invalid (the vendor's sample does not
	// match the event it documents).
	untypable map[string]string

	OgenMethod, OgenReq, OgenRes string // the ogen webhook handler method, its request and response types
	OgenReqQ                     string // the request type, qualified with the package name

	// The envelope's absent event (a body without an event type), or "": its name, the component of its
	// envelope, and the ogen handler method of its own webhook, with its request and response types.
	Absent, AbsentSchema                           string
	AbsentMethod, AbsentReq, AbsentReqQ, AbsentRes string
}

// readPlatform reads a document; it returns nil for a document without webhooks (a catalogue).
func readPlatform(path string) (*platform, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Webhooks   map[string]map[string]operation `json:"webhooks"`
		Components struct {
			Schemas map[string]schema `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(doc.Webhooks) == 0 {
		return nil, nil
	}
	name := filepath.Base(filepath.Dir(path))
	p := &platform{Name: name, doc: path, Variants: map[string]string{}, Envelopes: map[string]string{}}
	main, ok := doc.Webhooks[name]["post"]
	if !ok {
		return nil, fmt.Errorf("%s: no POST webhook named %s", path, name)
	}
	p.OgenMethod = naming.GoName(main.OperationID)
	p.Body = refName(main.RequestBody.Content["application/json"].Schema.Ref)
	body := doc.Components.Schemas[p.Body]
	for member, s := range body.Properties {
		if s.Items != nil {
			p.Batch, p.BatchField = member, naming.GoName(member)
		}
	}
	event := doc.Components.Schemas["Event"]
	path2 := strings.Split(strings.TrimPrefix(event.Path, "/"), "/")
	p.Levels, p.Disc = path2[:len(path2)-1], path2[len(path2)-1]
	union := event
	for _, l := range p.Levels {
		p.LevelPath += "." + naming.GoName(l)
		union = doc.Components.Schemas[refName(union.Properties[l].Ref)]
	}
	if a := event.Absent; a != nil {
		p.Absent, p.AbsentSchema = a.Name, refName(a.Schema)
		op, ok := doc.Webhooks[a.Name]["post"]
		if !ok {
			return nil, fmt.Errorf("%s: no POST webhook for the absent event %s", path, a.Name)
		}
		p.AbsentMethod = naming.GoName(op.OperationID)
	}
	if union.Discriminator == nil {
		return nil, fmt.Errorf("%s: the union of the events has no discriminator", path)
	}
	p.Unknown = refName(union.DefaultMapping)
	for v, ref := range union.Discriminator.Mapping {
		p.Variants[v] = refName(ref)
	}
	for ev, item := range doc.Webhooks {
		if ev == name {
			continue
		}
		b := item["post"].RequestBody.Content["application/json"].Schema
		if b.Ref != "" {
			p.Envelopes[ev] = refName(b.Ref)
			continue
		}
		for _, s := range b.Properties {
			if s.Items != nil {
				p.Envelopes[ev] = refName(s.Items.Ref)
			}
		}
	}
	return p, nil
}

type operation struct {
	OperationID string `json:"operationId"`
	RequestBody struct {
		Content map[string]struct {
			Schema schema `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
}

type schema struct {
	Ref            string            `json:"$ref"`
	Properties     map[string]schema `json:"properties"`
	Items          *schema           `json:"items"`
	Path           string            `json:"x-eventgen-discriminator-path"`
	DefaultMapping string            `json:"x-eventgen-default-mapping"`
	Absent         *struct {
		Name   string `json:"name"`
		Schema string `json:"schema"`
	} `json:"x-eventgen-absent-event"`
	Discriminator *struct {
		Mapping map[string]string `json:"mapping"`
	} `json:"discriminator"`
}

func refName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

// ogenHandler reads the request and response types of the handler methods of the platform's webhook,
// and of its absent event's webhook, from the code ogen generated.
func (p *platform) ogenHandler(server string) error {
	data, err := os.ReadFile(server)
	if err != nil {
		return err
	}
	method := func(name string) (req, reqQ, res string, err error) {
		re := regexp.MustCompile(`(?m)^\t` + name + `\(ctx context\.Context, req (\S+)\) \(\*(\w+), error\)$`)
		m := re.FindSubmatch(data)
		if m == nil {
			return "", "", "", fmt.Errorf("%s: no handler method %s", server, name)
		}
		req, res = string(m[1]), string(m[2])
		reqQ = "ogenapi." + req
		if ptr, ok := strings.CutPrefix(req, "*"); ok {
			reqQ = "*ogenapi." + ptr
		}
		return req, reqQ, res, nil
	}
	if p.OgenReq, p.OgenReqQ, p.OgenRes, err = method(p.OgenMethod); err != nil {
		return err
	}
	if p.AbsentMethod != "" {
		if p.AbsentReq, p.AbsentReqQ, p.AbsentRes, err = method(p.AbsentMethod); err != nil {
			return err
		}
	}
	return nil
}

// typescript generates the TypeScript types of the document and a program that assigns every vendor
// sample to its event's type and narrows the union by a switch on the discriminator, type-checks it
// with tsc --strict, and returns how many samples type-check.
func (p *platform) typescript(t *testing.T, ctx context.Context, dir string, paths map[string]string, root string) int {
	t.Helper()
	tsDir := filepath.Join(dir, p.Name, "ts")
	run(t, ctx, dir, paths["OPENAPI_TS"], strings.TrimSuffix(p.doc, ".json")+".yaml", "-o", filepath.Join(tsDir, "api.d.ts"))
	var src strings.Builder
	src.WriteString("import type { components } from \"./api\";\ntype S = components[\"schemas\"];\n\n")
	sel := "ev" + strings.Join(append([]string{""}, p.Levels...), ".")
	fmt.Fprintf(&src, "export function narrow(ev: S[%q]): string {\n\tswitch (%s.%s) {\n", "Event", sel, p.Disc)
	for _, v := range sortedKeys(p.Variants) {
		fmt.Fprintf(&src, "\tcase %q: {\n\t\tconst x: S[%q] = %s;\n\t\treturn %q + typeof x;\n\t}\n", v, p.Variants[v], sel, v)
	}
	if p.Absent != "" {
		fmt.Fprintf(&src, "\tcase undefined: case null: case \"\": {\n\t\tconst x: S[%q] = %s;\n\t\treturn %q + typeof x;\n\t}\n", p.AbsentSchema, sel, p.Absent)
	}
	src.WriteString("\t}\n\treturn \"other\";\n}\n\n")
	samples := p.samples(t, root)
	lines := map[int]string{}
	line := strings.Count(src.String(), "\n") + 1
	for i, s := range samples {
		items := []json.RawMessage{s.body}
		fmt.Fprintf(&src, "export const sample%d: S[%q] = %s;\n", i, p.Body, compact(t, s.body))
		lines[line] = s.name
		line++
		if p.Batch != "" {
			var b map[string][]json.RawMessage
			if err := json.Unmarshal(s.body, &b); err != nil {
				t.Fatal(err)
			}
			items = b[p.Batch]
		}
		for j, it := range items {
			typ := eventType(t, it, p)
			env := p.Envelopes[typ]
			if typ == "" && p.Absent != "" {
				env = p.AbsentSchema
			}
			if env == "" {
				continue // an event the catalogue does not document
			}
			fmt.Fprintf(&src, "export const sample%d_%d: S[%q] = %s;\n", i, j, env, compact(t, it))
			lines[line] = s.name
			line++
		}
	}
	write(t, filepath.Join(tsDir, "check.ts"), src.String())
	cmd := exec.CommandContext(ctx, paths["TSC"], "--strict", "--noEmit", "--target", "es2020", "check.ts")
	cmd.Dir = tsDir
	out, err := cmd.CombinedOutput()
	if err == nil {
		return len(samples)
	}
	bad := map[string]bool{}
	other := false
	for _, m := range regexp.MustCompile(`(?m)^check\.ts\((\d+),\d+\): error`).FindAllSubmatch(out, -1) {
		var n int
		fmt.Sscan(string(m[1]), &n)
		if name, ok := lines[n]; ok {
			bad[name] = true
		} else {
			other = true
		}
	}
	t.Errorf("tsc --strict:\n%s", out)
	if other {
		return 0 // the narrowing itself does not type-check
	}
	return len(samples) - len(bad)
}

type sample struct {
	name string
	body json.RawMessage
}

// samples reads the vendor samples: generated/<platform>/testdata/examples/<event>/<name>.json.
func (p *platform) samples(t *testing.T, root string) []sample {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, "generated", p.Name, "testdata", "examples", "*", "*.json"))
	slices.Sort(files)
	var out []sample
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		if _, skip := p.untypable[filepath.ToSlash(rel)]; skip {
			continue
		}
		out = append(out, sample{name: rel, body: data})
	}
	return out
}

// findUntypable lists the vendor samples of a platform that no discriminator can type as their own
// event, from the spec's model: examples with problems (published by the vendor as they are, marked
// invalid in the spec). Examples of the absent event are typed through its own webhook.
func (p *platform) findUntypable(t *testing.T, root string) {
	t.Helper()
	p.untypable = map[string]string{}
	ps, err := generator.Load([]string{filepath.Join(root, "spec", p.Name+".yaml")})
	if err != nil {
		t.Fatal(err)
	}
	fxs, err := fixtures.Fixtures(ps[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range fxs {
		if !strings.HasPrefix(fx.Path, "testdata/examples/") {
			continue
		}
		if len(fx.Problems) > 0 {
			p.untypable[path.Join("generated", p.Name, fx.Path)] = "marked invalid in the spec: the vendor's sample does not match its event"
		}
	}
}

// absentSamples counts the vendor samples, among those counted, whose body has no event type: those of
// the envelope's absent event.
func (p *platform) absentSamples(t *testing.T, root string) int {
	t.Helper()
	if p.Absent == "" {
		return 0
	}
	n := 0
	for _, s := range p.samples(t, root) {
		if eventType(t, s.body, p) == "" {
			n++
		}
	}
	return n
}

func eventType(t *testing.T, item json.RawMessage, p *platform) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(item, &v); err != nil {
		t.Fatal(err)
	}
	for _, k := range append(slices.Clone(p.Levels), p.Disc) {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	s, _ := v.(string)
	return s
}

func compact(t *testing.T, data []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func run(t *testing.T, ctx context.Context, dir, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s\n%s", name, strings.Join(args, " "), err, tail(stdout.String()), tail(stderr.String()))
	}
	return stdout.Bytes()
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}

func lastLine(out []byte) []byte {
	out = bytes.TrimSpace(out)
	if i := bytes.LastIndexByte(out, '\n'); i >= 0 {
		return out[i+1:]
	}
	return out
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func render(t *testing.T, tmpl *template.Template, data any) string {
	t.Helper()
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// mentionsAny reports whether a mismatch names one of the files.
func mentionsAny(msg string, files map[string]string) bool {
	for f := range files {
		if strings.Contains(msg, strings.TrimPrefix(f, "generated/")) || strings.Contains(msg, path.Base(path.Dir(f))+"/"+path.Base(f)) {
			return true
		}
	}
	return false
}
