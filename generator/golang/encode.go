package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

var (
	encoderParam = jen.Id("e").Op("*").Qual(wirePkg, "Encoder")
	e            = func() *jen.Statement { return jen.Id("e") }
)

// quoted is a member name as a JSON string literal, ready for Encoder.Key.
func quoted(name string) jen.Code { return jen.Lit(jsonLiteral(name)) }

// write emits code that writes the value expr of type r.
func write(r *ir.TypeRef, expr jen.Code) jen.Code {
	switch r.Kind {
	case ir.RefBuiltin:
		switch r.Builtin {
		case "raw":
			return e().Dot("RawBytes").Call(expr)
		case "string":
			return e().Dot("String").Call(expr)
		case "integer":
			return e().Dot("Int").Call(expr)
		case "number":
			return e().Dot("Number").Call(expr)
		}
		return e().Dot("Bool").Call(expr)
	case ir.RefArray, ir.RefMap:
		return jen.Id(writerName(r)).Call(e(), expr)
	}
	t := r.Named
	switch t.Kind {
	case ir.KindObject, ir.KindOneOf:
		return jen.Add(expr).Dot("encode").Call(e())
	case ir.KindUnion:
		return jen.Id(writerName(r)).Call(e(), expr)
	}
	switch t.JSONKind() {
	case "string":
		return e().Dot("String").Call(jen.String().Parens(expr))
	case "integer":
		return e().Dot("Int").Call(jen.Int64().Parens(expr))
	}
	return e().Dot("Number").Call(jen.Qual(jsonPkg, "Number").Parens(expr))
}

// writers emits the write helpers of arrays, maps and unions.
func writers(f *jen.File, rs []*ir.TypeRef) {
	for _, r := range rs {
		switch {
		case r.Kind == ir.RefArray:
			f.Func().Id(writerName(r)).Params(encoderParam, jen.Id("s").Add(goType(r))).Block(
				e().Dot("ArrayStart").Call(),
				jen.For(jen.Id("i").Op(":=").Range().Id("s")).Block(write(r.Elem, jen.Id("s").Index(jen.Id("i")))),
				e().Dot("ArrayEnd").Call(),
			)
		case r.Kind == ir.RefMap:
			f.Func().Id(writerName(r)).Params(encoderParam, jen.Id("m").Add(goType(r))).Block(
				// Members are written in key order, so encoding is deterministic; small maps sort on the stack.
				jen.Var().Id("buf").Index(jen.Lit(16)).String(),
				jen.Id("keys").Op(":=").Id("buf").Index(jen.Empty(), jen.Lit(0)),
				jen.For(jen.Id("k").Op(":=").Range().Id("m")).Block(jen.Id("keys").Op("=").Append(jen.Id("keys"), jen.Id("k"))),
				jen.Qual("slices", "Sort").Call(jen.Id("keys")),
				e().Dot("ObjectStart").Call(),
				jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
					e().Dot("KeyString").Call(jen.Id("k")),
					jen.Id("v").Op(":=").Id("m").Index(jen.Id("k")),
					write(r.Elem, jen.Id("v")),
				),
				e().Dot("ObjectEnd").Call(),
			)
		case r.Kind == ir.RefNamed && r.Named.Kind == ir.KindUnion:
			f.Func().Id(writerName(r)).Params(encoderParam, jen.Id("v").Id(r.Named.Name)).Block(
				jen.If(jen.Id("v").Op("==").Nil()).Block(e().Dot("Null").Call(), jen.Return()),
				jen.Id("v").Dot("encode").Call(e()),
			)
		}
	}
}

