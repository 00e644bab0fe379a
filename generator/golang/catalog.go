package golang

import (
	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

// catalogDecls declares EventType with its constants, and the catalogue: events, groups and channels
// with their lookups. It is the whole package for a catalogue-only platform.
func catalogDecls(f *jen.File, p *ir.Platform) {
	eventTypeDecl(f, p)
	eventInfoDecl(f, p)
	groupDecls(f, p)
	if len(p.Channels) > 0 {
		channelDecls(f, p)
	}
}

func eventTypeDecl(f *jen.File, p *ir.Platform) {
	f.Comment("EventType is the type of an event: its name as the platform sends it. It is an open enum: the")
	f.Comment("constants are the types the vendor documents, and any other value may arrive (Known reports which).")
	f.Type().Id("EventType").String()
	var consts, cases []jen.Code
	for _, e := range p.Events {
		if e.Undocumented {
			continue
		}
		if e.Absent {
			consts = append(consts, comment(e.ConstName+" is "+jsonLiteral(e.Name)+": "+firstLine(e.Summary, "a body without an event type")+
				"; it labels the bodies whose event type is absent, null or \"\". It is never sent as an event type, so "+
				"Known reports false and the catalogue does not list it.", nil, nil, ""),
				jen.Id(e.ConstName).Id("EventType").Op("=").Lit(e.Name))
			continue
		}
		consts = append(consts, comment(e.ConstName+" is "+jsonLiteral(e.Name)+": "+firstLine(e.Summary, "an event of the catalogue."), nil, nil, ""),
			jen.Id(e.ConstName).Id("EventType").Op("=").Lit(e.Name))
		cases = append(cases, jen.Id(e.ConstName))
	}
	f.Const().Defs(consts...)
	f.Comment("Known reports whether t is one of the documented event types.")
	f.Func().Params(jen.Id("t").Id("EventType")).Id("Known").Params().Bool().Block(
		jen.Switch(jen.Id("t")).Block(jen.Case(cases...).Block(jen.Return(jen.True()))),
		jen.Return(jen.False()),
	)
}

func firstLine(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func eventInfoDecl(f *jen.File, p *ir.Platform) {
	f.Comment("EventInfo describes one event of the catalogue.")
	fields := []jen.Code{
		jen.Comment("Type is the event's type on the wire; empty when the vendor names the event without documenting"),
		jen.Comment("its wire name (such events arrive as Unknown)."),
		jen.Id("Type").Id("EventType"),
		jen.Comment("Name is the type, or for an undocumented event the label the catalogue gives it."),
		jen.Id("Name").String(),
		jen.Comment("Group is the key of the group the vendor files the event under (see Groups)."),
		jen.Id("Group").String(),
		jen.Comment("Summary is one line; Description is the vendor's fuller text, translated to English."),
		jen.Id("Summary").String(),
		jen.Id("Description").String(),
		jen.Comment("Documented reports whether the vendor documents the event's wire name and payload."),
		jen.Id("Documented").Bool(),
		jen.Comment("Support says where and when the event is sent, as the vendor words it."),
		jen.Id("Support").String(),
	}
	if len(p.Channels) > 0 {
		fields = append(fields, jen.Comment("Channels are the keys of the channels the event is supported on (see Channels)."), jen.Id("Channels").Index().String())
	}
	f.Type().Id("EventInfo").Struct(fields...)
	f.Var().Id("events").Op("=").Index().Id("EventInfo").ValuesFunc(func(g *jen.Group) {
		for _, e := range p.Events {
			if e.Absent {
				continue // not an event of the catalogue: see its EventType constant
			}
			d := jen.Dict{
				jen.Id("Name"): jen.Lit(e.Name), jen.Id("Summary"): jen.Lit(e.Summary),
				jen.Id("Documented"): jen.Lit(!e.Undocumented),
			}
			if !e.Undocumented {
				d[jen.Id("Type")] = jen.Id(e.ConstName)
			}
			if e.Group != nil {
				d[jen.Id("Group")] = jen.Lit(e.Group.Name)
			}
			if e.Description != "" {
				d[jen.Id("Description")] = jen.Lit(e.Description)
			}
			if e.Support != "" {
				d[jen.Id("Support")] = jen.Lit(e.Support)
			}
			if len(e.Channels) > 0 {
				d[jen.Id("Channels")] = jen.Index().String().ValuesFunc(func(g *jen.Group) {
					for _, c := range e.Channels {
						g.Lit(c.Name)
					}
				})
			}
			g.Values(d)
		}
	})
	f.Comment("Events returns the catalogue in the vendor document's order. The slice is a copy.")
	f.Func().Id("Events").Params().Index().Id("EventInfo").Block(jen.Return(jen.Qual("slices", "Clone").Call(jen.Id("events"))))
	f.Comment("Lookup returns the catalogue entry of an event type.")
	f.Func().Id("Lookup").Params(jen.Id("t").Id("EventType")).Params(jen.Id("EventInfo"), jen.Bool()).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("events")).Block(
			jen.If(jen.Id("e").Dot("Documented").Op("&&").Id("e").Dot("Type").Op("==").Id("t")).Block(jen.Return(jen.Id("e"), jen.True())),
		),
		jen.Return(jen.Id("EventInfo").Values(), jen.False()),
	)
}

