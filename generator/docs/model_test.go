package docs_test

import (
	"fmt"
	"html/template"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/eventgen/eventgen/generator/docs"
)

// loadSmall loads testdata/small.openapi.json: a small document with every kind of schema the site
// shows (an open and a closed enum, a union with its Unknown, a oneOf, a timestamp, an event payload
// with nullable, constrained and enum members), groups, channels and examples.
func loadSmall(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile("testdata/small.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return doc
}

// TestBuildPlatform builds the view of the small document and compares an outline of it: what the
// page will say about every event, field and type.
func TestBuildPlatform(t *testing.T) {
	p, err := docs.BuildPlatform("demo", loadSmall(t))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(`
platform demo "Demo webhooks" version=1.0 spec=spec/demo.yaml source=https://example.com/docs events=2 examples=2 catalogue=false
excerpt: Demo platform: pings and pongs.
delivery POST application/json at=/type body=-
  Event union disc=type variants=[ping→Ping#event-ping pong→Pong#event-pong] unknown=Unknown#delivery-unknown #delivery-event
  Unknown object #delivery-unknown
    type required type=EventName#events enum=open(2)[ping pong] constraints=[not one of=ping,pong]
channel web "Web" inbound=true
channel sms "SMS" inbound=false
group basic "Basic events"
  event ping disc=/type schema=Ping channels=[web] summary="Ping."
    data required type=PingPayload#event-ping
    data.color nullable type=Color#type-Color enum=open(2)[red green]
    data.extra nullable type=any JSON value
    data.id required type=integer (int64) constraints=[minimum=1] example=7
    data.note nullable type=string constraints=[maxLength=10 max bytes=40 (x-eventgen-max-bytes) pattern=^[a-z]+$]
    data.shape type=Shape#type-Shape
    data.size type=string enum=closed(2)[s m]
    data.tags type=array of string constraints=[maxItems=3]
    type required type=string constraints=[const=ping]
    example ping/sample "A ping."
group  "Other events"
  event pong disc=/type schema=Pong channels=[web sms] summary="Pong."
    data required type=PongPayload#event-pong
    data.id type=integer
    type required type=string constraints=[const=pong]
    example pong/other "A pong."
support ping [true false]
support pong [true true]
type Circle object
  kind required type=string constraints=[const=circle]
  r type=number
type Color enum open values=[red green]
type IDOrName one of alternatives=[integer string]
type Shape union disc=kind variants=[circle→Circle#type-Circle box,square→Square#type-Square] unknown=ShapeUnknown#type-ShapeUnknown
type ShapeUnknown object
  kind required type=string constraints=[not one of=circle,square,box]
type Size enum closed values=[a b]
type Square object
  kind type=string
  side type=number
type Stamp scalar base=string constraints=[pattern=^\d{4}-\d{2}-\d{2}$ time layouts=2006-01-02]
`)
	if diff := cmp.Diff(want, outline(p)); diff != "" {
		t.Errorf("outline (-want +got):\n%s", diff)
	}
}

// TestBuildPlatformHTML checks what the outline leaves out: descriptions are rendered (and escaped),
// an enum's own list of values is left to its table, and examples are pretty-printed.
func TestBuildPlatformHTML(t *testing.T) {
	p, err := docs.BuildPlatform("demo", loadSmall(t))
	if err != nil {
		t.Fatal(err)
	}
	contains := func(what string, h template.HTML, want string) {
		t.Helper()
		if !strings.Contains(string(h), want) {
			t.Errorf("%s does not contain %q:\n%s", what, want, h)
		}
	}
	contains("platform description", p.Description, `<div class="discrepancies" role="note">`)
	contains("platform description", p.Description, "the &lt;table&gt;")
	contains("platform description", p.Description, `<p class="source"><strong>Source:</strong> Demo docs</p>`)
	ping := p.Groups[0].Events[0]
	contains("ping description", ping.Description, "<p>Sent when pinged.</p>")
	contains("ping payload row", ping.Fields[0].Description, "The payload of a ping.")
	x := ping.Examples[0]
	contains("example description", x.Description, `<div class="discrepancies"`)
	if want := "{\n  \"data\": {\n    \"id\": 1,\n    \"note\": \"<b>hi</b>\"\n  },\n  \"type\": \"ping\"\n}"; x.JSON != want {
		t.Errorf("example JSON:\n%s\nwant:\n%s", x.JSON, want)
	}
	color := typeNamed(p, "Color")
	contains("Color description", color.Description, "<p>Open: the values below.</p>")
	if strings.Contains(string(color.Description), "<ul>") {
		t.Errorf("Color description repeats the list of values the table shows:\n%s", color.Description)
	}
	contains("red", color.Values[0].Description, "<strong>Template:</strong> <code>%x% is red</code>")
}

// TestBuildPlatformCatalogue checks a catalogue-only document (no Event union, no webhooks): the events
// come from EventName alone, with their descriptions, in one untitled group when there are no groups.
func TestBuildPlatformCatalogue(t *testing.T) {
	doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "Cat", Version: "1"},
		Components: &openapi3.Components{Schemas: openapi3.Schemas{
			"EventName": openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{"string"},
				Enum:       []any{"b", "a"},
				Extensions: map[string]any{"x-enumDescriptions": map[string]any{"a": "First **a**.", "b": "B."}}}),
		}}}
	p, err := docs.BuildPlatform("cat", doc)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Catalogue || p.Delivery != nil || len(p.Types) != 0 {
		t.Errorf("Catalogue=%v Delivery=%v Types=%d, want a catalogue without delivery or types", p.Catalogue, p.Delivery, len(p.Types))
	}
	if len(p.Groups) != 1 || p.Groups[0].Title != "" || len(p.Groups[0].Events) != 2 {
		t.Fatalf("groups: %+v, want one untitled group of two events", p.Groups)
	}
	b, a := p.Groups[0].Events[0], p.Groups[0].Events[1]
	if b.Name != "b" || a.Name != "a" || a.Summary != "First a." || a.Description != "<p>First <strong>a</strong>.</p>\n" {
		t.Errorf("events %q, %q; a: summary %q, description %q", b.Name, a.Name, a.Summary, a.Description)
	}
}

