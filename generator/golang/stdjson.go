package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// This file emits json_gen.go: what makes the generated types work with encoding/json and fmt. Every
// MarshalJSON has a value receiver, so that a value (not only a pointer) held in a consumer's struct,
// slice or map is encoded by the generated encoder; every UnmarshalJSON reuses the generated reader
// of its type through wire.Unmarshal (no reflection); Format prints the exported fields only.

// stdjsonDecls emits the encoding/json and fmt methods of every event, named type and Batch.
func stdjsonDecls(f *jen.File, p *ir.Platform) {
	unmarshalEventDecl(f)
	for _, ev := range p.WireEvents() {
		eventJSON(f, ev)
	}
	unknownJSON(f)
	if p.Envelope.Batch != "" {
		invalidJSON(f)
		batchJSON(f)
	}
	for _, t := range p.Types {
		if t.IncludeOnly() {
			continue // a view of members, see includes.go: plain data for encoding/json and fmt
		}
		switch t.Kind {
		case ir.KindUnion:
			unionUnknownJSON(f, t)
		default:
			typeJSON(f, t)
		}
	}
}

func returnsBytes() jen.Code { return jen.Params(jen.Index().Byte(), jen.Error()) }
func dataParam() jen.Code    { return jen.Id("data").Index().Byte() }

// formatDecl emits Format, which prints the exported fields of a struct type.
func formatDecl(f *jen.File, name string) {
	f.Comment("Format prints x's exported fields as fmt prints a struct (%v, %+v, %#v); the bookkeeping that keeps")
	f.Comment("decoding lossless is left out.")
	f.Func().Params(jen.Id("x").Id(name)).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
		jen.Qual(wirePkg, "FormatStruct").Call(jen.Id("f"), jen.Id("verb"), jen.Id("x")))
}

// unmarshalEventDecl emits the helper behind every event's UnmarshalJSON.
func unmarshalEventDecl(f *jen.File) {
	f.Comment("unmarshalEvent decodes data with Decode into *x, which must be of the type of the event data holds.")
	f.Func().Id("unmarshalEvent").Types(jen.Id("T").Any(), jen.Id("P").Interface(jen.Op("*").Id("T"), jen.Id("Event"))).
		Params(jen.Id("x").Id("P"), dataParam()).Error().Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("Decode").Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("ev").Assert(jen.Id("P")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Op("&").Id("DecodeError").Values(jen.Dict{
			jen.Id("EventType"): jen.String().Parens(jen.Id("ev").Dot("EventType").Call()),
			jen.Id("Offset"):    jen.Lit(-1),
			jen.Id("Msg"):       jen.Lit("cannot unmarshal into the ").Op("+").String().Parens(jen.Id("x").Dot("EventType").Call()).Op("+").Lit(" event"),
		}))),
		jen.Op("*").Id("x").Op("=").Op("*").Id("v"),
		jen.Return(jen.Nil()),
	)
}

