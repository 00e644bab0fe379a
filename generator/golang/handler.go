package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// webhookPkg is the receiver runtime the generated handlers are built on.
const webhookPkg = "github.com/eventgen/eventgen/generated/webhook"

// handlerNames returns the Go names the handler gives an event: the method that registers its function
// and the Handler field that holds it. Every other name of handler_gen.go is fixed (Handler, NewHandler,
// DeliverySpec, OnEvent, OnUnknown, OnInvalid).
func handlerNames(goName string) (method, field string) { return ir.HandlerNames(goName) }

// handlerDecls declares the platform's http.Handler: what the spec says about delivery, the Handler with
// one registration per event, and the code that decodes a body and dispatches its events. The request
// rules and verification live in the runtime (package webhook).
func handlerDecls(f *jen.File, p *ir.Platform) {
	f.ImportName(webhookPkg, "webhook")
	deliverySpecDecl(f, p)
	handlerType(f, p)
	newHandlerDecl(f)
	registrations(f, p)
	deliverDecl(f, p)
	dispatchDecl(f, p)
}

// handlerFunc is the type of a registered function for events of type t.
func handlerFunc(t jen.Code) *jen.Statement {
	return jen.Func().Params(jen.Qual("context", "Context"), t).Error()
}

// handlerTargets are the event types a function can be registered for, with their Go types, in
// document order: the events, then Unknown, then Invalid for batches.
func handlerTargets(p *ir.Platform) (names []string, types []jen.Code) {
	for _, e := range p.WireEvents() {
		names = append(names, e.GoName)
		types = append(types, jen.Op("*").Id(e.GoName))
	}
	names = append(names, "Unknown")
	types = append(types, jen.Op("*").Id("Unknown"))
	if p.Envelope.Batch != "" {
		names = append(names, "Invalid")
		types = append(types, jen.Op("*").Id("Invalid"))
	}
	return names, types
}

func deliverySpecDecl(f *jen.File, p *ir.Platform) {
	d := p.Delivery
	vals := jen.Dict{
		jen.Id("Platform"):    jen.Lit(p.Name),
		jen.Id("Method"):      jen.Lit(d.Method),
		jen.Id("ContentType"): jen.Lit(d.ContentType),
	}
	if d.Secret != nil {
		vals[jen.Id("BodySecret")] = stringSlice(d.Secret)
	}
	if d.Signature != "" {
		vals[jen.Id("Signature")] = jen.Qual(webhookPkg, "StandardWebhooks")
	}
	if d.ID != nil {
		vals[jen.Id("DeliveryID")] = stringSlice(d.ID)
	}
	if d.Handshake != nil {
		var places []jen.Code
		for _, tp := range d.TokenPlaces {
			pv := jen.Dict{}
			switch {
			case tp.Header != "":
				pv[jen.Id("Header")] = jen.Lit(tp.Header)
			case tp.Query != "":
				pv[jen.Id("Query")] = jen.Lit(tp.Query)
			case tp.Member != nil:
				pv[jen.Id("Member")] = stringSlice(tp.Member)
			case tp.Form != "":
				pv[jen.Id("Form")] = jen.Lit(tp.Form)
			case tp.Body:
				pv[jen.Id("Body")] = jen.True()
			}
			places = append(places, jen.Values(pv))
		}
		hs := jen.Dict{jen.Id("Places"): jen.Index().Qual(webhookPkg, "Place").Values(places...)}
		if d.Handshake.ResponseStatus != 0 {
			hs[jen.Id("Status")] = jen.Lit(d.Handshake.ResponseStatus)
		}
		vals[jen.Id("Handshake")] = jen.Op("&").Qual(webhookPkg, "Handshake").Values(hs)
	}
	f.Comment("DeliverySpec returns what " + p.SpecPath + " declares about how the platform delivers events: the")
	f.Comment("method, the content type and how requests are verified. NewHandler is built from it.")
	f.Func().Id("DeliverySpec").Params().Qual(webhookPkg, "Spec").Block(
		jen.Return(jen.Qual(webhookPkg, "Spec").Values(vals)))
}

func stringSlice(ss []string) jen.Code {
	var vs []jen.Code
	for _, s := range ss {
		vs = append(vs, jen.Lit(s))
	}
	return jen.Index().String().Values(vs...)
}

func handlerType(f *jen.File, p *ir.Platform) {
	names, types := handlerTargets(p)
	fields := []jen.Code{
		jen.Id("rx").Op("*").Qual(webhookPkg, "Receiver"),
		jen.Id("onEvent").Add(handlerFunc(jen.Id("Event"))),
	}
	for i, n := range names {
		_, field := handlerNames(n)
		fields = append(fields, jen.Id(field).Add(handlerFunc(types[i])))
	}
	f.Comment("Handler receives the platform's webhooks: an http.Handler that checks each request by the rules of")
	f.Comment("package webhook (method, content type, body cap, the verification DeliverySpec declares), decodes the")
	f.Comment("body in one pass and calls the functions registered for its events. An event without a registered")
	f.Comment("function is acknowledged; an error from a function answers 5xx so that the platform delivers again.")
	if p.Envelope.Batch != "" {
		f.Comment("")
		f.Comment("A request is a batch: its events are dispatched one by one, in order, and the first error stops the")
		f.Comment("batch (the platform then delivers all of it again). webhook.FromContext(ctx).Item is the index of")
		f.Comment("the event in its batch.")
	}
	f.Comment("")
	f.Comment("Register the functions before serving; the Handler is then safe for concurrent use.")
	f.Type().Id("Handler").Struct(fields...)
}

