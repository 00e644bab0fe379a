package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

var (
	decoderParam = jen.Id("d").Op("*").Qual(wirePkg, "Decoder")
	d            = func() *jen.Statement { return jen.Id("d") }
)

// readers emits one read function per type reference: it consumes exactly one value and returns it, or
// the zero value and a problem when the value does not fit.
func readers(f *jen.File, rs []*ir.TypeRef) {
	for _, r := range rs {
		if r.Kind == ir.RefBuiltin && r.Builtin != "raw" {
			continue // the wire.Decoder methods
		}
		f.Func().Id(readerName(r)).Params(decoderParam).Params(goType(r), jen.String()).Block(readerBody(r)...)
	}
}

// builtinReader is the runtime's reader of each builtin type.
var builtinReader = map[string]string{"string": "ReadString", "integer": "ReadInt", "number": "ReadNumber", "boolean": "ReadBool"}

// read calls the reader of r.
func read(r *ir.TypeRef) *jen.Statement {
	if r.Kind == ir.RefBuiltin && r.Builtin != "raw" {
		return d().Dot(builtinReader[r.Builtin]).Call()
	}
	return jen.Id(readerName(r)).Call(d())
}

func readerBody(r *ir.TypeRef) []jen.Code {
	switch r.Kind {
	case ir.RefBuiltin: // raw
		return []jen.Code{jen.Return(jen.Qual(jsonPkg, "RawMessage").Call(d().Dot("Skip").Call()), jen.Lit(""))}
	case ir.RefArray:
		return listReader(r)
	case ir.RefMap:
		return mapReader(r)
	}
	t := r.Named
	switch t.Kind {
	case ir.KindObject:
		return []jen.Code{
			jen.Var().Id("v").Id(t.Name),
			jen.If(d().Dot("Peek").Call().Op("!=").Qual(wirePkg, "KindObject")).Block(jen.Return(jen.Id("v"), d().Dot("Mismatch").Call(jen.Lit("object")))),
			jen.Id("v").Dot("decode").Call(d()),
			jen.Return(jen.Id("v"), jen.Lit("")),
		}
	case ir.KindUnion:
		return unionReader(t)
	case ir.KindOneOf:
		return oneofReader(t)
	}
	base := map[string]string{"string": "String", "integer": "Int", "number": "Number"}[t.JSONKind()]
	return []jen.Code{
		jen.List(jen.Id("v"), jen.Id("p")).Op(":=").Add(d()).Dot("Read" + base).Call(),
		jen.Return(jen.Id(t.Name).Parens(jen.Id("v")), jen.Id("p")),
	}
}

func listReader(r *ir.TypeRef) []jen.Code {
	return []jen.Code{
		jen.If(jen.Op("!").Add(d()).Dot("Array").Call()).Block(jen.Return(jen.Nil(), d().Dot("Mismatch").Call(jen.Lit("array")))),
		jen.Id("s").Op(":=").Make(goType(r), jen.Lit(0), jen.Lit(4)),
		jen.For(jen.Id("i").Op(":=").Lit(0), d().Dot("MoreElements").Call(), jen.Id("i").Op("++")).Block(
			jen.List(jen.Id("v"), jen.Id("p")).Op(":=").Add(read(r.Elem)),
			jen.If(jen.Id("p").Op("!=").Lit("")).Block(
				d().Dot("SkipRest").Call(jen.False()),
				jen.Return(jen.Nil(), jen.Qual(wirePkg, "ItemProblem").Call(jen.Id("i"), jen.Id("p"))),
			),
			jen.Id("s").Op("=").Append(jen.Id("s"), jen.Id("v")),
		),
		jen.Return(jen.Id("s"), jen.Lit("")),
	}
}

func mapReader(r *ir.TypeRef) []jen.Code {
	return []jen.Code{
		jen.If(jen.Op("!").Add(d()).Dot("Object").Call()).Block(jen.Return(jen.Nil(), d().Dot("Mismatch").Call(jen.Lit("object")))),
		jen.Id("m").Op(":=").Add(goType(r)).Values(),
		jen.For().Block(
			jen.List(jen.Id("k"), jen.Id("_"), jen.Id("ok")).Op(":=").Add(d()).Dot("NextMember").Call(),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
			jen.List(jen.Id("v"), jen.Id("p")).Op(":=").Add(read(r.Elem)),
			jen.If(jen.Id("p").Op("!=").Lit("")).Block(
				d().Dot("SkipRest").Call(jen.True()),
				jen.Return(jen.Nil(), jen.Qual(wirePkg, "MemberProblem").Call(jen.Id("k"), jen.Id("p"))),
			),
			jen.Id("n").Op(":=").Len(jen.Id("m")),
			jen.Id("m").Index(jen.Id("k")).Op("=").Id("v"),
			jen.If(jen.Len(jen.Id("m")).Op("==").Id("n")).Block( // the key was there already
				d().Dot("SkipRest").Call(jen.True()),
				jen.Return(jen.Nil(), jen.Qual(wirePkg, "DuplicateKey").Call(jen.Id("k"))),
			),
		),
		jen.Return(jen.Id("m"), jen.Lit("")),
	}
}

