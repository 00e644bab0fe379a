package openapi_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/eventgen/eventgen/generator/internal/golden"
)

// TestGolden emits the spec of each testdata/*.txtar and compares the YAML with its want/openapi.yaml
// section (the JSON has the same content, which TestGeneratedDocuments checks on the real documents).
// Run go test -update to rewrite the sections.
func TestGolden(t *testing.T) {
	golden.Run(t, filepath.Join("testdata", "*.txtar"), func(t *testing.T, inputs []txtar.File) []txtar.File {
		p := build(t, "spec.yaml", golden.Section(t, inputs, "spec.yaml"))
		return []txtar.File{{Name: "want/openapi.yaml", Data: emit(t, p)["openapi.yaml"]}}
	})
}

// goldenDoc emits a golden case's spec and returns its document decoded, and its compiled schemas.
func goldenDoc(t *testing.T, name string) (map[string]any, *schemas) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	p := build(t, "spec.yaml", golden.Section(t, ar.Files, "spec.yaml"))
	data := emit(t, p)["openapi.json"]
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc, newSchemas(t, p.Name, data)
}

// get follows a slash-separated path of member names (with "/" written "~1") and indexes through a
// decoded document.
func get(t *testing.T, v any, path string) any {
	t.Helper()
	for _, p := range strings.Split(path, "/") {
		p = strings.ReplaceAll(p, "~1", "/")
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i := 0
			for _, c := range p {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				t.Fatalf("%s: index %s out of range", path, p)
			}
			v = x[i]
		default:
			t.Fatalf("%s: no member %s", path, p)
		}
	}
	return v
}

func eq(t *testing.T, doc any, path string, want any) {
	t.Helper()
	if got := get(t, doc, path); !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", path, got, want)
	}
}

func schemaPath(name string) string { return "components/schemas/" + name }