// TestBuildPlatformNoCatalogue requires EventName: without it there is nothing to list.
func TestBuildPlatformNoCatalogue(t *testing.T) {
	_, err := docs.BuildPlatform("x", &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "X"}})
	if err == nil || !strings.Contains(err.Error(), "no EventName schema") {
		t.Errorf("err = %v, want one saying the document has no EventName schema", err)
	}
}

func typeNamed(p *docs.Platform, name string) *docs.Type {
	for _, t := range p.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// outline renders the view of a platform as indented lines, one per event, field, type, channel.
func outline(p *docs.Platform) string {
	var b strings.Builder
	line := func(indent int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", indent) + fmt.Sprintf(format, args...) + "\n")
	}
	line(0, "platform %s %q version=%s spec=%s source=%s events=%d examples=%d catalogue=%v",
		p.Name, p.Title, p.Version, p.Spec, p.SourceURL, p.Events, p.Examples, p.Catalogue)
	line(0, "excerpt: %s", p.Excerpt)
	if d := p.Delivery; d != nil {
		body := "-"
		if d.BodySchema != nil {
			body = d.BodySchema.Name
		}
		line(0, "delivery %s %s at=%s body=%s", d.Method, d.ContentType, d.Discriminator, body)
		line(1, "%s #%s", typeLine(d.Event), d.Event.ID)
		line(1, "%s #%s", typeLine(d.Unknown), d.Unknown.ID)
		fieldLines(line, 2, d.Unknown.Fields)
	}
	for _, c := range p.Channels {
		line(0, "channel %s %q inbound=%v", c.Name, c.Title, c.Inbound)
	}
	for _, g := range p.Groups {
		line(0, "group %s %q", g.Name, g.Title)
		for _, ev := range g.Events {
			var chans []string
			for _, c := range ev.Channels {
				chans = append(chans, c.Name)
			}
			line(1, "event %s disc=%s schema=%s channels=%v summary=%q", ev.Name, ev.Discriminator, ev.Schema, chans, ev.Summary)
			fieldLines(line, 2, ev.Fields)
			for _, x := range ev.Examples {
				line(2, "example %s %q", x.Key, x.Summary)
			}
		}
	}
	for _, r := range p.Support {
		line(0, "support %s %v", r.Event.Name, r.Supported)
	}
	for _, t := range p.Types {
		line(0, "type %s", typeLine(t))
		fieldLines(line, 1, t.Fields)
	}
	return strings.TrimSpace(b.String())
}

func typeLine(t *docs.Type) string {
	s := t.Name + " " + t.Kind
	switch t.Kind {
	case "enum":
		var vs []string
		for _, v := range t.Values {
			vs = append(vs, v.Value)
		}
		s += fmt.Sprintf(" %s values=%v", map[bool]string{true: "open", false: "closed"}[t.Open], vs)
	case "union":
		var vs []string
		for _, v := range t.Variants {
			vs = append(vs, strings.Join(v.Values, ",")+"→"+typeText(v.Type))
		}
		s += fmt.Sprintf(" disc=%s variants=%v unknown=%s", t.Discriminator, vs, typeText(t.Unknown))
	case "one of":
		var as []string
		for _, a := range t.Alternatives {
			as = append(as, typeText(a.Type))
		}
		s += fmt.Sprintf(" alternatives=%v", as)
	case "scalar":
		s += " base=" + typeText(t.Base) + constraintText(t.Constraints)
	}
	return s
}

func fieldLines(line func(int, string, ...any), indent int, fields []*docs.Field) {
	for _, f := range fields {
		s := f.Path
		if f.Required {
			s += " required"
		}
		if f.Nullable {
			s += " nullable"
		}
		s += " type=" + typeText(f.Type)
		if e := f.Enum; e != nil {
			s += fmt.Sprintf(" enum=%s(%d)%v", map[bool]string{true: "open", false: "closed"}[e.Open], max(e.Count, len(e.Values)), e.Values)
		}
		s += constraintText(f.Constraints)
		if f.Example != "" {
			s += " example=" + f.Example
		}
		line(indent, "%s", s)
	}
}

func constraintText(cs []docs.Constraint) string {
	if len(cs) == 0 {
		return ""
	}
	var parts []string
	for _, c := range cs {
		v := c.Value
		if c.Values != nil {
			v = strings.Join(c.Values, ",")
		}
		parts = append(parts, c.Name+"="+v)
	}
	return " constraints=[" + strings.Join(parts, " ") + "]"
}

func typeText(t docs.TypeExpr) string {
	var b strings.Builder
	for _, p := range t {
		b.WriteString(p.Text)
		if p.Href != "" {
			b.WriteString(p.Href)
		}
	}
	return b.String()
}