// eventJSON emits MarshalJSON, UnmarshalJSON and Format of an event.
func eventJSON(f *jen.File, ev *ir.Event) {
	f.Comment("MarshalJSON encodes the event as it came: unknown members, nulls and text kept.")
	f.Func().Params(jen.Id("x").Id(ev.GoName)).Id("MarshalJSON").Params().Add(returnsBytes()).Block(
		// A decoded event re-encodes to about the size it came in: one allocation instead of a
		// series of regrowths. Events built in code start at 512 bytes.
		jen.Return(jen.Id("x").Dot("AppendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Max(jen.Id("x").Dot("size").Op("+").Id("x").Dot("size").Op("/").Lit(8), jen.Lit(512)))), jen.Nil()),
	)
	f.Comment("UnmarshalJSON decodes data as Decode does; it is an error when data holds another event type.")
	f.Func().Params(jen.Id("x").Op("*").Id(ev.GoName)).Id("UnmarshalJSON").Params(dataParam()).Error().Block(
		jen.Return(jen.Id("unmarshalEvent").Call(jen.Id("x"), jen.Id("data"))))
	formatDecl(f, ev.GoName)
}

// unknownJSON emits the methods of Unknown.
func unknownJSON(f *jen.File) {
	f.Comment("MarshalJSON returns Raw.")
	f.Func().Params(jen.Id("x").Id("Unknown")).Id("MarshalJSON").Params().Add(returnsBytes()).Block(
		jen.Return(jen.Id("rawOrNull").Call(jen.Id("x").Dot("Raw")), jen.Nil()))
	f.Comment("UnmarshalJSON keeps data verbatim, with the event type Decode reads from it. The type need not be")
	f.Comment("unknown: any event can be held verbatim.")
	f.Func().Params(jen.Id("x").Op("*").Id("Unknown")).Id("UnmarshalJSON").Params(dataParam()).Error().Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("Decode").Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("x").Op("=").Id("Unknown").Values(jen.Dict{
			jen.Id("Type"): jen.Id("ev").Dot("EventType").Call(),
			jen.Id("Raw"):  jen.Qual(wirePkg, "Verbatim").Call(jen.Id("data")),
		}),
		jen.Return(jen.Nil()),
	)
	formatDecl(f, "Unknown")
}

// invalidJSON emits the methods of Invalid, a batch item without a readable envelope.
func invalidJSON(f *jen.File) {
	f.Comment("MarshalJSON returns Raw.")
	f.Func().Params(jen.Id("x").Id("Invalid")).Id("MarshalJSON").Params().Add(returnsBytes()).Block(
		jen.Return(jen.Id("rawOrNull").Call(jen.Id("x").Dot("Raw")), jen.Nil()))
	f.Comment("UnmarshalJSON keeps data verbatim; Err is why Decode cannot read it, nil when it can.")
	f.Func().Params(jen.Id("x").Op("*").Id("Invalid")).Id("UnmarshalJSON").Params(dataParam()).Error().Block(
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Qual(wirePkg, "Unmarshal").Call(jen.Id("data"), jen.Qual(wirePkg, "ReadRaw")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("x").Op("=").Id("Invalid").Values(jen.Dict{jen.Id("Raw"): jen.Qual(wirePkg, "Verbatim").Call(jen.Id("data"))}),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("Decode").Call(jen.Id("data")), jen.Err().Op("!=").Nil()).Block(
			jen.List(jen.Id("x").Dot("Err"), jen.Id("_")).Op("=").Err().Assert(jen.Op("*").Id("DecodeError"))),
		jen.Return(jen.Nil()),
	)
	formatDecl(f, "Invalid")
}

// batchJSON emits UnmarshalJSON and Format of Batch (its MarshalJSON is in batch.go).
func batchJSON(f *jen.File) {
	f.Comment("UnmarshalJSON decodes data as DecodeBatch does. Items that cannot be read are kept as *Invalid")
	f.Comment("and reported in the error, a DecodeErrors; the other items are decoded all the same.")
	f.Func().Params(jen.Id("b").Op("*").Id("Batch")).Id("UnmarshalJSON").Params(dataParam()).Error().Block(
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("DecodeBatch").Call(jen.Id("data")),
		jen.If(jen.Id("v").Op("!=").Nil()).Block(jen.Op("*").Id("b").Op("=").Op("*").Id("v")),
		jen.Return(jen.Err()),
	)
	formatDecl(f, "Batch")
}

// unionUnknownJSON emits the methods of a union's variant for undocumented discriminator values.
func unionUnknownJSON(f *jen.File, t *ir.Type) {
	u := t.UnknownName()
	f.Comment("MarshalJSON returns Raw.")
	f.Func().Params(jen.Id("x").Id(u)).Id("MarshalJSON").Params().Add(returnsBytes()).Block(
		jen.Return(jen.Id("rawOrNull").Call(jen.Id("x").Dot("Raw")), jen.Nil()))
	f.Commentf("UnmarshalJSON keeps data verbatim, with its %s. The value need not be unknown: any %s can be", jsonLiteral(t.Discriminator), t.Name)
	f.Comment("held verbatim.")
	f.Func().Params(jen.Id("x").Op("*").Id(u)).Id("UnmarshalJSON").Params(dataParam()).Error().Block(
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Qual(wirePkg, "Unmarshal").Call(jen.Id("data"), jen.Id(readerName(namedRef(t)))),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("x").Op("=").Id(u).Values(jen.Dict{
			jen.Id("Type"): jen.Id("v").Dot(unionMethod(t)).Call(),
			jen.Id("Raw"):  jen.Qual(wirePkg, "Verbatim").Call(jen.Id("data")),
		}),
		jen.Return(jen.Nil()),
	)
	formatDecl(f, u)
}

func namedRef(t *ir.Type) *ir.TypeRef { return &ir.TypeRef{Kind: ir.RefNamed, Named: t} }

// typeJSON emits MarshalJSON and UnmarshalJSON of an object, oneof, enum, time or scalar type, and
// Format of the struct types.
func typeJSON(f *jen.File, t *ir.Type) {
	f.Comment("MarshalJSON encodes x as the package's encoder does" + map[bool]string{true: ", with every member kept from decoding.", false: "."}[t.Kind == ir.KindObject])
	f.Func().Params(jen.Id("x").Id(t.Name)).Id("MarshalJSON").Params().Add(returnsBytes()).Block(
		jen.Id("e").Op(":=").New(jen.Qual(wirePkg, "Encoder")),
		write(namedRef(t), jen.Id("x")),
		jen.Return(jen.Id("e").Dot("Buf"), jen.Nil()),
	)
	f.Comment("UnmarshalJSON decodes data as the package's decoder does" + map[bool]string{true: ", keeping unknown members verbatim;", false: ";"}[t.Kind == ir.KindObject])
	f.Comment("x is unchanged when data is not JSON or not of the type's JSON kind.")
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(dataParam()).Error().Block(
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Qual(wirePkg, "Unmarshal").Call(jen.Id("data"), jen.Id(readerName(namedRef(t)))),
		jen.If(jen.Err().Op("==").Nil()).Block(jen.Op("*").Id("x").Op("=").Id("v")),
		jen.Return(jen.Err()),
	)
	if t.Kind == ir.KindObject || t.Kind == ir.KindOneOf {
		formatDecl(f, t.Name)
	}
}
