package golang

import (
	"fmt"
	"strings"

	"github.com/eventgen/eventgen/generator/ir"
)

// packageDoc is the data of templates/doc.go.tmpl: the package clause and its doc comment, one entry
// per paragraph (a "# Heading" is a paragraph of its own). The comment opens with how to use the
// package and keeps what concerns the transcription (the vendor's description, provenance,
// discrepancies) for the end.
type packageDoc struct {
	Package    string
	Paragraphs []string
}

func newPackageDoc(p *ir.Platform) packageDoc {
	version := ""
	if p.Version != "" {
		version = " (catalogue version " + p.Version + ")"
	}
	var paras []string
	if p.Wire() {
		paras = append(paras, wrap(fmt.Sprintf("Package %s decodes, validates and re-encodes the webhook events of %s%s.", p.Package, p.Title, version)),
			usageCode(p), "# Decoding", wrap(decodingDoc(p)), wrap(repeatedDoc(p)))
		if values := unionValuesDoc(p); values != "" {
			paras = append(paras, "# Values outside an event", wrap(values))
		}
		if shared := sharedDoc(p); shared != "" {
			paras = append(paras, "# Shared members", wrap(shared))
		}
		paras = append(paras, "# encoding/json and fmt", wrap("Every event and named type implements json.Marshaler with a value receiver "+
			"and json.Unmarshaler with the generated decoder, so events held in your own structs, slices and maps "+
			"encode and decode through encoding/json byte for byte as MarshalJSON writes them (json.Marshal escapes "+
			"<, > and & for HTML as it does for every value). Opt fields are tagged omitzero: an absent member stays "+
			"absent. fmt prints the exported fields only, and an Opt as its value, null or <absent>."))
	} else {
		paras = append(paras, wrap(fmt.Sprintf("Package %s is the event catalogue of %s%s.", p.Package, p.Title, version)))
	}
	catalogue := "Events lists every event the vendor documents, Lookup finds one by type, and Groups and EventsInGroup follow the document's headings."
	if len(p.Channels) > 0 {
		catalogue = "Events lists every event the vendor documents, Lookup finds one by type, Groups and EventsInGroup follow the document's headings, and Channels, SupportedOn and EventsOnChannel say where events are supported."
	}
	paras = append(paras, "# Catalogue", wrap(catalogue))
	return packageDoc{Package: p.Package, Paragraphs: append(paras, transcriptionDoc(p)...)}
}

// transcriptionDoc is the last section: where the package comes from and what the vendor says.
func transcriptionDoc(p *ir.Platform) []string {
	src := p.Source.Title
	if p.Source.Document != "" {
		src = p.Source.Document + " (" + p.Source.Title + ")"
	}
	paras := []string{"# The vendor's documentation",
		wrap(fmt.Sprintf("The package is generated from %s, a transcription of the vendor document %s.", p.SpecPath, src))}
	if p.Description != "" {
		for _, para := range strings.Split(strings.TrimSpace(p.Description), "\n\n") {
			paras = append(paras, strings.TrimSpace(para))
		}
	}
	if len(p.Discrepancies) > 0 {
		var list []string
		for _, d := range p.Discrepancies {
			list = append(list, "  - "+strings.ReplaceAll(wrap(d), "\n", "\n    "))
		}
		paras = append(paras, "# Discrepancies in the vendor document", strings.Join(list, "\n"))
	}
	return paras
}

// usageCode is the code block that opens the package comment: decode, validate, switch, Unknown.
func usageCode(p *ir.Platform) string {
	pkg := p.Package
	var lines []string
	add := func(indent int, format string, args ...any) {
		lines = append(lines, "\t"+strings.Repeat("\t", indent)+fmt.Sprintf(format, args...))
	}
	evs := p.WireEvents()
	in := 0
	if p.Envelope.Batch != "" {
		add(0, "batch, err := %s.DecodeBatch(body)", pkg)
		add(0, "if batch == nil {")
		add(1, "return err // not JSON, or no %q array: a *%s.DecodeError with a JSON pointer", p.Envelope.Batch, pkg)
		add(0, "}")
		add(0, "// err lists the items whose envelope could not be read (kept as *%s.Invalid)", pkg)
		add(0, "for _, ev := range batch.Events {")
		in = 1
	} else {
		add(0, "ev, err := %s.Decode(body)", pkg)
		add(0, "if err != nil {")
		add(1, "return err // not JSON, or no readable event type: a *%s.DecodeError with a JSON pointer", pkg)
		add(0, "}")
	}
	add(in, "if err := ev.Validate(); err != nil {")
	add(in+1, "log.Print(err) // %s.Problems: what the vendor's documentation does not allow, with JSON pointers", pkg)
	add(in, "}")
	add(in, "switch ev := ev.(type) {")
	for _, ev := range evs[:min(2, len(evs))] {
		add(in, "case *%s.%s:", pkg, ev.GoName)
		if fs := ev.PayloadFields(p.Envelope); len(fs) > 0 {
			add(in+1, "use(ev.%s)", fs[0].GoName)
		}
	}
	add(in, "case *%s.Unknown:", pkg)
	add(in+1, "// a type this package does not know yet: ev.Type, and the event verbatim in ev.Raw")
	add(in, "}")
	for _, t := range p.Types {
		if t.Included() && len(t.Fields) > 0 {
			add(in, "if x, ok := ev.(%s.%s); ok { // every event that includes %s", pkg, t.InterfaceName(), t.Name)
			add(in+1, "use(x.%s().%s)", t.Name, t.Fields[0].GoName)
			add(in, "}")
			break
		}
	}
	if in > 0 {
		add(0, "}")
	}
	return strings.Join(lines, "\n")
}