// TestShapes checks the structure the document gives each construct.
func TestShapes(t *testing.T) {
	doc, _ := goldenDoc(t, "shapes")
	ping := schemaPath("PingPayload") + "/properties/"

	// A union: one oneOf of the documented variants and, last, the Unknown variant, under a
	// discriminator whose mapping names the documented values.
	eq(t, doc, schemaPath("Shape")+"/discriminator/propertyName", "kind")
	eq(t, doc, schemaPath("Shape")+"/discriminator/mapping", map[string]any{
		"circle": "#/components/schemas/Circle", "rect": "#/components/schemas/Quad", "square": "#/components/schemas/Quad"})
	eq(t, doc, schemaPath("Shape")+"/oneOf", []any{
		map[string]any{"$ref": "#/components/schemas/Circle"}, map[string]any{"$ref": "#/components/schemas/Quad"},
		map[string]any{"$ref": "#/components/schemas/ShapeUnknown"}})
	eq(t, doc, schemaPath("Shape")+"/x-eventgen-default-mapping", "#/components/schemas/ShapeUnknown")
	eq(t, doc, schemaPath("ShapeUnknown")+"/properties/kind/not/enum", []any{"circle", "square", "rect"})
	// An implied discriminator is a required constant of its variant; a declared one keeps its values.
	eq(t, doc, schemaPath("Circle")+"/properties/kind/const", "circle")
	eq(t, doc, schemaPath("Circle")+"/required", []any{"kind", "radius"})
	eq(t, doc, schemaPath("Quad")+"/properties/kind/enum", []any{"square", "rect"})
	// A variant type that declares the discriminator without values is pinned in the union.
	eq(t, doc, schemaPath("Pet")+"/oneOf/0/$ref", "#/components/schemas/Animal")
	eq(t, doc, schemaPath("Pet")+"/oneOf/0/properties/kind/enum", []any{"dog", "cat"})

	// Nullability: a type array for inline types, anyOf with null for references; raw is any value
	// when nullable and anything but null otherwise.
	eq(t, doc, ping+"note/type", []any{"string", "null"})
	eq(t, doc, ping+"color/anyOf", []any{map[string]any{"$ref": "#/components/schemas/Color"}, map[string]any{"type": "null"}})
	eq(t, doc, ping+"blob/not", map[string]any{"type": "null"})
	if _, ok := get(t, doc, ping+"anything").(map[string]any)["type"]; ok {
		t.Errorf("a nullable raw member has a type")
	}
	eq(t, doc, ping+"props/additionalProperties", map[string]any{})

	// Open enums admit any value of their base and say so; closed ones are an enum.
	eq(t, doc, schemaPath("Color")+"/x-eventgen-open-enum", true)
	eq(t, doc, schemaPath("Color")+"/x-extensible-enum", []any{"red", "blue"})
	eq(t, doc, schemaPath("Color")+"/type", "string")
	for _, k := range []string{"enum", "anyOf"} {
		if _, ok := get(t, doc, schemaPath("Color")).(map[string]any)[k]; ok {
			t.Errorf("the open enum Color has %s", k)
		}
	}
	eq(t, doc, schemaPath("Size")+"/enum", []any{"s", "m"})
	eq(t, doc, schemaPath("Size")+"/x-eventgen-templates", map[string]any{"m": "%n% is medium"})
	eq(t, doc, schemaPath("Level")+"/enum", []any{1.0, 2.0})
	if _, ok := get(t, doc, schemaPath("Size")).(map[string]any)["anyOf"]; ok {
		t.Errorf("the closed enum Size is open")
	}

	// Constraints, max_bytes, deprecation, defaults, examples, server-generated members.
	eq(t, doc, ping+"note/x-eventgen-max-bytes", 16.0)
	eq(t, doc, ping+"note/deprecated", true)
	eq(t, doc, ping+"tags/minItems", 1.0)
	eq(t, doc, ping+"tags/maxItems", 3.0)
	eq(t, doc, ping+"size/x-eventgen-default", "m")
	if _, ok := get(t, doc, ping+"size").(map[string]any)["default"]; ok {
		t.Errorf("the optional member size has a default, which makes generators require it")
	}
	eq(t, doc, ping+"code/examples", []any{"ABC"})
	eq(t, doc, ping+"sent/x-eventgen-server-generated", true)
	eq(t, doc, schemaPath("Code")+"/pattern", "^[A-Z]{3}$")
	eq(t, doc, schemaPath("Code")+"/maxLength", 3.0)
	eq(t, doc, schemaPath("Circle")+"/properties/radius/minimum", 0.0)
	eq(t, doc, schemaPath("PingPayload")+"/dependentRequired", map[string]any{"a": []any{"b"}, "b": []any{"a"}})

	// Timestamps: RFC 3339 is date-time; other layouts get a pattern; Unix time is an integer.
	eq(t, doc, schemaPath("Stamp")+"/format", "date-time")
	eq(t, doc, schemaPath("LocalStamp")+"/pattern", `^(?:[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) +(?:[01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.,](?:[0-9]{3}|\+[0-9]{2}|-0{2}))$`)
	eq(t, doc, schemaPath("LocalStamp")+"/x-eventgen-time-zone", "unknown")
	eq(t, doc, schemaPath("Epoch")+"/type", "integer")
	eq(t, doc, schemaPath("Epoch")+"/x-eventgen-unix", "seconds")

	// A oneof is oneOf by JSON kind.
	eq(t, doc, schemaPath("Extra")+"/oneOf/0/type", "string")
	eq(t, doc, schemaPath("Extra")+"/oneOf/1/$ref", "#/components/schemas/ExtraData")

	// Events: the whole envelope with its constant type, the payload, and the union of them all.
	eq(t, doc, schemaPath("Ping")+"/properties/type/const", "ping")
	eq(t, doc, schemaPath("Ping")+"/properties/data/$ref", "#/components/schemas/PingPayload")
	eq(t, doc, schemaPath("Ping")+"/required", []any{"type", "data"})
	eq(t, doc, schemaPath("Event")+"/discriminator", map[string]any{"propertyName": "type", "mapping": map[string]any{
		"ping": "#/components/schemas/Ping", "pong": "#/components/schemas/Pong"}})
	eq(t, doc, schemaPath("Event")+"/oneOf/2/$ref", "#/components/schemas/Unknown")
	eq(t, doc, "webhooks/ping/post/requestBody/content/application~1json/schema/$ref", "#/components/schemas/Ping")
	eq(t, doc, schemaPath("Unknown")+"/properties/type/not/enum", []any{"ping", "pong"})
	eq(t, doc, "webhooks/demo/post/requestBody/content/application~1json/schema/$ref", "#/components/schemas/Event")
	eq(t, doc, "info/version", "1.0")
	eq(t, doc, "paths", map[string]any{})
	eq(t, doc, schemaPath("Ping")+"/examples/0/data/color", "green")
}

