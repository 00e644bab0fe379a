// Package openapi turns the IR of a platform into an OpenAPI 3.1 document, written as
// <platform>/openapi.yaml and <platform>/openapi.json: every named type and every event under
// components.schemas, and under webhooks the request the platform sends. Emit is pure: IR in, files
// out. The document is built with kin-openapi, validated with it, and marshalled deterministically.
//
// The document says what the generated decoder and Validate accept, and no more or less, in shapes
// that code generators (ogen, oapi-codegen, openapi-typescript; see the interop test) turn into code:
//
//   - object schemas allow members they do not list (the decoder keeps them);
//   - an open enum is its base type with the documented values in x-extensible-enum, a closed one an enum;
//   - a union is one oneOf of its variants and, last, its Unknown schema, which takes the values not
//     documented, under a discriminator whose mapping names the documented values;
//   - the request body is such a union of the event envelopes and Unknown, on the object that holds
//     the event type (m-chat's is below the top level); each event also has a webhook of its own;
//   - where JSON Schema has no keyword (byte lengths, timestamp layouts, the default of a mapping), an
//     x-eventgen-* extension carries the fact and the description explains it.
package openapi

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/output"
)

// Version is the OpenAPI version of the documents.
const Version = "3.1.0"

// builder carries the state of one document.
type builder struct {
	p       *ir.Platform
	schemas openapi3.Schemas
	owner   map[string]string // component name → what it describes, for clash errors
	direct  map[*ir.Type]bool // types referred to other than as union variants
	names   map[string]string // a type's own name → its component name, where the two differ (names.go)
	errs    []error
}

// Emit returns the platform's OpenAPI document as YAML and JSON, paths relative to the output root.
func Emit(p *ir.Platform) ([]output.File, error) {
	doc, err := Build(p)
	if err != nil {
		return nil, err
	}
	jsonData, yamlData, err := marshal(doc, "# "+strings.TrimPrefix(output.Header(p.SpecPath), "// "))
	if err != nil {
		return nil, fmt.Errorf("%s: openapi: %w", p.Name, err)
	}
	return []output.File{
		{Path: path.Join(p.Name, "openapi.json"), Data: jsonData},
		{Path: path.Join(p.Name, "openapi.yaml"), Data: yamlData},
	}, nil
}

// Build returns the platform's document, validated with kin-openapi. Its component names are the
// types' own unless code generators derive the same name from the document (names.go).
func Build(p *ir.Platform) (*openapi3.T, error) {
	doc, err := build(p, nil)
	if err != nil {
		return nil, err
	}
	c := clashes(doc)
	if len(c) == 0 {
		return doc, nil
	}
	b := &builder{p: p}
	names, err := b.renamed(c, doc)
	if err != nil {
		return nil, fmt.Errorf("%s: openapi: %w", p.Name, err)
	}
	if doc, err = build(p, names); err != nil {
		return nil, err
	}
	if c := clashes(doc); len(c) > 0 {
		return nil, fmt.Errorf("%s: openapi: code generators derive the names of these schemas from others: %s", p.Name, strings.Join(c, ", "))
	}
	return doc, nil
}

