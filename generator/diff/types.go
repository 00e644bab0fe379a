package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

func (d *differ) types() {
	oi, ni := indexTypes(d.o.IR.Types), indexTypes(d.n.IR.Types)
	for _, t := range d.o.IR.Types {
		n, ok := ni[t.Name]
		if !ok {
			d.add("type-removed", t.Pos, spec.Pos{}, typeSubject(t.Name), "removed")
			continue
		}
		d.typ(t, n)
	}
	for _, t := range d.n.IR.Types {
		if _, ok := oi[t.Name]; !ok {
			d.add("type-added", spec.Pos{}, t.Pos, typeSubject(t.Name), "added")
		}
	}
}

func indexTypes(ts []*ir.Type) map[string]*ir.Type {
	m := map[string]*ir.Type{}
	for _, t := range ts {
		m[t.Name] = t
	}
	return m
}

// kindName names a type's kind as the spec writes it, with the base of enums and scalars.
func kindName(t *ir.Type) string {
	switch t.Kind {
	case ir.KindObject:
		return "object"
	case ir.KindEnum:
		return "enum of " + t.Base
	case ir.KindUnion:
		return "union"
	case ir.KindOneOf:
		return "oneof"
	case ir.KindTime:
		return "time"
	}
	return t.Scalar
}

// typ compares one named type present on both sides.
func (d *differ) typ(o, n *ir.Type) {
	od, nd := d.o.types[o.Name], d.n.types[n.Name]
	subject := typeSubject(o.Name)
	at := func(key string) (spec.Pos, spec.Pos) { return od.At.Of(key, o.Pos), nd.At.Of(key, n.Pos) }
	if ok, nk := kindName(o), kindName(n); ok != nk {
		a, b := at("kind")
		if o.Kind == ir.KindEnum && n.Kind == ir.KindEnum {
			a, b = at("base")
		}
		d.add("type-kind-changed", a, b, subject, "kind %s became %s", ok, nk)
		return
	}
	var what []string
	what = differs(what, "description", o.Description, n.Description)
	what = differs(what, "source", o.Source, n.Source)
	what = differsList(what, "discrepancies", o.Discrepancies, n.Discrepancies)
	what = differs(what, "format", o.Format, n.Format)
	if len(what) > 0 {
		d.add("type-prose-changed", o.Pos, n.Pos, subject, "%s changed", strings.Join(what, ", "))
	}
	switch o.Kind {
	case ir.KindObject:
		d.fields(subject, o.Fields, n.Fields, o.Pos, n.Pos)
		a, b := at("all_or_none")
		d.allOrNone(subject, o.AllOrNone, n.AllOrNone, a, b)
	case ir.KindEnum:
		d.enum(o, n, od, nd)
	case ir.KindUnion:
		d.union(o, n, od, nd)
	case ir.KindOneOf:
		d.oneof(o, n, od, nd)
	case ir.KindTime:
		d.time(o, n, at)
	case ir.KindScalar:
		d.constraints(subject, "", o.Constraints, n.Constraints, od.At, nd.At, o.Pos, n.Pos)
	}
}

func (d *differ) enum(o, n *ir.Type, od, nd *spec.TypeDef) {
	subject := typeSubject(o.Name)
	switch {
	case !o.Closed && n.Closed:
		d.add("enum-became-closed", od.At.Of("closed", o.Pos), nd.At.Of("closed", n.Pos), subject, "became closed: Validate reports values outside the list")
	case o.Closed && !n.Closed:
		d.add("enum-became-open", od.At.Of("closed", o.Pos), nd.At.Of("closed", n.Pos), subject, "became open: Validate accepts any value")
	}
	if o.HasTemplates() && !n.HasTemplates() {
		d.add("enum-templates-removed", o.Pos, n.Pos, subject, "no value has a template any more: Template and Render are gone")
	}
	key := func(v *ir.EnumValue) string { return fmt.Sprint(v.Value) }
	ni := map[string]*ir.EnumValue{}
	for _, v := range n.Values {
		ni[key(v)] = v
	}
	oi := map[string]*ir.EnumValue{}
	for _, v := range o.Values {
		oi[key(v)] = v
		nv, ok := ni[key(v)]
		if !ok {
			d.add("enum-value-removed", v.Pos, spec.Pos{}, subject, "value %s removed (constant %s)", literal(v.Value), v.GoName)
			continue
		}
		if v.GoName != nv.GoName {
			d.add("enum-value-go-name-changed", v.Pos, nv.Pos, subject, "constant %s of value %s became %s", v.GoName, literal(v.Value), nv.GoName)
		}
		var what []string
		what = differs(what, "description", v.Description, nv.Description)
		what = differs(what, "template", v.Template, nv.Template)
		what = differs(what, "when", v.When, nv.When)
		what = differs(what, "deprecated", v.Deprecated, nv.Deprecated)
		what = differs(what, "source", v.Source, nv.Source)
		what = differsList(what, "discrepancies", v.Discrepancies, nv.Discrepancies)
		if len(what) > 0 {
			d.add("enum-value-prose-changed", v.Pos, nv.Pos, subject, "value %s: %s changed", literal(v.Value), strings.Join(what, ", "))
		}
	}
	for _, v := range n.Values {
		if _, ok := oi[key(v)]; ok {
			continue
		}
		if n.Closed {
			d.add("closed-enum-value-added", spec.Pos{}, v.Pos, subject, "value %s added to the closed enum", literal(v.Value))
		} else {
			d.add("enum-value-added", spec.Pos{}, v.Pos, subject, "value %s added", literal(v.Value))
		}
	}
}

