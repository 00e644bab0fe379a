package spec

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	gspec "github.com/eventgen/eventgen/generator/spec"
)

// TestSchemaAgreesWithLoader proves that schema.json and the loader (generator/spec) are one language:
// for every node of the spec, the keys the schema allows are the keys the loader decodes, and the keys
// the schema requires are the keys the loader requires; the name patterns and the reserved names are the
// loader's.
func TestSchemaAgreesWithLoader(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	nodes := []struct {
		pointer string
		syntax  any
		keys    bool // compare the allowed keys too (TypeDef's keys are split by kind in the schema)
	}{
		{"", gspec.File{}, true},
		{"/$defs/platform", gspec.Platform{}, true},
		{"/$defs/platform/properties/source", gspec.Source{}, true},
		{"/$defs/delivery", gspec.Delivery{}, true},
		{"/$defs/delivery/properties/handshake", gspec.Handshake{}, true},
		{"/$defs/envelope", gspec.Envelope{}, true},
		{"/$defs/group", gspec.Group{}, true},
		{"/$defs/channel", gspec.Channel{}, true},
		{"/$defs/type", gspec.TypeDef{}, false},
		{"/$defs/enumValue", gspec.EnumValue{}, true},
		{"/$defs/variant", gspec.Variant{}, true},
		{"/$defs/oneofType/properties/kinds/properties/string", gspec.KindDef{}, true},
		{"/$defs/field", gspec.Field{}, true},
		{"/$defs/event", gspec.EventDef{}, true},
		{"/$defs/example", gspec.Example{}, true},
	}
	for _, n := range nodes {
		node := resolve(t, doc, n.pointer)
		keys, required := yamlKeys(reflect.TypeOf(n.syntax))
		if diff := cmp.Diff(required, schemaList(node["required"])); diff != "" {
			t.Errorf("%s: required keys: loader (-) and schema (+) disagree:\n%s", n.pointer, diff)
		}
		if !n.keys {
			continue
		}
		var props []string
		for k := range node["properties"].(map[string]any) {
			props = append(props, k)
		}
		slices.Sort(props)
		if diff := cmp.Diff(keys, props); diff != "" {
			t.Errorf("%s: keys: loader (-) and schema (+) disagree:\n%s", n.pointer, diff)
		}
	}

	platform := resolve(t, doc, "/$defs/platform/properties/name")
	if got := platform["pattern"]; got != gspec.PlatformNamePattern {
		t.Errorf("platform name pattern: schema %q, loader %q", got, gspec.PlatformNamePattern)
	}
	reserved := schemaList(platform["not"].(map[string]any)["enum"])
	if diff := cmp.Diff(gspec.ReservedPlatforms, reserved); diff != "" {
		t.Errorf("reserved platform names: loader (-) and schema (+) disagree:\n%s", diff)
	}
	pkg := resolve(t, doc, "/$defs/platform/properties/package")
	if got := pkg["pattern"]; got != gspec.PlatformNamePattern {
		t.Errorf("package pattern: schema %q, loader %q", got, gspec.PlatformNamePattern)
	}
	outputs := resolve(t, doc, "/$defs/platform/properties/outputs/items")
	if diff := cmp.Diff(slices.Sorted(slices.Values(gspec.Outputs)), schemaList(outputs["enum"])); diff != "" {
		t.Errorf("outputs: loader (-) and schema (+) disagree:\n%s", diff)
	}
	for _, def := range []string{"/$defs/goName", "/$defs/typeName"} {
		if got := resolve(t, doc, def)["pattern"]; got != gspec.GoNamePattern {
			t.Errorf("%s pattern: schema %q, loader %q", def, got, gspec.GoNamePattern)
		}
	}
	typeNames := regexp.MustCompile(gspec.GoNamePattern)
	for _, s := range []string{"A", "Abc", "ABC9", "a", "_A", "A_b", "Ä", "9A", "", "A b"} {
		if got, want := gspec.IsTypeName(s), typeNames.MatchString(s); got != want {
			t.Errorf("type name %q: loader says %t, the schema's pattern %t", s, got, want)
		}
	}
}

// resolve follows a JSON pointer through doc, and $ref where a node is only a reference.
func resolve(t *testing.T, doc map[string]any, pointer string) map[string]any {
	t.Helper()
	node := doc
	for _, seg := range strings.Split(pointer, "/")[1:] {
		next, ok := node[seg].(map[string]any)
		if !ok {
			t.Fatalf("schema has no %s (at %q)", pointer, seg)
		}
		node = next
		if ref, ok := node["$ref"].(string); ok && len(node) <= 2 {
			node = resolve(t, doc, strings.TrimPrefix(ref, "#"))
		}
	}
	return node
}

func schemaList(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, x.(string))
	}
	slices.Sort(out)
	return out
}

// yamlKeys returns the keys a syntax struct decodes (inline structs included) and the required ones.
func yamlKeys(t reflect.Type) (keys, required []string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || f.Name == "At" || f.Name == "Pos" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts == "inline" {
			k, r := yamlKeys(f.Type)
			keys, required = append(keys, k...), append(required, r...)
			continue
		}
		keys = append(keys, name)
		if opts == "required" {
			required = append(required, name)
		}
	}
	slices.Sort(keys)
	slices.Sort(required)
	return keys, required
}