func build(p *ir.Platform, names map[string]string) (*openapi3.T, error) {
	b := &builder{p: p, schemas: openapi3.Schemas{}, owner: map[string]string{}, direct: directRefs(p), names: names}
	b.declare()
	if err := b.err(); err != nil {
		return nil, err
	}
	for _, t := range p.Types {
		if t.IncludeOnly() {
			// Its members are copied into every schema that includes it; as a component of its own it
			// would be one that nothing references.
			continue
		}
		b.typeSchema(t)
	}
	b.catalogue()
	if p.Wire() {
		for _, ev := range p.WireEvents() {
			b.event(ev)
		}
		b.eventUnion()
		if p.Envelope.Batch != "" {
			b.batch()
		}
	}
	doc := &openapi3.T{
		OpenAPI:    Version,
		Info:       b.info(),
		Paths:      openapi3.NewPaths(), // kin-openapi always writes paths (null when nil): a webhooks-only document has paths: {}
		Components: &openapi3.Components{Schemas: b.schemas},
	}
	if p.Source.URL != "" {
		doc.ExternalDocs = &openapi3.ExternalDocs{URL: p.Source.URL, Description: p.Source.Title}
	}
	if p.Wire() {
		doc.Webhooks = map[string]*openapi3.PathItem{p.Name: b.webhook()}
		for _, ev := range p.WireEvents() {
			if _, dup := doc.Webhooks[ev.Name]; dup {
				b.errs = append(b.errs, fmt.Errorf("webhook name %s of event %q is the platform's", ev.Name, ev.Name))
				continue
			}
			doc.Webhooks[ev.Name] = b.eventWebhook(ev)
		}
	}
	if err := b.err(); err != nil {
		return nil, err
	}
	// Examples are left out here: kin-openapi compiles a validator per example, which takes seconds per
	// platform on every generate. They are proven elsewhere: ir.Build checks every example against the
	// model, and this package's tests validate them (and kin-openapi with examples validation on) against
	// the committed documents.
	ctx := context.Background()
	if err := doc.Validate(ctx, openapi3.EnableSchemaDefaultsValidation(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("%s: openapi: the document does not validate: %w", p.Name, err)
	}
	return doc, nil
}

func (b *builder) err() error {
	if len(b.errs) == 0 {
		return nil
	}
	msgs := make([]string, len(b.errs))
	for i, e := range b.errs {
		msgs[i] = b.p.Name + ": openapi: " + e.Error()
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

// declare creates an empty component schema for every name the document uses, so that references can
// be made before the schemas are filled, and reports names two things would share.
func (b *builder) declare() {
	claim := func(name, what string) {
		if prev, ok := b.owner[name]; ok {
			b.errs = append(b.errs, fmt.Errorf("schema name %s of %s is already used by %s", name, what, prev))
			return
		}
		b.owner[name] = what
		b.schemas[name] = openapi3.NewSchemaRef("", &openapi3.Schema{})
	}
	for _, t := range b.p.Types {
		if t.IncludeOnly() {
			continue // no component (see build)
		}
		claim(b.name(t.Name), fmt.Sprintf("type %q", t.Name))
		if t.Kind == ir.KindUnion {
			claim(b.name(t.UnknownName()), fmt.Sprintf("the unknown variant of union %q", t.Name))
		}
	}
	claim(namesSchema, "the catalogue of event names")
	if !b.p.Wire() {
		return
	}
	env := b.p.Envelope
	for _, ev := range b.p.WireEvents() {
		claim(ev.GoName, fmt.Sprintf("event %q", ev.Name))
		if hasPayloadSchema(env) {
			claim(payloadName(ev), fmt.Sprintf("the payload of event %q", ev.Name))
		}
		if nested(env) {
			claim(innerName(env, ev.GoName), fmt.Sprintf("the object holding the type of event %q", ev.Name))
		}
	}
	claim(eventSchema, "the union of the event envelopes")
	claim(unknownSchema, "the envelope of an unknown event")
	if nested(env) {
		claim(innerName(env, eventSchema), "the union of the objects holding the event type")
		claim(innerName(env, unknownSchema), "the object holding the type of an unknown event")
	}
	if b.p.Envelope.Batch != "" {
		claim(batchSchema, "the batch request body")
	}
}

// info describes the platform, its source document, and how to read the document.
func (b *builder) info() *openapi3.Info {
	p := b.p
	src := p.Source.Title
	if p.Source.Document != "" {
		src += " (" + code(p.Source.Document) + ")"
	}
	if p.Source.Language != "" && p.Source.Language != "en" {
		src += fmt.Sprintf("; written in %s, descriptions translated to English", code(p.Source.Language))
	}
	d := prose{text: p.Description, discrepancies: p.Discrepancies, source: src}
	d.note("%s", readingNotes(p))
	return &openapi3.Info{Title: p.Title, Version: p.Version, Description: d.String(),
		Extensions: map[string]any{"x-eventgen-spec": p.SpecPath}}
}

// readingNotes explains the conventions of the document, and first of all its promise of forward
// compatibility: event types, union variants and enum values the vendor does not document yet are to
// be expected, and the document says so with schemas (Unknown), extensions and these notes rather than
// with shapes code generators cannot turn into code.
func readingNotes(p *ir.Platform) string {
	openEnum := "**Open enums.** An enum marked `" + extOpenEnum + ": true` is open: its schema is its base type, so that any value is valid, and its documented values are listed by `" + extExtensibleEnum + "` (the convention for an enum that may grow) and described by `" + extEnumDescriptions + "`. New values may come at any time. It is not `enum` (which would reject new values) nor `anyOf` an enum and its base type (which code generators refuse or reduce to the base type anyway). Enums without the mark are closed: `enum`."
	if !p.Wire() {
		return "**Reading this document:**\n\n" + bullets([]string{
			"The vendor document gives no wire format, so this document has no webhooks: it is the catalogue of event names (`EventName`), with groups (`x-eventgen-groups`) and channel support (`x-eventgen-channels`).",
			openEnum,
		})
	}
	return "**Reading this document:**\n\n" + bullets([]string{
		"**Unknown events are expected.** The platform may send event types this catalogue does not document; they are valid, and the generated decoder returns them as Unknown values. The request body's union (`Event`) is one `oneOf` of every event envelope and, last, `Unknown`, under a `discriminator` whose `mapping` names the documented event types; every envelope declares its event type as a `const`, so code generators (ogen, oapi-codegen, openapi-typescript) dispatch on it and narrow by it. OpenAPI 3.1 has no keyword for the schema of the values a mapping does not name (3.2's `defaultMapping`): `" + extDefaultMapping + "` names it, `Unknown`, whose event type is any string but the documented ones. Code generators read the mapping only, so they type a body of an undocumented event type as `Unknown` only when that type is literally `Unknown` and otherwise reject it; a receiver that must accept every event should fall back to the `Unknown` shape itself.",
		"**Unknown variants are expected** in every other discriminated union too, the same way: `oneOf` the documented variants and the union's Unknown schema last, a `discriminator` with its `mapping`, and `" + extDefaultMapping + "`.",
		openEnum + " The decoder keeps unknown values and Validate accepts them.",
		"**One webhook per event.** The webhook named after the platform describes the request with the union of every event type; a webhook per event, named after it, describes the same request for that event alone, so that documentation renderers list one entry per event.",
		"Object schemas allow members they do not list (`additionalProperties: true`): the generated decoder keeps unknown members verbatim and re-encodes them.",
		"A member's own description, examples and constraints stand beside the `$ref` of its type (OpenAPI 3.1 schemas are JSON Schema 2020-12, where `$ref` applies alongside its sibling keywords). A member's default is `" + extDefault + "`, not `default`, which code generators read as \"always present\".",
		"`format` is declared only where every documented value satisfies it, and the synthesized fixtures respect it; the formats of timestamps are in their layouts.",
		"Schema names are the spec's type names, but where a code generator derives the same name from the document (ogen's `Client`, oapi-codegen's `<Schema><Member>`): such a type's schema is named with the suffix `" + renameSuffix + "`.",
		"Facts JSON Schema has no keyword for are extensions, each explained where it is used: `" + extMaxBytes + "` (a length in bytes of UTF-8), `" + extTimeLayouts + "` (the Go layouts of a timestamp), `" + extUnix + "` (Unix time), `" + extServerGenerated + "` (filled in by the platform), `" + extDiscriminator + "` (where the event type is)" + payloadNote(p) + absentNote(p) + ".",
		"A member name repeated in one object is read once: the decoder reads the first and keeps the rest verbatim, and Validate reports repeated declared members and repeated map keys as duplicate members. JSON Schema cannot see repeated member names, so a body with them may pass the schema and still get a problem from Validate.",
		"Integers (`format: int64`) are written without fraction or exponent and fit int64: the decoder reads 1.0, 1e2 and 9223372036854775808 as numbers of the wrong kind, which JSON Schema's `integer` admits. Numbers (`type: number`) are kept as written, whatever their size.",
		"Timestamps are checked against their layouts by parsing: a `pattern` admits the shape, while Validate also rejects dates that do not exist (February 30).",
	})
}

// absentNote names the extension of the event of bodies without an event type, on platforms that have one.
// payloadNote names the extension that says where the payload is, where events have a payload member.
func payloadNote(p *ir.Platform) string {
	if p.Envelope == nil || p.Envelope.Payload == "" {
		return ""
	}
	return ", `" + extPayload + "` (where the payload is)"
}

func absentNote(p *ir.Platform) string {
	if p.Envelope == nil || p.Envelope.Absent == nil {
		return ""
	}
	return ", `" + extAbsent + "` (the event of bodies without an event type, whose schema writes its type as the list `[object]` " +
		"so that code generators which make the discriminator a required member of every object branch of the union leave it optional " +
		"there: openapi-typescript types such a body and narrows it on an absent " + code(p.Envelope.Discriminator) + ", and warns that it could not add the discriminator)"
}

// webhook describes the request the platform sends.
func (b *builder) webhook() *openapi3.PathItem {
	p, env := b.p, b.p.Envelope
	body := eventSchema
	if env.Batch != "" {
		body = batchSchema
	}
	d := prose{text: p.Delivery.Description}
	if p.Delivery.Description == "" {
		d.note("The vendor document does not describe how events are delivered; the request below (%s, content type %s) is the generator's default.",
			p.Delivery.Method, code(p.Delivery.ContentType))
	}
	var ext map[string]any
	if h := p.Delivery.Handshake; h != nil {
		d.note("**Subscription handshake:** %s", strings.TrimSpace(h.Description))
		var hs []string
		if h.Request != "" {
			hs = append(hs, "Request: "+h.Request)
		}
		if h.ResponseStatus != 0 {
			hs = append(hs, fmt.Sprintf("Expected response status: %d", h.ResponseStatus))
		}
		if h.Response != "" {
			hs = append(hs, "Expected response body: "+h.Response)
		}
		if len(hs) > 0 {
			d.note("%s", bullets(hs))
		}
		ext = map[string]any{"x-eventgen-handshake": handshake(h.Description, h.Request, h.ResponseStatus, h.Response)}
	}
	op := &openapi3.Operation{
		OperationID: p.Name + "Event",
		Summary:     "Receive " + p.Title,
		Description: d.String(),
		Extensions:  ext,
		RequestBody: &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{
			Required:    true,
			Description: bodyDescription(p),
			Content: openapi3.Content{p.Delivery.ContentType: &openapi3.MediaType{
				Schema: b.ref(body), Examples: b.bodyExamples()}},
		}},
		Responses: openapi3.NewResponses(openapi3.WithName("2XX", &openapi3.Response{Description: ptr(
			"Acknowledges the delivery. The vendor document does not say which status or body the platform expects; any 2xx status is assumed to do.")})),
	}
	item := &openapi3.PathItem{}
	item.SetOperation(strings.ToUpper(p.Delivery.Method), op)
	return item
}

// eventWebhook describes the request of one event. The platform sends every event to the same URL,
// which the webhook named after the platform describes; these webhooks, one per event, describe the
// same requests once more, so that documentation renderers list every event as an entry of its own.
func (b *builder) eventWebhook(ev *ir.Event) *openapi3.PathItem {
	p, env := b.p, b.p.Envelope
	body := b.ref(ev.GoName)
	what := "The request body is the event's envelope, " + ev.GoName + "."
	if env.Batch != "" {
		body = openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("object"), Required: []string{env.Batch},
			Properties: openapi3.Schemas{env.Batch: openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("array"),
				Items: b.ref(ev.GoName), Description: "The events of the batch."})},
			AdditionalProperties: openapi3.AdditionalProperties{Has: yes()},
			Description: fmt.Sprintf("A batch whose %s are %s events (%s); a batch may mix events of every type (%s).",
				code(env.Batch), code(ev.Name), ev.GoName, batchSchema)})
		what = fmt.Sprintf("The request body is a batch: its %s array holds envelopes (%s); one of a %s event is %s.",
			code(env.Batch), eventSchema, code(ev.Name), ev.GoName)
	}
	summary := ev.Name
	if ev.Summary != "" {
		summary += ": " + strings.TrimSuffix(oneLine(ev.Summary)[2:], ".")
	}
	d := prose{text: fmt.Sprintf("The request of the %s event. It goes to the same URL as every other event, "+
		"which the webhook %s describes with the union of all event types; this entry describes it alone. %s",
		code(ev.Name), code(p.Name), what)}
	op := &openapi3.Operation{
		OperationID: "receive" + ev.GoName,
		Summary:     summary,
		Description: d.String(),
		Tags:        eventTags(ev),
		RequestBody: &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Required: true,
			Content: openapi3.Content{p.Delivery.ContentType: &openapi3.MediaType{Schema: body}}}},
		Responses: openapi3.NewResponses(openapi3.WithName("2XX", &openapi3.Response{Description: ptr(
			"Acknowledges the delivery (any 2xx status is assumed to do).")})),
	}
	item := &openapi3.PathItem{}
	item.SetOperation(strings.ToUpper(p.Delivery.Method), op)
	return item
}

