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
// owner with the JSON names of t's fields hold them (include copies them with their Go names).
func accessor(f *jen.File, owner string, fs []*ir.Field, t *ir.Type) {
	byJSON := map[string]*ir.Field{}
	for _, of := range fs {
		byJSON[of.JSONName] = of
	}
	vals := jen.Dict{}
	for _, tf := range t.Fields {
		if of := byJSON[tf.JSONName]; of != nil {
			vals[jen.Id(tf.GoName)] = jen.Id("x").Dot(of.GoName)
		}
	}
	doc := "%s returns the members x includes from %s."
	if !t.IncludeOnly() {
		doc += " Only the exported fields are set: members absent from x are not told apart from zero values."
	}
	f.Commentf(doc, t.Name, t.Name)
	f.Func().Params(jen.Id("x").Op("*").Id(owner)).Id(t.Name).Params().Id(t.Name).Block(
		jen.Return(jen.Id(t.Name).Values(vals)))
}
