package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// cloudeventPkg is the runtime of the CloudEvents conversions.
const cloudeventPkg = "github.com/eventgen/eventgen/generated/cloudevent"

// cloudEventDecls declares the conversions between the platform's events and CloudEvents: the facts the
// spec gives about each event (type, id and time members, schema), ToCloudEvent and FromCloudEvent. The
// envelope, its checks and the id derivation live in the runtime (package cloudevent).
func cloudEventDecls(f *jen.File, p *ir.Platform) {
	f.ImportName(cloudeventPkg, "cloudevent")
	doc := "CloudEventSource is the source of the CloudEvents of this platform's events (the spec's\ncloudevents.source); cloudevent.Options.Source replaces it."
	if d := p.CloudEvents.Description; d != "" {
		doc += "\n\n" + wrap(d)
	}
	f.Add(lineComment(doc))
	f.Const().Id("CloudEventSource").Op("=").Lit(p.CloudEvents.Source)
	cloudEventFactsDecl(f, p)
	toCloudEventDecl(f, p)
	fromCloudEventDecl(f, p)
	handleCloudEventDecl(f, p)
}

// handleCloudEventDecl lets the Handler's registrations serve events read back from a log.
func handleCloudEventDecl(f *jen.File, p *ir.Platform) {
	f.ImportName(webhookPkg, "webhook")
	f.Comment("HandleCloudEvent decodes the event a CloudEvent carries (FromCloudEvent) and calls the functions")
	f.Comment("registered for it, as ServeHTTP does for a request: the same registrations serve the webhooks and a")
	f.Comment("consumer of the CloudEvents that a receiver appended to a log. webhook.FromContext(ctx) gives a")
	f.Comment("Delivery whose ID is the CloudEvent's id and Body its data (Request nil, Item -1). The error is")
	f.Comment("FromCloudEvent's or the functions'.")
	f.Func().Params(jen.Id("h").Op("*").Id("Handler")).Id("HandleCloudEvent").Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("ce").Op("*").Qual(cloudeventPkg, "Event")).Error().Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("FromCloudEvent").Call(jen.Id("ce")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Id("ctx").Op("=").Qual(webhookPkg, "NewContext").Call(jen.Id("ctx"), jen.Op("&").Qual(webhookPkg, "Delivery").Values(jen.Dict{
			jen.Id("Platform"): jen.Lit(p.Name), jen.Id("ID"): jen.Id("ce").Dot("ID"), jen.Id("Body"): jen.Id("ce").Dot("Data"), jen.Id("Item"): jen.Lit(-1)})),
		jen.Return(jen.Id("h").Dot("dispatch").Call(jen.Id("ctx"), jen.Qual(webhookPkg, "FromContext").Call(jen.Id("ctx")), jen.Id("ev"))),
	)
}

// cloudEventFact is the cloudevent.Facts literal of one event.
func cloudEventFact(p *ir.Platform, typ, schema string, facts ir.CloudEventFacts) jen.Code {
	d := jen.Dict{
		jen.Id("Platform"): jen.Lit(p.Name),
		jen.Id("Type"):     jen.Lit(typ),
		jen.Id("Source"):   jen.Id("CloudEventSource"),
	}
	if s := p.DataSchema(schema); s != "" {
		d[jen.Id("Schema")] = jen.Lit(s)
	}
	if facts.IDPath != nil {
		d[jen.Id("ID")] = stringSlice(facts.IDPath)
	}
	if t := facts.TimeType; t != nil {
		tm := jen.Dict{jen.Id("Path"): stringSlice(facts.TimePath)}
		if t.Unix != "" {
			tm[jen.Id("Unix")] = jen.Lit(t.Unix)
		} else {
			tm[jen.Id("Layouts")] = jen.Id(t.LayoutsName())
			if t.FractionSeparators != "" {
				tm[jen.Id("Seps")] = jen.Lit(t.FractionSeparators)
			}
		}
		d[jen.Id("Time")] = jen.Op("&").Qual(cloudeventPkg, "TimeMember").Values(tm)
	}
	return jen.Values(d)
}

