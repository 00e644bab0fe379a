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

// ModulePath is the import path of the module the generated packages live in.
const ModulePath = "github.com/eventgen/eventgen/generated"

// file is one generated Go file: its name and the function that fills it.
type file struct {
	name string
	wire bool // only for platforms with an envelope
	fill func(f *jen.File, p *ir.Platform, v *validator)
}

// files is the table of Go files a platform package consists of.
var files = []file{
	{name: "catalog_gen.go", fill: func(f *jen.File, p *ir.Platform, _ *validator) { catalogDecls(f, p) }},
	{name: "types_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) { typeDecls(f, p) }},
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
	{name: "handler_gen.go", wire: true, fill: func(f *jen.File, p *ir.Platform, _ *validator) { handlerDecls(f, p) }},
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
		f := jen.NewFilePathName(path.Join(ModulePath, p.Name), p.Package)
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

// runtimeDecls re-exports the runtime types consumers name in their own code.
func runtimeDecls(f *jen.File) {
	f.Comment("Opt is a member that may be absent, null, or a value. The zero Opt is absent.")
	f.Type().Id("Opt").Types(jen.Id("T").Any()).Op("=").Qual(wirePkg, "Opt").Types(jen.Id("T"))
	f.Comment("Some returns an Opt holding v.")
	f.Func().Id("Some").Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Id("Opt").Types(jen.Id("T")).Block(
		jen.Return(jen.Qual(wirePkg, "Some").Call(jen.Id("v"))))
	f.Comment("Null returns an Opt holding JSON null.")
	f.Func().Id("Null").Types(jen.Id("T").Any()).Params().Id("Opt").Types(jen.Id("T")).Block(
		jen.Return(jen.Qual(wirePkg, "Null").Types(jen.Id("T")).Call()))
	f.Comment("Problem is one validation failure, with the JSON pointer of the value it concerns.")
	f.Type().Id("Problem").Op("=").Qual(wirePkg, "Problem")
	f.Comment("Problems is what Validate returns: every failure, in document order.")
	f.Type().Id("Problems").Op("=").Qual(wirePkg, "Problems")
	f.Comment("DecodeError is why input could not be decoded: where (JSON pointer, byte offset) and what.")
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
