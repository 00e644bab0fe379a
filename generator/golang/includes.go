package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// This file emits what makes included members reachable without a type switch. A type that events or
// objects include (ir.Type.Included) gets an interface, Has<Type>, and every struct that includes it a
// method <Type>() returning those members as a <Type>. A type that is only included
// (ir.Type.IncludeOnly) is declared as a plain struct of its members, a view: nothing decodes, encodes
// or validates it on its own.

// includedDecl declares an include-only type: its exported fields, no bookkeeping.
func includedDecl(f *jen.File, t *ir.Type) {
	f.Add(comment(sentence(t.Name, "is a set of members that other types include.", t.Description), []string{
		"It is never decoded on its own: every struct that includes it answers " + t.Name + "() with those members and " +
			"satisfies " + t.InterfaceName() + ".",
	}, t.Discrepancies, source(t.Source)))
	f.Type().Id(t.Name).Struct(publicFields(t.Fields)...)
}

// includeDecls emits the interfaces of included types and the accessor methods of the events and
// object types that include them.
func includeDecls(f *jen.File, p *ir.Platform) {
	for _, t := range p.Types {
		if t.Included() {
			f.Add(comment(t.InterfaceName()+" is satisfied by every struct that includes the members of "+t.Name+
				": type-assert an Event (or a union value) to it instead of switching on every type that includes them.", nil, nil, ""))
			f.Type().Id(t.InterfaceName()).Interface(
				jen.Commentf("%s returns the members included from %s.", t.Name, t.Name),
				jen.Id(t.Name).Params().Id(t.Name),
			)
		}
	}
	for _, ev := range p.WireEvents() {
		for _, t := range ir.AllIncludes(ev.Includes) {
			accessor(f, ev.GoName, ev.Fields, t)
		}
	}
	for _, owner := range p.Types {
		if owner.IncludeOnly() {
			continue
		}
		for _, t := range ir.AllIncludes(owner.Includes) {
			accessor(f, owner.Name, owner.Fields, t)
		}
	}
}

// accessor emits the method of struct owner that returns the members it includes from t. Fields of
// owner with the JSON names of t's fields hold them (include copies them with their Go names). A type
// that is also decoded on its own has presence bits: those of its plain fields are carried over, so
// that the value re-encodes as the members came.
func accessor(f *jen.File, owner string, fs []*ir.Field, t *ir.Type) {
	byJSON := map[string]*ir.Field{}
	for _, of := range fs {
		byJSON[of.JSONName] = of
	}
	vals := jen.Dict{}
	var bits []jen.Code
	for _, tf := range t.Fields {
		of := byJSON[tf.JSONName]
		if of == nil {
			continue
		}
		vals[jen.Id(tf.GoName)] = jen.Id("x").Dot(of.GoName)
		if !t.IncludeOnly() && tf.Plain() {
			ow, ob := bitOf(of)
			tw, tb := bitOf(tf)
			bits = append(bits, jen.If(jen.Id("x").Dot("omit").Index(ow).Op("&").Add(ob).Op("!=").Lit(0)).Block(
				jen.Id("v").Dot("omit").Index(tw).Op("|=").Add(tb)))
		}
	}
	f.Commentf("%s returns the members x includes from %s.", t.Name, t.Name)
	body := []jen.Code{jen.Return(jen.Id(t.Name).Values(vals))}
	if len(bits) > 0 {
		body = append([]jen.Code{jen.Id("v").Op(":=").Id(t.Name).Values(vals)}, bits...)
		body = append(body, jen.Return(jen.Id("v")))
	}
	f.Func().Params(jen.Id("x").Op("*").Id(owner)).Id(t.Name).Params().Id(t.Name).Block(body...)
}
