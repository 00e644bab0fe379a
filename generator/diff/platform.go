package diff

import (
	"slices"
	"strconv"
	"strings"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

func (d *differ) platform() {
	o, n := d.o.IR, d.n.IR
	op, np := d.o.File.Platform, d.n.File.Platform
	at := func(key string) (spec.Pos, spec.Pos) { return op.At.Of(key, op.Pos), np.At.Of(key, np.Pos) }
	if o.Name != n.Name {
		a, b := at("name")
		d.add("platform-name-changed", a, b, "platform", "name %q became %q", o.Name, n.Name)
	}
	if o.Package != n.Package {
		a, b := at("package")
		d.add("platform-package-changed", a, b, "platform", "Go package %q became %q", o.Package, n.Package)
	}
	if o.Version != n.Version {
		a, b := at("version")
		d.add("platform-version-changed", a, b, "platform", "version %q became %q", o.Version, n.Version)
	}
	var what []string
	what = differs(what, "title", o.Title, n.Title)
	what = differs(what, "description", o.Description, n.Description)
	what = differs(what, "source", o.Source.Title+o.Source.Document+o.Source.URL+o.Source.Language,
		n.Source.Title+n.Source.Document+n.Source.URL+n.Source.Language)
	what = differsList(what, "discrepancies", o.Discrepancies, n.Discrepancies)
	if len(what) > 0 {
		d.add("platform-prose-changed", op.Pos, np.Pos, "platform", "%s changed", strings.Join(what, ", "))
	}
}

func (d *differ) delivery() {
	o, n := d.o.IR.Delivery, d.n.IR.Delivery
	op, np := d.deliveryPos(d.o), d.deliveryPos(d.n)
	if o.Method != n.Method {
		d.add("delivery-method-changed", op, np, "delivery", "method %s became %s", o.Method, n.Method)
	}
	if o.ContentType != n.ContentType {
		d.add("delivery-content-type-changed", op, np, "delivery", "content type %s became %s", o.ContentType, n.ContentType)
	}
	var what []string
	what = differs(what, "description", o.Description, n.Description)
	what = differs(what, "source", o.Source, n.Source)
	what = differsList(what, "discrepancies", o.Discrepancies, n.Discrepancies)
	oh, nh := o.Handshake, n.Handshake
	switch {
	case oh == nil && nh != nil:
		d.add("delivery-handshake-added", spec.Pos{}, nh.Pos, "delivery", "a subscription handshake was added")
	case oh != nil && nh == nil:
		d.add("delivery-handshake-removed", oh.Pos, spec.Pos{}, "delivery", "the subscription handshake was removed")
	case oh != nil:
		if oh.ResponseStatus != nh.ResponseStatus {
			d.add("delivery-handshake-changed", oh.Pos, nh.Pos, "delivery", "handshake response status %d became %d", oh.ResponseStatus, nh.ResponseStatus)
		}
		what = differs(what, "handshake description", oh.Description, nh.Description)
		what = differs(what, "handshake request", oh.Request, nh.Request)
		what = differs(what, "handshake response", oh.Response, nh.Response)
	}
	if len(what) > 0 {
		d.add("delivery-prose-changed", op, np, "delivery", "%s changed", strings.Join(what, ", "))
	}
}

// deliveryPos is where the delivery section is, or the top of the file when there is none.
func (d *differ) deliveryPos(s *Spec) spec.Pos {
	if s.File.Delivery != nil {
		return s.File.Delivery.Pos
	}
	return s.File.Pos
}

func (d *differ) envelope() {
	o, n := d.o.IR.Envelope, d.n.IR.Envelope
	of, nf := d.o.File.Envelope, d.n.File.Envelope
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		d.add("envelope-added", spec.Pos{}, nf.Pos, "envelope", "added: events are now decoded")
		return
	case n == nil:
		d.add("envelope-removed", of.Pos, spec.Pos{}, "envelope", "removed: the package becomes a catalogue")
		return
	}
	at := func(key string) (spec.Pos, spec.Pos) { return of.At.Of(key, of.Pos), nf.At.Of(key, nf.Pos) }
	if a, b := strings.Join(o.DiscriminatorPath(), "."), strings.Join(n.DiscriminatorPath(), "."); a != b {
		x, y := at("discriminator")
		d.add("envelope-discriminator-changed", x, y, "envelope", "discriminator %q became %q", a, b)
	}
	if a, b := strings.Join(o.PayloadPath(), "."), strings.Join(n.PayloadPath(), "."); a != b {
		x, y := at("payload")
		d.add("envelope-payload-changed", x, y, "envelope", "payload %s became %s", orRoot(a), orRoot(b))
	}
	if o.Batch != n.Batch {
		x, y := at("batch")
		d.add("envelope-batch-changed", x, y, "envelope", "batch member %s became %s", orNone(o.Batch), orNone(n.Batch))
	}
	if o.Description != n.Description {
		x, y := at("description")
		d.add("envelope-prose-changed", x, y, "envelope", "description changed")
	}
	d.fields("envelope", o.Fields, n.Fields, of.Pos, nf.Pos)
}