func unionReader(t *ir.Type) []jen.Code {
	var cases []jen.Code
	for _, v := range t.Variants {
		cases = append(cases, jen.Case(jen.Lit(v.Value)).Block(
			jen.Id("v").Op(":=").New(jen.Id(v.Type.Name)),
			jen.Id("v").Dot("decode").Call(d()),
			jen.Return(jen.Id("v"), jen.Lit("")),
		))
	}
	cases = append(cases, jen.Default().Block(
		jen.Return(jen.Op("&").Id(t.UnknownName()).Values(jen.Dict{
			jen.Id("Type"): jen.Id("disc"),
			jen.Id("Raw"):  jen.Qual(jsonPkg, "RawMessage").Call(d().Dot("Skip").Call()),
		}), jen.Lit("")),
	))
	return []jen.Code{
		jen.If(d().Dot("Peek").Call().Op("!=").Qual(wirePkg, "KindObject")).Block(jen.Return(jen.Nil(), d().Dot("Mismatch").Call(jen.Lit("object")))),
		jen.List(jen.Id("disc"), jen.Id("found")).Op(":=").Add(d()).Dot("LookupString").Call(jen.Lit(t.Discriminator)),
		jen.If(jen.Op("!").Id("found")).Block(
			d().Dot("Skip").Call(),
			jen.Return(jen.Nil(), jen.Lit(fmt.Sprintf("discriminator %s is missing or not a string", jsonLiteral(t.Discriminator)))),
		),
		jen.Switch(jen.Id("disc")).Block(cases...),
	}
}

func oneofReader(t *ir.Type) []jen.Code {
	var cases []jen.Code
	var kinds []string
	for _, a := range t.Alternatives {
		kinds = append(kinds, a.JSONKind)
		kindConst := map[string]string{"string": "KindString", "number": "KindNumber", "boolean": "KindBool", "object": "KindObject", "array": "KindArray"}[a.JSONKind]
		cases = append(cases, jen.Case(jen.Qual(wirePkg, kindConst)).Block(
			jen.List(jen.Id("a"), jen.Id("p")).Op(":=").Add(read(a.Type)),
			jen.If(jen.Id("p").Op("==").Lit("")).Block(jen.Id("v").Dot(a.GoName).Dot("Set").Call(jen.Id("a"))),
			jen.Return(jen.Id("v"), jen.Id("p")),
		))
	}
	want := strings.Join(kinds, " or ")
	cases = append(cases, jen.Default().Block(jen.Return(jen.Id("v"), d().Dot("Mismatch").Call(jen.Lit(want)))))
	return []jen.Code{
		jen.Var().Id("v").Id(t.Name),
		jen.Switch(d().Dot("Peek").Call()).Block(cases...),
	}
}

// objectDecoders emits the decode method of every object type.
// unionDecoders emits, for every union, the decoder of one value on its own: a value the vendor's other
// APIs return outside an event (a chat's events, say), or one taken out of an event.
func unionDecoders(f *jen.File, p *ir.Platform) {
	for _, t := range p.Types {
		if t.Kind != ir.KindUnion {
			continue
		}
		f.Add(comment(fmt.Sprintf("%s decodes data, one %s on its own: the variant its %s names, or *%s for a "+
			"value the vendor does not document. As with Decode, members the spec does not know, members of "+
			"the wrong JSON kind and duplicates are kept verbatim (Validate reports the problems); the error, "+
			"a *DecodeError, is for input that is not JSON, not an object, or without a readable discriminator.",
			t.DecodeName(), t.Name, jsonLiteral(t.Discriminator), t.UnknownName()), nil, nil, ""))
		f.Func().Id(t.DecodeName()).Params(jen.Id("data").Index().Byte()).Params(jen.Id(t.Name), jen.Error()).Block(
			jen.Return(jen.Qual(wirePkg, "Unmarshal").Call(jen.Id("data"), jen.Id((&ir.TypeRef{Kind: ir.RefNamed, Named: t}).ReaderName()))),
		)
	}
}

func objectDecoders(f *jen.File, p *ir.Platform) {
	for _, t := range p.Types {
		if t.Kind != ir.KindObject || t.IncludeOnly() {
			continue
		}
		var body []jen.Code
		body = append(body, decodePrologue(t.Fields)...)
		var extraCases []jen.Code
		if t.Implied != nil {
			body = append(body, jen.Var().Id("seenDiscriminator").Bool())
			extraCases = append(extraCases, impliedCase(t.Implied.Member, "o"))
		}
		body = append(body, objState("o", t.Fields))
		body = append(body, memberLoop("o", append(extraCases, fieldCases(t.Fields, "o")...))...)
		body = append(body, objDone("o", t.Fields, jen.Id("x").Dot("extra")))
		f.Comment("decode reads the object at d's position, which the caller has checked is an object.")
		f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decode").Params(decoderParam).Block(body...)
	}
}

