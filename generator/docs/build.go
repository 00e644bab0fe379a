package docs

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Component names every document has (package openapi): the catalogue, and for wire platforms the
// union of the envelopes and the envelope of an undocumented event type.
const (
	namesSchema = "EventName"
	eventSchema = "Event"
)

// builder reads one document into the view of its page.
type builder struct {
	name    string
	doc     *openapi3.T
	schemas openapi3.Schemas
	// anchors maps a component to the id of the element that shows it: a type's section, an event's
	// section (envelopes and the payloads shown inline there) or the delivery section.
	anchors map[string]string
	// shown marks the components a type section must not repeat: they are shown elsewhere.
	shown map[string]bool
}

// catalogue is what EventName says: the documented names in document order, their descriptions, the
// groups and the channels.
type catalogue struct {
	names        []string
	descriptions map[string]string
	groups       []groupExt
	channels     []channelExt
}

type groupExt struct {
	Name, Title, Description string
	Events                   []string
}

type channelExt struct {
	Name, Title, Description string
	Inbound                  bool
	Events                   []string
}

// BuildPlatform reads one platform's OpenAPI document into the view of its page; name is the platform
// key, which names the page.
func BuildPlatform(name string, doc *openapi3.T) (*Platform, error) {
	b := &builder{name: name, doc: doc, anchors: map[string]string{}, shown: map[string]bool{}}
	if doc.Components != nil {
		b.schemas = doc.Components.Schemas
	}
	cat, err := b.catalogue()
	if err != nil {
		return nil, err
	}
	p := b.header()
	mapping := b.eventMapping()
	b.absentEvent(cat, mapping)
	p.Catalogue = mapping == nil
	b.claim(namesSchema, "events")
	for _, ev := range sortedKeys(mapping) {
		b.claim(mapping[ev], anchor("event", ev))
	}
	p.Channels = channels(cat.channels)
	events := b.events(cat, mapping, p.Channels)
	p.Groups = groups(cat, events)
	p.Support = support(p.Groups, p.Channels)
	if !p.Catalogue {
		p.Delivery = b.delivery()
	}
	b.fillEvents(events, mapping)
	p.Types = b.types()
	for _, ev := range events {
		p.Events++
		p.Examples += len(ev.Examples)
	}
	return p, nil
}

// claim records that a component is shown by the element with the given id, not by a type section.
func (b *builder) claim(component, id string) {
	if _, ok := b.schemas[component]; ok {
		b.anchors[component] = id
		b.shown[component] = true
	}
}

func (b *builder) schema(name string) *openapi3.Schema {
	if r := b.schemas[name]; r != nil && r.Value != nil {
		return r.Value
	}
	return nil
}

// header reads the document's info: title, version, description, provenance.
func (b *builder) header() *Platform {
	p := &Platform{Name: b.name, Title: b.name}
	if info := b.doc.Info; info != nil {
		p.Title, p.Version = info.Title, info.Version
		p.Description = markdown(info.Description)
		p.Excerpt = excerpt(firstParagraph(info.Description), 320)
		ext(info.Extensions, extSpec, &p.Spec)
	}
	if x := b.doc.ExternalDocs; x != nil {
		p.SourceURL, p.SourceTitle = x.URL, x.Description
	}
	return p
}

// catalogue reads EventName: the documented names (an enum when closed, x-extensible-enum when
// open), their descriptions, groups and channels.
func (b *builder) catalogue() (*catalogue, error) {
	s := b.schema(namesSchema)
	if s == nil {
		return nil, fmt.Errorf("docs: %s: the document has no %s schema (the catalogue)", b.name, namesSchema)
	}
	c := &catalogue{descriptions: map[string]string{}}
	names := s.Enum
	if k := enumBranch(s); k != nil {
		names = k.Enum
	}
	for _, v := range names {
		c.names = append(c.names, valueText(v))
	}
	ext(s.Extensions, extEnumDescriptions, &c.descriptions)
	ext(s.Extensions, extGroups, &c.groups)
	ext(s.Extensions, extChannels, &c.channels)
	return c, nil
}

