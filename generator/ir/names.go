package ir

import (
	"fmt"
	"slices"

	"github.com/eventgen/eventgen/generator/spec"
)

// Reserved are the package-level Go names the generated API uses itself.
var Reserved = []string{
	"Batch", "ChannelInfo", "Channels", "Decode", "DecodeBatch", "DecodeError", "DecodeErrors", "Event", "EventInfo",
	"EventType", "Events", "EventsInGroup", "EventsOnChannel", "GroupInfo", "Groups", "Invalid", "JSONKind", "Lookup", "Null",
	"Opt", "Problem", "Problems", "Some", "SupportedOn", "TypePath", "Unknown",
	"Handler", "NewHandler", "DeliverySpec",
}

// checkNames reports Go identifiers that two spec names map to, naming both sites.
func (b *builder) checkNames() {
	pkg := map[string]string{}
	pkgPos := map[string]spec.Pos{}
	for _, r := range Reserved {
		pkg[r] = "a name of the generated API"
	}
	claim := func(name, what string, pos spec.Pos) {
		if prev, ok := pkg[name]; ok {
			at := ""
			if p, ok := pkgPos[name]; ok {
				at = " at " + p.String()
			}
			b.errs.Add(pos, "%s: Go name %s is already used by %s%s", what, name, prev, at)
			return
		}
		pkg[name], pkgPos[name] = what, pos
	}
	for _, e := range b.p.Events {
		if e.Undocumented || e.GoName == "" { // no Go name: reported already
			continue
		}
		claim(e.GoName, fmt.Sprintf("event %q", e.Name), e.Pos)
		claim(e.ConstName, fmt.Sprintf("event %q", e.Name), e.Pos)
		b.checkFieldNames(fmt.Sprintf("event %q", e.Name), e.Fields)
	}
	for _, t := range b.p.Types {
		claim(t.Name, fmt.Sprintf("type %q", t.Name), t.Pos)
		switch t.Kind {
		case KindUnion:
			claim(t.UnknownName(), fmt.Sprintf("type %q", t.Name), t.Pos)
			claim(t.DecodeName(), fmt.Sprintf("type %q (the decoder of one value)", t.Name), t.Pos)
			claim(t.VariantName(), fmt.Sprintf("type %q (the discriminator of a value)", t.Name), t.Pos)
		case KindTime:
			claim(t.OfName(), fmt.Sprintf("time type %q (its constructor)", t.Name), t.Pos)
		case KindEnum:
			for _, v := range t.Values {
				claim(v.GoName, fmt.Sprintf("enum %q value %v", t.Name, v.Value), v.Pos)
			}
		case KindObject:
			b.checkFieldNames(fmt.Sprintf("type %q", t.Name), t.Fields)
			if t.Included() {
				claim(t.InterfaceName(), fmt.Sprintf("type %q (the interface of the structs that include it)", t.Name), t.Pos)
			}
		}
	}
}

func (b *builder) checkFieldNames(owner string, fs []*Field) {
	seen := map[string]*Field{}
	for _, f := range fs {
		if f.GoName == "" { // reported already
			continue
		}
		if slices.Contains(StructMethods, f.GoName) {
			b.errs.Add(f.Pos, "%s: field %q: Go name %s is a method of the generated type; set go_name", owner, f.JSONName, f.GoName)
		}
		if prev, ok := seen[f.GoName]; ok {
			b.errs.Add(f.Pos, "%s: fields %q and %q both have the Go name %s (first at %s); set go_name", owner, prev.JSONName, f.JSONName, f.GoName, prev.Pos)
			continue
		}
		seen[f.GoName] = f
	}
}
