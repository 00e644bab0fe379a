package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

func (d *differ) events() {
	oi, ni := indexEvents(d.o.IR.Events), indexEvents(d.n.IR.Events)
	// An event whose wire name changed but whose Go name did not is one event renamed on the wire.
	renamed := map[string]*ir.Event{} // old name → new event
	for _, e := range d.o.IR.Events {
		if _, ok := ni[e.Name]; ok {
			continue
		}
		for _, n := range d.n.IR.Events {
			if _, ok := oi[n.Name]; !ok && n.GoName == e.GoName && !slices.Contains(values(renamed), n) {
				renamed[e.Name] = n
				break
			}
		}
	}
	for _, e := range d.o.IR.Events {
		n, ok := ni[e.Name]
		if r, ren := renamed[e.Name]; ren {
			d.add("event-wire-name-changed", e.Pos, r.Pos, eventSubject(e.Name), "wire name became %q (Go name %s kept)", r.Name, e.GoName)
			n, ok = r, true
		}
		if !ok {
			d.add("event-removed", e.Pos, spec.Pos{}, eventSubject(e.Name), "removed")
			continue
		}
		d.event(e, n)
	}
	for _, n := range d.n.IR.Events {
		if _, ok := oi[n.Name]; !ok && !slices.Contains(values(renamed), n) {
			d.add("event-added", spec.Pos{}, n.Pos, eventSubject(n.Name), "added")
		}
	}
}

