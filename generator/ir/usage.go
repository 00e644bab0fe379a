package ir

import (
	"fmt"
	"slices"
)

// This file records how object types are used: referenced as the type of a field, alternative or
// variant, or only included (their fields copied into other structs). The Go emitter declares an
// include-only type as a plain view of the shared members, answered by an accessor on every struct
// that includes it, and emits no decoder, encoder or validator for it; other emitters can leave it out.

// IncludeOnly reports whether t is an object type that other objects or events include and that no
// field, alternative or union variant refers to: no value of t is ever decoded on its own.
func (t *Type) IncludeOnly() bool { return t.Kind == KindObject && t.included && !t.referenced }

// Included reports whether some object type or event includes t.
func (t *Type) Included() bool { return t.included }

// InterfaceName is the Go name of the interface that every struct including t satisfies, e.g.
// HasActivityRecord; its one method is named t.Name and returns the included members as a t.
func (t *Type) InterfaceName() string { return "Has" + t.Name }

// AllIncludes returns the object types whose fields a struct with the direct includes incs has: incs
// and, after each, what it includes in turn, each type once, in include order.
func AllIncludes(incs []*Type) []*Type {
	var out []*Type
	seen := map[*Type]bool{}
	var walk func([]*Type)
	walk = func(ts []*Type) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
				walk(t.Includes)
			}
		}
	}
	walk(incs)
	return out
}

// usage records the includes of every object type and event, and which types are referenced.
func (b *builder) usage() {
	resolve := func(names []string) []*Type {
		var ts []*Type
		for _, n := range names {
			if t, ok := b.types[n]; ok && t.Kind == KindObject { // others are reported by fieldList
				t.included = true
				ts = append(ts, t)
			}
		}
		return ts
	}
	for _, t := range b.p.Types {
		if t.Kind == KindObject {
			t.Includes = resolve(b.defs[t.Name].Include)
		}
	}
	for i, e := range b.p.Events {
		e.Includes = resolve(b.f.Events[i].Value.Include)
	}
	mark := func(fs []*Field) {
		for _, f := range fs {
			markRef(f.Type)
		}
	}
	for _, t := range b.p.Types {
		mark(t.Fields)
		for _, a := range t.Alternatives {
			markRef(a.Type)
		}
		for _, v := range t.Variants {
			v.Type.referenced = true
		}
	}
	for _, e := range b.p.Events {
		mark(e.Fields)
	}
	if b.p.Envelope != nil {
		mark(b.p.Envelope.Fields)
	}
}

// markRef marks the named types a reference leads to as referenced.
func markRef(r *TypeRef) {
	for r != nil {
		if r.Kind == RefNamed && r.Named != nil {
			r.Named.referenced = true
		}
		r = r.Elem
	}
}

// checkIncludeNames reports fields whose Go name is that of an included type: every struct that
// includes a type has a method of that name.
func (b *builder) checkIncludeNames() {
	check := func(owner string, incs []*Type, fs []*Field) {
		all := AllIncludes(incs)
		for _, t := range all {
			if slices.Contains(AllIncludes(t.Includes), t) {
				return // an include cycle, reported already
			}
		}
		for _, t := range all {
			for _, f := range fs {
				if f.GoName == t.Name {
					b.errs.Add(f.Pos, "%s: field %q: Go name %s is the method that returns the members included from %s; set go_name",
						owner, f.JSONName, f.GoName, t.Name)
				}
			}
		}
	}
	for _, t := range b.p.Types {
		check(fmt.Sprintf("type %q", t.Name), t.Includes, t.Fields)
	}
	for _, e := range b.p.Events {
		check(fmt.Sprintf("event %q", e.Name), e.Includes, e.Fields)
	}
}
