package openapi

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/eventgen/eventgen/generator/ir"
)

// Component names of the schemas every wire platform's document has besides its types and events.
// They are names the generated Go API reserves (ir.Reserved), so no spec type can take them; EventName
// is checked like any other name.
const (
	eventSchema   = "Event"     // the oneOf of every event envelope
	unknownSchema = "Unknown"   // an envelope of an event type the catalogue does not document
	batchSchema   = "Batch"     // the request body of batching platforms
	namesSchema   = "EventName" // the catalogue: every documented event name
)

// payloadName is the component name of an event's payload schema.
func payloadName(ev *ir.Event) string { return ev.GoName + "Payload" }

// hasPayloadSchema reports whether events have a payload object of their own (a member of the
// envelope) rather than members beside the discriminator.
func hasPayloadSchema(env *ir.Envelope) bool { return env.Payload != "" }

// event fills the schema of one event's whole envelope (the request body, or an item of the batch)
// and of its payload.
func (b *builder) event(ev *ir.Event) {
	env := b.p.Envelope
	disc := openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("string"), Const: ev.Name,
		Description: fmt.Sprintf("The event type: always %s for this event.", code(ev.Name))})
	if ev.Absent {
		disc = absentDiscriminator(ev)
	}
	last := &openapi3.Schema{}
	examples := b.examples(ev)
	if hasPayloadSchema(env) {
		p := b.schemas[payloadName(ev)].Value
		b.object(p, ev.PayloadFields(env), ev.AllOrNone)
		p.Description = fmt.Sprintf("The payload of the %s event (the member %s of its envelope, %s).",
			code(ev.Name), code(strings.Join(env.PayloadPath(), ".")), ev.GoName)
		ref := b.ref(payloadName(ev))
		last = &openapi3.Schema{Type: typ("object"), Required: []string{env.Discriminator, env.Payload},
			Properties:           openapi3.Schemas{env.Discriminator: disc, env.Payload: ref},
			AdditionalProperties: openapi3.AdditionalProperties{Has: yes()}}
		if ev.Absent {
			last.Required = []string{env.Payload}
		}
	} else {
		b.object(last, ev.PayloadFields(env), ev.AllOrNone)
		last.Properties[env.Discriminator] = disc
		if !ev.Absent {
			last.Required = append([]string{env.Discriminator}, last.Required...)
		}
	}
	root := b.levels(last, "The object holding the event type and its payload.")
	for _, f := range env.Fields {
		root.Properties[f.JSONName] = b.field(f)
		if f.Required {
			root.Required = append(root.Required, f.JSONName)
		}
	}
	root.Examples = examples
	d := eventProse(b.p, ev)
	d.note("%s", envelopeNote(env, ev))
	root.Description = d.String()
	if ev.Subtype != nil {
		root.Extensions = map[string]any{extSubtype: subtypePointer(env, ev)}
	}
	*b.schemas[ev.GoName].Value = *root
}

// absentDiscriminator is the discriminator member of the envelope's absent event: absent, null or "".
func absentDiscriminator(ev *ir.Event) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef("", &openapi3.Schema{Enum: []any{"", nil},
		Description: fmt.Sprintf("Absent, null or empty: a body without an event type is this one (%s is a label, "+
			"never sent as the event type).", code(ev.Name))})
}

// levels wraps the object holding the discriminator in the envelope levels above it and returns the
// root object.
func (b *builder) levels(last *openapi3.Schema, description string) *openapi3.Schema {
	levels := b.p.Envelope.Levels
	cur := last
	for i := len(levels) - 1; i >= 0; i-- {
		if cur.Description == "" {
			cur.Description = description
		}
		cur = &openapi3.Schema{Type: typ("object"), Required: []string{levels[i]},
			Properties:           openapi3.Schemas{levels[i]: openapi3.NewSchemaRef("", cur)},
			AdditionalProperties: openapi3.AdditionalProperties{Has: yes()}}
	}
	return cur
}

