package ir

import (
	"fmt"
	"slices"
	"strings"

	"github.com/eventgen/eventgen/generator/naming"
	"github.com/eventgen/eventgen/generator/spec"
)

// builder carries the state of one Build.
type builder struct {
	f         *spec.File
	p         *Platform
	errs      spec.ErrorList
	types     map[string]*Type
	defs      map[string]*spec.TypeDef
	fields    map[string][]*Field // resolved fields of object types, by name
	inFields  map[string]bool     // object types whose fields are being resolved (include cycles)
	including []string            // the same, innermost last, to report a cycle's path
	groups    map[string]*Group
	channels  map[string]*Channel
	// broken are the types the spec declares with a kind the loader already reported; references to
	// them are not reported again. badTypes and badEvents are the types and events whose definition
	// had a problem: their examples are not checked against a model that is incomplete.
	broken    map[string]bool
	badTypes  map[*Type]bool
	badEvents map[*Event]bool
	badEnv    bool
}

// Build resolves a parsed spec. The error, if any, is a spec.ErrorList with every problem found.
func Build(f *spec.File) (*Platform, error) {
	b := &builder{
		f: f, types: map[string]*Type{}, defs: map[string]*spec.TypeDef{}, fields: map[string][]*Field{},
		inFields: map[string]bool{}, groups: map[string]*Group{}, channels: map[string]*Channel{},
		broken: map[string]bool{}, badTypes: map[*Type]bool{}, badEvents: map[*Event]bool{},
	}
	b.platform()
	b.declareTypes()
	b.defineTypes()
	n := len(b.errs)
	b.envelope()
	b.badEnv = len(b.errs) > n
	b.events()
	b.absentEvent()
	b.usage()
	b.cloudEvents()
	b.checkGoIdents()
	b.checkCycles()
	b.checkNames()
	b.checkSchemaNames()
	b.checkIncludeNames()
	b.checkExamples()
	if err := b.errs.Err(); err != nil {
		return nil, err
	}
	return b.p, nil
}

func (b *builder) platform() {
	sp := b.f.Platform
	b.p = &Platform{
		Name: sp.Name, Package: cmpOr(sp.Package, sp.Name), Title: sp.Title, Version: sp.Version,
		Description: sp.Description, SpecPath: b.f.Path, Pos: sp.Pos, ImportPath: DefaultImportRoot + "/" + sp.Name, Source: sp.Source, Discrepancies: sp.Discrepancies,
		Delivery: Delivery{Method: "POST", ContentType: "application/json"},
	}
	if _, set := sp.At["outputs"]; set {
		b.p.Outputs = []string{}
		for _, o := range spec.Outputs {
			if slices.Contains(sp.Outputs, o) {
				b.p.Outputs = append(b.p.Outputs, o)
			}
		}
	}
	if d := b.f.Delivery; d != nil {
		b.p.Delivery = Delivery{Method: cmpOr(d.Method, "POST"), ContentType: cmpOr(d.ContentType, "application/json"),
			Description: d.Description, Source: d.Source, Discrepancies: d.Discrepancies, Handshake: d.Handshake}
		b.verification(d)
	}
	for _, g := range b.f.Groups {
		grp := &Group{Name: g.Key, Title: g.Value.Title, Description: g.Value.Description, Source: g.Value.Source,
			Discrepancies: g.Value.Discrepancies}
		b.groups[g.Key] = grp
		b.p.Groups = append(b.p.Groups, grp)
	}
	for _, c := range b.f.Channels {
		ch := &Channel{Name: c.Key, Title: c.Value.Title, Description: c.Value.Description, Source: c.Value.Source,
			GoName: naming.GoName(c.Key), Inbound: c.Value.Inbound, Discrepancies: c.Value.Discrepancies}
		b.channels[c.Key] = ch
		b.p.Channels = append(b.p.Channels, ch)
	}
}

var kinds = map[string]Kind{"object": KindObject, "enum": KindEnum, "union": KindUnion, "oneof": KindOneOf,
	"time": KindTime, "string": KindScalar, "integer": KindScalar, "number": KindScalar}

