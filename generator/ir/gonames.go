package ir

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/eventgen/eventgen/generator/naming"
	"github.com/eventgen/eventgen/generator/spec"
)

// The Go emitter's names. Every identifier it writes is computed here, from names the IR has checked:
//
//   - Exported names come from the spec (types, events, enum values, fields) or are fixed names of the
//     generated API (Reserved); checkNames claims every one of them in the package namespace and reports
//     a clash with both positions.
//   - Unexported helpers are named so that they cannot collide with anything: a Go name of the spec is
//     an ASCII UpperCamelCase identifier without underscores (checkGoIdents), and every name below that
//     is derived from a type expression rather than a named type contains an underscore. Their spelling
//     is no API, so changing it later breaks nobody.

// goIdent is the form of every exported Go name the IR derives or accepts.
var goIdent = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)

// HelperName names the reference inside helper function names, unambiguously: a named type by its Go
// name ("CallScriptItem"), anything else by a word that starts with an underscore ("_String",
// "_ListOfCallScriptItem", "_ListOf_String", "_MapOf_Raw").
func (r *TypeRef) HelperName() string {
	switch r.Kind {
	case RefNamed:
		return r.Named.Name
	case RefArray:
		return "_ListOf" + r.Elem.HelperName()
	case RefMap:
		return "_MapOf" + r.Elem.HelperName()
	}
	return "_" + map[string]string{"string": "String", "integer": "Int", "number": "Number", "boolean": "Bool", "raw": "Raw"}[r.Builtin]
}

// ReaderName is the function that reads one value of r: "readCallScriptItem", "read_ListOf_String".
func (r *TypeRef) ReaderName() string { return "read" + r.HelperName() }

// WriterName is the function that writes one value of r.
func (r *TypeRef) WriterName() string { return "write" + r.HelperName() }

// CheckerName is the function that validates one value of r.
func (r *TypeRef) CheckerName() string { return "check" + r.HelperName() }

// OfName is the constructor of a time type from a time.Time: "TimestampOf". It is claimed in the package
// namespace, so a type named TimestampOf next to a time type Timestamp is a positioned error.
func (t *Type) OfName() string { return t.Name + "Of" }

// LayoutsName is the package variable holding a time type's layouts: "layouts_Timestamp".
func (t *Type) LayoutsName() string { return "layouts_" + t.Name }

// MembersName is the package variable holding the JSON names of an object type's fields, by field
// index: "members_CallScriptItem". Validate reports the missing required members from it.
func (t *Type) MembersName() string { return "members_" + t.Name }

// MembersName is the package variable holding the JSON names of an event's fields, by field index:
// "members_SessionStarted".
func (e *Event) MembersName() string { return "members_" + e.GoName }

// UnionMethod is the unexported method by which a variant of union t reports its discriminator value:
// "value_MessageContent". Variants of several unions have one such method per union.
func (t *Type) UnionMethod() string { return "value_" + t.Name }

// StructMethods are the methods of generated structs (events and object types); a field's Go name may
// not be one of them.
var StructMethods = []string{"AppendJSON", "EventType", "Format", "MarshalJSON", "UnmarshalJSON", "Validate"}

// checkGoIdents reports derived Go names that are not ASCII UpperCamelCase identifiers (a non-ASCII
// spec name, say): the spec must then set go_name.
func (b *builder) checkGoIdents() {
	// check reports a derived name; a go_name the spec gives is checked (and reported) by the loader.
	check := func(name, from, what string, pos spec.Pos) {
		if name != "" && !goIdent.MatchString(name) && strings.HasSuffix(name, naming.GoName(from)) {
			b.errs.Add(pos, "%s: Go name %q (from %q) is not an ASCII identifier; set go_name", what, name, from)
		}
	}
	fields := func(owner string, fs []*Field) {
		for _, f := range fs {
			check(f.GoName, f.JSONName, fmt.Sprintf("%s: field %q", owner, f.JSONName), f.Pos)
		}
	}
	for _, e := range b.p.Events {
		if e.Undocumented {
			continue
		}
		check(e.GoName, e.Name, fmt.Sprintf("event %q", e.Name), e.Pos)
		fields(fmt.Sprintf("event %q", e.Name), e.Fields)
	}
	for _, t := range b.p.Types {
		switch t.Kind {
		case KindObject:
			fields(fmt.Sprintf("type %q", t.Name), t.Fields)
		case KindEnum:
			for _, v := range t.Values {
				check(v.GoName, fmt.Sprint(v.Value), fmt.Sprintf("enum %q value %v", t.Name, v.Value), v.Pos)
			}
		}
	}
}