func values(m map[string]*ir.Event) []*ir.Event {
	var out []*ir.Event
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func indexEvents(es []*ir.Event) map[string]*ir.Event {
	m := map[string]*ir.Event{}
	for _, e := range es {
		m[e.Name] = e
	}
	return m
}

// event compares one event present on both sides.
func (d *differ) event(o, n *ir.Event) {
	od, nd := d.o.events[o.Name], d.n.events[n.Name]
	subject := eventSubject(o.Name)
	at := func(key string) (spec.Pos, spec.Pos) { return od.At.Of(key, o.Pos), nd.At.Of(key, n.Pos) }
	if o.GoName != n.GoName {
		a, b := at("go_name")
		d.add("event-go-name-changed", a, b, subject, "Go name %s became %s", o.GoName, n.GoName)
	}
	switch {
	case !o.Undocumented && n.Undocumented:
		a, b := at("undocumented")
		d.add("event-became-undocumented", a, b, subject, "became undocumented: it is no longer decoded")
	case o.Undocumented && !n.Undocumented:
		a, b := at("undocumented")
		d.add("event-became-documented", a, b, subject, "became documented: it is now decoded")
	}
	if a, b := groupName(o.Group), groupName(n.Group); a != b {
		x, y := at("group")
		d.add("event-group-changed", x, y, subject, "group %s became %s", orNone(a), orNone(b))
	}
	if a, b := subtypeName(o.Subtype), subtypeName(n.Subtype); a != b {
		x, y := at("subtype")
		d.add("event-subtype-changed", x, y, subject, "subtype %s became %s", orNone(a), orNone(b))
	}
	d.eventChannels(o, n, at)
	var what []string
	what = differs(what, "summary", o.Summary, n.Summary)
	what = differs(what, "description", o.Description, n.Description)
	what = differs(what, "support", o.Support, n.Support)
	what = differs(what, "source", o.Source, n.Source)
	what = differsList(what, "discrepancies", o.Discrepancies, n.Discrepancies)
	if len(what) > 0 {
		d.add("event-prose-changed", o.Pos, n.Pos, subject, "%s changed", strings.Join(what, ", "))
	}
	d.examples(subject, o, n)
	if o.Undocumented || n.Undocumented {
		return // an undocumented event has no members: the change above says it all
	}
	if (o.Value == nil) != (n.Value == nil) {
		// Each side points at the key that holds its members: payload for a
		// value, fields for an object.
		ok, nk := "fields", "payload"
		if o.Value != nil {
			ok, nk = nk, ok
		}
		a, b := od.At.Of(ok, o.Pos), nd.At.Of(nk, n.Pos)
		d.add("event-payload-kind-changed", a, b, subject, "payload became %s", payloadKind(n))
		return // every member would differ: the change says it all
	}
	d.fields(subject, payloadFields(d.o.IR, o), payloadFields(d.n.IR, n), o.Pos, n.Pos)
	oa, na := at("all_or_none")
	d.allOrNone(subject, o.AllOrNone, n.AllOrNone, oa, na)
}

func (d *differ) eventChannels(o, n *ir.Event, at func(string) (spec.Pos, spec.Pos)) {
	on, nn := channelNames(o.Channels), channelNames(n.Channels)
	x, y := at("channels")
	for _, c := range on {
		if !slices.Contains(nn, c) {
			d.add("event-channel-removed", x, y, eventSubject(o.Name), "no longer supported on channel %q", c)
		}
	}
	for _, c := range nn {
		if !slices.Contains(on, c) {
			d.add("event-channel-added", x, y, eventSubject(o.Name), "now supported on channel %q", c)
		}
	}
}

func channelNames(cs []*ir.Channel) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func groupName(g *ir.Group) string {
	if g == nil {
		return ""
	}
	return g.Name
}

func subtypeName(f *ir.Field) string {
	if f == nil {
		return ""
	}
	return f.JSONName
}

// payloadFields returns the members of the event's payload, without the envelope's common members
// (compared once, under the envelope).
// payloadKind says what an event's payload is, for a message.
func payloadKind(e *ir.Event) string {
	if e.Value != nil {
		return fmt.Sprintf("one value (%s) instead of an object of members", e.Value.Type)
	}
	return "an object of members instead of one value"
}

func payloadFields(p *ir.Platform, e *ir.Event) []*ir.Field {
	if p.Envelope == nil || len(e.Fields) < len(p.Envelope.Fields) {
		return e.Fields
	}
	return e.PayloadFields(p.Envelope)
}

func (d *differ) examples(subject string, o, n *ir.Event) {
	idx := func(xs []*ir.Example) map[string]*ir.Example {
		m := map[string]*ir.Example{}
		for _, x := range xs {
			m[x.Name] = x
		}
		return m
	}
	oi, ni := idx(o.Examples), idx(n.Examples)
	for _, x := range o.Examples {
		y, ok := ni[x.Name]
		switch {
		case !ok:
			d.add("example-removed", x.Pos, spec.Pos{}, subject, "example %q removed", x.Name)
		case x.JSON != y.JSON || x.Summary != y.Summary || x.Published != y.Published || x.Invalid != y.Invalid ||
			!slices.Equal(x.Corrections, y.Corrections) || !slices.Equal(x.Discrepancies, y.Discrepancies):
			d.add("example-changed", x.Pos, y.Pos, subject, "example %q changed", x.Name)
		}
	}
	for _, y := range n.Examples {
		if _, ok := oi[y.Name]; !ok {
			d.add("example-added", spec.Pos{}, y.Pos, subject, "example %q added", y.Name)
		}
	}
}

// allOrNone compares the sets of members that must be present together.
func (d *differ) allOrNone(subject string, o, n [][]*ir.Field, op, np spec.Pos) {
	os, ns := setNames(o), setNames(n)
	for _, s := range ns {
		if !slices.Contains(os, s) {
			d.add("all-or-none-added", op, np, subject, "members %s must now be sent together", s)
		}
	}
	for _, s := range os {
		if !slices.Contains(ns, s) {
			d.add("all-or-none-removed", op, np, subject, "members %s need no longer be sent together", s)
		}
	}
}

func setNames(sets [][]*ir.Field) []string {
	var out []string
	for _, set := range sets {
		var names []string
		for _, f := range set {
			names = append(names, f.JSONName)
		}
		slices.Sort(names)
		out = append(out, strings.Join(names, "+"))
	}
	return out
}
