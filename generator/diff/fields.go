package diff

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// fields compares the members of one struct (an object type, an event's payload, the envelope).
// ownerOld and ownerNew are where the struct is declared, for members that exist on one side only.
func (d *differ) fields(subject string, o, n []*ir.Field, ownerOld, ownerNew spec.Pos) {
	oi, ni := indexFields(o), indexFields(n)
	// A member whose JSON name changed but whose Go name did not is one member renamed on the wire.
	renamed := map[*ir.Field]*ir.Field{}
	taken := map[*ir.Field]bool{}
	for _, f := range o {
		if _, ok := ni[f.JSONName]; ok {
			continue
		}
		for _, g := range n {
			if _, ok := oi[g.JSONName]; !ok && !taken[g] && g.GoName == f.GoName {
				renamed[f], taken[g] = g, true
				break
			}
		}
	}
	defer func() { d.decl = "" }()
	for _, f := range o {
		g, ok := ni[f.JSONName]
		d.decl = d.o.owner[f.Pos]
		if r, ren := renamed[f]; ren {
			d.add("member-json-name-changed", f.Pos, r.Pos, subject, "member %q became %q (Go name %s kept)", f.JSONName, r.JSONName, f.GoName)
			g, ok = r, true
		}
		if !ok {
			d.add("member-removed", f.Pos, spec.Pos{}, subject, "member %q removed", f.JSONName)
			continue
		}
		d.field(subject, f, g)
	}
	for _, g := range n {
		if _, ok := oi[g.JSONName]; ok || taken[g] {
			continue
		}
		d.decl = d.n.owner[g.Pos]
		if g.Required {
			d.add("member-added-required", spec.Pos{}, g.Pos, subject, "required member %q (%s) added", g.JSONName, g.Type)
		} else {
			d.add("member-added", spec.Pos{}, g.Pos, subject, "optional member %q (%s) added", g.JSONName, g.Type)
		}
	}
}

func indexFields(fs []*ir.Field) map[string]*ir.Field {
	m := map[string]*ir.Field{}
	for _, f := range fs {
		m[f.JSONName] = f
	}
	return m
}

// field compares one member present on both sides.
func (d *differ) field(subject string, o, n *ir.Field) {
	os, ns := d.o.fields[o.Pos], d.n.fields[n.Pos]
	at := func(key string) (spec.Pos, spec.Pos) { return keyPos(os, key, o.Pos), keyPos(ns, key, n.Pos) }
	m := fmt.Sprintf("member %q: ", o.JSONName)
	if o.GoName != n.GoName {
		a, b := at("go_name")
		d.add("member-go-name-changed", a, b, subject, "%sGo name %s became %s", m, o.GoName, n.GoName)
	}
	typeChanged := o.Type.String() != n.Type.String()
	if typeChanged {
		a, b := at("type")
		d.add("member-type-changed", a, b, subject, "%stype %s became %s", m, o.Type, n.Type)
	}
	if o.Plain() != n.Plain() {
		key := "required"
		if o.Required == n.Required {
			key = "nullable"
		}
		a, b := at(key)
		d.add("member-opt-changed", a, b, subject, "%sGo type %s became %s", m, goType(o), goType(n))
	}
	if o.Required != n.Required {
		a, b := at("required")
		if n.Required {
			d.add("member-became-required", a, b, subject, "%sbecame required", m)
		} else {
			d.add("member-became-optional", a, b, subject, "%sbecame optional", m)
		}
	}
	if o.Nullable != n.Nullable {
		a, b := at("nullable")
		if n.Nullable {
			d.add("member-became-nullable", a, b, subject, "%sbecame nullable", m)
		} else {
			d.add("member-became-non-nullable", a, b, subject, "%sis no longer nullable", m)
		}
	}
	d.memberValues(subject, m, o, n, at)
	if !typeChanged {
		d.constraints(subject, m, o.Constraints, n.Constraints, atOf(os), atOf(ns), o.Pos, n.Pos)
	}
	if o.Deprecated != n.Deprecated {
		a, b := at("deprecated")
		d.add("member-deprecation-changed", a, b, subject, "%sdeprecation %s became %s", m, orNone(o.Deprecated), orNone(n.Deprecated))
	}
	var what []string
	what = differs(what, "description", o.Description, n.Description)
	what = differs(what, "example", fmt.Sprint(o.Example), fmt.Sprint(n.Example))
	what = differs(what, "default", fmt.Sprint(o.Default), fmt.Sprint(n.Default))
	what = differs(what, "format", o.Format, n.Format)
	what = differs(what, "server_generated", fmt.Sprint(o.ServerGenerated), fmt.Sprint(n.ServerGenerated))
	what = differs(what, "source", o.Source, n.Source)
	what = differsList(what, "discrepancies", o.Discrepancies, n.Discrepancies)
	if len(what) > 0 {
		d.add("member-prose-changed", o.Pos, n.Pos, subject, "%s%s changed", m, strings.Join(what, ", "))
	}
}

