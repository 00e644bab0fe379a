package openapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v4"
)

// metaSchemaID is the $id of testdata/openapi-3.1-schema.yaml, the OpenAPI Initiative's JSON Schema of
// OpenAPI 3.1 documents (it checks a document's structure, not the Schema Objects in it).
const metaSchemaID = "https://spec.openapis.org/oas/3.1/schema/WORK-IN-PROGRESS"

// metaSchema compiles the official schema offline: it is added as a resource under its own $id, its
// $schema (draft 2020-12) is built into the validator, and it references nothing else (the 3.1 dialect
// URI appears only as the default of jsonSchemaDialect), so no loader is needed.
func metaSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "openapi-3.1-schema.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(noLoader{})
	c.AssertFormat()
	if err := c.AddResource(metaSchemaID, instance(t, mustJSON(t, v))); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(metaSchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestGeneratedDocuments checks every committed document: it is what the emitter produces now, the
// YAML and the JSON say the same, kin-openapi loads and validates both, and both validate against the
// official OpenAPI 3.1 JSON Schema.
func TestGeneratedDocuments(t *testing.T) {
	meta := metaSchema(t)
	for _, p := range specPlatforms(t) {
		t.Run(p.Name, func(t *testing.T) {
			dir := filepath.Join(root, "generated", p.Name)
			files := emit(t, p)
			var docs []any
			for _, name := range []string{"openapi.json", "openapi.yaml"} {
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(data, files[name]) {
					t.Errorf("generated/%s/%s is stale: run go generate ./...", p.Name, name)
				}
				loader := openapi3.NewLoader()
				doc, err := loader.LoadFromData(data)
				if err != nil {
					t.Fatalf("%s: kin-openapi cannot load it: %v", name, err)
				}
				opt := openapi3.EnableExamplesValidation() // slow: once is enough
				if name != "openapi.json" {
					opt = openapi3.DisableExamplesValidation()
				}
				if err := doc.Validate(context.Background(), opt); err != nil {
					t.Errorf("%s: kin-openapi: %v", name, err)
				}
				var v any
				if err := yaml.Unmarshal(data, &v); err != nil { // JSON is YAML
					t.Fatal(err)
				}
				v = instance(t, mustJSON(t, v))
				if err := meta.Validate(v); err != nil {
					t.Errorf("%s: the OpenAPI 3.1 schema rejects it: %v", name, err)
				}
				docs = append(docs, v)
			}
			if !bytes.Equal(mustJSON(t, docs[0]), mustJSON(t, docs[1])) {
				t.Errorf("openapi.json and openapi.yaml differ in content")
			}
		})
	}
}

// TestDeterministic emits every document twice from separately built IRs and compares the bytes.
func TestDeterministic(t *testing.T) {
	first, second := specPlatforms(t), specPlatforms(t)
	for i, p := range first {
		a, b := emit(t, p), emit(t, second[i])
		for name := range a {
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("%s/%s differs between two runs", p.Name, name)
			}
		}
	}
}

// TestNoClosedObjects makes sure no schema forbids unknown members: the decoder keeps them.
func TestNoClosedObjects(t *testing.T) {
	for _, p := range specPlatforms(t) {
		var doc any
		if err := json.Unmarshal(emit(t, p)["openapi.json"], &doc); err != nil {
			t.Fatal(err)
		}
		walkJSON(doc, "", func(ptr string, v any) {
			if m, ok := v.(map[string]any); ok {
				if ap, ok := m["additionalProperties"].(bool); ok && !ap {
					t.Errorf("%s: %s has additionalProperties: false", p.Name, ptr)
				}
				if up, ok := m["unevaluatedProperties"].(bool); ok && !up {
					t.Errorf("%s: %s has unevaluatedProperties: false", p.Name, ptr)
				}
			}
		})
	}
}

// walkJSON calls f on every value of a decoded JSON document with its JSON pointer.
func walkJSON(v any, ptr string, f func(string, any)) {
	f(ptr, v)
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			walkJSON(e, ptr+"/"+k, f)
		}
	case []any:
		for i, e := range x {
			walkJSON(e, ptr+"/"+itoa(i), f)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestEveryComponentUsed makes sure the document carries no schema that nothing uses: every component
// is reached from the webhooks and paths, through references, but for the two that stand alone on
// purpose: EventName, the catalogue of event names, and, where the event type sits below the top level,
// Unknown, the whole envelope of an undocumented event (the union holds only its inner object).
// Types used only through include are the case in point: their members are copied into the schemas
// that include them, and no component of their own is emitted.
func TestEveryComponentUsed(t *testing.T) {
	for _, p := range specPlatforms(t) {
		var doc map[string]any
		if err := json.Unmarshal(emit(t, p)["openapi.json"], &doc); err != nil {
			t.Fatal(err)
		}
		components, _ := doc["components"].(map[string]any)
		schemas, _ := components["schemas"].(map[string]any)
		const prefix = "#/components/schemas/"
		used := map[string]bool{}
		var reach func(v any)
		reach = func(v any) {
			walkJSON(v, "", func(_ string, v any) {
				m, ok := v.(map[string]any)
				if !ok {
					return
				}
				ref, ok := m["$ref"].(string)
				if !ok || !strings.HasPrefix(ref, prefix) {
					return
				}
				name := strings.TrimPrefix(ref, prefix)
				if used[name] {
					return
				}
				used[name] = true
				reach(schemas[name])
			})
		}
		for key, v := range doc {
			if key != "components" {
				reach(v)
			}
		}
		standalone := map[string]bool{"EventName": true}
		if p.Envelope != nil && len(p.Envelope.Levels) > 0 {
			standalone["Unknown"] = true
		}
		for name := range schemas {
			if !used[name] && !standalone[name] {
				t.Errorf("%s: component %s is used by nothing", p.Name, name)
			}
		}
		for _, ty := range p.Types {
			if _, ok := schemas[ty.Name]; ok && ty.IncludeOnly() {
				t.Errorf("%s: type %s is used only through include, yet it is a component", p.Name, ty.Name)
			}
		}
	}
}