// eventProse describes an event: summary, description, where it is sent, and how the schema relates
// to the wire.
func eventProse(p *ir.Platform, ev *ir.Event) prose {
	d := prose{text: strings.TrimSpace(ev.Summary + "\n\n" + ev.Description), discrepancies: ev.Discrepancies, source: ev.Source}
	if ev.Group != nil {
		d.note("**Group:** %s (%s).", ev.Group.Title, code(ev.Group.Name))
	}
	if len(ev.Channels) > 0 {
		names := make([]string, len(ev.Channels))
		for i, c := range ev.Channels {
			names[i] = c.Title + " (" + code(c.Name) + ")"
		}
		d.note("**Channels:** %s.", strings.Join(names, ", "))
	}
	if ev.Support != "" {
		d.note("**Support:** %s", ev.Support)
	}
	for _, x := range ev.Examples {
		if x.Invalid {
			d.note("The vendor sample %s breaks the vendor's own rules, so it is not among the examples:\n\n%s",
				code(x.Name), bullets(x.Discrepancies))
		}
	}
	if ev.Undocumented {
		d.note("The document names this event but gives neither its wire name nor its payload; it is catalogued under this label and arrives as an unknown event.")
	}
	return d
}

// envelopeNote says how an event schema relates to the wire.
func envelopeNote(env *ir.Envelope, ev *ir.Event) string {
	where := "the whole request body"
	if env.Batch != "" {
		where = "one item of the request body's " + code(env.Batch) + " array"
	}
	note := fmt.Sprintf("This schema is the event's whole envelope, %s; its type is at %s.", where, code(pointer(env.DiscriminatorPath())))
	if ev.Absent {
		note = fmt.Sprintf("This schema is the event's whole envelope, %s; it has no event type: %s is absent, null or empty.",
			where, code(pointer(env.DiscriminatorPath())))
	}
	if hasPayloadSchema(env) {
		note += fmt.Sprintf(" The payload alone is %s.", payloadName(ev))
	}
	if ev.Subtype != nil {
		note += fmt.Sprintf(" The member %s further qualifies the event (%s).", code(subtypePointer(env, ev)), code(extSubtype))
	}
	return note
}

// subtypePointer is the JSON pointer, in the envelope, of the discriminator of the union-typed payload
// member that qualifies the event.
func subtypePointer(env *ir.Envelope, ev *ir.Event) string {
	return pointer(append(env.PayloadPath(), ev.Subtype.JSONName, ev.Subtype.Type.Named.Discriminator))
}

// eventUnion fills Event and Unknown. Event is oneOf two branches: the documented events (an inner
// oneOf of the event envelopes, dispatched by the discriminator's mapping) and Unknown, an envelope of
// any other event type. Each envelope requires its own constant event type and Unknown excludes them
// all, so exactly one branch matches at either level.
func (b *builder) eventUnion() {
	env := b.p.Envelope
	mapping := map[string]openapi3.MappingRef{}
	var known []any
	var envelopes openapi3.SchemaRefs
	for _, ev := range b.p.Typed() {
		envelopes = append(envelopes, b.ref(ev.GoName))
		mapping[ev.Name] = openapi3.MappingRef{Ref: schemaRef(ev.GoName)}
		known = append(known, ev.Name)
	}
	path := pointer(env.DiscriminatorPath())
	documented := &openapi3.Schema{Title: "Documented events", Type: typ("object"),
		Required: []string{env.DiscriminatorPath()[0]}, OneOf: envelopes}
	d := prose{text: "One event envelope. " + strings.TrimSpace(env.Description)}
	if len(env.Levels) == 0 {
		documented.Discriminator = &openapi3.Discriminator{PropertyName: env.Discriminator, Mapping: mapping}
		d.note("The member %s says which event the envelope carries: the first branch of oneOf holds the "+
			"documented events, dispatched by discriminator.mapping; the second, %s, any other event type "+
			"(%s), which is valid too.", code(env.Discriminator), unknownSchema, code(extDefaultMapping))
	} else {
		documented.Extensions = map[string]any{extDiscriminator: path, extMapping: mapping}
		d.note("The event type sits at %s, below the top level, where OpenAPI's discriminator (which can "+
			"only name a top-level property) cannot point: %s gives its JSON pointer and %s maps its values "+
			"to the envelope schemas, as discriminator.mapping would. The envelopes are mutually exclusive "+
			"anyway, each requiring its own constant there. The first branch of oneOf holds the documented "+
			"events; the second, %s, any other event type (%s), which is valid too.",
			code(path), code(extDiscriminator), code(extMapping), unknownSchema, code(extDefaultMapping))
	}
	branches := openapi3.SchemaRefs{openapi3.NewSchemaRef("", documented), b.ref(unknownSchema)}
	s := b.discriminated(branches, b.ref(namesSchema))
	if a := env.Absent; a != nil {
		// A body without an event type is the absent event: a third branch, outside the discriminator's
		// mapping, and the member is no longer required.
		s.OneOf = openapi3.SchemaRefs{branches[0], b.ref(a.GoName), branches[1]}
		s.Required = nil
		s.Properties[env.Discriminator] = openapi3.NewSchemaRef("", &openapi3.Schema{
			AnyOf: openapi3.SchemaRefs{b.ref(namesSchema), openapi3.NewSchemaRef("", &openapi3.Schema{Enum: []any{nil}})}})
		d.note("A body whose %s is absent, null or empty is %s (the second branch of oneOf); %s is a label, "+
			"never sent as the event type.", code(path), a.GoName, code(a.Name))
		known = append(known, "")
	}
	s.Extensions = map[string]any{extDiscriminator: path, extDefaultMapping: schemaRef(unknownSchema)}
	if a := env.Absent; a != nil {
		s.Extensions[extAbsent] = map[string]any{"name": a.Name, "schema": schemaRef(a.GoName)}
		d.note("%s names that event and its label.", code(extAbsent))
	}
	s.Description = d.String()
	*b.schemas[eventSchema].Value = *s
	b.unknownEvent(known)
}

