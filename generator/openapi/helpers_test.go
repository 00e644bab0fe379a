package openapi_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/txtar"

	"github.com/eventgen/eventgen/generator/internal/golden"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/openapi"
	"github.com/eventgen/eventgen/generator/output"
	"github.com/eventgen/eventgen/generator/spec"
)

// root is the module root, relative to this package.
const root = "../.."

// build parses a spec given as text and builds its IR, naming it like the generator does.
func build(t *testing.T, name string, data []byte) *ir.Platform {
	t.Helper()
	f, err := spec.Parse(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p.SpecPath = name
	return p
}

// specPlatforms builds the IR of every spec of the module.
func specPlatforms(t *testing.T) []*ir.Platform {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(root, "spec", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no specs found: %v", err)
	}
	var ps []*ir.Platform
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, build(t, "spec/"+filepath.Base(path), data))
	}
	return ps
}

// goldenPlatforms builds the IR of the specs of testdata/*.txtar.
func goldenPlatforms(t *testing.T) []*ir.Platform {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var ps []*ir.Platform
	for _, path := range paths {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, build(t, "spec.yaml", golden.Section(t, ar.Files, "spec.yaml")))
	}
	return ps
}

// emit runs the emitter and returns the document's files by base name.
func emit(t *testing.T, p *ir.Platform) map[string][]byte {
	t.Helper()
	files, err := openapi.Emit(p)
	if err != nil {
		t.Fatalf("Emit(%s): %v", p.Name, err)
	}
	return byBase(files)
}

func byBase(files []output.File) map[string][]byte {
	out := map[string][]byte{}
	for _, f := range files {
		out[filepath.Base(f.Path)] = f.Data
	}
	return out
}

// docURL names a document for the JSON Schema compiler; nothing is fetched.
func docURL(platform string) string { return "https://eventgen.invalid/" + platform + "/openapi.json" }

// schemas compiles component schemas of an OpenAPI document as JSON Schema 2020-12, which is the
// dialect of OpenAPI 3.1 Schema Objects (the OpenAPI vocabulary's keywords, discriminator and example,
// are annotations and x- extensions are ignored). The compiler has no loader: a reference outside the
// document fails.
type schemas struct {
	t   *testing.T
	c   *jsonschema.Compiler
	url string
	got map[string]*jsonschema.Schema
}

func newSchemas(t *testing.T, platform string, doc []byte) *schemas {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(noLoader{})
	url := docURL(platform)
	if err := c.AddResource(url, v); err != nil {
		t.Fatal(err)
	}
	return &schemas{t: t, c: c, url: url, got: map[string]*jsonschema.Schema{}}
}

// get returns the compiled component schema, compiling it once.
func (s *schemas) get(name string) *jsonschema.Schema {
	s.t.Helper()
	if sch, ok := s.got[name]; ok {
		return sch
	}
	sch, err := s.c.Compile(s.url + "#/components/schemas/" + name)
	if err != nil {
		s.t.Fatalf("compile %s: %v", name, err)
	}
	s.got[name] = sch
	return sch
}

type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, &os.PathError{Op: "load", Path: url, Err: os.ErrNotExist}
}

// instance decodes JSON for validation, numbers kept exact.
func instance(t *testing.T, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// irValid reports whether the model accepts a body: it decodes and Validate reports nothing.
func irValid(p *ir.Platform, body []byte) (bool, string) {
	_, problems, err := p.ValidateJSON(body)
	switch {
	case err != nil:
		return false, err.Error()
	case len(problems) > 0:
		return false, problems[0].String()
	}
	return true, ""
}

// bodySchema is the component name of the webhook's request body.
func bodySchema(p *ir.Platform) string {
	if p.Envelope.Batch != "" {
		return "Batch"
	}
	return "Event"
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
