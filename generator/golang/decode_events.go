package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// eventDecoders emits the decode methods of every event: the envelope levels down to the payload,
// in one pass.
func eventDecoders(f *jen.File, p *ir.Platform) {
	for _, e := range p.WireEvents() {
		env := p.Envelope.Of(e)
		body := decodePrologue(e.Fields)
		if n := envLevels(env); n > 0 {
			body = append(body, jen.Id("x").Dot("envOmit").Op("=").Lit(1<<n-1))
		}
		body = append(body, jen.Id("seenDiscriminator").Op(":=").Id("resumed"))
		body = append(body, levelLoop(env, e, 0, true)...)
		body = append(body, jen.Id("x").Dot("size").Op("=").Add(d()).Dot("Offset").Call().Op("-").Id("start"), jen.Return(jen.Id("x")))
		f.Comment("decode reads the event at d's position, which the caller has checked is an object.")
		f.Func().Params(jen.Id("x").Op("*").Id(e.GoName)).Id("decode").Params(decoderParam).Block(
			jen.Id("x").Dot("decodeFrom").Call(d(), jen.False(), d().Dot("Offset").Call()))
		f.Comment("decodeFrom reads the event that starts at offset start; resumed says that its '{' and its first")
		f.Comment("member, the discriminator, have been read already (see decodeEvent).")
		f.Func().Params(jen.Id("x").Op("*").Id(e.GoName)).Id("decodeFrom").Params(decoderParam, jen.Id("resumed").Bool(), jen.Id("start").Int()).Op("*").Id(e.GoName).Block(body...)
	}
}

// resumable reports whether the discriminator sits in the envelope's root object, so that decodeEvent
// can read it as the first member and let the event's decoder go on from there, reading it once.
func resumable(env *ir.Envelope) bool { return len(env.Levels) == 0 }

// levelMembers is where the members of envelope level k go that no field takes.
func levelMembers(env *ir.Envelope, k int) jen.Code {
	if k == envLevels(env) {
		return jen.Id("x").Dot("extra")
	}
	return jen.Id("x").Dot("env").Index(jen.Lit(k))
}

// levelObj names the wire.Obj that reads envelope level k.
func levelObj(k int) string {
	if k == 0 {
		return "o"
	}
	return fmt.Sprintf("o%d", k)
}

// levelLoop reads the object of envelope level k. The last level holds the discriminator; the payload
// is the level below it, or the last level itself. With resumed, the level's '{' may have been read
// already (decodeFrom's parameter of that name says).
func levelLoop(env *ir.Envelope, e *ir.Event, k int, resumed bool) []jen.Code {
	obj := levelObj(k)
	last := len(env.Levels)
	var cases []jen.Code
	if k == last {
		cases = append(cases, discriminatorCase(env.Discriminator, obj, e.Absent))
	}
	if down := env.Down(k); down != "" {
		// The first object of that name is the level (envOmit has its bit cleared then); members of
		// another kind are kept with a problem, as LookupString passes over them.
		cases = append(cases, jen.Case(jen.Lit(down)).Block(
			jen.If(jen.Id(obj).Dot("Level").Call(d(), jen.Op("&").Id("x").Dot("envOmit"), jen.Lit(1<<k))).Block(
				levelLoop(env, e, k+1, false)...),
		))
	}
	if k == 0 {
		cases = append(cases, fieldCases(env.Fields, obj)...)
	}
	if k == envLevels(env) {
		cases = append(cases, fieldCases(e.PayloadFields(env), obj)...)
	}
	loop := memberLoop(obj, cases)
	if resumed {
		loop[0] = jen.If(jen.Op("!").Id("resumed")).Block(loop[0]) // d.Object()
	}
	loop = append(loop, objDone(obj, e.Fields, levelMembers(env, k)))
	return append([]jen.Code{objState(obj, e.Fields)}, loop...)
}

// discriminatorCase reads the discriminator member with obj: the first one holding a string is the
// event's type (the one LookupString found); the others are kept verbatim, as duplicates or with their
// wrong kind. The absent event keeps the member ("") among its members, so that it is encoded again as
// it came.
func discriminatorCase(member, obj string, absent bool) jen.Code {
	return jen.Case(jen.Lit(member)).Block(jen.Id(obj).Dot("Discriminator").Call(d(), jen.Op("&").Id("seenDiscriminator"), jen.Lit(absent)))
}