// eventTags are the tags of an event's webhook: its group, if any.
func eventTags(ev *ir.Event) []string {
	if ev.Group == nil {
		return nil
	}
	return []string{ev.Group.Title}
}

func handshake(description, request string, status int, response string) map[string]any {
	m := map[string]any{"description": strings.TrimSpace(description)}
	if request != "" {
		m["request"] = request
	}
	if status != 0 {
		m["responseStatus"] = status
	}
	if response != "" {
		m["response"] = response
	}
	return m
}

func bodyDescription(p *ir.Platform) string {
	env := p.Envelope
	if env.Batch != "" {
		return fmt.Sprintf("A batch: %s holds the event envelopes. Each envelope's event type is at %s; "+
			"event types the catalogue does not document are valid and arrive as %s.",
			code(env.Batch), code(pointer(env.DiscriminatorPath())), unknownSchema)
	}
	return fmt.Sprintf("One event envelope; its event type is at %s. Event types the catalogue does not "+
		"document are valid and arrive as %s.", code(pointer(env.DiscriminatorPath())), unknownSchema)
}

func ptr[T any](v T) *T { return &v }

// catalogue fills EventName: every documented event name, with its description, group and channels.
// The list is open (a platform may add events, and JAICP's Vonage channel names events after reply
// types it does not list), so it is anyOf the documented names and any string.
func (b *builder) catalogue() {
	p := b.p
	s := b.schema(namesSchema)
	var names []any
	descs := map[string]any{}
	for _, ev := range p.Events {
		if ev.Undocumented || ev.Absent {
			continue // the absent event's name is a label, never sent
		}
		names = append(names, ev.Name)
		descs[ev.Name] = eventProse(p, ev).String()
	}
	s.Type = typ("string")
	s.Title = "Event names"
	s.Extensions = map[string]any{extOpenEnum: true}
	if len(names) > 0 {
		s.Extensions[extExtensibleEnum] = names
		s.Extensions[extEnumDescriptions] = descs
	}
	if g := groupsExt(p); len(g) > 0 {
		s.Extensions["x-eventgen-groups"] = g
	}
	if c := channelsExt(p); len(c) > 0 {
		s.Extensions["x-eventgen-channels"] = c
	}
	d := prose{text: "The catalogue: every event the vendor document names, by group, in document order. " +
		"Open: names not listed may come at any time (" + code(extOpenEnum) + ")."}
	for _, g := range p.Groups {
		d.note("%s", groupProse(g))
	}
	if ung := ungrouped(p); len(ung) > 0 {
		label := "Other events"
		if len(p.Groups) == 0 {
			label = "Events"
		}
		d.note("**%s:**\n\n%s", label, bullets(ung))
	}
	if len(p.Channels) > 0 {
		var cs []string
		for _, c := range p.Channels {
			cs = append(cs, fmt.Sprintf("%s (%s%s): %s", c.Title, code(c.Name), map[bool]string{true: ", inbound"}[c.Inbound],
				strings.ReplaceAll(strings.TrimSpace(c.Description), "\n", " ")))
		}
		d.note("**Channels:**\n\n%s", bullets(cs))
	}
	s.Description = d.String()
}