// checkCycles reports types that contain themselves by value: an object whose field (or a oneof whose
// alternative) is, directly or through other objects and oneofs, the type itself. Go cannot lay out
// such a type, and no finite JSON value satisfies it when the members are required. A cycle through an
// array, a map or a union (a Go slice, map or interface) is fine: it is how trees are written.
func (b *builder) checkCycles() {
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[*Type]int{}
	var stack []string
	var visit func(t *Type)
	visit = func(t *Type) {
		state[t] = onStack
		edge := func(r *TypeRef, via string, pos spec.Pos) {
			if r == nil || r.Kind != RefNamed {
				return
			}
			u := r.Named
			if u.Kind != KindObject && u.Kind != KindOneOf {
				return
			}
			stack = append(stack, via)
			switch state[u] {
			case onStack:
				b.errs.Add(pos, "type %q contains itself by value (%s → %s); make the member an array or a union, or drop it", u.Name, strings.Join(stack, " → "), u.Name)
			case unvisited:
				visit(u)
			}
			stack = stack[:len(stack)-1]
		}
		for _, f := range t.Fields {
			edge(f.Type, t.Name+"."+f.JSONName, f.Pos)
		}
		for _, a := range t.Alternatives {
			edge(a.Type, t.Name+"("+a.JSONKind+")", t.Pos)
		}
		state[t] = done
	}
	for _, t := range b.p.Types {
		if state[t] == unvisited && (t.Kind == KindObject || t.Kind == KindOneOf) {
			visit(t)
		}
	}
}

// HandlerNames are the names the generated http.Handler gives an event of Go name goName: the method
// that registers the consumer's function ("OnSessionStarted") and the unexported field holding it.
// The method is unique because event Go names are; it cannot be one of the Handler's fixed methods
// (OnEvent, OnUnknown, OnInvalid) because Event, Unknown and Invalid are reserved.
func HandlerNames(goName string) (method, field string) { return "On" + goName, "on_" + goName }

// The OpenAPI document's component names, which the openapi emitter takes from here. They share one
// namespace with the type names; checkSchemaNames claims them all.

// SchemaFixed are the component names of the document's own schemas.
var SchemaFixed = []string{"Batch", "Event", "EventName", "Unknown"}

// PayloadSchemaName is the component name of an event's payload schema: "SessionStartedPayload".
func (e *Event) PayloadSchemaName() string { return e.GoName + "Payload" }

// InnerSchemaName is the component name of the object of the envelope's last level for the envelope
// component named envelope: "PingEvent" for m-chat's event object (the levels' Go names appended).
func (env *Envelope) InnerSchemaName(envelope string) string {
	var s strings.Builder
	s.WriteString(envelope)
	for _, l := range env.Levels {
		s.WriteString(naming.GoName(l))
	}
	return s.String()
}

// checkSchemaNames reports component names of the OpenAPI document that two things would share: a
// type named PingPayload beside an event ping (whose payload schema is PingPayload), say.
func (b *builder) checkSchemaNames() {
	// A clash between two names that are Go names too (a type's, an event's, the generated API's) is
	// reported by checkNames already; only clashes that involve a name of the document alone are
	// reported here.
	type claimant struct {
		what    string
		pos     spec.Pos
		goToo   bool
		located bool
	}
	owner := map[string]claimant{}
	for _, n := range SchemaFixed {
		owner[n] = claimant{what: "a schema of the OpenAPI document", goToo: slices.Contains(Reserved, n)}
		if env := b.p.Envelope; env != nil && len(env.Levels) > 0 {
			owner[env.InnerSchemaName(n)] = claimant{what: "a schema of the OpenAPI document"}
		}
	}
	claim := func(name, what string, pos spec.Pos, goToo bool) {
		prev, ok := owner[name]
		switch {
		case !ok:
			owner[name] = claimant{what: what, pos: pos, goToo: goToo, located: true}
		case prev.goToo && goToo:
			// reported by checkNames
		case prev.located:
			b.errs.Add(pos, "%s: OpenAPI schema name %s is already used by %s at %s", what, name, prev.what, prev.pos)
		default:
			b.errs.Add(pos, "%s: OpenAPI schema name %s is already used by %s", what, name, prev.what)
		}
	}
	for _, t := range b.p.Types {
		claim(t.Name, fmt.Sprintf("type %q", t.Name), t.Pos, true)
		if t.Kind == KindUnion {
			claim(t.UnknownName(), fmt.Sprintf("type %q (its unknown variant)", t.Name), t.Pos, true)
		}
	}
	env := b.p.Envelope
	if env == nil || b.badEnv {
		return
	}
	for _, e := range b.p.Events {
		if e.Undocumented || e.GoName == "" {
			continue
		}
		what := fmt.Sprintf("event %q", e.Name)
		claim(e.GoName, what, e.Pos, true)
		if env.Of(e).Payload != "" {
			claim(e.PayloadSchemaName(), what+" (its payload schema)", e.Pos, false)
		}
		if len(env.Levels) > 0 {
			claim(env.InnerSchemaName(e.GoName), what+" (the object holding its type)", e.Pos, false)
		}
	}
}