// eventMapping returns the event names of the Event union and their envelope components, or nil for a
// catalogue. Each event has a webhook of its own, named after it, whose request body is its envelope
// (or a batch of its envelopes).
func (b *builder) eventMapping() map[string]string {
	if b.schema(eventSchema) == nil {
		return nil
	}
	m := map[string]string{}
	for _, name := range sortedKeys(b.doc.Webhooks) {
		if name == b.name {
			continue
		}
		for _, op := range b.doc.Webhooks[name].Operations() {
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			for _, mt := range op.RequestBody.Value.Content {
				if env := envelopeOf(mt.Schema); env != "" {
					m[name] = env
				}
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// envelopeOf returns the component of the envelope a request body carries: the body itself, or the
// items of its one array member (a batch).
func envelopeOf(body *openapi3.SchemaRef) string {
	switch {
	case body == nil:
		return ""
	case body.Ref != "":
		return refName(body.Ref)
	case body.Value == nil:
		return ""
	}
	for _, p := range body.Value.Properties {
		if p.Value != nil && p.Value.Items != nil && p.Value.Items.Ref != "" {
			return refName(p.Value.Items.Ref)
		}
	}
	return ""
}

// absentEvent adds the event of bodies without an event type (x-eventgen-absent-event), which neither
// the catalogue nor the discriminator's mapping lists, in front of the catalogue's events.
func (b *builder) absentEvent(c *catalogue, mapping map[string]string) {
	var absent struct{ Name, Schema string }
	if s := b.schema(eventSchema); s == nil || mapping == nil || !ext(s.Extensions, extAbsent, &absent) || absent.Name == "" {
		return
	}
	c.names = append([]string{absent.Name}, c.names...)
	mapping[absent.Name] = refName(absent.Schema)
}

// mappingOf returns the discriminator mapping of a schema, value → component name.
func mappingOf(s *openapi3.Schema) map[string]string {
	if s == nil {
		return nil
	}
	m := map[string]string{}
	if d := s.Discriminator; d != nil && len(d.Mapping) > 0 {
		for v, ref := range d.Mapping {
			m[v] = refName(ref.Ref)
		}
		return m
	}
	if ext(s.Extensions, extMapping, &m) && len(m) > 0 {
		for v, ref := range m {
			m[v] = refName(ref)
		}
		return m
	}
	return nil
}

// events makes the events of the catalogue, in document order, with their description and channels.
func (b *builder) events(c *catalogue, mapping map[string]string, chans []*Channel) []*Event {
	var out []*Event
	for _, name := range c.names {
		ev := &Event{ID: anchor("event", name), Name: name, Schema: mapping[name]}
		text := c.descriptions[name]
		if s := b.schema(ev.Schema); s != nil && s.Description != "" {
			text = s.Description // the envelope's description says all EventName's does, and more
		}
		ev.Summary = firstParagraph(text)
		ev.Description = markdown(text)
		for _, ch := range chans {
			if ch.events[name] {
				ev.Channels = append(ev.Channels, ch)
			}
		}
		out = append(out, ev)
	}
	return out
}

// channels makes the channels of x-eventgen-channels, in document order.
func channels(exts []channelExt) []*Channel {
	var out []*Channel
	for _, c := range exts {
		ch := &Channel{ID: anchor("channel", c.Name), Name: c.Name, Title: c.Title, Inbound: c.Inbound,
			Description: markdown(c.Description), events: map[string]bool{}}
		for _, ev := range c.Events {
			ch.events[ev] = true
		}
		out = append(out, ch)
	}
	return out
}

// groups sorts the events into the groups of x-eventgen-groups; events in no group come last, under
// "Other events", or in one untitled group when the document has no groups.
func groups(c *catalogue, events []*Event) []*Group {
	byName := map[string]*Event{}
	for _, ev := range events {
		byName[ev.Name] = ev
	}
	var out []*Group
	placed := map[string]bool{}
	for _, g := range c.groups {
		grp := &Group{ID: anchor("group", g.Name), Name: g.Name, Title: g.Title, Description: markdown(g.Description)}
		for _, name := range g.Events {
			if ev := byName[name]; ev != nil && !placed[name] {
				placed[name] = true
				grp.Events = append(grp.Events, ev)
			}
		}
		out = append(out, grp)
	}
	rest := &Group{ID: "group-other", Title: "Other events"}
	if len(c.groups) == 0 {
		rest.ID, rest.Title = "group-all", "" // a single list, under the heading of the events section
	}
	for _, ev := range events {
		if !placed[ev.Name] {
			rest.Events = append(rest.Events, ev)
		}
	}
	if len(rest.Events) > 0 {
		out = append(out, rest)
	}
	return out
}

// support makes the rows of the channel × event table, in the order of the groups.
func support(groups []*Group, chans []*Channel) []*SupportRow {
	if len(chans) == 0 {
		return nil
	}
	var rows []*SupportRow
	for _, g := range groups {
		for i, ev := range g.Events {
			row := &SupportRow{Event: ev}
			if i == 0 {
				row.Group = g
			}
			for _, ch := range chans {
				row.Supported = append(row.Supported, ch.events[ev.Name])
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// fillEvents adds what the envelopes say: where the event type is, the fields, the examples.
func (b *builder) fillEvents(events []*Event, mapping map[string]string) {
	if mapping == nil {
		return
	}
	examples := b.examples(events)
	disc := b.discriminatorPath()
	for _, ev := range events {
		s := b.schema(ev.Schema)
		if s == nil {
			continue
		}
		ev.Discriminator = disc
		ext(s.Extensions, extSubtype, &ev.Subtype)
		expand := b.levelComponents(s, disc)
		if payload := b.payload(s, disc); payload != "" {
			expand = append(expand, payload)
		}
		for _, name := range expand {
			b.claim(name, ev.ID)
		}
		ev.Fields = b.fields(s, "", 0, expand)
		ev.Examples = examples[ev.Name]
	}
}

// discriminatorPath returns the JSON pointer of the event type in an envelope.
func (b *builder) discriminatorPath() string {
	s := b.schema(eventSchema)
	var path string
	if s != nil && ext(s.Extensions, extDiscriminator, &path) {
		return path
	}
	if s != nil && s.Discriminator != nil {
		return "/" + s.Discriminator.PropertyName
	}
	return ""
}

// levelComponents returns the components of the objects on the way from an envelope to its event
// type (m-chat's envelope refers to the object at /event, which holds the type).
func (b *builder) levelComponents(envelope *openapi3.Schema, disc string) []string {
	segs := strings.Split(strings.TrimPrefix(disc, "/"), "/")
	var out []string
	holder := envelope
	for _, seg := range segs[:len(segs)-1] {
		r := holder.Properties[seg]
		if r == nil || r.Value == nil {
			break
		}
		if r.Ref != "" {
			out = append(out, refName(r.Ref))
		}
		holder = r.Value
	}
	return out
}

// payload returns the component an envelope keeps its payload in, or "": the reference at the path the
// union of the envelopes names (x-eventgen-payload-path); without that extension, the one other member
// of the object holding the event type (reached through the discriminator's path), a reference.
func (b *builder) payload(envelope *openapi3.Schema, disc string) string {
	var path string
	if s := b.schema(eventSchema); s != nil && ext(s.Extensions, extPayload, &path) {
		holder := envelope
		segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
		for i, seg := range segs {
			r := holder.Properties[seg]
			switch {
			case r == nil:
				return ""
			case i == len(segs)-1:
				if r.Ref == "" {
					return ""
				}
				return refName(r.Ref)
			case r.Value == nil:
				return ""
			}
			holder = r.Value
		}
	}
	segs := strings.Split(strings.TrimPrefix(disc, "/"), "/")
	holder := envelope
	for _, seg := range segs[:len(segs)-1] {
		r := holder.Properties[seg]
		if r == nil || r.Value == nil {
			return ""
		}
		holder = r.Value
	}
	if len(holder.Properties) != 2 {
		return ""
	}
	for name, r := range holder.Properties {
		if name != segs[len(segs)-1] && r.Ref != "" {
			return refName(r.Ref)
		}
	}
	return ""
}

// examples returns the request-body examples of the webhooks by event: their keys are
// "<event>/<example>". Order: webhook, method, media type, key.
func (b *builder) examples(events []*Event) map[string][]*Example {
	out := map[string][]*Example{}
	for _, o := range b.operations() {
		op := o.Operation
		if op.RequestBody == nil || op.RequestBody.Value == nil {
			continue
		}
		content := op.RequestBody.Value.Content
		for _, mt := range sortedKeys(content) {
			xs := content[mt].Examples
			for _, key := range sortedKeys(xs) {
				ev := eventOf(key, events)
				if ev == nil || xs[key].Value == nil {
					continue
				}
				out[ev.Name] = append(out[ev.Name], example(key, ev, xs[key].Value))
			}
		}
	}
	return out
}

// eventOf returns the event whose name the example key starts with (the longest, should one event's
// name be a prefix of another's).
func eventOf(key string, events []*Event) *Event {
	var best *Event
	for _, ev := range events {
		if strings.HasPrefix(key, ev.Name+"/") && (best == nil || len(ev.Name) > len(best.Name)) {
			best = ev
		}
	}
	return best
}

func example(key string, ev *Event, x *openapi3.Example) *Example {
	text, err := prettyJSON(x.Value)
	if err != nil {
		text = fmt.Sprint(x.Value)
	}
	return &Example{ID: anchor("example", key), Key: key, Name: strings.TrimPrefix(key, ev.Name+"/"),
		Summary: x.Summary, Description: markdown(x.Description), JSON: text}
}

// operation is one operation of a webhook.
type operation struct {
	Method    string
	Operation *openapi3.Operation
}

// operations returns the operations of the platform's webhook (the one named after the platform,
// whose body is any event; the others, one per event, repeat what it says), ordered by method.
func (b *builder) operations() []operation {
	var ops []operation
	for _, name := range sortedKeys(b.doc.Webhooks) {
		item := b.doc.Webhooks[name]
		if item == nil || name != b.name {
			continue
		}
		byMethod := item.Operations()
		for _, m := range sortedKeys(byMethod) {
			ops = append(ops, operation{m, byMethod[m]})
		}
	}
	return ops
}

// delivery describes the request: the first webhook's operation, its body, and the schemas that say
// how an envelope is recognised (Event, Unknown, the batch).
func (b *builder) delivery() *Delivery {
	d := &Delivery{Discriminator: b.discriminatorPath()}
	b.claim(eventSchema, "delivery-event")
	var unknown string
	if ext(b.schema(eventSchema).Extensions, extDefaultMapping, &unknown) {
		b.claim(refName(unknown), "delivery-unknown")
		d.Unknown = b.namedType(refName(unknown))
	}
	d.Event = b.namedType(eventSchema)
	ops := b.operations()
	if len(ops) == 0 {
		return d
	}
	op := ops[0].Operation
	d.Method = ops[0].Method
	d.Description = markdown(op.Description)
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return d
	}
	body := op.RequestBody.Value
	d.Body = markdown(body.Description)
	if types := sortedKeys(body.Content); len(types) > 0 {
		d.ContentType = types[0]
		if r := body.Content[types[0]].Schema; r != nil && r.Ref != "" && refName(r.Ref) != eventSchema {
			b.claim(refName(r.Ref), "delivery-body")
			d.BodySchema = b.namedType(refName(r.Ref))
		}
	}
	return d
}

// types makes the sections of the named types: every component not shown elsewhere, by name.
func (b *builder) types() []*Type {
	var out []*Type
	for _, name := range sortedKeys(b.schemas) {
		if !b.shown[name] {
			out = append(out, b.namedType(name))
		}
	}
	return out
}

// href is the link to the element that shows a component.
func (b *builder) href(component string) string {
	if id, ok := b.anchors[component]; ok {
		return "#" + id
	}
	return "#" + anchor("type", component)
}