// unionValuesDoc names the decoders of one union value on its own, or returns "".
func unionValuesDoc(p *ir.Platform) string {
	var names []string
	var first *ir.Type
	for _, t := range p.Types {
		if t.Kind == ir.KindUnion {
			names = append(names, t.DecodeName())
			if first == nil {
				first = t
			}
		}
	}
	if first == nil {
		return ""
	}
	return "A value of a union that arrives on its own, outside a request body (the vendor's other APIs return them), " +
		"decodes with " + joinWords(names) + ": " + first.DecodeName() + " returns the " + first.Name + " variant that its " +
		jsonLiteral(first.Discriminator) + " names, or *" + first.UnknownName() + ", with the same guarantees as Decode. " +
		"Every union value has Validate and MarshalJSON, and VariantOf followed by the union's name (" + first.VariantName() + ") returns its discriminator value."
}

// sharedDoc names the interfaces of included members, or returns "".
func sharedDoc(p *ir.Platform) string {
	var names []string
	for _, t := range p.Types {
		if t.Included() {
			names = append(names, fmt.Sprintf("%s (method %s)", t.InterfaceName(), t.Name))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "Members that several events share through the spec's include are reachable without a type switch: " +
		"every struct that includes them satisfies " + joinWords(names) + ", whose method returns those members. " +
		"Type-assert the Event to the interface."
}

func decodingDoc(p *ir.Platform) string {
	env := p.Envelope
	entry := "Decode reads a request body"
	if env.Batch != "" {
		entry = fmt.Sprintf("DecodeBatch reads a request body ({%q: [...]}) and Decode one item", env.Batch)
	}
	where := "The event type is the member " + joinPath(env.DiscriminatorPath())
	if env.Payload != "" {
		where += " and the payload is " + joinPath(env.PayloadPath())
	}
	return entry + "; each event comes back as a pointer to its struct (see Event). " + where + ". " +
		"An event type the vendor does not document decodes as *Unknown with its raw bytes: new types never break a consumer. " +
		"Decoding is lossless: unknown members, unknown enum values, null versus absent and the text of timestamps are kept, " +
		"so MarshalJSON reproduces what was received. Validate reports what does not match the vendor's documentation, " +
		"each problem with a JSON pointer; Decode fails only on input that is not JSON or has no readable event type."
}

// repeatedDoc says which of several members of the same name decoding reads, for the package doc.
func repeatedDoc(p *ir.Platform) string {
	env := p.Envelope
	disc := joinPath(env.DiscriminatorPath())
	path := env.DiscriminatorPath()
	last := jsonLiteral(path[len(path)-1])
	example := "{" + last + ": 1, " + last + ": \"T\"}"
	for i := len(path) - 2; i >= 0; i-- {
		example = "{" + jsonLiteral(path[i]) + ": " + example + "}"
	}
	batch := ""
	if env.Batch != "" {
		batch = " (and for the " + jsonLiteral(env.Batch) + " array of a batch)"
	}
	return "A member that occurs more than once in an object is read once. For a payload member the first occurrence counts. " +
		"For the event type (" + disc + ") and the objects that lead to it" + batch + ", the first occurrence of the right JSON kind counts " +
		"(a string for the type, an object on the way), so that a readable event type is never missed: " +
		example + " decodes as T. " +
		"encoding/json would take the last occurrence instead; the others are kept verbatim, and Validate reports each of them " +
		"(\"duplicate member\", or its wrong kind), so a consumer that must agree with another JSON reader rejects such bodies by checking Validate."
}
