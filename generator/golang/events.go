package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// envLevels is the number of envelope objects above the payload object: the members of those levels
// that no field declares are kept per level.
func envLevels(env *ir.Envelope) int {
	n := len(env.Levels)
	if env.Payload != "" {
		n++
	}
	return n
}

// eventDecls declares the Event interface, one struct per wire event, and Unknown.
func eventDecls(f *jen.File, p *ir.Platform) {
	env := p.Envelope
	f.Comment("Event is one decoded event: a pointer to one of the event structs of this package, *Unknown for an")
	f.Comment("event type the vendor does not document")
	if env.Batch != "" {
		f.Comment("or *Invalid for a batch item whose envelope could not be read.")
	} else {
		f.Comment("")
	}
	f.Comment("")
	f.Comment("The interface is sealed: only this package's types implement it. Switch on the concrete type.")
	f.Type().Id("Event").Interface(
		jen.Comment("EventType returns the event's type, its discriminator value as sent."),
		jen.Id("EventType").Params().Id("EventType"),
		jen.Comment("Validate reports every problem of the event: missing required members, nulls where none are"),
		jen.Comment("allowed, members of the wrong JSON kind, closed-enum and constraint violations. The error is"),
		jen.Comment("Problems, each with the JSON pointer of the value it concerns."),
		jen.Id("Validate").Params().Error(),
		jen.Comment("MarshalJSON encodes the event as it came: unknown members, nulls and text kept."),
		jen.Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()),
		jen.Id("decode").Params(jen.Op("*").Qual(wirePkg, "Decoder")),
		jen.Id("encode").Params(jen.Op("*").Qual(wirePkg, "Encoder")),
		jen.Id("validate").Params(jen.Op("*").Qual(wirePkg, "Problems"), jen.Op("*").Qual(wirePkg, "Path")),
	)
	for _, e := range p.WireEvents() {
		eventDecl(f, p, e)
	}
	unknownDecl(f, env)
}

func eventDecl(f *jen.File, p *ir.Platform, e *ir.Event) {
	env := p.Envelope.Of(e)
	paras := []string{fmt.Sprintf("On the wire its %s is %s.", jsonLiteral(joinPath(env.DiscriminatorPath())), jsonLiteral(e.Name))}
	if e.Absent {
		paras[0] = fmt.Sprintf("On the wire its %s is absent, null or \"\"; %s is a label, never sent as the event type.",
			jsonLiteral(joinPath(env.DiscriminatorPath())), jsonLiteral(e.Name))
	}
	if e.Description != "" && e.Description != e.Summary {
		paras = append(paras, e.Description)
	}
	if e.Support != "" {
		paras = append(paras, "Support: "+e.Support)
	}
	f.Add(comment(sentence(e.GoName, "is the "+jsonLiteral(e.Name)+" event.", e.Summary), paras, e.Discrepancies, source(e.Source)))
	fields := fieldDecls(e.Fields)
	fields = append(fields, jen.Comment("size is the length of the event's JSON when it was decoded, to size the encoding buffer."), jen.Id("size").Int())
	if n := envLevels(env); n > 0 {
		fields = append(fields,
			jen.Comment("env keeps the unknown members of each envelope level verbatim."),
			jen.Id("env").Index(jen.Lit(n)).Qual(wirePkg, "Members"),
			jen.Comment("envOmit has bit k set when the member leading from envelope level k down was absent or not an object."),
			jen.Id("envOmit").Uint8(),
		)
	}
	f.Type().Id(e.GoName).Struct(fields...)
	f.Comment("EventType returns " + e.ConstName + ".")
	f.Func().Params(jen.Id("x").Op("*").Id(e.GoName)).Id("EventType").Params().Id("EventType").Block(jen.Return(jen.Id(e.ConstName)))
}

func joinPath(p []string) string {
	out := ""
	for i, s := range p {
		if i > 0 {
			out += "."
		}
		out += s
	}
	return out
}