// literal renders a JSON value compactly, as in messages.
func literal(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

func (d *differ) union(o, n *ir.Type, od, nd *spec.TypeDef) {
	subject := typeSubject(o.Name)
	if o.Discriminator != n.Discriminator {
		d.add("union-discriminator-changed", od.At.Of("discriminator", o.Pos), nd.At.Of("discriminator", n.Pos), subject,
			"discriminator %q became %q", o.Discriminator, n.Discriminator)
	}
	opos, npos := variantPos(od), variantPos(nd)
	ni := map[string]*ir.Variant{}
	for _, v := range n.Variants {
		ni[v.Value] = v
	}
	oi := map[string]bool{}
	for _, v := range o.Variants {
		oi[v.Value] = true
	}
	// A value that disappeared while a new value of the same variant type appeared is one value renamed.
	renamed := map[string]*ir.Variant{}
	taken := map[string]bool{}
	for _, v := range o.Variants {
		if _, ok := ni[v.Value]; ok {
			continue
		}
		for _, nv := range n.Variants {
			if !oi[nv.Value] && !taken[nv.Value] && nv.Type.Name == v.Type.Name {
				renamed[v.Value], taken[nv.Value] = nv, true
				break
			}
		}
	}
	for _, v := range o.Variants {
		nv, ok := ni[v.Value]
		if r, ren := renamed[v.Value]; ren {
			d.add("union-variant-value-changed", opos[v.Value], npos[r.Value], subject, "variant %s: value %q became %q", v.Type.Name, v.Value, r.Value)
			continue
		}
		switch {
		case !ok:
			d.add("union-variant-removed", opos[v.Value], spec.Pos{}, subject, "variant %q (%s) removed", v.Value, v.Type.Name)
		case v.Type.Name != nv.Type.Name:
			d.add("union-variant-type-changed", opos[v.Value], npos[v.Value], subject, "variant %q: type %s became %s", v.Value, v.Type.Name, nv.Type.Name)
		case v.Description != nv.Description || !slices.Equal(v.Discrepancies, nv.Discrepancies):
			d.add("union-variant-prose-changed", opos[v.Value], npos[v.Value], subject, "variant %q: description or discrepancies changed", v.Value)
		}
	}
	for _, v := range n.Variants {
		if !oi[v.Value] && !taken[v.Value] {
			d.add("union-variant-added", spec.Pos{}, npos[v.Value], subject, "variant %q (%s) added", v.Value, v.Type.Name)
		}
	}
}

func variantPos(td *spec.TypeDef) map[string]spec.Pos {
	m := map[string]spec.Pos{}
	for _, v := range td.Variants {
		if _, dup := m[v.Value]; !dup {
			m[v.Value] = v.Pos
		}
	}
	return m
}

func (d *differ) oneof(o, n *ir.Type, od, nd *spec.TypeDef) {
	subject := typeSubject(o.Name)
	opos, npos := entryPos(od.Kinds), entryPos(nd.Kinds)
	ni := map[string]*ir.Alternative{}
	for _, a := range n.Alternatives {
		ni[a.JSONKind] = a
	}
	oi := map[string]bool{}
	for _, a := range o.Alternatives {
		oi[a.JSONKind] = true
		na, ok := ni[a.JSONKind]
		switch {
		case !ok:
			d.add("oneof-kind-removed", opos[a.JSONKind], spec.Pos{}, subject, "JSON kind %s (%s) removed", a.JSONKind, a.Type)
		case a.Type.String() != na.Type.String():
			d.add("oneof-kind-type-changed", opos[a.JSONKind], npos[a.JSONKind], subject, "JSON kind %s: type %s became %s", a.JSONKind, a.Type, na.Type)
		case a.Description != na.Description:
			d.add("type-prose-changed", opos[a.JSONKind], npos[a.JSONKind], subject, "JSON kind %s: description changed", a.JSONKind)
		}
	}
	for _, a := range n.Alternatives {
		if !oi[a.JSONKind] {
			d.add("oneof-kind-added", spec.Pos{}, npos[a.JSONKind], subject, "JSON kind %s (%s) added", a.JSONKind, a.Type)
		}
	}
}

func (d *differ) time(o, n *ir.Type, at func(string) (spec.Pos, spec.Pos)) {
	subject := typeSubject(o.Name)
	if o.Unix != n.Unix {
		x, y := at("unix")
		d.add("time-unix-changed", x, y, subject, "%s became %s", timeForm(o), timeForm(n))
		return
	}
	x, y := at("layouts")
	for _, l := range o.Layouts {
		if !slices.Contains(n.Layouts, l) {
			d.add("time-layout-removed", x, y, subject, "layout %q removed", l)
		}
	}
	for _, l := range n.Layouts {
		if !slices.Contains(o.Layouts, l) {
			d.add("time-layout-added", x, y, subject, "layout %q added", l)
		}
	}
	if len(o.Layouts) > 0 && len(n.Layouts) > 0 && o.Layouts[0] != n.Layouts[0] &&
		slices.Contains(n.Layouts, o.Layouts[0]) && slices.Contains(o.Layouts, n.Layouts[0]) {
		d.add("time-layout-order-changed", x, y, subject, "new values are formatted with %q instead of %q", n.Layouts[0], o.Layouts[0])
	}
	if o.FractionSeparators != n.FractionSeparators {
		a, b := at("fraction_separators")
		d.add("time-fraction-separators-changed", a, b, subject, "fraction separators %q became %q", o.FractionSeparators, n.FractionSeparators)
	}
	if o.Zone != n.Zone {
		a, b := at("zone")
		d.add("time-zone-changed", a, b, subject, "zone %q became %q", o.Zone, n.Zone)
	}
}

func timeForm(t *ir.Type) string {
	if t.Unix != "" {
		return "unix " + t.Unix
	}
	return "text layouts"
}