// dispatch emits decodeEvent (find the discriminator, pick the struct, decode in the same pass), and
// the public Decode (and DecodeBatch for batch platforms).
func dispatch(f *jen.File, p *ir.Platform) {
	env := p.Envelope
	path := env.DiscriminatorPath()
	var pathLits []jen.Code
	for _, s := range path {
		pathLits = append(pathLits, jen.Lit(s))
	}
	ptr := ""
	for _, s := range path {
		ptr += "/" + pointerEscape(s)
	}
	// resumed is a variable where the type can be the first member, false elsewhere.
	var resumed jen.Code = jen.False()
	if resumable(env) {
		resumed = jen.Id("resumed")
	}
	// Each case calls decodeFrom on the concrete type: a call through the Event interface would make the
	// Decoder escape to the heap, one allocation per event.
	var cases []jen.Code
	for _, e := range p.Typed() {
		cases = append(cases, jen.Case(jen.Id(e.ConstName)).Block(
			jen.Id("ev").Op("=").New(jen.Id(e.GoName)).Dot("decodeFrom").Call(d(), resumed, jen.Id("start"))))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("ev").Op("=").Op("&").Id("Unknown").Values(jen.Dict{
			jen.Id("Type"): jen.Id("EventType").Call(jen.Id("typ")),
			jen.Id("Raw"):  jen.Qual(jsonPkg, "RawMessage").Call(d().Dot("SkipEvent").Call(jen.Id("start"), resumed)),
		}),
	))
	lookup := []jen.Code{
		jen.If(d().Dot("Failed").Call()).Block(jen.Return(jen.Nil(), d().Dot("Error").Call(jen.Lit("")))),
		absentCase(env),
		jen.If(jen.Op("!").Id("found")).Block(jen.Return(jen.Nil(), jen.Qual(wirePkg, "NoType").Call(d(), jen.Id("prefix").Op("+").Lit(ptr)))),
	}
	body := []jen.Code{
		jen.If(jen.Err().Op(":=").Qual(wirePkg, "NotObject").Call(d(), jen.Id("prefix")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("start").Op(":=").Add(d()).Dot("Offset").Call(),
	}
	if resumable(env) {
		first := jen.List(jen.Id("typ"), jen.Id("resumed")).Op(":=").Add(d()).Dot("FirstMember").Call(jen.Lit(env.Discriminator))
		if env.Absent == nil {
			body = append(body, jen.Comment("Fast path: the event type is the first member, as vendors send it; it is read once."), first)
		} else {
			body = append(body,
				jen.Comment("Fast path: the event type is the first member, as vendors send it; it is read once. An"),
				jen.Comment("empty one is read again below, as the event whose type is absent."),
				jen.Id("saved").Op(":=").Op("*").Add(d()),
				first,
				jen.If(jen.Id("resumed").Op("&&").Id("typ").Op("==").Lit("")).Block(
					jen.List(jen.Op("*").Add(d()), jen.Id("resumed")).Op("=").List(jen.Id("saved"), jen.False())),
			)
		}
		body = append(body, jen.If(jen.Op("!").Id("resumed")).Block(append([]jen.Code{
			jen.Var().Id("found").Bool(),
			jen.List(jen.Id("typ"), jen.Id("found")).Op("=").Add(d()).Dot("LookupString").Call(pathLits...),
		}, lookup...)...))
	} else {
		body = append(body, jen.List(jen.Id("typ"), jen.Id("found")).Op(":=").Add(d()).Dot("LookupString").Call(pathLits...))
		body = append(body, lookup...)
	}
	body = append(body,
		jen.Var().Id("ev").Id("Event"),
		jen.Switch(jen.Id("EventType").Call(jen.Id("typ"))).Block(cases...),
		jen.If(d().Dot("Failed").Call()).Block(jen.Return(jen.Nil(), d().Dot("Error").Call(jen.Id("typ")))),
		jen.Return(jen.Id("ev"), jen.Nil()),
	)
	f.Comment("decodeEvent decodes the envelope at d's position. prefix is the JSON pointer of the envelope, for errors.")
	f.Comment("On an error other than a syntax error, the value has been skipped so that a batch can go on.")
	f.Func().Id("decodeEvent").Params(decoderParam, jen.Id("prefix").String()).Params(jen.Id("Event"), jen.Op("*").Id("DecodeError")).Block(body...)
	decodeFunc(f, env)
	if env.Batch != "" {
		batchDecls(f, env)
	}
}

// absentCase decodes the envelope's absent event when the discriminator member is absent, null or "".
func absentCase(env *ir.Envelope) jen.Code {
	a := env.Absent
	if a == nil {
		return jen.Null()
	}
	// No string event type (absent, null, another kind: kept with a problem) or an empty one.
	return jen.If(jen.Op("!").Id("found").Op("||").Id("typ").Op("==").Lit("")).Block(
		jen.Id("v").Op(":=").New(jen.Id(a.GoName)).Dot("decodeFrom").Call(d(), jen.False(), jen.Id("start")),
		jen.If(d().Dot("Failed").Call()).Block(jen.Return(jen.Nil(), d().Dot("Error").Call(jen.Lit(a.Name)))),
		jen.Return(jen.Id("v"), jen.Nil()),
	)
}

func decodeFunc(f *jen.File, env *ir.Envelope) {
	what := "a request body"
	if env.Batch != "" {
		what = "one item of a batch"
	}
	f.Commentf("Decode decodes %s into its event. An event type the vendor does not document is not an", what)
	f.Comment("error: it decodes as *Unknown. Members the spec does not know, members of the wrong JSON kind and")
	f.Comment("duplicates are kept verbatim (Validate reports the problems), so MarshalJSON reproduces the input.")
	f.Comment("The error, a *DecodeError with a JSON pointer, is for input that is not JSON or has no readable")
	f.Comment("event type. Decode copies data once; the event keeps references into that copy.")
	f.Func().Id("Decode").Params(jen.Id("data").Index().Byte()).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Var().Id("d").Qual(wirePkg, "Decoder"),
		jen.Id("d").Dot("Reset").Call(jen.String().Parens(jen.Id("data"))),
		jen.List(jen.Id("ev"), jen.Id("err")).Op(":=").Id("decodeEvent").Call(jen.Op("&").Id("d"), jen.Lit("")),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("err"))),
		jen.Id("d").Dot("End").Call(),
		jen.If(jen.Id("d").Dot("Failed").Call()).Block(jen.Return(jen.Nil(), jen.Id("d").Dot("Error").Call(jen.String().Parens(jen.Id("ev").Dot("EventType").Call())))),
		jen.Return(jen.Id("ev"), jen.Nil()),
	)
}

func pointerEscape(s string) string {
	out := ""
	for _, c := range s {
		switch c {
		case '~':
			out += "~0"
		case '/':
			out += "~1"
		default:
			out += string(c)
		}
	}
	return out
}