func unknownDecl(f *jen.File, env *ir.Envelope) {
	f.Comment("Unknown is an event whose type the vendor does not document (or this package does not know yet).")
	f.Comment("It is not an error: new event types must never break a consumer. Raw is the event verbatim, and")
	f.Comment("MarshalJSON returns it unchanged.")
	f.Type().Id("Unknown").Struct(
		jen.Comment("Type is the discriminator value as sent."), jen.Id("Type").Id("EventType"),
		jen.Comment("Raw is the whole event as sent."), jen.Id("Raw").Qual(jsonPkg, "RawMessage"),
	)
	f.Comment("EventType returns the type as sent.")
	f.Func().Params(jen.Id("x").Op("*").Id("Unknown")).Id("EventType").Params().Id("EventType").Block(jen.Return(jen.Id("x").Dot("Type")))
	f.Comment("Validate returns nil: nothing is known about the payload of an unknown event.")
	f.Func().Params(jen.Id("x").Op("*").Id("Unknown")).Id("Validate").Params().Error().Block(jen.Return(jen.Nil()))
	f.Func().Params(jen.Id("x").Op("*").Id("Unknown")).Id("decode").Params(jen.Id("d").Op("*").Qual(wirePkg, "Decoder")).Block(
		jen.Id("x").Dot("Raw").Op("=").Qual(jsonPkg, "RawMessage").Call(jen.Id("d").Dot("Skip").Call()))
	f.Func().Params(jen.Id("x").Op("*").Id("Unknown")).Id("encode").Params(jen.Id("e").Op("*").Qual(wirePkg, "Encoder")).Block(
		jen.Id("e").Dot("RawBytes").Call(jen.Id("x").Dot("Raw")))
	f.Func().Params(jen.Id("x").Op("*").Id("Unknown")).Id("validate").Params(jen.Op("*").Qual(wirePkg, "Problems"), jen.Op("*").Qual(wirePkg, "Path")).Block()
	f.Comment("rawOrNull returns raw, or the JSON null for an empty RawMessage, so encoding always yields valid JSON.")
	f.Func().Id("rawOrNull").Params(jen.Id("raw").Qual(jsonPkg, "RawMessage")).Index().Byte().Block(
		jen.If(jen.Len(jen.Id("raw")).Op("==").Lit(0)).Block(jen.Return(jen.Index().Byte().Parens(jen.Lit("null")))),
		jen.Return(jen.Id("raw")),
	)
	if env.Batch != "" {
		invalidDecl(f)
	}
}

func invalidDecl(f *jen.File) {
	f.Comment("Invalid is a batch item whose envelope could not be read (not an object, or no readable event type).")
	f.Comment("It keeps the item verbatim so that re-encoding the batch loses nothing; Err says what is wrong.")
	f.Type().Id("Invalid").Struct(
		jen.Comment("Raw is the item as sent."), jen.Id("Raw").Qual(jsonPkg, "RawMessage"),
		jen.Comment("Err says why the item could not be decoded."), jen.Id("Err").Op("*").Id("DecodeError"),
	)
	f.Comment("EventType returns the empty type: an invalid item has none.")
	f.Func().Params(jen.Id("x").Op("*").Id("Invalid")).Id("EventType").Params().Id("EventType").Block(jen.Return(jen.Lit("")))
	f.Comment("Validate returns Err.")
	f.Func().Params(jen.Id("x").Op("*").Id("Invalid")).Id("Validate").Params().Error().Block(jen.Return(jen.Id("x").Dot("Err")))
	f.Func().Params(jen.Id("x").Op("*").Id("Invalid")).Id("decode").Params(jen.Id("d").Op("*").Qual(wirePkg, "Decoder")).Block(
		jen.Id("x").Dot("Raw").Op("=").Qual(jsonPkg, "RawMessage").Call(jen.Id("d").Dot("Skip").Call()))
	f.Func().Params(jen.Id("x").Op("*").Id("Invalid")).Id("encode").Params(jen.Id("e").Op("*").Qual(wirePkg, "Encoder")).Block(
		jen.Id("e").Dot("RawBytes").Call(jen.Id("x").Dot("Raw")))
	f.Func().Params(jen.Id("x").Op("*").Id("Invalid")).Id("validate").Params(jen.Id("ps").Op("*").Qual(wirePkg, "Problems"), jen.Id("p").Op("*").Qual(wirePkg, "Path")).Block(
		jen.Id("ps").Dot("Add").Call(jen.Id("p"), jen.Id("x").Dot("Err").Dot("Msg")))
}