func newHandlerDecl(f *jen.File) {
	f.Comment("NewHandler returns a Handler with no function registered. opts carries the secrets of the")
	f.Comment("verification DeliverySpec declares; its zero value keeps every other rule at its default.")
	f.Func().Id("NewHandler").Params(jen.Id("opts").Qual(webhookPkg, "Options")).Params(jen.Op("*").Id("Handler"), jen.Error()).Block(
		jen.Id("h").Op(":=").New(jen.Id("Handler")),
		jen.List(jen.Id("rx"), jen.Err()).Op(":=").Qual(webhookPkg, "New").Call(jen.Id("DeliverySpec").Call(), jen.Id("opts"), jen.Id("h").Dot("deliver")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("h").Dot("rx").Op("=").Id("rx"),
		jen.Return(jen.Id("h"), jen.Nil()),
	)
	f.Comment("ServeHTTP answers one delivery.")
	f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("ServeHTTP").Params(
		jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")).Block(
		jen.Id("h").Dot("rx").Dot("ServeHTTP").Call(jen.Id("w"), jen.Id("r")))
}

func registrations(f *jen.File, p *ir.Platform) {
	f.Comment("OnEvent registers fn to see every event first, before the function registered for its type (which")
	f.Comment("is not called when fn fails).")
	f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("OnEvent").Params(jen.Id("fn").Add(handlerFunc(jen.Id("Event")))).Block(
		jen.Id("h").Dot("onEvent").Op("=").Id("fn"))
	names, types := handlerTargets(p)
	for i, n := range names {
		method, field := handlerNames(n)
		switch n {
		case "Unknown":
			f.Comment(method + " registers fn for events of a type this package does not know. Without it they are")
			f.Comment("acknowledged: an unknown type is kept, not refused, so the platform does not deliver it again.")
		case "Invalid":
			f.Comment(method + " registers fn for batch items whose envelope cannot be read. Without it they are")
			f.Comment("acknowledged with the rest of the batch: delivering them again would not make them readable.")
		default:
			f.Comment(method + " registers fn for " + n + " events.")
		}
		f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id(method).Params(jen.Id("fn").Add(handlerFunc(types[i]))).Block(
			jen.Id("h").Dot(field).Op("=").Id("fn"))
	}
}

func deliverDecl(f *jen.File, p *ir.Platform) {
	params := jen.Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("d").Op("*").Qual(webhookPkg, "Delivery")).Error()
	f.Comment("deliver decodes a verified body and dispatches its events.")
	if p.Envelope.Batch == "" {
		f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("deliver").Add(params).Block(
			jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("Decode").Call(jen.Id("d").Dot("Body")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Qual(webhookPkg, "Undecodable").Call(jen.Err()))),
			jen.Return(jen.Id("h").Dot("dispatch").Call(jen.Id("ctx"), jen.Id("d"), jen.Id("ev"))),
		)
		return
	}
	f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("deliver").Add(params).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("DecodeBatch").Call(jen.Id("d").Dot("Body")),
		jen.If(jen.Id("b").Op("==").Nil()).Block(jen.Return(jen.Qual(webhookPkg, "Undecodable").Call(jen.Err()))),
		jen.For(jen.List(jen.Id("i"), jen.Id("ev")).Op(":=").Range().Id("b").Dot("Events")).Block(
			jen.Id("d").Dot("Item").Op("=").Id("i"),
			jen.If(jen.Err().Op(":=").Id("h").Dot("dispatch").Call(jen.Id("ctx"), jen.Id("d"), jen.Id("ev")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err())),
		),
		jen.Return(jen.Nil()),
	)
}

func dispatchDecl(f *jen.File, p *ir.Platform) {
	names, types := handlerTargets(p)
	var cases []jen.Code
	for i, n := range names {
		_, field := handlerNames(n)
		cases = append(cases, jen.Case(types[i]).Block(
			jen.If(jen.Id("h").Dot(field).Op("!=").Nil()).Block(
				jen.Return(jen.Id("h").Dot(field).Call(jen.Id("ctx"), jen.Id("ev"))))))
	}
	f.Comment("dispatch calls the functions registered for one event.")
	f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("dispatch").Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("d").Op("*").Qual(webhookPkg, "Delivery"), jen.Id("ev").Id("Event")).Error().Block(
		jen.Id("d").Dot("Events").Op("++"),
		jen.If(jen.Id("h").Dot("onEvent").Op("!=").Nil()).Block(
			jen.If(jen.Err().Op(":=").Id("h").Dot("onEvent").Call(jen.Id("ctx"), jen.Id("ev")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()))),
		jen.Switch(jen.Id("ev").Op(":=").Id("ev").Assert(jen.Type())).Block(cases...),
		jen.Return(jen.Nil()),
	)
}
