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
func payloadName(ev *ir.Event) string { return ev.PayloadSchemaName() }

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
		p := b.schema(payloadName(ev))
		what := "its envelope"
		if ev.Value != nil {
			*p = *b.valueSchema(ev.Value)
			what = "its envelope, one value rather than an object of members"
		} else {
			b.object(p, ev.PayloadFields(env), ev.AllOrNone)
		}
		p.Description = strings.TrimSpace(fmt.Sprintf("The payload of the %s event (the member %s of %s, %s).\n\n%s",
			code(ev.Name), code(strings.Join(env.PayloadPath(), ".")), what, ev.GoName, p.Description))
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
	root := last
	if nested(env) {
		inner := innerName(env, ev.GoName)
		last.Description = fmt.Sprintf("The object at %s of the envelope of the %s event (%s): the event type and its payload.",
			code(pointer(env.Levels)), code(ev.Name), ev.GoName)
		*b.schema(inner) = *last
		root = b.wrap(inner)
	}
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
	*b.schema(ev.GoName) = *root
}

// valueSchema is the schema of a payload that is one value: the field's own schema, with a reference
// to a named type wrapped in allOf so that the payload's component has a description of its own.
func (b *builder) valueSchema(f *ir.Field) *openapi3.Schema {
	s := b.field(f)
	if s.Ref != "" {
		return &openapi3.Schema{AllOf: openapi3.SchemaRefs{s}}
	}
	return s.Value
}

// absentDiscriminator is the discriminator member of the envelope's absent event: absent, null or "".
func absentDiscriminator(ev *ir.Event) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef("", &openapi3.Schema{Enum: []any{"", nil},
		Description: fmt.Sprintf("Absent, null or empty: a body without an event type is this one (%s is a label, "+
			"never sent as the event type).", code(ev.Name))})
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

// eventUnion fills Event and Unknown: a oneOf of every event envelope and Unknown (an envelope of any
// other event type) with a discriminator. Each envelope requires its own constant event type and
// Unknown excludes them all, so exactly one branch matches. Where the event type sits below the top
// level (an envelope level such as m-chat's "event"), the union is on the object of that level, where
// a discriminator can name the member: Event is then the envelope with that object a reference to the
// union of the objects of every event (see innerName).
func (b *builder) eventUnion() {
	env := b.p.Envelope
	mapping := map[string]openapi3.MappingRef{}
	var known []any
	var branches openapi3.SchemaRefs
	for _, ev := range b.p.Typed() {
		name := ev.GoName
		if nested(env) {
			name = innerName(env, ev.GoName)
		}
		branches = append(branches, b.ref(name))
		mapping[ev.Name] = openapi3.MappingRef{Ref: schemaRef(name)}
		known = append(known, ev.Name)
	}
	unknown := unknownSchema
	if nested(env) {
		unknown = innerName(env, unknownSchema)
	}
	branches = append(branches, b.ref(unknown))
	union := &openapi3.Schema{OneOf: branches,
		Discriminator: &openapi3.Discriminator{PropertyName: env.Discriminator, Mapping: mapping},
		Extensions:    map[string]any{extDefaultMapping: schemaRef(unknown)}}
	d := prose{text: "One event envelope. " + strings.TrimSpace(env.Description)}
	path := pointer(env.DiscriminatorPath())
	if !nested(env) {
		d.note("The member %s says which event the envelope carries: oneOf lists the documented events, "+
			"dispatched by discriminator.mapping, and last %s, any other event type, which is valid too "+
			"(%s names it as the default of the mapping).", code(env.Discriminator), unknownSchema, code(extDefaultMapping))
		union.Extensions[extDiscriminator] = path
		if env.Payload != "" {
			union.Extensions[extPayload] = pointer(env.PayloadPath())
		}
		if a := env.Absent; a != nil {
			// A body without an event type is the absent event: a branch outside the discriminator's
			// mapping, before Unknown (the envelope names it only where the discriminator is in the root).
			union.OneOf = append(append(branches[:len(branches)-1:len(branches)-1], b.ref(a.GoName)), b.ref(unknown))
			union.Extensions[extAbsent] = map[string]any{"name": a.Name, "schema": schemaRef(a.GoName)}
			d.note("A body whose %s is absent, null or empty is %s (the branch before %s, outside the mapping); %s is "+
				"a label, never sent as the event type, and %s names that event and its label.",
				code(path), a.GoName, unknownSchema, code(a.Name), code(extAbsent))
			known = append(known, "")
		}
		union.Description = d.String()
		*b.schema(eventSchema) = *union
		b.unknownEvent(known, b.schema(unknownSchema))
		return
	}
	inner := innerName(env, eventSchema)
	union.Description = fmt.Sprintf("The object at %s of an event envelope, which holds the event type %s: "+
		"oneOf the objects of the documented events, dispatched by discriminator.mapping, and last %s, that of any "+
		"other event type, which is valid too (%s names it as the default of the mapping).",
		code(pointer(env.Levels)), code(env.Discriminator), unknown, code(extDefaultMapping))
	*b.schema(inner) = *union
	root := b.wrap(inner)
	if len(env.Fields) > 0 {
		// The members beside the event object are the envelope's, and an envelope of an event type the
		// catalogue does not document is not checked at all (Unknown): they are constrained only when
		// the event type is a documented one.
		common := &openapi3.Schema{Properties: openapi3.Schemas{}}
		for _, f := range env.Fields {
			common.Properties[f.JSONName] = b.field(f)
			if f.Required {
				common.Required = append(common.Required, f.JSONName)
			}
		}
		root.If = openapi3.NewSchemaRef("", b.documentedType(known))
		root.Then = openapi3.NewSchemaRef("", common)
		d.note("The members beside %s are those of every envelope of a documented event (if/then): an envelope of an "+
			"event type the catalogue does not document is not checked beyond its event type.", code(env.Levels[0]))
	}
	d.note("The event type sits at %s, in the object at %s, a discriminated union (%s) of the objects of the events.",
		code(path), code(pointer(env.Levels)), inner)
	root.Description = d.String()
	root.Extensions = map[string]any{extDiscriminator: path}
	if env.Payload != "" {
		root.Extensions[extPayload] = pointer(env.PayloadPath())
	}
	*b.schema(eventSchema) = *root

	u := b.schema(unknown)
	b.unknownEvent(known, u)
	outer := b.wrap(unknown)
	outer.Description = u.Description
	*b.schema(unknownSchema) = *outer
	u.Description = fmt.Sprintf("The object at %s of an envelope of an event type this catalogue does not document (%s).",
		code(pointer(env.Levels)), unknownSchema)
}

