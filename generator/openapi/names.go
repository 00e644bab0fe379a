package openapi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/eventgen/eventgen/generator/naming"
)

// Code generators name the types they derive from a document after its components: ogen declares
// Client, Server, Handler… and, for every component X, OptX, NilX and OptNilX, and for a union X the
// type of its discriminator, XType, with a constant VX per variant V; oapi-codegen names the type of
// an inline property schema (an enum or const, an object, an allOf) after its component and member,
// <X><Member>. A component that takes one of these names breaks the generated code (mluvii's Client;
// LiveChat's SystemMessageType beside the const of SystemMessage.type). The component names of a
// document are therefore computed once: Build makes the document with the types' own names, collects
// every name the tools derive from it (derivedNames), and when a type's name is among them builds the
// document again with that type renamed (renamed), which in turn must clash with nothing.

// renameSuffix is appended to the component name of a type whose own name a tool derives.
const renameSuffix = "Schema"

// toolNames are the package-level names ogen (v1) declares in every package it generates.
var toolNames = []string{
	"Client", "ClientOption", "Handler", "Invoker", "Labeler", "Middleware", "Option", "OperationName",
	"Route", "SecurityHandler", "SecuritySource", "Server", "ServerOption", "UnimplementedHandler",
	"WebhookClient", "WebhookHandler", "WebhookServer", "ErrorHandler",
}

// name returns the component name of the schema of a type, event or fixed schema, given its own name.
func (b *builder) name(n string) string {
	if r, ok := b.names[n]; ok {
		return r
	}
	return n
}

// derivedNames returns the names code generators derive from the document's components, each with
// what it is derived from.
func derivedNames(schemas openapi3.Schemas, operationIDs []string) map[string]string {
	out := map[string]string{}
	add := func(name, from string) {
		if _, ok := out[name]; !ok {
			out[name] = from
		}
	}
	for _, n := range toolNames {
		add(n, "a name every ogen package declares")
	}
	for _, id := range operationIDs {
		g := naming.GoName(id)
		for _, suffix := range []string{"", "OK", "2XX", "Req", "Res", "Params", "Request", "Response", "Parameters"} {
			add(g+suffix, "operation "+id)
		}
	}
	for _, name := range sortedNames(schemas) {
		s := schemas[name].Value
		for _, prefix := range []string{"Opt", "Nil", "OptNil"} {
			add(prefix+name, "ogen's optional or nullable "+name)
		}
		if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
			add(name+"Type", "ogen's discriminator type of "+name)
			for _, v := range append(slices.Clone(s.OneOf), s.AnyOf...) {
				if v.Ref != "" {
					add(strings.TrimPrefix(v.Ref, schemaRef(""))+name, "ogen's discriminator value of "+name)
				}
			}
		}
		for _, m := range sortedNames(s.Properties) {
			p := s.Properties[m]
			if p.Ref == "" && p.Value != nil && (len(p.Value.Enum) > 0 || p.Value.Const != nil || len(p.Value.Properties) > 0 ||
				len(p.Value.AllOf) > 0 || len(p.Value.OneOf) > 0 || len(p.Value.AnyOf) > 0) {
				add(name+naming.GoName(m), fmt.Sprintf("the inline schema of %s.%s", name, m))
			}
		}
	}
	return out
}

// clashes lists the components whose names a tool derives from the document, sorted.
func clashes(doc *openapi3.T) []string {
	var ids []string
	for _, item := range doc.Webhooks {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	derived := derivedNames(doc.Components.Schemas, ids)
	var out []string
	for _, name := range sortedNames(doc.Components.Schemas) {
		if _, ok := derived[name]; ok {
			out = append(out, name)
		}
	}
	return out
}

// renamed returns the component names of the types whose own names clash; it reports clashes it
// cannot resolve, a component that is not a type's among them.
func (b *builder) renamed(clashing []string, doc *openapi3.T) (map[string]string, error) {
	types := map[string]bool{}
	for _, t := range b.p.Types {
		types[t.Name] = true
		types[t.UnknownName()] = true
	}
	out := map[string]string{}
	var bad []string
	derived := derivedNames(doc.Components.Schemas, nil)
	for _, n := range clashing {
		if !types[n] {
			bad = append(bad, fmt.Sprintf("schema %s: code generators derive this name from %s", n, derived[n]))
			continue
		}
		out[n] = n + renameSuffix
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(bad, "\n"))
	}
	return out, nil
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