func groupDecls(f *jen.File, p *ir.Platform) {
	f.Comment("GroupInfo is a heading the vendor files events under.")
	f.Type().Id("GroupInfo").Struct(
		jen.Comment("Name is the group's key; Title and Description are the vendor's."),
		jen.Id("Name").String(), jen.Id("Title").String(), jen.Id("Description").String(),
	)
	f.Var().Id("groups").Op("=").Index().Id("GroupInfo").ValuesFunc(func(g *jen.Group) {
		for _, gr := range p.Groups {
			g.Values(jen.Dict{jen.Id("Name"): jen.Lit(gr.Name), jen.Id("Title"): jen.Lit(gr.Title), jen.Id("Description"): jen.Lit(gr.Description)})
		}
	})
	f.Comment("Groups returns the groups in the vendor document's order. The slice is a copy.")
	f.Func().Id("Groups").Params().Index().Id("GroupInfo").Block(jen.Return(jen.Qual("slices", "Clone").Call(jen.Id("groups"))))
	f.Comment("EventsInGroup returns the events filed under the group with the given key, in document order.")
	f.Func().Id("EventsInGroup").Params(jen.Id("group").String()).Index().Id("EventInfo").Block(
		jen.Var().Id("out").Index().Id("EventInfo"),
		jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("events")).Block(
			jen.If(jen.Id("e").Dot("Group").Op("==").Id("group")).Block(jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("e"))),
		),
		jen.Return(jen.Id("out")),
	)
}

func channelDecls(f *jen.File, p *ir.Platform) {
	f.Comment("ChannelInfo is a channel events may be supported on.")
	f.Type().Id("ChannelInfo").Struct(
		jen.Comment("Name is the channel's key; Title and Description are the vendor's."),
		jen.Id("Name").String(), jen.Id("Title").String(), jen.Id("Description").String(),
		jen.Comment("Inbound reports whether clients reach the bot through the channel."),
		jen.Id("Inbound").Bool(),
	)
	f.Var().Id("channels").Op("=").Index().Id("ChannelInfo").ValuesFunc(func(g *jen.Group) {
		for _, c := range p.Channels {
			g.Values(jen.Dict{jen.Id("Name"): jen.Lit(c.Name), jen.Id("Title"): jen.Lit(c.Title), jen.Id("Description"): jen.Lit(c.Description), jen.Id("Inbound"): jen.Lit(c.Inbound)})
		}
	})
	f.Comment("Channels returns the channels in the spec's order. The slice is a copy.")
	f.Func().Id("Channels").Params().Index().Id("ChannelInfo").Block(jen.Return(jen.Qual("slices", "Clone").Call(jen.Id("channels"))))
	f.Comment("SupportedOn reports whether the vendor documents the event type as supported on the channel with the")
	f.Comment("given key. Events documented without channel information report false for every channel.")
	f.Func().Id("SupportedOn").Params(jen.Id("t").Id("EventType"), jen.Id("channel").String()).Bool().Block(
		jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("Lookup").Call(jen.Id("t")),
		jen.Return(jen.Id("ok").Op("&&").Qual("slices", "Contains").Call(jen.Id("e").Dot("Channels"), jen.Id("channel"))),
	)
	f.Comment("EventsOnChannel returns the events supported on the channel with the given key, in document order.")
	f.Func().Id("EventsOnChannel").Params(jen.Id("channel").String()).Index().Id("EventInfo").Block(
		jen.Var().Id("out").Index().Id("EventInfo"),
		jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("events")).Block(
			jen.If(jen.Qual("slices", "Contains").Call(jen.Id("e").Dot("Channels"), jen.Id("channel"))).Block(jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("e"))),
		),
		jen.Return(jen.Id("out")),
	)
}