func cloudEventFactsDecl(f *jen.File, p *ir.Platform) {
	var vals []jen.Code
	for _, e := range p.WireEvents() {
		vals = append(vals, cloudEventFact(p, p.CloudEventType(e.Name), e.GoName, e.CloudEvent))
	}
	f.Comment("cloudEventFacts is what the spec says about the CloudEvent of each event, in document order; the")
	f.Comment("last entry is for events of unknown types (its Type is completed per event).")
	vals = append(vals, cloudEventFact(p, "", "Unknown", p.CloudEvents.Unknown))
	f.Var().Id("cloudEventFacts").Op("=").Index(jen.Op("...")).Qual(cloudeventPkg, "Facts").Values(vals...)
}

func toCloudEventDecl(f *jen.File, p *ir.Platform) {
	var cases []jen.Code
	evs := p.WireEvents()
	for i, e := range evs {
		cases = append(cases, jen.Case(jen.Op("*").Id(e.GoName)).Block(
			jen.Id("facts").Op("=").Op("&").Id("cloudEventFacts").Index(jen.Lit(i))))
	}
	cases = append(cases, jen.Case(jen.Op("*").Id("Unknown")).Block(
		jen.Id("u").Op(":=").Id("cloudEventFacts").Index(jen.Lit(len(evs))),
		jen.Id("u").Dot("Type").Op("=").Id("CloudEventType").Call(jen.Id("ev")),
		jen.Id("facts").Op("=").Op("&").Id("u"),
	))
	if p.Envelope.Batch != "" {
		cases = append(cases, jen.Case(jen.Op("*").Id("Invalid")).Block(
			jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(p.Name+": an invalid batch item has no event type: it has no CloudEvent")))))
	}
	cases = append(cases, jen.Default().Block(
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(p.Name+": %T is not an event of this package"), jen.Id("ev")))))
	f.Comment("ToCloudEvent returns the CloudEvent of ev, in structured JSON mode once marshaled: its type is")
	f.Comment("CloudEventType(ev), its data the event as sent (MarshalJSON), its id and time the members the spec")
	f.Comment("marks event_id and event_time (without an id member: opts.ID, else an id derived from the data, so")
	f.Comment("that a redelivered event keeps its id), its dataschema the event's schema in the OpenAPI document.")
	f.Comment("See package cloudevent for every attribute.")
	if p.Envelope.Batch != "" {
		f.Comment("")
		f.Comment("An item of a batch is an event of its own; an *Invalid item has no CloudEvent.")
	}
	f.Func().Id("ToCloudEvent").Params(jen.Id("ev").Id("Event"), jen.Id("opts").Qual(cloudeventPkg, "Options")).Params(
		jen.Op("*").Qual(cloudeventPkg, "Event"), jen.Error()).Block(
		jen.Var().Id("facts").Op("*").Qual(cloudeventPkg, "Facts"),
		jen.Switch(jen.Id("ev").Assert(jen.Type())).Block(cases...),
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Id("ev").Dot("MarshalJSON").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Qual(cloudeventPkg, "New").Call(jen.Id("facts"), jen.Id("data"), jen.Id("opts"))),
	)
	f.Comment("CloudEventType returns the CloudEvents type of ev: " + quoteGo(p.CloudEventType("")) + " and its type as")
	f.Comment("sent (EventType), for events of unknown types too.")
	f.Func().Id("CloudEventType").Params(jen.Id("ev").Id("Event")).String().Block(
		jen.Return(jen.Lit(p.CloudEventType("")).Op("+").String().Parens(jen.Id("ev").Dot("EventType").Call())))
}

func fromCloudEventDecl(f *jen.File, p *ir.Platform) {
	f.Comment("FromCloudEvent decodes the event a CloudEvent carries (one of ToCloudEvent's, or any with this")
	f.Comment("platform's types and an event as data). It fails when the CloudEvent's type is not one of this")
	f.Comment("platform's, when its data cannot be decoded, or when the data holds another type than it says.")
	f.Func().Id("FromCloudEvent").Params(jen.Id("ce").Op("*").Qual(cloudeventPkg, "Event")).Params(jen.Id("Event"), jen.Error()).Block(
		jen.Return(jen.Qual(cloudeventPkg, "Decode").Call(jen.Id("ce"), jen.Lit(p.Name), jen.Id("Decode"), jen.Id("CloudEventType"))),
	)
}

func quoteGo(s string) string { return `"` + s + `"` }
