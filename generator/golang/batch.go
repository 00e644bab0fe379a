package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// batchDecls declares Batch and DecodeBatch for platforms that send {"<batch>": [envelope, ...]}.
func batchDecls(f *jen.File, env *ir.Envelope) {
	member := env.Batch
	f.Commentf("Batch is one request body: the events of its %s array, in order.", jsonLiteral(member))
	f.Type().Id("Batch").Struct(
		jen.Comment("Events holds one entry per item: an event struct, *Unknown, or *Invalid for an item whose"),
		jen.Comment("envelope could not be read."),
		jen.Id("Events").Index().Id("Event"),
		jen.Comment("extra keeps the body's other members verbatim."),
		jen.Id("extra").Qual(wirePkg, "Members"),
		jen.Comment("first backs Events for batches of one event (the common case): no second allocation."),
		jen.Id("first").Index(jen.Lit(1)).Id("Event"),
	)
	f.Commentf("DecodeBatch decodes a request body. Every item of %s is decoded on its own: an item whose", jsonLiteral(member))
	f.Comment("envelope cannot be read becomes *Invalid (kept verbatim) and the others are still returned, with a")
	f.Comment("DecodeErrors listing the failed items. Only input that is not JSON, or a body without the array,")
	f.Comment("returns a nil Batch.")
	r := func() *jen.Statement { return jen.Id("r") }
	f.Func().Id("DecodeBatch").Params(jen.Id("data").Index().Byte()).Params(jen.Op("*").Id("Batch"), jen.Error()).Block(
		jen.Var().Id("r").Qual(wirePkg, "BatchReader"),
		jen.If(jen.Err().Op(":=").Add(r()).Dot("Open").Call(jen.Id("data"), jen.Lit(member)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("b").Op(":=").New(jen.Id("Batch")),
		jen.Id("b").Dot("Events").Op("=").Id("b").Dot("first").Index(jen.Empty(), jen.Lit(0)),
		jen.For(r().Dot("Next").Call()).Block(
			jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("decodeEvent").Call(jen.Op("&").Add(r()).Dot("D"), jen.Lit("")),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Id("ev").Op("=").Op("&").Id("Invalid").Values(jen.Dict{jen.Id("Raw"): jen.Qual(jsonPkg, "RawMessage").Call(r().Dot("Invalid").Call(jen.Err())), jen.Id("Err"): jen.Err()}),
			),
			jen.Id("b").Dot("Events").Op("=").Append(jen.Id("b").Dot("Events"), jen.Id("ev")),
		),
		jen.If(jen.Err().Op(":=").Add(r()).Dot("Close").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("b").Dot("extra").Op("=").Add(r()).Dot("Extra"),
		jen.If(jen.Len(r().Dot("Errs")).Op(">").Lit(0)).Block(jen.Return(jen.Id("b"), r().Dot("Errs"))),
		jen.Return(jen.Id("b"), jen.Nil()),
	)
	f.Comment("MarshalJSON encodes the batch as it came: every item, and the body's other members.")
	f.Func().Params(jen.Id("b").Id("Batch")).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Var().Id("e").Qual(wirePkg, "Encoder"),
		jen.Id("e").Dot("ObjectStart").Call(),
		jen.If(jen.Id("b").Dot("Events").Op("!=").Nil()).Block(
			jen.Id("e").Dot("Key").Call(quoted(member)),
			jen.Id("e").Dot("ArrayStart").Call(),
			jen.For(jen.List(jen.Id("_"), jen.Id("ev")).Op(":=").Range().Id("b").Dot("Events")).Block(jen.Id("ev").Dot("encode").Call(jen.Op("&").Id("e"))),
			jen.Id("e").Dot("ArrayEnd").Call(),
		),
		jen.Id("e").Dot("Members").Call(jen.Id("b").Dot("extra")),
		jen.Id("e").Dot("ObjectEnd").Call(),
		jen.Return(jen.Id("e").Dot("Buf"), jen.Nil()),
	)
	f.Commentf("Validate reports the problems of every event, with JSON pointers from the body (/%s/<index>/...).", pointerEscape(member))
	f.Func().Params(jen.Id("b").Op("*").Id("Batch")).Id("Validate").Params().Error().Block(
		jen.Var().Id("ps").Qual(wirePkg, "Problems"),
		jen.Var().Id("root").Qual(wirePkg, "Path"),
		jen.Id("items").Op(":=").Id("root").Dot("Key").Call(jen.Lit(member)),
		jen.For(jen.List(jen.Id("i"), jen.Id("ev")).Op(":=").Range().Id("b").Dot("Events")).Block(
			jen.Id("ip").Op(":=").Id("items").Dot("Index").Call(jen.Id("i")),
			jen.Id("ev").Dot("validate").Call(jen.Op("&").Id("ps"), jen.Op("&").Id("ip")),
		),
		jen.Id("ps").Dot("Members").Call(jen.Op("&").Id("root"), jen.Id("b").Dot("extra")),
		jen.Return(jen.Id("ps").Dot("Err").Call()),
	)
}

// typePath emits TypePath: an event's discriminator values as on the wire, joined by "/" through
// nested unions (m-chat's "message/text").
func typePath(f *jen.File, p *ir.Platform) {
	var cases []jen.Code
	for _, ev := range p.WireEvents() {
		if ev.Subtype == nil {
			continue
		}
		u := ev.Subtype.Type.Named
		val := jen.Id("e").Dot(ev.Subtype.GoName)
		if !ev.Subtype.Plain() {
			val = jen.Id("e").Dot(ev.Subtype.GoName).Dot("Value").Call()
		}
		cases = append(cases, jen.Case(jen.Op("*").Id(ev.GoName)).Block(
			jen.If(jen.Id("v").Op(":=").Add(val), jen.Id("v").Op("!=").Nil()).Block(
				jen.Return(jen.Lit(ev.Name+"/").Op("+").Id("v").Dot(unionMethod(u)).Call()),
			),
		))
	}
	f.Comment("TypePath returns the event's discriminator values as on the wire, joined by \"/\" where a payload")
	f.Comment("union further qualifies the event (e.g. \"message/text\"). For other events it is the event type.")
	body := []jen.Code{}
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("e").Op(":=").Id("ev").Assert(jen.Type())).Block(cases...))
	}
	body = append(body, jen.Return(jen.String().Parens(jen.Id("ev").Dot("EventType").Call())))
	f.Func().Id("TypePath").Params(jen.Id("ev").Id("Event")).String().Block(body...)
}
