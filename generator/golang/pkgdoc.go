package golang

import (
	"fmt"
	"strings"

	"github.com/eventgen/eventgen/generator/ir"
)

// packageDoc is the data of templates/doc.go.tmpl: the package clause and its doc comment, one entry
// per paragraph (a "# Heading" is a paragraph of its own).
type packageDoc struct {
	Package    string
	Paragraphs []string
}

func newPackageDoc(p *ir.Platform) packageDoc {
	version := ""
	if p.Version != "" {
		version = ", version " + p.Version
	}
	paras := []string{wrap(fmt.Sprintf("Package %s is the event catalogue of %s%s.", p.Package, p.Title, version))}
	if p.Description != "" {
		for _, para := range strings.Split(strings.TrimSpace(p.Description), "\n\n") {
			paras = append(paras, strings.TrimSpace(para))
		}
	}
	src := p.Source.Title
	if p.Source.Document != "" {
		src = p.Source.Document + " (" + p.Source.Title + ")"
	}
	paras = append(paras, wrap(fmt.Sprintf("It is generated from %s, a transcription of the vendor document %s.", p.SpecPath, src)))
	if p.Wire() {
		paras = append(paras, "# Decoding", wrap(decodingDoc(p)), wrap(repeatedDoc(p)))
	}
	catalogue := "Events lists every event the vendor documents, Lookup finds one by type, and Groups and EventsInGroup follow the document's headings."
	if len(p.Channels) > 0 {
		catalogue = "Events lists every event the vendor documents, Lookup finds one by type, Groups and EventsInGroup follow the document's headings, and Channels, SupportedOn and EventsOnChannel say where events are supported."
	}
	paras = append(paras, "# Catalogue", wrap(catalogue))
	if len(p.Discrepancies) > 0 {
		var list []string
		for _, d := range p.Discrepancies {
			list = append(list, "  - "+strings.ReplaceAll(wrap(d), "\n", "\n    "))
		}
		paras = append(paras, "# Discrepancies in the vendor document", strings.Join(list, "\n"))
	}
	return packageDoc{Package: p.Package, Paragraphs: paras}
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
		"each problem with a JSON pointer."
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
