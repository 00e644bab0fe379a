package ir_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/eventgen/eventgen/generator/internal/golden"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// TestBuild runs the golden cases in testdata/*.txtar: the section "spec.yaml" is parsed and resolved;
// a spec that resolves must have a "want" section with the dump of its IR (every name the emitters
// use, resolved types, implied discriminators, expanded channels…), one that does not a "stderr"
// section with the exact diagnostics. Run with -update to rewrite the output sections.
func TestBuild(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, in []txtar.File) []txtar.File {
		f, err := spec.Parse("spec.yaml", golden.Section(t, in, "spec.yaml"))
		if err != nil {
			t.Fatalf("the spec of an ir case must parse:\n%v", err)
		}
		p, err := ir.Build(f)
		if err == nil {
			return []txtar.File{{Name: "want", Data: []byte(dump(p))}}
		}
		var list spec.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("Build returned %T, want a spec.ErrorList: %v", err, err)
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !positioned.MatchString(line) {
				t.Errorf("diagnostic without file:line:col: %q", line)
			}
		}
		return []txtar.File{{Name: "stderr", Data: []byte(err.Error())}}
	})
}

var positioned = regexp.MustCompile(`^[^:]+:\d+:\d+: `)

// dump renders the IR as the emitters see it, one declaration per line and its parts indented.
func dump(p *ir.Platform) string {
	var b strings.Builder
	w := func(indent int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", indent))
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	w(0, "platform %s package=%s title=%q version=%q wire=%t", p.Name, p.Package, p.Title, p.Version, p.Wire())
	w(0, "delivery %s %s", p.Delivery.Method, p.Delivery.ContentType)
	if e := p.Envelope; e != nil {
		w(0, "envelope batch=%q levels=%q discriminator=%q payload=%q", e.Batch, e.Levels, e.Discriminator, e.Payload)
		w(1, "discriminator path %s, payload path %s", strings.Join(e.DiscriminatorPath(), "."), strings.Join(e.PayloadPath(), "."))
		if e.Absent != nil {
			w(1, "absent %s (typed: %s)", e.Absent.Name, eventNames(p.Typed()))
		}
		for _, f := range e.Fields {
			w(1, "%s", field(f))
		}
	}
	for _, g := range p.Groups {
		w(0, "group %s title=%q events=%s", g.Name, g.Title, eventNames(g.Events))
	}
	for _, c := range p.Channels {
		w(0, "channel %s go=%s title=%q inbound=%t", c.Name, c.GoName, c.Title, c.Inbound)
	}
	for _, t := range p.Types {
		typ(w, t)
	}
	for _, e := range p.Events {
		event(w, e)
	}
	return b.String()
}

func typ(w func(int, string, ...any), t *ir.Type) {
	kinds := map[ir.Kind]string{ir.KindObject: "object", ir.KindEnum: "enum", ir.KindUnion: "union",
		ir.KindOneOf: "oneof", ir.KindTime: "time", ir.KindScalar: "scalar"}
	head := fmt.Sprintf("type %s %s json=%q @%d:%d", t.Name, kinds[t.Kind], t.JSONKind(), t.Pos.Line, t.Pos.Col)
	switch t.Kind {
	case ir.KindObject:
		if t.Implied != nil {
			head += fmt.Sprintf(" implied %s=%q", t.Implied.Member, t.Implied.Value)
		}
		w(0, "%s", head)
		for _, f := range t.Fields {
			w(1, "%s", field(f))
		}
		allOrNone(w, t.AllOrNone)
	case ir.KindEnum:
		w(0, "%s base=%s closed=%t", head, t.Base, t.Closed)
		for _, v := range t.Values {
			w(1, "value %s = %#v%s", v.GoName, v.Value, deprecated(v.Deprecated))
		}
	case ir.KindUnion:
		w(0, "%s discriminator=%q unknown=%s", head, t.Discriminator, t.UnknownName())
		for _, v := range t.Variants {
			w(1, "variant %q -> %s", v.Value, v.Type.Name)
		}
	case ir.KindOneOf:
		w(0, "%s", head)
		for _, a := range t.Alternatives {
			w(1, "kind %s -> %s %s", a.JSONKind, a.GoName, a.Type)
		}
	case ir.KindTime:
		w(0, "%s layouts=%q separators=%q unix=%q", head, t.Layouts, t.FractionSeparators, t.Unix)
	case ir.KindScalar:
		w(0, "%s scalar=%s format=%q%s", head, t.Scalar, t.Format, constraints(t.Constraints))
	}
}

func event(w func(int, string, ...any), e *ir.Event) {
	head := fmt.Sprintf("event %q go=%s const=%s", e.Name, e.GoName, e.ConstName)
	if e.Group != nil {
		head += " group=" + e.Group.Name
	}
	if e.Undocumented {
		head += " undocumented"
	}
	if e.Subtype != nil {
		head += " subtype=" + e.Subtype.JSONName
	}
	if len(e.Channels) > 0 {
		var cs []string
		for _, c := range e.Channels {
			cs = append(cs, c.Name)
		}
		head += " channels=" + strings.Join(cs, ",")
	}
	w(0, "%s @%d:%d", head, e.Pos.Line, e.Pos.Col)
	for _, f := range e.Fields {
		w(1, "%s", field(f))
	}
	allOrNone(w, e.AllOrNone)
	for _, x := range e.Examples {
		w(1, "example %q invalid=%t @%d:%d", x.Name, x.Invalid, x.Pos.Line, x.Pos.Col)
	}
}

func field(f *ir.Field) string {
	s := fmt.Sprintf("field %d %s go=%s type=%s", f.Index, f.JSONName, f.GoName, ref(f.Type))
	for _, flag := range []struct {
		on   bool
		name string
	}{{f.Required, "required"}, {f.Nullable, "nullable"}, {f.Plain(), "plain"}, {!f.Plain(), "opt"}, {f.ServerGenerated, "server-generated"}} {
		if flag.on {
			s += " " + flag.name
		}
	}
	if f.Format != "" {
		s += " format=" + f.Format
	}
	s += constraints(f.Constraints) + deprecated(f.Deprecated)
	if len(f.Values) > 0 {
		s += " values=" + jsonText(f.Values)
	}
	if f.Example != nil {
		s += " example=" + jsonText(f.Example)
	}
	if f.Default != nil {
		s += " default=" + jsonText(f.Default)
	}
	return s + fmt.Sprintf(" @%d:%d", f.Pos.Line, f.Pos.Col)
}

func ref(r *ir.TypeRef) string {
	if r == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%s(%s)", r, r.JSONKind())
}

func constraints(c ir.Constraints) string {
	var s string
	ints := []struct {
		name string
		v    *int
	}{{"min_length", c.MinLength}, {"max_length", c.MaxLength}, {"max_bytes", c.MaxBytes}, {"min_items", c.MinItems}, {"max_items", c.MaxItems}}
	for _, x := range ints {
		if x.v != nil {
			s += fmt.Sprintf(" %s=%d", x.name, *x.v)
		}
	}
	if c.Minimum != nil {
		s += fmt.Sprintf(" minimum=%g", *c.Minimum)
	}
	if c.Maximum != nil {
		s += fmt.Sprintf(" maximum=%g", *c.Maximum)
	}
	if c.Pattern != "" {
		s += fmt.Sprintf(" pattern=%q", c.Pattern)
	}
	return s
}

func allOrNone(w func(int, string, ...any), sets [][]*ir.Field) {
	for _, set := range sets {
		var names []string
		for _, f := range set {
			names = append(names, f.JSONName)
		}
		w(1, "all_or_none %s", strings.Join(names, ","))
	}
}

func deprecated(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" deprecated=%q", s)
}

