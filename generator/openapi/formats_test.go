package openapi_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestFormatsAsserted validates every fixture the model accepts (the vendor samples and the
// synthesized ones) against the committed document with formats asserted, as ajv with ajv-formats and
// code generators that decode a uuid into a UUID type do: a format is declared only where every
// documented value satisfies it, and the synthesized fixtures respect every declared format.
func TestFormatsAsserted(t *testing.T) {
	for _, p := range specPlatforms(t) {
		if !p.Wire() {
			continue
		}
		t.Run(p.Name, func(t *testing.T) {
			dir := filepath.Join(root, "generated", p.Name)
			doc, err := os.ReadFile(filepath.Join(dir, "openapi.json"))
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			c := jsonschema.NewCompiler()
			c.DefaultDraft(jsonschema.Draft2020)
			c.UseLoader(noLoader{})
			c.AssertFormat()
			if err := c.AddResource(docURL(p.Name), v); err != nil {
				t.Fatal(err)
			}
			body, err := c.Compile(docURL(p.Name) + "#/components/schemas/" + bodySchema(p))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			err = filepath.WalkDir(filepath.Join(dir, "testdata"), func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
					return err
				}
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				if ok, _ := irValid(p, data); !ok || intendedDifference(p, data) != "" {
					return nil
				}
				n++
				if err := body.Validate(instance(t, data)); err != nil {
					rel, _ := filepath.Rel(dir, path)
					t.Errorf("%s: with formats asserted: %v", rel, firstLine(err))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d valid fixtures checked with formats asserted", n)
		})
	}
}
