package ir

import (
	"fmt"
	"slices"
	"strings"

	"github.com/eventgen/eventgen/generator/naming"
	"github.com/eventgen/eventgen/generator/spec"
)

func (b *builder) envelope() {
	se := b.f.Envelope
	if se == nil {
		return
	}
	disc := strings.Split(se.Discriminator, ".")
	env := &Envelope{Batch: se.Batch, Levels: disc[:len(disc)-1], Discriminator: disc[len(disc)-1], Description: se.Description}
	if se.Payload != "" {
		payload := strings.Split(se.Payload, ".")
		if strings.Join(payload[:len(payload)-1], ".") != strings.Join(env.Levels, ".") {
			b.errs.Add(se.At.Of("payload", se.Pos), "envelope: payload %q and discriminator %q must share every segment but the last", se.Payload, se.Discriminator)
		}
		env.Payload = payload[len(payload)-1]
		if env.Payload == env.Discriminator {
			b.errs.Add(se.At.Of("payload", se.Pos), "envelope: payload and discriminator are the same member %q", env.Payload)
		}
	}
	env.Fields = b.fieldList("envelope", nil, se.Pos, se.Fields, nil)
	if len(env.Levels) == 0 && env.Payload == "" {
		// The root object is the payload: envelope fields would sit beside payload fields anyway.
		for _, f := range env.Fields {
			if f.JSONName == env.Discriminator {
				b.errs.Add(f.Pos, "envelope: field %q is the discriminator", f.JSONName)
			}
		}
	} else if len(env.Levels) > 0 || env.Payload != "" {
		for _, f := range env.Fields {
			if f.JSONName == firstOf(env.DiscriminatorPath()) || f.JSONName == firstOf(env.PayloadPath()) {
				b.errs.Add(f.Pos, "envelope: field %q clashes with the discriminator or payload member", f.JSONName)
			}
		}
	}
	b.p.Envelope = env
}

func firstOf(p []string) string { return p[0] }

// absentEvent resolves envelope.absent: the event a body stands for when its discriminator member is
// absent, null or "".
func (b *builder) absentEvent() {
	se := b.f.Envelope
	if se == nil || se.Absent == "" || b.p.Envelope == nil {
		return
	}
	at := se.At.Of("absent", se.Pos)
	if len(b.p.Envelope.Levels) > 0 {
		b.errs.Add(at, "envelope: absent needs the discriminator %q in the top-level object", se.Discriminator)
		return
	}
	for _, e := range b.p.Events {
		if e.Name != se.Absent {
			continue
		}
		if e.Undocumented {
			b.errs.Add(at, "envelope: absent event %q is undocumented", e.Name)
			return
		}
		e.Absent = true
		b.p.Envelope.Absent = e
		return
	}
	b.errs.Add(at, "envelope: absent names no event: %q", se.Absent)
}

func (b *builder) events() {
	var envFields []*Field
	if b.p.Envelope != nil {
		envFields = b.p.Envelope.Fields
	}
	for _, e := range b.f.Events {
		n := len(b.errs)
		d := e.Value
		ev := &Event{
			Name: e.Key, GoName: cmpOr(d.GoName, naming.GoName(e.Key)), Summary: d.Summary, Description: d.Description,
			Support: d.Support, Undocumented: d.Undocumented, Source: d.Source, Discrepancies: d.Discrepancies, Pos: e.Pos,
		}
		ev.ConstName = "EventType" + ev.GoName
		where := fmt.Sprintf("event %q", e.Key)
		if ev.GoName == "" {
			b.errs.Add(e.Pos, "%s: no Go name can be derived; set go_name", where)
		}
		b.eventGroup(ev, d)
		b.eventChannels(ev, d, where)
		if d.Undocumented && (len(d.Fields) > 0 || len(d.Examples) > 0 || len(d.Include) > 0 || d.Payload != nil) {
			b.errs.Add(e.Pos, "%s: an undocumented event cannot have fields, payload, include or examples", where)
		}
		switch {
		case d.Undocumented:
		case d.Payload != nil:
			ev.Fields, ev.Value = b.valuePayload(where, e, envFields)
		default:
			ev.Fields = b.fieldList(where, d.Include, d.At.Of("include", e.Pos), d.Fields, envFields)
			ev.AllOrNone = b.allOrNone(where, d.AllOrNone, ev.Fields, d.At.Of("all_or_none", e.Pos))
		}
		if d.Subtype != "" {
			ev.Subtype = fieldNamed(ev.Fields, d.Subtype)
			if ev.Subtype == nil || ev.Subtype.Type == nil || ev.Subtype.Type.Kind != RefNamed || ev.Subtype.Type.Named.Kind != KindUnion {
				b.errs.Add(d.At.Of("subtype", e.Pos), "%s: subtype %q must name a union-typed field", where, d.Subtype)
				ev.Subtype = nil
			}
		}
		names := map[string]spec.Pos{}
		for _, x := range d.Examples {
			if prev, dup := names[x.Name]; dup {
				b.errs.Add(x.At.Of("name", x.Pos), "%s: example %q: the name is also used at %s (example names name fixture files)", where, x.Name, prev)
			}
			names[x.Name] = x.At.Of("name", x.Pos)
			ev.Examples = append(ev.Examples, &Example{Name: x.Name, Summary: x.Summary, JSON: x.JSON, Published: x.Published,
				Corrections: x.Corrections, Invalid: x.Invalid, Discrepancies: x.Discrepancies, Pos: x.At.Of("json", x.Pos)})
		}
		b.badEvents[ev] = len(b.errs) > n
		b.p.Events = append(b.p.Events, ev)
	}
}

