package spec

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v4"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// schemaFile is the JSON Schema of the spec language, next to this file.
const schemaFile = "schema.json"

// A checker validates specs against the compiled schema.
type checker struct {
	schema *jsonschema.Schema
	doc    any // schema.json as JSON values, for patternErrorMessage
}

// newChecker compiles schema.json as draft 2020-12.
func newChecker(t *testing.T) *checker {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	const url = "file:///spec/" + schemaFile
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	return &checker{schema: sch, doc: doc}
}

// A problem is one schema violation: where in the spec (a JSON pointer, "" for the whole spec) and what.
type problem struct {
	at, msg string
}

func (p problem) String() string { return pathOrRoot(p.at) + ": " + p.msg }

// check validates spec (JSON values) and returns its problems, sorted by location; none if it is valid.
func (c *checker) check(spec any) []problem {
	err := c.schema.Validate(spec)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []problem{{"", err.Error()}}
	}
	pr := message.NewPrinter(language.English)
	var out []problem
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		switch k := e.ErrorKind.(type) {
		case *kind.PropertyNames:
			// jsonschema v6.0.3 reports propertyNames errors at a wrong instance location (it keeps a
			// slice that later siblings overwrite), so look the key up in the spec instead.
			var why []string
			for _, c0 := range e.Causes {
				for _, l := range leaves(c0) {
					why = append(why, c.message(l, pr))
				}
			}
			for _, at := range keyLocations(spec, k.Property, "") {
				out = append(out, problem{at, fmt.Sprintf("key %q: %s", k.Property, strings.Join(why, "; "))})
			}
			return
		}
		if len(e.Causes) == 0 {
			out = append(out, problem{location(e), c.message(e, pr)})
			return
		}
		// A kind's keys count as evaluated only when the kind's subschema passes, so once an object
		// has another problem, unevaluatedProperties also flags its valid keys: drop that noise.
		others := slices.ContainsFunc(e.Causes, func(c0 *jsonschema.ValidationError) bool { return !unevaluated(c0) })
		for _, c0 := range e.Causes {
			if others && unevaluated(c0) {
				continue
			}
			walk(c0)
		}
	}
	walk(ve)
	slices.SortFunc(out, func(a, b problem) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(out)
}

// unevaluated reports whether e is unevaluatedProperties rejecting a key.
func unevaluated(e *jsonschema.ValidationError) bool {
	_, ok := e.ErrorKind.(*kind.FalseSchema)
	return ok && strings.HasSuffix(e.SchemaURL, "/unevaluatedProperties")
}

// message renders a leaf error, with the schema's patternErrorMessage (the editors' message) where it has one.
func (c *checker) message(e *jsonschema.ValidationError, pr *message.Printer) string {
	switch k := e.ErrorKind.(type) {
	case *kind.FalseSchema:
		return "key not allowed here"
	case *kind.Pattern:
		if m, ok := c.schemaAt(strings.TrimSuffix(e.SchemaURL, "/pattern"))["patternErrorMessage"].(string); ok {
			return strconv.Quote(k.Got) + ": " + m
		}
	}
	return e.ErrorKind.LocalizedString(pr)
}

// schemaAt returns the schema object at an absolute schema location in schema.json, or nil.
func (c *checker) schemaAt(url string) map[string]any {
	_, ptr, ok := strings.Cut(url, "#")
	if !ok {
		return nil
	}
	v := c.doc
	for tok := range strings.SplitSeq(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	m, _ := v.(map[string]any)
	return m
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// location is the JSON pointer of the value a validation error is about.
func location(e *jsonschema.ValidationError) string {
	var sb strings.Builder
	for _, tok := range e.InstanceLocation {
		sb.WriteString("/" + escapeToken(tok))
	}
	return sb.String()
}

func escapeToken(tok string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
}

// keyLocations returns the JSON pointers of the objects in v that have the member key.
func keyLocations(v any, key, at string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v[key]; ok {
			out = append(out, at)
		}
		for k, e := range v {
			out = append(out, keyLocations(e, key, at+"/"+escapeToken(k))...)
		}
	case []any:
		for i, e := range v {
			out = append(out, keyLocations(e, key, fmt.Sprintf("%s/%d", at, i))...)
		}
	}
	return out
}

// describe lists problems one per line.
func describe(problems []problem) string {
	var sb strings.Builder
	for _, p := range problems {
		sb.WriteString("  " + p.String() + "\n")
	}
	return sb.String()
}

// loadYAML decodes a YAML document into the JSON data model the validator expects.
func loadYAML(data []byte) (any, error) {
	var v any
	if err := yaml.Load(data, &v); err != nil {
		return nil, err
	}
	return toJSON(v, "")
}

// toJSON converts a decoded YAML value into JSON values: objects become map[string]any (keys of
// other YAML kinds are written as JSON would need them, as text), sequences []any; numbers, strings,
// booleans and null are kept.
func toJSON(v any, path string) (any, error) {
	switch v := v.(type) {
	case nil, bool, string, int, int64, uint64:
		return v, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s: %v has no JSON form", pathOrRoot(path), v)
		}
		return v, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			c, err := toJSON(e, path+"/"+escapeToken(k))
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			ks := fmt.Sprint(k)
			if k == nil {
				ks = "null"
			}
			if _, dup := out[ks]; dup {
				return nil, fmt.Errorf("%s: key %q occurs twice", pathOrRoot(path), ks)
			}
			c, err := toJSON(e, path+"/"+escapeToken(ks))
			if err != nil {
				return nil, err
			}
			out[ks] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			c, err := toJSON(e, fmt.Sprintf("%s/%d", path, i))
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	default:
		return nil, fmt.Errorf("%s: YAML value %v of Go type %T has no JSON form", pathOrRoot(path), v, v)
	}
}