func (b *builder) declareTypes() {
	for i := range b.f.Types {
		e := &b.f.Types[i]
		k, ok := kinds[e.Value.Kind]
		if !ok {
			b.broken[e.Key] = true
			continue // reported by spec
		}
		t := &Type{Name: e.Key, Kind: k, Description: e.Value.Description, Source: e.Value.Source,
			Discrepancies: e.Value.Discrepancies, Pos: e.Pos}
		b.types[e.Key] = t
		b.defs[e.Key] = &e.Value
		b.p.Types = append(b.p.Types, t)
	}
	slices.SortFunc(b.p.Types, func(a, c *Type) int { return strings.Compare(a.Name, c.Name) })
}

func (b *builder) defineTypes() {
	for _, t := range b.p.Types {
		n := len(b.errs)
		b.defineType(t)
		b.badTypes[t] = len(b.errs) > n
	}
	for _, t := range b.p.Types { // after all objects have fields: implied discriminators need them
		if t.Kind == KindUnion {
			n := len(b.errs)
			b.union(t, b.defs[t.Name])
			b.badTypes[t] = b.badTypes[t] || len(b.errs) > n
		}
	}
}

func (b *builder) defineType(t *Type) {
	d := b.defs[t.Name]
	switch t.Kind {
	case KindObject:
		t.Fields = b.objectFields(t.Name, t.Pos)
		t.AllOrNone = b.allOrNone(fmt.Sprintf("type %q", t.Name), d.AllOrNone, t.Fields, d.At.Of("all_or_none", t.Pos))
	case KindEnum:
		b.enum(t, d)
	case KindOneOf:
		b.oneof(t, d)
	case KindTime:
		t.Unix, t.FractionSeparators, t.Zone = d.Unix, strings.Join(d.FractionSeparators, ""), d.Zone
		for _, l := range d.Layouts {
			t.Layouts = append(t.Layouts, map[string]string{"rfc3339": "2006-01-02T15:04:05Z07:00",
				"rfc3339nano": "2006-01-02T15:04:05.999999999Z07:00"}[l])
			if t.Layouts[len(t.Layouts)-1] == "" {
				t.Layouts[len(t.Layouts)-1] = l
			}
		}
	case KindScalar:
		t.Scalar, t.Format = d.Kind, d.Format
		t.Constraints = b.constraints(d.Constraints, d.At, t.Pos, t.Scalar, fmt.Sprintf("type %q", t.Name))
	}
}

// objectFields resolves the fields of an object type, its includes first.
func (b *builder) objectFields(name string, pos spec.Pos) []*Field {
	if fs, ok := b.fields[name]; ok {
		return fs
	}
	if b.inFields[name] {
		// The type that closes the cycle is the innermost one being resolved: report at its include.
		i := slices.Index(b.including, name)
		last := b.including[len(b.including)-1]
		cycle := strings.Join(append(slices.Clone(b.including[i:]), name), " -> ")
		b.errs.Add(b.defs[last].At.Of("include", b.types[last].Pos), "type %q: include %q makes a cycle: %s", last, name, cycle)
		return nil
	}
	b.inFields[name] = true
	b.including = append(b.including, name)
	d := b.defs[name]
	fs := b.fieldList(fmt.Sprintf("type %q", name), d.Include, d.At.Of("include", pos), d.Fields, nil)
	b.including = b.including[:len(b.including)-1]
	b.fields[name] = fs
	return fs
}

// fieldList builds a struct's fields: prefix, then included object types' fields, then own fields.
func (b *builder) fieldList(owner string, include []string, incPos spec.Pos, own spec.Map[spec.Field], prefix []*Field) []*Field {
	fs := slices.Clone(prefix)
	seen := map[string]*Field{}
	add := func(f *Field) {
		if prev, dup := seen[f.JSONName]; dup {
			b.errs.Add(f.Pos, "%s: field %q is defined twice (first at %s)", owner, f.JSONName, prev.Pos)
			return
		}
		seen[f.JSONName] = f
		fs = append(fs, f)
	}
	for _, f := range prefix {
		seen[f.JSONName] = f
	}
	for _, inc := range include {
		t, ok := b.types[inc]
		switch {
		case !ok:
			if !b.broken[inc] {
				b.errs.Add(incPos, "%s: include %q: unknown type", owner, inc)
			}
			continue
		case t.Kind != KindObject:
			b.errs.Add(incPos, "%s: include %q: not an object type", owner, inc)
			continue
		}
		for _, f := range b.objectFields(inc, t.Pos) {
			c := *f
			add(&c)
		}
	}
	for _, e := range own {
		add(b.field(owner, e))
	}
	for i, f := range fs {
		f.Index = i
	}
	return fs
}