func keyPos(f *spec.Field, key string, fallback spec.Pos) spec.Pos {
	if f == nil {
		return fallback
	}
	return f.At.Of(key, fallback)
}

func atOf(f *spec.Field) spec.Positions {
	if f == nil {
		return nil
	}
	return f.At
}

// memberValues compares a member's one-off closed list of values.
func (d *differ) memberValues(subject, m string, o, n *ir.Field, at func(string) (spec.Pos, spec.Pos)) {
	a, b := at("values")
	if len(o.Values) == 0 || len(n.Values) == 0 {
		if len(o.Values) != len(n.Values) {
			if len(n.Values) == 0 {
				d.add("constraint-loosened", a, b, subject, "%sthe closed list of values was removed", m)
			} else {
				d.add("constraint-tightened", a, b, subject, "%svalues are now limited to a closed list", m)
			}
		}
		return
	}
	has := func(vs []any, v any) bool {
		return slices.ContainsFunc(vs, func(x any) bool { return reflect.DeepEqual(x, v) })
	}
	for _, v := range n.Values {
		if !has(o.Values, v) {
			d.add("member-value-added", a, b, subject, "%svalue %s added to its closed list", m, literal(v))
		}
	}
	for _, v := range o.Values {
		if !has(n.Values, v) {
			d.add("member-value-removed", a, b, subject, "%svalue %s removed from its closed list", m, literal(v))
		}
	}
}

// goType renders the Go type of a member's field: T when it is required and not nullable, else Opt[T].
func goType(f *ir.Field) string {
	t := goRef(f.Type)
	if f.Plain() {
		return t
	}
	return "Opt[" + t + "]"
}

func goRef(r *ir.TypeRef) string {
	switch r.Kind {
	case ir.RefNamed:
		return r.Named.Name
	case ir.RefArray:
		return "[]" + goRef(r.Elem)
	case ir.RefMap:
		return "map[string]" + goRef(r.Elem)
	}
	return map[string]string{"string": "string", "integer": "int64", "number": "float64", "boolean": "bool", "raw": "json.RawMessage"}[r.Builtin]
}

// bound is one numeric constraint: its key and whether a larger value accepts more.
type bound struct {
	key   string
	get   func(ir.Constraints) *float64
	upper bool
}

func intp(p *int) *float64 {
	if p == nil {
		return nil
	}
	f := float64(*p)
	return &f
}

var bounds = []bound{
	{"min_length", func(c ir.Constraints) *float64 { return intp(c.MinLength) }, false},
	{"max_length", func(c ir.Constraints) *float64 { return intp(c.MaxLength) }, true},
	{"max_bytes", func(c ir.Constraints) *float64 { return intp(c.MaxBytes) }, true},
	{"minimum", func(c ir.Constraints) *float64 { return c.Minimum }, false},
	{"maximum", func(c ir.Constraints) *float64 { return c.Maximum }, true},
	{"min_items", func(c ir.Constraints) *float64 { return intp(c.MinItems) }, false},
	{"max_items", func(c ir.Constraints) *float64 { return intp(c.MaxItems) }, true},
}

// constraints compares validation bounds; each bound is tightened when it now accepts fewer values.
func (d *differ) constraints(subject, m string, o, n ir.Constraints, oat, nat spec.Positions, op, np spec.Pos) {
	for _, b := range bounds {
		ov, nv := b.get(o), b.get(n)
		a, c := oat.Of(b.key, op), nat.Of(b.key, np)
		switch {
		case ov == nil && nv == nil:
		case ov == nil:
			d.add("constraint-tightened", a, c, subject, "%s%s %s added", m, b.key, num(*nv))
		case nv == nil:
			d.add("constraint-loosened", a, c, subject, "%s%s %s removed", m, b.key, num(*ov))
		case *ov == *nv:
		case (*nv < *ov) == b.upper:
			d.add("constraint-tightened", a, c, subject, "%s%s %s became %s", m, b.key, num(*ov), num(*nv))
		default:
			d.add("constraint-loosened", a, c, subject, "%s%s %s became %s", m, b.key, num(*ov), num(*nv))
		}
	}
	if o.Pattern != n.Pattern {
		a, c := oat.Of("pattern", op), nat.Of("pattern", np)
		switch {
		case o.Pattern == "":
			d.add("constraint-tightened", a, c, subject, "%spattern %q added", m, n.Pattern)
		case n.Pattern == "":
			d.add("constraint-loosened", a, c, subject, "%spattern %q removed", m, o.Pattern)
		default:
			d.add("constraint-pattern-changed", a, c, subject, "%spattern %q became %q", m, o.Pattern, n.Pattern)
		}
	}
}

func num(f float64) string { return fmt.Sprintf("%g", f) }
