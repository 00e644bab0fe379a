package ir

import (
	"strings"

	"github.com/eventgen/eventgen/generator/spec"
)

// CloudEvents is what the CloudEvents of the platform's events carry beyond the events' own facts.
type CloudEvents struct {
	// Source is the source URI of the platform's events: the spec's cloudevents.source, or
	// "urn:eventgen:<platform>".
	Source string
	// OpenAPI is the URL of the published OpenAPI document, or "" (the events then have no dataschema).
	OpenAPI string
	// Description is the spec's prose on where ids and times come from.
	Description string
	// Unknown is where the id and time of an event of an unknown type are: the envelope's members
	// marked event_id and event_time (the only members every event has).
	Unknown CloudEventFacts
}

// CloudEventFacts are where an event's id and time are in its JSON, as paths from the event's root
// object (the body, or the batch item); nil paths are absent.
type CloudEventFacts struct {
	IDPath   []string
	TimePath []string
	TimeType *Type // KindTime
}

// CloudEventType returns the CloudEvents type of an event named name (its wire name, or the label of
// the envelope's Absent event): "eventgen.<platform>.<name>".
func (p *Platform) CloudEventType(name string) string { return "eventgen." + p.Name + "." + name }

// DataSchema returns the dataschema of the events whose OpenAPI schema is named schema, or "".
func (p *Platform) DataSchema(schema string) string {
	if p.CloudEvents.OpenAPI == "" {
		return ""
	}
	return p.CloudEvents.OpenAPI + "#/components/schemas/" + schema
}

// cloudEvents resolves the CloudEvents facts: the platform's source and document, and for every event
// the members marked event_id and event_time. An event has at most one of each; an id is a string or an
// integer; a time is of a time type whose values carry their zone.
func (b *builder) cloudEvents() {
	ce := CloudEvents{Source: "urn:eventgen:" + b.p.Name}
	if c := b.f.CloudEvents; c != nil {
		if c.Source != "" {
			ce.Source = c.Source
		}
		ce.OpenAPI = c.OpenAPI
		ce.Description = c.Description
	}
	b.p.CloudEvents = ce
	for _, t := range b.p.Types {
		if t.Kind != KindObject || t.included {
			continue
		}
		for _, f := range t.Fields {
			if f.EventID || f.EventTime {
				b.errs.Add(f.Pos, "type %q: field %q: event_id and event_time mark an event's members: the type is never included by an event", t.Name, f.JSONName)
			}
		}
	}
	env := b.p.Envelope
	if env == nil {
		return
	}
	b.p.CloudEvents.Unknown = b.cloudEventFacts("envelope", env.Fields, nil, nil)
	for _, e := range b.p.WireEvents() {
		if len(e.Fields) < len(env.Fields) {
			continue // a broken event, reported
		}
		ee := env.Of(e)
		e.CloudEvent = b.cloudEventFacts("event "+quote(e.Name), env.Fields, e.PayloadFields(ee), ee.PayloadPath())
	}
}

// cloudEventFacts finds the marked members among the envelope's fields (at the root) and the payload's
// (under payload).
func (b *builder) cloudEventFacts(where string, root, inPayload []*Field, payload []string) CloudEventFacts {
	var facts CloudEventFacts
	var idAt, timeAt spec.Pos
	visit := func(f *Field, path []string) {
		if f.EventID {
			switch {
			case facts.IDPath != nil:
				b.errs.Add(f.Pos, "%s: field %q: a second member marked event_id (the first at %s)", where, f.JSONName, idAt)
			case f.Type == nil:
			case f.Type.JSONKind() != "string" && f.Type.JSONKind() != "integer":
				b.errs.Add(f.Pos, "%s: field %q: event_id marks a member of type %s: want a string or an integer", where, f.JSONName, f.Type)
			default:
				facts.IDPath, idAt = path, f.Pos
			}
		}
		if f.EventTime {
			switch {
			case facts.TimePath != nil:
				b.errs.Add(f.Pos, "%s: field %q: a second member marked event_time (the first at %s)", where, f.JSONName, timeAt)
			case f.Type == nil:
			case f.Type.Kind != RefNamed || f.Type.Named.Kind != KindTime:
				b.errs.Add(f.Pos, "%s: field %q: event_time marks a member of type %s: want a time type", where, f.JSONName, f.Type)
			case !zoned(f.Type.Named):
				b.errs.Add(f.Pos, "%s: field %q: event_time marks a member of type %s, whose values do not say their zone (give its layouts an offset, or zone: UTC)", where, f.JSONName, f.Type)
			default:
				facts.TimePath, facts.TimeType, timeAt = path, f.Type.Named, f.Pos
			}
		}
	}
	for _, f := range root {
		visit(f, []string{f.JSONName})
	}
	for _, f := range inPayload {
		visit(f, append(append([]string(nil), payload...), f.JSONName))
	}
	return facts
}

// zoned reports whether the values of a time type locate an instant: Unix times, layouts that all
// carry an offset, or a declared zone of UTC.
func zoned(t *Type) bool {
	if t.Unix != "" || strings.EqualFold(t.Zone, "UTC") {
		return true
	}
	for _, l := range t.Layouts {
		if !strings.Contains(l, "Z07") && !strings.Contains(l, "-07") && !strings.Contains(l, "MST") {
			return false
		}
	}
	return len(t.Layouts) > 0
}

func quote(s string) string { return `"` + s + `"` }