// wrap returns the envelope levels around a reference to the component that is the object of the
// last level.
func (b *builder) wrap(last string) *openapi3.Schema {
	levels := b.p.Envelope.Levels
	cur := b.ref(last)
	var root *openapi3.Schema
	for i := len(levels) - 1; i >= 0; i-- {
		root = &openapi3.Schema{Type: typ("object"), Required: []string{levels[i]},
			Properties:           openapi3.Schemas{levels[i]: cur},
			AdditionalProperties: openapi3.AdditionalProperties{Has: yes()}}
		cur = openapi3.NewSchemaRef("", root)
	}
	return cur.Value
}

// documentedType is the condition that an envelope's event type is one of the documented ones.
func (b *builder) documentedType(known []any) *openapi3.Schema {
	env := b.p.Envelope
	cur := &openapi3.Schema{Required: []string{env.Discriminator},
		Properties: openapi3.Schemas{env.Discriminator: openapi3.NewSchemaRef("", &openapi3.Schema{Enum: known})}}
	for i := len(env.Levels) - 1; i >= 0; i-- {
		cur = &openapi3.Schema{Required: []string{env.Levels[i]},
			Properties: openapi3.Schemas{env.Levels[i]: openapi3.NewSchemaRef("", cur)}}
	}
	return cur
}

// nested reports whether the event type sits below the top level of the envelope.
func nested(env *ir.Envelope) bool { return len(env.Levels) > 0 }

// innerName is the component name of the object holding the event type, for an envelope whose type
// sits below the top level: the envelope's name and the members that lead to the object, e.g.
// MessageEvent for m-chat's message envelope (the object at /event).
func innerName(env *ir.Envelope, envelope string) string { return env.InnerSchemaName(envelope) }

// unknownEvent fills u, the object holding the event type of an envelope whose event type is none of
// the documented ones (the whole Unknown envelope when the type is at the top level).
func (b *builder) unknownEvent(known []any, u *openapi3.Schema) {
	env := b.p.Envelope
	not := &openapi3.Schema{Type: typ("string"), Description: "An event type the catalogue does not document."}
	if len(known) > 0 {
		not.Not = openapi3.NewSchemaRef("", &openapi3.Schema{Enum: known})
	}
	*u = openapi3.Schema{Type: typ("object"), Required: []string{env.Discriminator},
		Properties:           openapi3.Schemas{env.Discriminator: openapi3.NewSchemaRef("", not)},
		AdditionalProperties: openapi3.AdditionalProperties{Has: yes()}}
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
	u.Description = d.String()
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