func eventNames(evs []*ir.Event) string {
	var names []string
	for _, e := range evs {
		names = append(names, e.Name)
	}
	return "[" + strings.Join(names, " ") + "]"
}

func jsonText(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(data)
}

// TestValidateJSON checks the validator that proves examples against the model, on a small platform:
// what it accepts, and the exact problems it reports otherwise, worded as the generated Validate words
// them.
func TestValidateJSON(t *testing.T) {
	f, err := spec.Parse("spec.yaml", []byte(validateSpec))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, json string
		events     []string
		problems   []string
		err        string
	}{
		{name: "valid", json: `{"type":"ping","data":{"n":1,"color":"red","when":"2024-01-02T03:04:05Z","tags":["a"]}}`, events: []string{"ping"}},
		{name: "unknown event is no problem", json: `{"type":"pong","data":{}}`, events: []string{""}},
		{name: "missing required", json: `{"type":"ping","data":{}}`, events: []string{"ping"},
			problems: []string{"/data/n: required member is missing"}},
		{name: "wrong kinds", json: `{"type":"ping","data":{"n":"1","color":7,"tags":"a"}}`, events: []string{"ping"},
			problems: []string{"/data/n: expected integer, got string", "/data/color: expected string, got number", "/data/tags: expected array, got string"}},
		{name: "integer forms", json: `{"type":"ping","data":{"n":1.5}}`, events: []string{"ping"},
			problems: []string{"/data/n: expected integer, got number"}},
		{name: "huge integer", json: `{"type":"ping","data":{"n":12345678901234567890}}`, events: []string{"ping"},
			problems: []string{"/data/n: expected integer, got number"}},
		{name: "null", json: `{"type":"ping","data":{"n":null,"note":null}}`, events: []string{"ping"},
			problems: []string{"/data/n: must not be null"}},
		{name: "closed enum", json: `{"type":"ping","data":{"n":1,"color":"blue"}}`, events: []string{"ping"},
			problems: []string{`/data/color: value "blue" is not one of "red", "green"`}},
		{name: "time layout", json: `{"type":"ping","data":{"n":1,"when":"yesterday"}}`, events: []string{"ping"},
			problems: []string{`/data/when: "yesterday" is not a time in the layout 2006-01-02T15:04:05Z07:00`}},
		{name: "constraints", json: `{"type":"ping","data":{"n":0,"note":"toolong","tags":[],"code":"AB"}}`, events: []string{"ping"},
			problems: []string{"/data/n: value 0 is below 1", "/data/note: length 7 exceeds 4 characters",
				"/data/tags: count 0 is below 1 items", "/data/code: length 2 is below 3 characters", `/data/code: does not match pattern "^[a-z]+$"`}},
		{name: "maxima", json: `{"type":"ping","data":{"n":1e22,"tags":["a","b","c"],"rate":0.0000001}}`, events: []string{"ping"},
			problems: []string{"/data/n: expected integer, got number", "/data/tags: count 3 exceeds 2 items", "/data/rate: value 0.0000001 exceeds 1e-8"}},
		{name: "time separators", json: `{"type":"ping","data":{"n":1,"local":"2024-05-02T08:58:58:888364+02:00"}}`, events: []string{"ping"}},
		{name: "array item null", json: `{"type":"ping","data":{"n":1,"tags":[null]}}`, events: []string{"ping"},
			problems: []string{"/data/tags: item 0: must not be null"}},
		{name: "raw keeps null", json: `{"type":"ping","data":{"n":1,"raws":{"a":[null,1,{}]}}}`, events: []string{"ping"}},
		{name: "oneof", json: `{"type":"ping","data":{"n":1,"either":["s",{"k":null},1,null]}}`, events: []string{"ping"},
			problems: []string{"/data/either: item 2: expected string or object, got number"}},
		{name: "oneof item null", json: `{"type":"ping","data":{"n":1,"either":["s",null]}}`, events: []string{"ping"},
			problems: []string{"/data/either: item 1: must not be null"}},
		{name: "map member of a wrong kind", json: `{"type":"ping","data":{"n":1,"raws":{"a":[],"b":1}}}`, events: []string{"ping"},
			problems: []string{`/data/raws: member "b": expected array, got number`}},
		{name: "number beyond float64 is kept as written", json: `{"type":"ping","data":{"n":1,"rate":1e400}}`, events: []string{"ping"},
			problems: []string{"/data/rate: value 1e400 exceeds 1e-8"}},
		{name: "integer written with a fraction", json: `{"type":"ping","data":{"n":1.0}}`, events: []string{"ping"},
			problems: []string{"/data/n: expected integer, got number"}},
		{name: "union without discriminator", json: `{"type":"ping","data":{"n":1,"shape":{"r":1}}}`, events: []string{"ping"},
			problems: []string{`/data/shape: discriminator "kind" is missing or not a string`}},
		{name: "union variant", json: `{"type":"ping","data":{"n":1,"shape":{"kind":"circle","r":"x"}}}`, events: []string{"ping"},
			problems: []string{"/data/shape/r: expected number, got string"}},
		{name: "unknown union variant", json: `{"type":"ping","data":{"n":1,"shape":{"kind":"star","r":"x"}}}`, events: []string{"ping"}},
		{name: "all or none", json: `{"type":"ping","data":{"n":1,"from":1}}`, events: []string{"ping"},
			problems: []string{`/data: "from" present without "to"`}},
		{name: "field values", json: `{"type":"ping","data":{"n":1,"size":"xl"}}`, events: []string{"ping"},
			problems: []string{`/data/size: value "xl" is not one of "s", "m"`}},
		{name: "invalid date", json: `{"type":"ping","data":{"n":1,"when":"2023-02-30T00:00:00Z"}}`, events: []string{"ping"},
			problems: []string{`/data/when: "2023-02-30T00:00:00Z" is not a time in the layout 2006-01-02T15:04:05Z07:00`}},

		// Duplicate members: the first is read, a later one is kept and reported when its name is declared.
		{name: "duplicate member", json: `{"type":"ping","data":{"n":1,"n":"x"}}`, events: []string{"ping"},
			problems: []string{"/data/n: duplicate member"}},
		{name: "first duplicate wins", json: `{"type":"ping","data":{"n":"x","n":1}}`, events: []string{"ping"},
			problems: []string{"/data/n: duplicate member", "/data/n: expected integer, got string"}},
		{name: "duplicate null", json: `{"type":"ping","data":{"n":1,"note":null,"note":"toolong"}}`, events: []string{"ping"},
			problems: []string{"/data/note: duplicate member"}},
		{name: "duplicate unknown member", json: `{"type":"ping","data":{"n":1,"zz":1,"zz":"x"},"yy":1,"yy":2}`, events: []string{"ping"}},
		{name: "duplicate discriminator", json: `{"type":"ping","type":"pong","data":{"n":1}}`, events: []string{"ping"},
			problems: []string{"/type: duplicate member"}},
		{name: "duplicate payload", json: `{"type":"ping","data":{"n":1},"data":{}}`, events: []string{"ping"},
			problems: []string{"/data: duplicate member"}},
		// The first object is the payload (as the first string is the event type); members of that name
		// and another kind before it are reported with their kind, every one after it as a duplicate.
		{name: "payload after a wrong kind", json: `{"type":"ping","data":1,"data":{"n":1},"data":2}`, events: []string{"ping"},
			problems: []string{"/data: expected object, got number", "/data: duplicate member"}},
		{name: "payload of a wrong kind only", json: `{"type":"ping","data":1}`, events: []string{"ping"},
			problems: []string{"/data: expected object, got number"}},
		{name: "duplicate map key", json: `{"type":"ping","data":{"n":1,"raws":{"a":[],"b":[],"a":[1]}}}`, events: []string{"ping"},
			problems: []string{`/data/raws: duplicate member "a"`}},
		{name: "duplicate union discriminator", json: `{"type":"ping","data":{"n":1,"shape":{"kind":"circle","kind":"star","r":1}}}`, events: []string{"ping"},
			problems: []string{"/data/shape/kind: duplicate member"}},
		{name: "duplicate in an array item", json: `{"type":"ping","data":{"n":1,"shapes":[{"kind":"circle","r":1,"r":2}]}}`, events: []string{"ping"},
			problems: []string{"/data/shapes/0/r: duplicate member"}},
		{name: "payload not an object", json: `{"type":"ping","data":[]}`, events: []string{"ping"},
			problems: []string{"/data: expected object, got array"}},
		{name: "payload missing", json: `{"type":"ping"}`, events: []string{"ping"},
			problems: []string{"/data: required member is missing"}},
		{name: "not JSON", json: `{"type":`, err: "unexpected EOF"},
		{name: "no discriminator", json: `{"data":{}}`, err: "/type: event type is missing or not a string"},
		{name: "discriminator after a wrong kind", json: `{"type":1,"type":"ping","type":"pong","data":{"n":1}}`, events: []string{"ping"},
			problems: []string{"/type: expected string, got number", "/type: duplicate member"}},
		{name: "discriminator not a string", json: `{"type":1,"type":null,"data":{}}`, err: "/type: event type is missing or not a string"},
		{name: "not an object", json: `[]`, err: "/: expected an object, got array"},
		{name: "trailing data", json: `{"type":"ping","data":{"n":1}} {}`, err: "unexpected data after the top-level value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs, problems, err := p.ValidateJSON([]byte(tc.json))
			if got := errText(err); got != tc.err {
				t.Fatalf("error = %q, want %q", got, tc.err)
			}
			if err != nil {
				return
			}
			var names, texts []string
			for _, e := range evs {
				if e == nil {
					names = append(names, "")
				} else {
					names = append(names, e.Name)
				}
			}
			for _, pr := range problems {
				texts = append(texts, pr.String())
			}
			if diff := cmp.Diff(tc.events, names); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.problems, texts); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

const validateSpec = `
platform: {version: "1", name: v, title: V, source: {title: Docs}}
envelope: {discriminator: type, payload: data}
types:
  Color: {kind: enum, closed: true, values: [{value: red}, {value: green}]}
  Stamp: {kind: time, layouts: [rfc3339]}
  Either: {kind: oneof, kinds: {string: {type: string}, object: {type: "map[raw]"}}}
  Shape: {kind: union, discriminator: kind, variants: [{value: circle, type: Circle}]}
  Circle: {kind: object, fields: {r: {type: number, required: true}}}
  Local: {kind: time, layouts: ["Jan __2 15:04:05", "2006-01-02T15:04:05.999999999Z07:00"], fraction_separators: [":"]}
events:
  ping:
    fields:
      n: {type: integer, required: true, minimum: 1}
      color: {type: Color}
      when: {type: Stamp}
      note: {type: string, nullable: true, max_length: 4}
      tags: {type: "[]string", min_items: 1, max_items: 2}
      code: {type: string, min_length: 3, pattern: "^[a-z]+$"}
      rate: {type: number, maximum: 0.00000001}
      local: {type: Local}
      raws: {type: "map[[]raw]"}
      either: {type: "[]Either"}
      shape: {type: Shape}
      shapes: {type: "[]Shape"}
      from: {type: integer}
      to: {type: integer}
      size: {type: string, values: [s, m]}
    all_or_none:
      - [from, to]
`

// TestCatalogueOnly checks that a platform without an envelope validates nothing.
func TestCatalogueOnly(t *testing.T) {
	f, err := spec.Parse("spec.yaml", []byte("platform: {version: \"1\", name: c, title: C, source: {title: Docs}}\nevents: {ping: {}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Wire() || len(p.WireEvents()) != 0 {
		t.Errorf("catalogue-only platform: Wire() = %t, WireEvents() = %d events; want false, 0", p.Wire(), len(p.WireEvents()))
	}
	if _, _, err := p.ValidateJSON([]byte(`{}`)); err == nil || !strings.Contains(err.Error(), "catalogue only") {
		t.Errorf("ValidateJSON on a catalogue-only platform: err = %v, want a catalogue-only error", err)
	}
}

// TestValidateJSONBatch checks a batch platform: the batch array is the first member of its name that
// is an array; an item that cannot be read is reported (DecodeErrors, and a problem at the item) while
// the others are read.
func TestValidateJSONBatch(t *testing.T) {
	f, err := spec.Parse("spec.yaml", []byte(`
platform: {version: "1", name: b, title: B, source: {title: Docs}}
envelope: {batch: events, discriminator: event.type, payload: event.payload}
events:
  ping:
    fields:
      n: {type: integer, required: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, json string
		events     int
		problems   []string
		err        string
	}{
		{name: "valid", json: `{"events":[{"event":{"type":"ping","payload":{"n":1}}}]}`, events: 1},
		{name: "duplicate batch", json: `{"events":[],"events":[{"event":{"type":"ping","payload":{}}}]}`,
			problems: []string{"/events: duplicate member"}},
		{name: "first batch member of a wrong kind", json: `{"events":1,"events":[{"event":{"type":"ping","payload":{"n":1}}}]}`, events: 1,
			problems: []string{"/events: expected array, got number"}}, // the first array is the batch
		{name: "no batch array", json: `{"events":1}`, err: "/events: missing array of events"},
		{name: "no batch", json: `{"events":{}}`, err: "/events: missing array of events"},
		{name: "unreadable items", json: `{"events":[1,{"event":{}},{"event":{"type":"ping","payload":{"n":"x"}}},{"event":{"type":"pong"}}]}`, events: 4,
			problems: []string{"/events/0: expected an object, got number", "/events/1: event type is missing or not a string",
				"/events/2/event/payload/n: expected integer, got string"},
			err: "/events/0: expected an object, got number\n/events/1/event/type: event type is missing or not a string"},
		{name: "duplicate level", json: `{"events":[{"event":{"type":"ping","payload":{"n":1}},"event":{"type":"pong"}}]}`, events: 1,
			problems: []string{"/events/0/event: duplicate member"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs, problems, err := p.ValidateJSON([]byte(tc.json))
			if got := errText(err); got != tc.err {
				t.Fatalf("error = %q, want %q", got, tc.err)
			}
			var items ir.DecodeErrors
			if err != nil && !errors.As(err, &items) {
				return
			}
			var texts []string
			for _, pr := range problems {
				texts = append(texts, pr.String())
			}
			if len(evs) != tc.events {
				t.Errorf("%d events, want %d", len(evs), tc.events)
			}
			if diff := cmp.Diff(tc.problems, texts); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValueProblems checks one value against a field's type and constraints, and as an element.
func TestValueProblems(t *testing.T) {
	f, err := spec.Parse("spec.yaml", []byte(validateSpec))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]*ir.Field{}
	for _, fl := range p.Events[0].Fields {
		fields[fl.JSONName] = fl
	}
	for _, tc := range []struct {
		field, json string
		element     bool // check as an element of the field's type, without the field's constraints
		want        []string
	}{
		{field: "note", json: `"abc"`},
		{field: "note", json: `null`},
		{field: "note", json: `"abcde"`, want: []string{": length 5 exceeds 4 characters"}},
		{field: "note", json: `"abcde"`, element: true},
		{field: "n", json: `null`, want: []string{": must not be null"}},
		{field: "n", json: `0`, want: []string{": value 0 is below 1"}},
		{field: "tags", json: `["a", 1]`, want: []string{": item 1: expected string, got number"}},
		{field: "color", json: `"blue"`, want: []string{`: value "blue" is not one of "red", "green"`}},
		{field: "raws", json: `{"a": null}`, want: []string{`: member "a": must not be null`}},
	} {
		fl := fields[tc.field]
		check := fl
		if tc.element {
			check = nil
		}
		problems, err := p.ValueProblems([]byte(tc.json), fl.Type, check)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, pr := range problems {
			got = append(got, pr.String())
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s %s: problems (-want +got):\n%s", tc.field, tc.json, diff)
		}
	}
}