// discriminated returns an object schema with the given branches whose envelope levels lead to the
// discriminator member, typed by disc.
func (b *builder) discriminated(branches openapi3.SchemaRefs, disc *openapi3.SchemaRef) *openapi3.Schema {
	env := b.p.Envelope
	last := &openapi3.Schema{Type: typ("object"), Required: []string{env.Discriminator},
		Properties:           openapi3.Schemas{env.Discriminator: disc},
		AdditionalProperties: openapi3.AdditionalProperties{Has: yes()}}
	root := b.levels(last, "")
	root.OneOf = branches
	return root
}

// unknownEvent fills Unknown: an envelope whose event type is none of the documented ones.
func (b *builder) unknownEvent(known []any) {
	env := b.p.Envelope
	not := &openapi3.Schema{AllOf: openapi3.SchemaRefs{b.ref(namesSchema)}}
	if len(known) > 0 {
		not.Not = openapi3.NewSchemaRef("", &openapi3.Schema{Enum: known})
	}
	last := &openapi3.Schema{Type: typ("object"), Required: []string{env.Discriminator},
		Properties:           openapi3.Schemas{env.Discriminator: openapi3.NewSchemaRef("", not)},
		AdditionalProperties: openapi3.AdditionalProperties{Has: yes()}}
	root := b.levels(last, "The object holding the event type.")
	d := prose{text: fmt.Sprintf("An envelope of an event type this catalogue does not document: its %s is none "+
		"of the documented event names. It is not an error: the decoder returns it as an Unknown value with its "+
		"raw bytes, and Validate checks nothing in it, so apart from the event type nothing is constrained here.",
		code(pointer(env.DiscriminatorPath())))}
	var undocumented []string
	for _, ev := range b.p.Events {
		if ev.Undocumented {
			undocumented = append(undocumented, ev.Name+oneLine(ev.Summary))
		}
	}
	if len(undocumented) > 0 {
		d.note("The document names these events without giving their wire name or payload, so they arrive "+
			"here too:\n\n%s", bullets(undocumented))
	}
	root.Description = d.String()
	*b.schemas[unknownSchema].Value = *root
}

// batch fills Batch: the request body of a platform that sends events in an array.
func (b *builder) batch() {
	env := b.p.Envelope
	items := &openapi3.Schema{Type: typ("array"), Items: b.ref(eventSchema),
		Description: "The events, in order; each item is one envelope."}
	*b.schemas[batchSchema].Value = openapi3.Schema{Type: typ("object"), Required: []string{env.Batch},
		Properties:           openapi3.Schemas{env.Batch: openapi3.NewSchemaRef("", items)},
		AdditionalProperties: openapi3.AdditionalProperties{Has: yes()},
		Description: fmt.Sprintf("A request body: the events of the batch in its %s array. Other members "+
			"of the body are kept by the batch decoder.", code(env.Batch))}
}

// pointer renders a member path as a JSON pointer.
func pointer(path []string) string {
	var s strings.Builder
	for _, p := range path {
		s.WriteString("/" + strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1"))
	}
	return s.String()
}