func orRoot(path string) string {
	if path == "" {
		return "(the root object)"
	}
	return strconv.Quote(path)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(s)
}

func (d *differ) groups() {
	oi, ni := indexGroups(d.o.IR.Groups), indexGroups(d.n.IR.Groups)
	opos, npos := entryPos(d.o.File.Groups), entryPos(d.n.File.Groups)
	for _, g := range d.o.IR.Groups {
		ng, ok := ni[g.Name]
		subject := "group " + strconv.Quote(g.Name)
		if !ok {
			d.add("group-removed", opos[g.Name], spec.Pos{}, subject, "removed")
			continue
		}
		var what []string
		what = differs(what, "title", g.Title, ng.Title)
		what = differs(what, "description", g.Description, ng.Description)
		what = differs(what, "source", g.Source, ng.Source)
		what = differsList(what, "discrepancies", g.Discrepancies, ng.Discrepancies)
		if len(what) > 0 {
			d.add("group-changed", opos[g.Name], npos[g.Name], subject, "%s changed", strings.Join(what, ", "))
		}
	}
	for _, g := range d.n.IR.Groups {
		if _, ok := oi[g.Name]; !ok {
			d.add("group-added", spec.Pos{}, npos[g.Name], "group "+strconv.Quote(g.Name), "added")
		}
	}
}

func (d *differ) channels() {
	oi, ni := indexChannels(d.o.IR.Channels), indexChannels(d.n.IR.Channels)
	opos, npos := entryPos(d.o.File.Channels), entryPos(d.n.File.Channels)
	for _, c := range d.o.IR.Channels {
		nc, ok := ni[c.Name]
		subject := "channel " + strconv.Quote(c.Name)
		if !ok {
			d.add("channel-removed", opos[c.Name], spec.Pos{}, subject, "removed")
			continue
		}
		var what []string
		what = differs(what, "title", c.Title, nc.Title)
		what = differs(what, "description", c.Description, nc.Description)
		what = differs(what, "source", c.Source, nc.Source)
		what = differsList(what, "discrepancies", c.Discrepancies, nc.Discrepancies)
		if c.Inbound != nc.Inbound {
			what = append(what, "inbound")
		}
		if len(what) > 0 {
			d.add("channel-changed", opos[c.Name], npos[c.Name], subject, "%s changed", strings.Join(what, ", "))
		}
	}
	for _, c := range d.n.IR.Channels {
		if _, ok := oi[c.Name]; !ok {
			d.add("channel-added", spec.Pos{}, npos[c.Name], "channel "+strconv.Quote(c.Name), "added")
		}
	}
}

func indexGroups(gs []*ir.Group) map[string]*ir.Group {
	m := map[string]*ir.Group{}
	for _, g := range gs {
		m[g.Name] = g
	}
	return m
}

func indexChannels(cs []*ir.Channel) map[string]*ir.Channel {
	m := map[string]*ir.Channel{}
	for _, c := range cs {
		m[c.Name] = c
	}
	return m
}

// entryPos maps the keys of a spec map to their positions.
func entryPos[T any](m spec.Map[T]) map[string]spec.Pos {
	out := map[string]spec.Pos{}
	for _, e := range m {
		out[e.Key] = e.Pos
	}
	return out
}

// differs appends name to what when a and b differ.
func differs(what []string, name, a, b string) []string {
	if a != b {
		return append(what, name)
	}
	return what
}

func differsList(what []string, name string, a, b []string) []string {
	if !slices.Equal(a, b) {
		return append(what, name)
	}
	return what
}