// decodePrologue marks every plain field omitted until it decodes.
func decodePrologue(fs []*ir.Field) []jen.Code {
	words := (len(fs) + 63) / 64
	var codes []jen.Code
	if omitWords(fs) > 0 {
		masks := make([]uint64, words)
		for _, f := range fs {
			if f.Plain() {
				masks[f.Index/64] |= 1 << (f.Index % 64)
			}
		}
		codes = append(codes, jen.Id("x").Dot("omit").Op("=").Index(jen.Lit(words)).Uint64().ValuesFunc(func(g *jen.Group) {
			for _, m := range masks {
				g.Id(fmt.Sprintf("%#x", m))
			}
		}))
	}
	return codes
}

// objState declares obj, the wire.Obj that reads the members of an object of the struct whose fields
// are fs.
func objState(obj string, fs []*ir.Field) jen.Code {
	if words := (len(fs) + 63) / 64; words > 2 { // wire.Obj has room for the bits of 128 members
		return jen.Id(obj).Op(":=").Qual(wirePkg, "Obj").Values(jen.Id("More").Op(":").Make(jen.Index().Uint64(), jen.Lit(2*(words-2))))
	}
	return jen.Var().Id(obj).Qual(wirePkg, "Obj")
}

// objDone hands what obj kept to the struct: the members no field took to extra, and the plain fields
// it stored to the omit bits (decodePrologue set them all).
func objDone(obj string, fs []*ir.Field, extra jen.Code) jen.Code {
	var omit jen.Code = jen.Nil()
	if omitWords(fs) > 0 {
		omit = jen.Id("x").Dot("omit").Index(jen.Empty(), jen.Empty())
	}
	return jen.Id(obj).Dot("Done").Call(jen.Op("&").Add(extra), omit)
}

// memberLoop reads the members of the object at d's position with obj: cases handles the known names,
// and every other member is kept.
func memberLoop(obj string, cases []jen.Code) []jen.Code {
	cases = append(cases, jen.Default().Block(jen.Id(obj).Dot("Keep").Call(d(), jen.Lit(""))))
	return []jen.Code{
		d().Dot("Object").Call(),
		jen.For(jen.Id(obj).Dot("Next").Call(d())).Block(
			jen.Switch(jen.Id(obj).Dot("Name")).Block(cases...),
		),
	}
}

// impliedCase accepts the discriminator member of a union variant that does not declare it, as
// discriminatorCase does for events.
func impliedCase(member, obj string) jen.Code {
	return discriminatorCase(member, obj, false)
}

// fieldCases emits one switch case per field, read with obj: the runtime marks the member seen, the
// field's reader reads the value, and the runtime stores it, or keeps the member verbatim when it is a
// duplicate or does not fit.
func fieldCases(fs []*ir.Field, obj string) []jen.Code {
	var cases []jen.Code
	for _, f := range fs {
		cases = append(cases, jen.Case(jen.Lit(f.JSONName)).Block(fieldRead(f, obj)))
	}
	return cases
}

// fieldRead decodes one field's value with obj.
func fieldRead(f *ir.Field, obj string) jen.Code {
	o, i, target := jen.Op("&").Id(obj), jen.Lit(f.Index), jen.Op("&").Id("x").Dot(f.GoName)
	switch {
	case f.Plain() && f.Type.Kind == ir.RefNamed && f.Type.Named.Kind == ir.KindObject:
		// Objects decode in place rather than through a copy.
		return jen.If(jen.Id(obj).Dot("Object").Call(d(), i)).Block(jen.Id("x").Dot(f.GoName).Dot("decode").Call(d()))
	case f.Plain() && f.Type.Kind == ir.RefBuiltin && f.Type.Builtin == "raw":
		// Raw JSON admits null as a value; a required, non-nullable raw member does not.
		return jen.Id(obj).Dot("PlainRaw").Call(d(), i, target)
	}
	// Field and OptField keep the bits of 128 members in place; the others are in wire.Obj's More.
	field, reader := "Field", read(f.Type)
	if !f.Plain() {
		field = "OptField"
		if f.Type.Kind == ir.RefBuiltin && f.Type.Builtin == "raw" {
			reader = d().Dot("ReadOptRaw").Call() // a null is the member's null, not a raw value
		}
	}
	if f.Index >= 128 {
		field = "Wide" + field
	}
	return jen.Qual(wirePkg, field).Call(o, d(), i, target).Dot("Set").Call(reader)
}

// bitOf returns the word index and the bit of a field in the seen and omit bit sets.
func bitOf(f *ir.Field) (word, bit jen.Code) {
	return jen.Lit(f.Index / 64), jen.Parens(jen.Lit(1).Op("<<").Lit(f.Index % 64))
}