// TestNested checks a nested discriminator and a batch.
func TestNested(t *testing.T) {
	doc, _ := goldenDoc(t, "nested")
	// The union is on the object that holds the event type, where a discriminator can name it.
	ev := schemaPath("Event")
	eq(t, doc, ev+"/x-eventgen-discriminator-path", "/event/type")
	eq(t, doc, ev+"/properties/event/$ref", "#/components/schemas/EventEvent")
	eq(t, doc, schemaPath("EventEvent")+"/discriminator", map[string]any{"propertyName": "type",
		"mapping": map[string]any{"message": "#/components/schemas/MessageEvent"}})
	eq(t, doc, schemaPath("EventEvent")+"/oneOf/1/$ref", "#/components/schemas/UnknownEvent")
	eq(t, doc, schemaPath("Unknown")+"/properties/event/$ref", "#/components/schemas/UnknownEvent")
	// The members beside the event object are checked only for documented event types, as the decoder does.
	eq(t, doc, ev+"/if/properties/event/properties/type/enum", []any{"message"})
	eq(t, doc, ev+"/then/required", []any{"at"})
	eq(t, doc, schemaPath("Message")+"/properties/event/$ref", "#/components/schemas/MessageEvent")
	eq(t, doc, schemaPath("MessageEvent")+"/properties/type/const", "message")
	eq(t, doc, schemaPath("MessageEvent")+"/properties/payload/$ref", "#/components/schemas/MessagePayload")
	eq(t, doc, schemaPath("Message")+"/required", []any{"event", "at"})
	eq(t, doc, schemaPath("Message")+"/x-eventgen-subtype", "/event/payload/content/type")
	eq(t, doc, schemaPath("Batch")+"/properties/events/items/$ref", "#/components/schemas/Event")
	eq(t, doc, "webhooks/nest/post/requestBody/content/application~1json/schema/$ref", "#/components/schemas/Batch")
	eq(t, doc, "webhooks/nest/post/x-eventgen-handshake/responseStatus", 200.0)
	if d := get(t, doc, schemaPath("Unknown")+"/description").(string); !strings.Contains(d, "status") {
		t.Errorf("Unknown does not mention the undocumented event: %s", d)
	}
}

// TestCatalogue checks a platform without an envelope: EventName and no webhooks.
func TestCatalogue(t *testing.T) {
	doc, _ := goldenDoc(t, "catalogue")
	if _, ok := doc["webhooks"]; ok {
		t.Errorf("a catalogue has webhooks")
	}
	eq(t, doc, "paths", map[string]any{})
	eq(t, doc, schemaPath("EventName")+"/x-extensible-enum", []any{"hello", "bye"})
	eq(t, doc, schemaPath("EventName")+"/x-eventgen-open-enum", true)
	eq(t, doc, schemaPath("EventName")+"/x-eventgen-channels/0/events", []any{"hello"})
	eq(t, doc, schemaPath("EventName")+"/x-eventgen-channels/1/events", []any{"bye"})
	eq(t, doc, schemaPath("EventName")+"/x-eventgen-groups/0/events", []any{"hello", "bye"})
	d := get(t, doc, schemaPath("EventName")+"/x-enumDescriptions/bye").(string)
	if !strings.Contains(d, "Phone") || !strings.Contains(d, "Only on weekdays.") {
		t.Errorf("bye's description lacks its channel or support: %s", d)
	}
}

// TestSemantics validates bodies against the golden documents: what the decoder keeps is valid, what
// Validate reports is not.
func TestSemantics(t *testing.T) {
	_, s := goldenDoc(t, "shapes")
	cases := []struct {
		body  string
		valid bool
	}{
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z"}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "new": 1}, "new": 2}`, true}, // unknown members
		{`{"type": "ping", "data": {}}`, false},                                                  // required member
		{`{"type": "ping"}`, false},                                                              // no payload
		{`{"type": "reboot", "data": {"anything": 1}}`, true},                                    // unknown event type
		{`{"type": "reboot"}`, true},
		{`{"data": {}}`, false}, // no event type
		{`{"type": 7, "data": {}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "color": "mauve"}}`, true}, // open enum
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "color": null}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "color": 3}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "size": "xl"}}`, false}, // closed enum
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "size": null}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "level": 3}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "shape": {"kind": "hexagon", "n": 6}}}`, true}, // unknown variant
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "shape": {"kind": "circle", "radius": 1}}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "shape": {"kind": "circle"}}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "shape": {"kind": "square", "side": 1}}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "shape": {"side": 1}}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "pet": {"kind": "dog", "name": "Rex"}}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "pet": {"kind": "dog"}}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "pet": {"kind": "cow"}}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "a": 1}}`, false}, // all or none
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "a": 1, "b": 2}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "blob": null}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "anything": null, "props": {"x": null}}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "local": "2024-01-02 03:04:05.123"}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "local": "2024-01-02 03:04:05"}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "extra": {"code": "x"}}}`, true},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "extra": 1}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "tags": []}}`, false},
		{`{"type": "ping", "data": {"sent": "2024-01-02T03:04:05Z", "code": "ABCD"}}`, false},
	}
	for _, c := range cases {
		err := s.get("Event").Validate(instance(t, []byte(c.body)))
		if (err == nil) != c.valid {
			t.Errorf("%s: valid = %v, want %v (%v)", c.body, err == nil, c.valid, err)
		}
	}
}