// fieldWrites writes the fields present in x, in spec order.
func fieldWrites(fs []*ir.Field) []jen.Code {
	var codes []jen.Code
	for _, f := range fs {
		target := jen.Id("x").Dot(f.GoName)
		if f.Plain() {
			word, bit := bitOf(f)
			codes = append(codes, jen.If(jen.Id("x").Dot("omit").Index(word).Op("&").Add(bit).Op("==").Lit(0)).Block(
				e().Dot("Key").Call(quoted(f.JSONName)), write(f.Type, target)))
			continue
		}
		// wire.OptKey writes the key, and null; the value is written here, by its type's writer.
		member := jen.Qual(wirePkg, "OptKey").Call(e(), quoted(f.JSONName), jen.Op("&").Add(target))
		codes = append(codes, jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(member), jen.Id("ok")).Block(write(f.Type, jen.Id("v"))))
	}
	return codes
}

// typeEncoders emits encode for objects and oneofs (MarshalJSON is in stdjson.go).
func typeEncoders(f *jen.File, p *ir.Platform) {
	for _, t := range p.Types {
		if t.IncludeOnly() {
			continue
		}
		switch t.Kind {
		case ir.KindObject:
			body := []jen.Code{e().Dot("ObjectStart").Call()}
			if t.Implied != nil {
				body = append(body, e().Dot("Key").Call(quoted(t.Implied.Member)), e().Dot("String").Call(jen.Lit(t.Implied.Value)))
			}
			body = append(body, fieldWrites(t.Fields)...)
			body = append(body, e().Dot("Members").Call(jen.Id("x").Dot("extra")), e().Dot("ObjectEnd").Call())
			f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("encode").Params(encoderParam).Block(body...)
		case ir.KindOneOf:
			var chain *jen.Statement
			for _, a := range t.Alternatives {
				cond := jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("x").Dot(a.GoName).Dot("Get").Call()
				blk := []jen.Code{write(a.Type, jen.Id("v"))}
				if chain == nil {
					chain = jen.If(cond, jen.Id("ok")).Block(blk...)
				} else {
					chain = chain.Else().If(cond, jen.Id("ok")).Block(blk...)
				}
			}
			chain = chain.Else().Block(e().Dot("Null").Call())
			f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("encode").Params(encoderParam).Block(chain)
		}
	}
}

// eventEncoders emits encode and AppendJSON for every event: the envelope levels around the payload
// (MarshalJSON is in stdjson.go).
func eventEncoders(f *jen.File, p *ir.Platform) {
	for _, ev := range p.WireEvents() {
		f.Func().Params(jen.Id("x").Op("*").Id(ev.GoName)).Id("encode").Params(encoderParam).Block(levelWrites(p.Envelope.Of(ev), ev, 0)...)
		f.Comment("AppendJSON appends the event's JSON to b, as MarshalJSON encodes it, and returns the extended buffer.")
		f.Func().Params(jen.Id("x").Op("*").Id(ev.GoName)).Id("AppendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
			jen.Id("e").Op(":=").Qual(wirePkg, "Encoder").Values(jen.Dict{jen.Id("Buf"): jen.Id("b")}),
			jen.Id("x").Dot("encode").Call(jen.Op("&").Id("e")),
			jen.Return(jen.Id("e").Dot("Buf")),
		)
	}
}

func levelWrites(env *ir.Envelope, ev *ir.Event, k int) []jen.Code {
	codes := []jen.Code{e().Dot("ObjectStart").Call()}
	last := len(env.Levels)
	if k == last && !ev.Absent { // the absent event keeps the member, if it came, among its members
		codes = append(codes, e().Dot("Key").Call(quoted(env.Discriminator)), e().Dot("String").Call(jen.Lit(ev.Name)))
	}
	down := env.Down(k)
	if k == 0 {
		codes = append(codes, fieldWrites(env.Fields)...)
	}
	if down != "" {
		codes = append(codes, jen.If(jen.Id("x").Dot("envOmit").Op("&").Lit(1<<k).Op("==").Lit(0)).Block(
			append([]jen.Code{e().Dot("Key").Call(quoted(down))}, levelWrites(env, ev, k+1)...)...))
	}
	if k == envLevels(env) {
		codes = append(codes, fieldWrites(ev.PayloadFields(env))...)
	}
	return append(codes, e().Dot("Members").Call(levelMembers(env, k)), e().Dot("ObjectEnd").Call())
}