func pathOrRoot(path string) string {
	if path == "" {
		return "(root)"
	}
	return path
}

// TestSpecsMatchSchema validates every spec/*.yaml against schema.json.
func TestSpecsMatchSchema(t *testing.T) {
	c := newChecker(t)
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no spec/*.yaml found: expected at least one spec")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(file, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("# yaml-language-server: $schema="+schemaFile+"\n")) {
				t.Logf("spec/%s: the first line is not the yaml-language-server modeline (no editor completion)", file)
			}
			spec, err := loadYAML(data)
			if err != nil {
				t.Fatalf("spec/%s: %v", file, err)
			}
			if ps := c.check(spec); ps != nil {
				t.Errorf("spec/%s does not match spec/%s:\n%s", file, schemaFile, describe(ps))
			}
		})
	}
}

// smallSpec returns the "complete small spec" of README.md.
func smallSpec(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)\n## A complete small spec\n.*?```yaml\n(.*?)```").FindSubmatch(data)
	if m == nil {
		t.Fatal("README.md: no yaml block under \"## A complete small spec\"")
	}
	return string(m[1])
}

// kitchenSink uses every construct of the language the README documents.
const kitchenSink = `
platform:
  name: sink2
  title: Kitchen sink
  version: "2024-05"
  package: sink
  description: Everything at once.
  source: {title: Sink docs, document: sink.txt, language: cs}
  discrepancies:
    - The document is cut off.
delivery:
  method: POST
  content_type: application/json
  description: One batch per request.
  handshake:
    description: Echoes the token.
    request: The token.
    response_status: 200
    response: The same token, verbatim.
envelope:
  batch: events
  discriminator: event.type
  payload: event.payload
  description: m-chat style.
  fields:
    conversation: {type: Conversation, required: true}
    timestamp: {type: UnixTime, required: true}
groups:
  session:
    title: Session
    description: The lifecycle of a session.
    source: "Kategorie Eventů / Sezení"
channels:
  telegram: {title: Telegram, inbound: true, description: Bots.}
  phone: {title: Phone, inbound: false}
types:
  Conversation:
    kind: object
    description: A conversation.
    source: Conversation table
    include: [Common]
    fields:
      id: {type: integer, required: true, minimum: 1, maximum: 9007199254740991, example: 7371450}
      tags: {type: "[]string", min_items: 0, max_items: 10, nullable: true}
      extra: {type: "map[[]Item]"}
      items: {type: "[]map[Item]", default: []}
      nested: {type: "map[map[[]map[raw]]]"}
      name: {type: string, min_length: 1, max_length: 100, max_bytes: 400, pattern: "^\\S", format: html}
      kind: {type: string, values: [a, b]}
      old: {type: string, deprecated: Use name instead., go_name: OldName}
      gone: {type: boolean, deprecated: true, server_generated: true}
      userId:
        type: integer
        source: Parameters
        discrepancies:
          - The parameter table calls this member userId; the sample sends operatorId.
    all_or_none:
      - [type, value]
  Common:
    kind: object
    fields:
      type: {type: string}
      value: {type: raw}
  Item:
    kind: object
  Empty:
    kind: object
    fields: {}
  Channel:
    kind: enum
    description: The communication channel of a session.
    closed: true
    discrepancies: [Chat is also spelled chat.]
    values:
      - value: Chat
        description: Web chat.
      - value: Phone
        description: Telephone call.
        source: sample of SessionCreated
        go_name: Telephone
        discrepancies: [Only in samples.]
  Level:
    kind: enum
    base: integer
    values:
      - {value: 1, go_name: Low}
      - {value: 2, go_name: High}
  MessageContent:
    kind: union
    discriminator: type
    description: The content of a message, by message type.
    variants:
      - {value: text, type: TextMessage, description: A plain text message.}
      - {value: image, type: MediaMessage}
      - {value: video, type: MediaMessage}
  TextMessage:
    kind: object
    fields:
      text: {type: string, required: true}
  MediaMessage:
    kind: object
    fields:
      type: {type: string, required: true}
      url: {type: string, format: uri}
  FormResponseExtra:
    kind: oneof
    description: Extra data of a form answer; "None" when there is none.
    kinds:
      string: {type: string, description: 'The text "None" when there is no extra data.'}
      object: {type: FormResponseExtraData}
      array: {type: "[]Item"}
      number: {type: integer}
      boolean: {type: boolean}
  FormResponseExtraData:
    kind: object
  Timestamp:
    kind: time
    description: Local time with offset.
    layouts:
      - "2006-01-02T15:04:05.999999999Z07:00"
      - rfc3339nano
  UnixTime:
    kind: time
    unix: seconds
  ContentType:
    kind: string
    description: A MIME type.
    pattern: "^[a-z]+/[a-z0-9.+-]+$"
    min_length: 3
    max_length: 255
    max_bytes: 255
    format: mime
    values: [text/plain, text/html]
  Count:
    kind: integer
    minimum: 0
    maximum: 100
    values: [1, 2]
  Ratio:
    kind: number
    minimum: 0
    maximum: 1.5
events:
  message:
    summary: A message.
    description: Prose.
    group: session
    subtype: content
    include: [Common]
    fields:
      content: {type: MessageContent, required: true}
      sent: {type: Timestamp}
    channels: ["*"]
    except_channels: [phone]
    support: Everywhere but phone.
    go_name: MessageEvent
    source: Events / message
    discrepancies: [The table says msg.]
    examples:
      - name: sample
        summary: Sample JSON from the document.
        json: |
          {"events": [{"event": {"type": "message", "payload": {"content": {"type": "text", "text": "hi"}}}}]}
      - name: commented
        published: |
          {"events": [] // none
          }
        json: |
          {"events": []}
        corrections:
          - Removed the // comments.
      - name: broken
        json: '{"events": [{"event": {"type": "message", "payload": {}}}]}'
        invalid: true
        discrepancies: [The sample has no content.]
  ping: {}
  tags_set:
    summary: The payload is an array.
    payload: {type: "[]string", description: The tags., source: Events / tags_set}
  "calendly.response":
    undocumented: true
    summary: Named by the document only.
    channels: [telegram]
`

// TestSchemaAcceptsValidSpecs checks that the schema accepts the README's complete small spec and a
// spec that uses every construct.
func TestSchemaAcceptsValidSpecs(t *testing.T) {
	c := newChecker(t)
	for name, src := range map[string]string{
		"README small spec": smallSpec(t),
		"kitchen sink":      kitchenSink,
	} {
		t.Run(name, func(t *testing.T) {
			spec, err := loadYAML([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if ps := c.check(spec); ps != nil {
				t.Errorf("valid spec rejected:\n%s", describe(ps))
			}
		})
	}
}

// TestSchemaRejectsInvalidSpecs checks that the schema rejects specs with one defect each, and that it
// reports the defect at the right place.
func TestSchemaRejectsInvalidSpecs(t *testing.T) {
	c := newChecker(t)
	const head = `
platform: {version: "1", name: demo, title: Demo}
envelope: {discriminator: type, payload: data}
`
	// ping is a valid event the cases add to.
	const ping = `
events:
  ping:
    fields:
      sent: {type: string, required: true}
`
	for _, tc := range []struct {
		name string
		src  string
		at   string // instance location of (one of) the reported errors
	}{
		{"unknown top-level key", head + ping + "colour: red\n", ""},
		{"no events", head, ""},
		{"no platform", ping, ""},
		{"bad platform name", "platform: {version: \"1\", name: Demo}\n" + ping, "/platform/name"},
		{"unknown platform key", "platform: {version: \"1\", name: demo, owner: me}\n" + ping, "/platform"},
		{"unknown envelope key", "platform: {version: \"1\", name: demo}\nenvelope: {discriminator: type, body: data}\n" + ping, "/envelope"},
		{"envelope without discriminator", "platform: {version: \"1\", name: demo}\nenvelope: {payload: data}\n" + ping, "/envelope"},
		{"bad handshake status", "platform: {version: \"1\", name: demo}\ndelivery: {handshake: {response_status: \"200\"}}\n" + ping, "/delivery/handshake/response_status"},
		{"enum without values", head + ping + "types:\n  Status: {kind: enum}\n", "/types/Status"},
		{"enum with empty values", head + ping + "types:\n  Status: {kind: enum, values: []}\n", "/types/Status/values"},
		{"integer enum value without go_name", head + ping + "types:\n  Level: {kind: enum, base: integer, values: [{value: 1}]}\n", "/types/Level/values/0"},
		{"string value in integer enum", head + ping + "types:\n  Level: {kind: enum, base: integer, values: [{value: one, go_name: One}]}\n", "/types/Level/values/0/value"},
		{"bad enum base", head + ping + "types:\n  Level: {kind: enum, base: number, values: [{value: a}]}\n", "/types/Level/base"},
		{"time with layouts and unix", head + ping + "types:\n  Timestamp: {kind: time, layouts: [rfc3339], unix: seconds}\n", "/types/Timestamp"},
		{"time with neither layouts nor unix", head + ping + "types:\n  Timestamp: {kind: time}\n", "/types/Timestamp"},
		{"bad unix unit", head + ping + "types:\n  Timestamp: {kind: time, unix: minutes}\n", "/types/Timestamp/unix"},
		{"unknown kind", head + ping + "types:\n  Thing: {kind: struct}\n", "/types/Thing/kind"},
		{"type without kind", head + ping + "types:\n  Thing: {fields: {}}\n", "/types/Thing"},
		{"key of another kind", head + ping + "types:\n  Thing: {kind: object, layouts: [rfc3339]}\n", "/types/Thing/layouts"},
		{"lower-case type name", head + ping + "types:\n  thing: {kind: object}\n", "/types"},
		{"union without variants", head + ping + "types:\n  U: {kind: union, discriminator: type}\n", "/types/U"},
		{"oneof with an unknown JSON kind", head + ping + "types:\n  O: {kind: oneof, kinds: {string: {type: string}, null: {type: string}}}\n", "/types/O/kinds"},
		{"oneof kind of the wrong type", head + ping + "types:\n  O: {kind: oneof, kinds: {string: {type: string}, object: {type: \"[]string\"}}}\n", "/types/O/kinds/object/type"},
		{"bad type expression []", head + "events:\n  ping:\n    fields:\n      sent: {type: \"[]\"}\n", "/events/ping/fields/sent/type"},
		{"bad type expression map[string]]", head + "events:\n  ping:\n    fields:\n      sent: {type: \"map[string]]\"}\n", "/events/ping/fields/sent/type"},
		{"bad type expression datetme", head + "events:\n  ping:\n    fields:\n      sent: {type: datetme}\n", "/events/ping/fields/sent/type"},
		{"field without type", head + "events:\n  ping:\n    fields:\n      sent: {required: true}\n", "/events/ping/fields/sent"},
		{"unknown field key", head + "events:\n  ping:\n    fields:\n      sent: {type: string, optional: true}\n", "/events/ping/fields/sent"},
		{"discrepancies not a list", head + "events:\n  ping:\n    discrepancies: The table disagrees.\n", "/events/ping/discrepancies"},
		{"unknown event key", head + "events:\n  ping:\n    body: {}\n", "/events/ping"},
		{"payload without type", head + "events:\n  ping:\n    payload: {}\n", "/events/ping/payload"},
		{"payload and fields", head + "events:\n  ping:\n    payload: {type: \"[]string\"}\n    fields: {sent: {type: string}}\n", "/events/ping/fields"},
		{"undocumented event with a payload", head + "events:\n  ping:\n    undocumented: true\n    payload: {type: string}\n", "/events/ping/payload"},
		{"undocumented event with fields", head + "events:\n  ping:\n    undocumented: true\n    fields: {sent: {type: string}}\n", "/events/ping/fields"},
		{"example without json", head + "events:\n  ping:\n    examples: [{name: sample}]\n", "/events/ping/examples/0"},
		{"example without name", head + "events:\n  ping:\n    examples: [{json: '{}'}]\n", "/events/ping/examples/0"},
		{"published without corrections", head + "events:\n  ping:\n    examples: [{name: sample, json: '{}', published: '{,}'}]\n", "/events/ping/examples/0"},
		{"invalid example without discrepancies", head + "events:\n  ping:\n    examples: [{name: sample, json: '{}', invalid: true}]\n", "/events/ping/examples/0"},
		{"unknown example key", head + "events:\n  ping:\n    examples: [{name: sample, json: '{}', yaml: '{}'}]\n", "/events/ping/examples/0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := loadYAML([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			ps := c.check(spec)
			if ps == nil {
				t.Fatalf("invalid spec accepted:\n%s", tc.src)
			}
			if !slices.ContainsFunc(ps, func(p problem) bool { return p.at == tc.at }) {
				t.Errorf("no problem reported at %s:\n%s", pathOrRoot(tc.at), describe(ps))
			}
			t.Logf("rejected:\n%s", describe(ps))
		})
	}
}