// valuePayload builds the fields of an event whose payload is one value (the spec's payload key): the
// envelope's fields, then the payload member itself, always required, as a payload object is.
func (b *builder) valuePayload(where string, e spec.Entry[spec.EventDef], envFields []*Field) ([]*Field, *Field) {
	d := e.Value
	at := d.At.Of("payload", e.Pos)
	env := b.p.Envelope
	switch {
	case env == nil || env.Payload == "":
		b.errs.Add(at, "%s: payload declares the value of the envelope's payload member, but the envelope has none (envelope.payload); declare fields instead", where)
		return nil, nil
	case d.At["fields"] != (spec.Pos{}) || d.At["include"] != (spec.Pos{}) || d.At["all_or_none"] != (spec.Pos{}):
		b.errs.Add(at, "%s: payload and fields, include or all_or_none exclude each other: a payload is either one value or an object of members", where)
		return nil, nil
	}
	if _, set := d.Payload.At["required"]; set && !d.Payload.Required {
		b.errs.Add(d.Payload.At.Of("required", at), "%s: payload: the payload member is always required (an event's payload object is too)", where)
	}
	f := b.field(where+": payload", spec.Entry[spec.Field]{Key: env.Payload, Pos: at, Value: *d.Payload})
	f.Required = true
	fs := append(slices.Clone(envFields), f)
	for i, f := range fs {
		f.Index = i
	}
	return fs, f
}

func (b *builder) eventGroup(ev *Event, d spec.EventDef) {
	if d.Group == "" {
		return
	}
	g, ok := b.groups[d.Group]
	if !ok {
		b.errs.Add(d.At.Of("group", ev.Pos), "event %q: unknown group %q", ev.Name, d.Group)
		return
	}
	ev.Group = g
	g.Events = append(g.Events, ev)
}

// eventChannels expands "*" to the inbound channels, then removes except_channels.
func (b *builder) eventChannels(ev *Event, d spec.EventDef, where string) {
	var chans []*Channel
	for _, name := range d.Channels {
		if name == "*" {
			for _, c := range b.p.Channels {
				if c.Inbound {
					chans = append(chans, c)
				}
			}
			continue
		}
		c, ok := b.channels[name]
		if !ok {
			b.errs.Add(d.At.Of("channels", ev.Pos), "%s: unknown channel %q", where, name)
			continue
		}
		chans = append(chans, c)
	}
	for _, name := range d.ExceptChannels {
		c, ok := b.channels[name]
		if !ok {
			b.errs.Add(d.At.Of("except_channels", ev.Pos), "%s: unknown channel %q", where, name)
			continue
		}
		for i := 0; i < len(chans); i++ {
			if chans[i] == c {
				chans = append(chans[:i], chans[i+1:]...)
				i--
			}
		}
	}
	seen := map[*Channel]bool{}
	for _, c := range chans {
		if !seen[c] {
			seen[c] = true
			ev.Channels = append(ev.Channels, c)
		}
	}
}
