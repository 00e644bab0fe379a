package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// Import paths the generated code uses.
const (
	wirePkg = "github.com/eventgen/eventgen/generated/wire"
	jsonPkg = "encoding/json"
)

// goType is the Go type of values of a type reference.
func goType(r *ir.TypeRef) jen.Code {
	switch r.Kind {
	case ir.RefNamed:
		if r.Named.Kind == ir.KindUnion {
			return jen.Id(r.Named.Name)
		}
		return jen.Id(r.Named.Name)
	case ir.RefArray:
		return jen.Index().Add(goType(r.Elem))
	case ir.RefMap:
		return jen.Map(jen.String()).Add(goType(r.Elem))
	}
	return builtinType(r.Builtin)
}

// BuiltinType is the Go type of a builtin type expression (string, integer, number, boolean) or of a
// JSON kind; anything else is raw JSON.
func BuiltinType(name string) jen.Code { return builtinType(name) }

func builtinType(name string) jen.Code {
	switch name {
	case "string":
		return jen.String()
	case "integer":
		return jen.Int64()
	case "number":
		return jen.Qual(jsonPkg, "Number") // the literal as written: lossless, unlike float64
	case "boolean":
		return jen.Bool()
	}
	return jen.Qual(jsonPkg, "RawMessage")
}

// fieldType is the Go type of a struct field: the value type, or Opt of it.
func fieldType(f *ir.Field) jen.Code {
	if f.Plain() {
		return goType(f.Type)
	}
	return jen.Id("Opt").Types(goType(f.Type))
}

// refName names a type reference inside helper function names (the IR's HelperName).
func refName(r *ir.TypeRef) string { return r.HelperName() }

// readerName is the function that reads one value of r.
func readerName(r *ir.TypeRef) string { return r.ReaderName() }

// writerName is the function that writes one value of r.
func writerName(r *ir.TypeRef) string { return r.WriterName() }

// checkerName is the function that validates one value of r.
func checkerName(r *ir.TypeRef) string { return r.CheckerName() }

// needsCheck reports whether values of r can have validation problems beyond their JSON kind.
func needsCheck(r *ir.TypeRef) bool {
	switch r.Kind {
	case ir.RefArray, ir.RefMap:
		return needsCheck(r.Elem)
	case ir.RefNamed:
		t := r.Named
		switch t.Kind {
		case ir.KindObject, ir.KindUnion, ir.KindOneOf:
			return true
		case ir.KindEnum:
			return t.Closed
		case ir.KindTime:
			return t.Unix == ""
		case ir.KindScalar:
			return !t.Constraints.IsZero()
		}
	}
	return false
}

// refs collects every distinct type reference the platform uses, in first-use order, so that one read,
// write and check helper is emitted for each.
type refs struct {
	list []*ir.TypeRef
	seen map[string]bool
}

func (rs *refs) add(r *ir.TypeRef) {
	if r == nil {
		return
	}
	if rs.seen == nil {
		rs.seen = map[string]bool{}
	}
	if rs.seen[refName(r)] {
		return
	}
	rs.seen[refName(r)] = true
	if r.Elem != nil {
		rs.add(r.Elem)
	}
	rs.list = append(rs.list, r)
}

// collectRefs gathers the references of every field, alternative and variant of the platform.
func collectRefs(p *ir.Platform) []*ir.TypeRef {
	var rs refs
	for _, t := range p.Types {
		for _, f := range t.Fields {
			rs.add(f.Type)
		}
		for _, a := range t.Alternatives {
			rs.add(a.Type)
		}
		if !t.IncludeOnly() { // an include-only type is never read or written on its own
			rs.add(&ir.TypeRef{Kind: ir.RefNamed, Named: t})
		}
	}
	for _, e := range p.WireEvents() {
		for _, f := range e.Fields {
			rs.add(f.Type)
		}
	}
	return rs.list
}