func (b *builder) field(owner string, e spec.Entry[spec.Field]) *Field {
	sf := e.Value
	f := &Field{
		JSONName: e.Key, GoName: cmpOr(sf.GoName, naming.GoName(e.Key)), Required: sf.Required, Nullable: sf.Nullable,
		Description: sf.Description, ServerGenerated: sf.ServerGenerated, Format: sf.Format, Source: sf.Source,
		Discrepancies: sf.Discrepancies, Pos: e.Pos, Deprecated: deprecated(sf.Deprecated),
		Example: b.jsonValue(sf.Example), Default: b.jsonValue(sf.Default),
		EventID: sf.EventID, EventTime: sf.EventTime,
	}
	where := fmt.Sprintf("%s: field %q", owner, e.Key)
	if f.GoName == "" {
		b.errs.Add(e.Pos, "%s: no Go name can be derived; set go_name", where)
	}
	f.Type = b.ref(sf.Type, sf.At.Of("type", e.Pos), where)
	for _, v := range sf.Values {
		f.Values = append(f.Values, b.jsonValue(v))
	}
	if f.Type != nil {
		f.Constraints = b.constraints(sf.Constraints, sf.At, e.Pos, f.Type.JSONKind(), where)
	}
	return f
}

// ref resolves a type expression; it reports and returns nil when it cannot.
func (b *builder) ref(expr string, pos spec.Pos, where string) *TypeRef {
	te, err := spec.ParseTypeExpr(expr)
	if err != nil {
		return nil // reported by spec
	}
	return b.resolve(te, pos, where)
}

func (b *builder) resolve(te *spec.TypeExpr, pos spec.Pos, where string) *TypeRef {
	switch te.Kind {
	case spec.ExprBuiltin:
		return &TypeRef{Kind: RefBuiltin, Builtin: te.Name}
	case spec.ExprNamed:
		t, ok := b.types[te.Name]
		if !ok {
			if !b.broken[te.Name] {
				b.errs.Add(pos, "%s: unknown type %q", where, te.Name)
			}
			return nil
		}
		return &TypeRef{Kind: RefNamed, Named: t}
	}
	elem := b.resolve(te.Elem, pos, where)
	if elem == nil {
		return nil
	}
	k := RefArray
	if te.Kind == spec.ExprMap {
		k = RefMap
	}
	return &TypeRef{Kind: k, Elem: elem}
}

func deprecated(v spec.Value) string {
	switch {
	case !v.IsSet() || v.Node.Value == "false":
		return ""
	case v.Node.Value == "true":
		return "Deprecated."
	}
	return v.Node.Value
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// verification resolves what the delivery declares for receivers to verify requests. A declared delivery
// id beside a Standard Webhooks signature is an error: the webhook-id header is the id then.
func (b *builder) verification(d *spec.Delivery) {
	out := &b.p.Delivery
	out.Signature = d.Signature
	if d.Secret != nil {
		out.Secret, out.SecretDescription = memberPath(d.Secret.Member), d.Secret.Description
	}
	if d.ID != "" {
		if d.Signature != "" {
			b.errs.Add(d.At.Of("id", d.Pos), "delivery id %q: with signature %q the delivery id is the webhook-id header; remove id", d.ID, d.Signature)
		}
		out.ID = memberPath(d.ID)
	}
	if d.Handshake != nil {
		for _, p := range d.Handshake.Token {
			out.TokenPlaces = append(out.TokenPlaces, TokenPlace{Header: p.Header, Query: p.Query, Form: p.Form, Member: memberPath(p.Member), Body: p.Body})
		}
	}
}

// memberPath splits a dotted member path; "" is nil.
func memberPath(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ".")
}