func eventLine(ev *ir.Event) string {
	line := code(ev.Name) + oneLine(ev.Summary)
	if ev.Undocumented {
		line += " (named by the document without a wire name or payload)"
	}
	return line
}

func groupProse(g *ir.Group) string {
	var lines []string
	for _, ev := range g.Events {
		lines = append(lines, eventLine(ev))
	}
	gd := prose{text: fmt.Sprintf("**%s** (%s). %s", g.Title, code(g.Name), strings.TrimSpace(g.Description)),
		discrepancies: g.Discrepancies, source: g.Source}
	if len(lines) > 0 {
		gd.note("%s", bullets(lines))
	}
	return gd.String()
}

func ungrouped(p *ir.Platform) []string {
	var out []string
	for _, ev := range p.Events {
		if ev.Group == nil {
			out = append(out, eventLine(ev))
		}
	}
	return out
}

// groupsExt lists the groups with their events, for tools.
func groupsExt(p *ir.Platform) []any {
	var out []any
	for _, g := range p.Groups {
		evs := []any{}
		for _, ev := range g.Events {
			evs = append(evs, ev.Name)
		}
		m := map[string]any{"name": g.Name, "title": g.Title, "events": evs}
		if g.Description != "" {
			m["description"] = strings.TrimSpace(g.Description)
		}
		out = append(out, m)
	}
	return out
}

// channelsExt lists the channels with the events supported on each, for tools.
func channelsExt(p *ir.Platform) []any {
	var out []any
	for _, c := range p.Channels {
		evs := []any{}
		for _, ev := range p.Events {
			if slices.Contains(ev.Channels, c) {
				evs = append(evs, ev.Name)
			}
		}
		m := map[string]any{"name": c.Name, "title": c.Title, "inbound": c.Inbound, "events": evs}
		if c.Description != "" {
			m["description"] = strings.TrimSpace(c.Description)
		}
		out = append(out, m)
	}
	return out
}
