package openapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// TestMarshalYAML11 makes sure strings that a YAML 1.1 reader would take for booleans, numbers or
// timestamps are quoted, and that the YAML reads back as the JSON.
func TestMarshalYAML11(t *testing.T) {
	special := []string{"yes", "No", "on", "OFF", "y", "~", "null", "10:00", "2024-01-02", "1e3", "0x1F", ".5", "-1", "+1", "1_000", ""}
	plain := []string{"hello", "ano", "Monday", "a:b"}
	ext := map[string]any{}
	for _, s := range append(special, plain...) {
		ext["x-"+s] = s
	}
	doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "t", Version: "1", Extensions: ext}, Paths: openapi3.NewPaths()}
	jsonData, yamlData, err := marshal(doc, "# header")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range special {
		if !strings.Contains(string(yamlData), ": '"+s+"'\n") {
			t.Errorf("%q is not single-quoted:\n%s", s, yamlData)
		}
	}
	for _, s := range plain {
		if !strings.Contains(string(yamlData), ": "+s+"\n") {
			t.Errorf("%q is quoted:\n%s", s, yamlData)
		}
	}
	var fromYAML, fromJSON any
	if err := yaml.Unmarshal(yamlData, &fromYAML); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(jsonData, &fromJSON); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(fromYAML)
	b, _ := json.Marshal(fromJSON)
	if string(a) != string(b) {
		t.Errorf("YAML and JSON differ:\n%s\n%s", a, b)
	}
	if !strings.HasPrefix(string(yamlData), "# header\nopenapi: '3.1.0'\ninfo:") {
		t.Errorf("YAML does not start with the header and the conventional order:\n%s", yamlData)
	}
}
