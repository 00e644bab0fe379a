// Package golang turns the IR of a platform into its Go package: structs, open enums, discriminated
// unions, single-pass decoders, lossless encoders, Validate and the catalogue. Emit is pure: IR in,
// files out; nothing here touches the disk.
package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/output"
	"github.com/eventgen/eventgen/templates"
)

// file is one generated Go file: its name and the function that fills it.
type file struct {
	name string
	wire bool // only for platforms with an envelope
	fill func(f *jen.File, p *ir.Platform, v *validator)
}

// files is the table of Go files a platform package consists of.
var files = []file{
	{name: "catalog_gen.go", fill: func(f *jen.File, p *ir.Platform, _ *validator) { catalogDecls(f, p) }},
	{name: "types_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) {
		typeDecls(f, p)
		includeDecls(f, p)
	}},
	{name: "events_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) {
		eventDecls(f, p)
		if p.Envelope.Batch != "" {
			f.Comment("DecodeErrors lists the batch items that could not be decoded.")
			f.Type().Id("DecodeErrors").Op("=").Qual(wirePkg, "DecodeErrors")
		}
		typePath(f, p)
		guards(f, p)
	}},
	{name: "decode_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) {
		dispatch(f, p)
		unionDecoders(f, p)
		eventDecoders(f, p)
		objectDecoders(f, p)
		readers(f, collectRefs(p))
	}},
	{name: "encode_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) {
		eventEncoders(f, p)
		typeEncoders(f, p)
		writers(f, collectRefs(p))
	}},
	{name: "validate_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, v *validator) {
		v.eventValidators(f, p)
		v.typeValidators(f, p)
		v.checkers(f, collectRefs(p))
		v.patternDecls(f)
	}},
	{name: "json_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) { stdjsonDecls(f, p) }},
	{name: "handler_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) { handlerDecls(f, p) }},
	{name: "cloudevents_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) { cloudEventDecls(f, p) }},
	{name: "runtime_gen.go", wire: true, fill: func(f *jen.File, _ *ir.Platform, _ *validator) { runtimeDecls(f) }},
}

// Emit returns the Go files of the platform's package, paths relative to the output root.
func Emit(p *ir.Platform) ([]output.File, error) {
	var out []output.File
	v := &validator{}
	for _, fd := range files {
		if fd.wire && !p.Wire() {
			continue
		}
		f := jen.NewFilePathName(p.ImportPath, p.Package)
		f.ImportName(wirePkg, "wire")
		f.HeaderComment(output.Header(p.SpecPath))
		fd.fill(f, p, v)
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", p.Name, fd.name, err)
		}
		out = append(out, output.File{Path: path.Join(p.Name, fd.name), Data: buf.Bytes()})
	}
	doc, err := templates.Render("doc.go.tmpl", newPackageDoc(p))
	if err != nil {
		return nil, err
	}
	src := []byte(output.Header(p.SpecPath) + "\n\n" + doc)
	formatted, err := format.Source(src) // gofmt normalises doc comments (lists, headings)
	if err != nil {
		return nil, fmt.Errorf("%s/doc_gen.go: %w\n%s", p.Name, err, src)
	}
	out = append(out, output.File{Path: path.Join(p.Name, "doc_gen.go"), Data: formatted})
	return out, nil
}

// runtimeDecls re-exports the runtime types consumers name in their own code. They stay aliases, so
// that they are the same types in every generated package (one errors.As(err, &problems) serves all
// platforms) and carry the runtime's methods without a copy. go doc prints an alias's own comment but
// not the methods of the type it stands for, so each comment lists that API.
func runtimeDecls(f *jen.File) {
	f.Add(lineComment(`Opt is a member that may be absent, null, or hold a value: re-encoding writes back
what came. The zero Opt is absent. Fields that are not both required and
non-nullable are Opts.

It is the runtime's wire.Opt, whose methods are:

	Get() (T, bool)   // the value, and whether there is one (neither null nor absent)
	Value() T         // the value, or the zero T
	IsSet() bool      // holds a value
	IsNull() bool     // is JSON null
	IsAbsent() bool   // the member was absent
	IsZero() bool     // same as IsAbsent; encoding/json omits a field tagged omitzero
	Set(v T)          // (on *Opt) hold v
	SetNull()         // (on *Opt) become null
	Clear()           // (on *Opt) become absent
	MarshalJSON() ([]byte, error) // the value, or null
	UnmarshalJSON([]byte) error   // (on *Opt) null or a value
	Format(fmt.State, rune)       // fmt prints the value, null or <absent>

Some and Null make Opts.`))
	f.Type().Id("Opt").Types(jen.Id("T").Any()).Op("=").Qual(wirePkg, "Opt").Types(jen.Id("T"))
	f.Comment("Some returns an Opt holding v.")
	f.Func().Id("Some").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Id("Opt").Types(jen.Id("T")).Block(
		jen.Return(jen.Qual(wirePkg, "Some").Call(jen.Id("v"))))
	f.Comment("Null returns an Opt holding JSON null.")
	f.Func().Id("Null").Types(jen.Id("T").Any()).Params().Id("Opt").Types(jen.Id("T")).Block(
		jen.Return(jen.Qual(wirePkg, "Null").Types(jen.Id("T")).Call()))
	f.Add(lineComment(`Problem is one validation failure, with the JSON pointer of the value it concerns.

It is the runtime's wire.Problem:

	type Problem struct {
		Pointer string // JSON pointer of the value concerned; "" for the whole document
		Message string // e.g. "must not be null"
	}

	func (p Problem) Error() string // "/data/id: must not be null"`))
	f.Type().Id("Problem").Op("=").Qual(wirePkg, "Problem")
	f.Add(lineComment(`Problems is what Validate returns: every failure, in document order. It is an
error, returned only when it is not empty; get it with errors.As.

It is the runtime's wire.Problems:

	type Problems []Problem
	func (p Problems) Error() string // one problem per line
	func (p Problems) Err() error    // p as an error, or nil when it is empty`))
	f.Type().Id("Problems").Op("=").Qual(wirePkg, "Problems")
	f.Add(lineComment(`DecodeError is why input could not be decoded: where (JSON pointer, byte offset)
and what. Decode returns it for input that is not JSON or has no readable event
type; UnmarshalJSON methods for values of the wrong JSON kind too.

It is the runtime's wire.DecodeError:

	type DecodeError struct {
		EventType string // discriminator value when known, else ""
		Pointer   string // JSON pointer of the failing value; "" when not known
		Offset    int    // byte offset in the input, -1 if not applicable
		Msg       string
	}

	// "decode SessionStarted event: /data/started: invalid character 'x' in string literal (offset 123)"
	func (e *DecodeError) Error() string`))
	f.Type().Id("DecodeError").Op("=").Qual(wirePkg, "DecodeError")
}

// guards are compile-time checks that every event struct implements Event.
func guards(f *jen.File, p *ir.Platform) {
	var defs []jen.Code
	for _, e := range p.WireEvents() {
		defs = append(defs, jen.Id("_").Id("Event").Op("=").Parens(jen.Op("*").Id(e.GoName)).Parens(jen.Nil()))
	}
	defs = append(defs, jen.Id("_").Id("Event").Op("=").Parens(jen.Op("*").Id("Unknown")).Parens(jen.Nil()))
	f.Var().Defs(defs...)
}
