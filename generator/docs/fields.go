package docs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// fields makes the rows of an object's members, by name. A member that is an inline object or one of
// the given components (the levels of the envelope, the payload) is followed by the rows of its own
// members.
func (b *builder) fields(s *openapi3.Schema, parent string, depth int, expand []string) []*Field {
	var out []*Field
	for _, name := range sortedKeys(s.Properties) {
		r := s.Properties[name]
		if r == nil {
			continue
		}
		f := b.field(name, r, parent, depth, slices.Contains(s.Required, name))
		out = append(out, f)
		if child := b.expanded(r, expand); child != nil {
			if r.Ref != "" {
				f.Description = markdown(child.Description) // the payload: its members follow
				if len(child.Properties) == 0 {
					// A payload that is one value: its own type, as the component is not listed.
					f.Type, f.Nullable = b.typeExpr(openapi3.NewSchemaRef("", child))
					f.Constraints, f.Enum = constraints(child), b.enumOf(openapi3.NewSchemaRef("", child))
				}
			}
			out = append(out, b.fields(child, parent+name+".", depth+1, expand)...)
		}
	}
	return out
}

// expanded returns the object whose members are shown under a member: an inline object with
// members, or one of the components to expand.
func (b *builder) expanded(r *openapi3.SchemaRef, expand []string) *openapi3.Schema {
	switch {
	case r.Ref != "" && slices.Contains(expand, refName(r.Ref)):
		return b.schema(refName(r.Ref))
	case r.Ref == "" && r.Value != nil && len(r.Value.Properties) > 0 && len(r.Value.OneOf) == 0:
		return r.Value
	}
	return nil
}

// field makes the row of one member. The member's own keywords (description, constraints, enum) are
// in its schema, or in the allOf/anyOf wrapper around a reference.
func (b *builder) field(name string, r *openapi3.SchemaRef, parent string, depth int, required bool) *Field {
	f := &Field{Name: name, Path: parent + name, Parent: parent, Depth: depth, Required: required}
	f.Type, f.Nullable = b.typeExpr(r)
	own := r.Value
	if r.Ref != "" || own == nil {
		f.Enum = b.enumOf(r)
		return f
	}
	f.Deprecated = own.Deprecated
	f.Description = markdown(own.Description)
	f.Constraints = constraints(own)
	if len(own.Examples) > 0 {
		f.Example = compactJSON(own.Examples[0])
	}
	f.Enum = b.enumOf(r)
	return f
}

// typeExpr renders the type of a schema and reports whether it admits null.
func (b *builder) typeExpr(r *openapi3.SchemaRef) (TypeExpr, bool) {
	if r == nil {
		return TypeExpr{{Text: "any JSON value"}}, true
	}
	if r.Ref != "" {
		name := refName(r.Ref)
		return TypeExpr{{Text: name, Href: b.href(name)}}, false
	}
	s := r.Value
	switch {
	case s == nil:
		return TypeExpr{{Text: "any JSON value"}}, true
	case len(s.AllOf) == 1:
		return b.typeExpr(s.AllOf[0])
	case len(s.AnyOf) > 0:
		return b.alternatives(s.AnyOf, " or ")
	case len(s.OneOf) > 0:
		return b.alternatives(s.OneOf, " or ")
	}
	return b.jsonType(s)
}

// alternatives renders the branches of anyOf or oneOf; a null branch makes the type nullable instead.
func (b *builder) alternatives(refs openapi3.SchemaRefs, sep string) (TypeExpr, bool) {
	var out TypeExpr
	nullable := false
	for _, alt := range refs {
		if alt.Ref == "" && alt.Value != nil && alt.Value.Type.Is("null") {
			nullable = true
			continue
		}
		t, null := b.typeExpr(alt)
		nullable = nullable || null
		if len(out) > 0 {
			out = append(out, TypePart{Text: sep})
		}
		out = append(out, t...)
	}
	return out, nullable
}

// jsonType renders the type keyword of a schema: arrays and maps with their element type.
func (b *builder) jsonType(s *openapi3.Schema) (TypeExpr, bool) {
	types := s.Type.Slice()
	nullable := slices.Contains(types, "null")
	types = slices.DeleteFunc(slices.Clone(types), func(t string) bool { return t == "null" })
	switch {
	case len(types) == 0:
		return TypeExpr{{Text: "any JSON value"}}, true
	case len(types) == 5:
		return TypeExpr{{Text: "any JSON value but null"}}, nullable
	case len(types) > 1:
		return TypeExpr{{Text: strings.Join(types, " or ")}}, nullable
	}
	switch t := types[0]; {
	case t == "array" && s.Items != nil:
		elem, null := b.typeExpr(s.Items)
		return append(append(TypeExpr{{Text: "array of "}}, elem...), orNull(null)...), nullable
	case t == "object" && s.AdditionalProperties.Schema != nil:
		elem, null := b.typeExpr(s.AdditionalProperties.Schema)
		return append(append(TypeExpr{{Text: "map of "}}, elem...), orNull(null)...), nullable
	case s.Format != "":
		return TypeExpr{{Text: t + " (" + s.Format + ")"}}, nullable
	default:
		return TypeExpr{{Text: t}}, nullable
	}
}

func orNull(null bool) TypeExpr {
	if null {
		return TypeExpr{{Text: " or null"}}
	}
	return nil
}

// enumOf returns the values a member admits: its own enum (closed), or the values of the enum type
// it refers to (open or closed as that type says).
func (b *builder) enumOf(r *openapi3.SchemaRef) *Enum {
	if r.Ref == "" && r.Value != nil && len(r.Value.Enum) > 0 {
		return &Enum{Values: enumValues(r.Value.Enum)}
	}
	ref := r.Ref
	if ref == "" && r.Value != nil {
		for _, w := range append(slices.Clone(r.Value.AllOf), r.Value.AnyOf...) {
			if w.Ref != "" {
				ref = w.Ref
			}
		}
	}
	if s := b.schema(refName(ref)); ref != "" && s != nil {
		if values, open, ok := enumType(s); ok {
			e := &Enum{Values: values, Open: open, Count: len(values),
				Type: TypeExpr{{Text: refName(ref), Href: b.href(refName(ref))}}}
			if len(values) > maxInlineValues {
				e.Values = nil
			}
			return e
		}
	}
	return nil
}

// maxInlineValues is the most values of an enum type a member's row lists.
const maxInlineValues = 12

// enumType reads an enum type: closed (enum) or open (its base type, marked x-eventgen-open-enum,
// with the documented values in x-extensible-enum).
func enumType(s *openapi3.Schema) (values []string, open, ok bool) {
	if len(s.Enum) > 0 {
		return enumValues(s.Enum), false, true
	}
	if k := enumBranch(s); k != nil {
		ext(s.Extensions, extOpenEnum, &open)
		return enumValues(k.Enum), open, true
	}
	return nil, false, false
}

// enumBranch returns, for an open enum, a schema that lists its documented values (x-extensible-enum)
// as its enum, with the open enum's extensions.
func enumBranch(s *openapi3.Schema) *openapi3.Schema {
	var open bool
	var values []any
	if !ext(s.Extensions, extOpenEnum, &open) || !open || !ext(s.Extensions, extExtensibleEnum, &values) || len(values) == 0 {
		return nil
	}
	return &openapi3.Schema{Enum: values, Extensions: s.Extensions}
}

// enumValues renders enum values; null, which a nullable member's enum lists, is left out (the
// member says it is nullable).
func enumValues(vs []any) []string {
	var out []string
	for _, v := range vs {
		if v != nil {
			out = append(out, valueText(v))
		}
	}
	return out
}

// constraints lists the validation keywords of a schema, and the extensions that stand for keywords
// JSON Schema does not have.
func constraints(s *openapi3.Schema) []Constraint {
	var out []Constraint
	add := func(name, value string) { out = append(out, Constraint{Name: name, Value: value}) }
	if s.Const != nil {
		add("const", valueText(s.Const))
	}
	if s.MinLength > 0 {
		add("minLength", fmt.Sprint(s.MinLength))
	}
	if s.MaxLength != nil {
		add("maxLength", fmt.Sprint(*s.MaxLength))
	}
	var maxBytes int
	if ext(s.Extensions, extMaxBytes, &maxBytes) {
		add("max bytes", fmt.Sprintf("%d (%s)", maxBytes, extMaxBytes))
	}
	if s.Pattern != "" {
		add("pattern", s.Pattern)
	}
	if s.Min != nil {
		add("minimum", number(*s.Min))
	}
	if s.Max != nil {
		add("maximum", number(*s.Max))
	}
	if s.MinItems > 0 {
		add("minItems", fmt.Sprint(s.MinItems))
	}
	if s.MaxItems != nil {
		add("maxItems", fmt.Sprint(*s.MaxItems))
	}
	return append(out, moreConstraints(s)...)
}

// moreConstraints lists the keywords that describe rather than limit: default, exclusions, time
// formats, what the platform fills in.
func moreConstraints(s *openapi3.Schema) []Constraint {
	var out []Constraint
	if s.Default != nil {
		out = append(out, Constraint{Name: "default", Value: compactJSON(s.Default)})
	}
	if n := s.Not; n != nil && n.Value != nil && len(n.Value.Enum) > 0 {
		out = append(out, Constraint{Name: "not one of", Values: enumValues(n.Value.Enum)})
	}
	var layouts []string
	if ext(s.Extensions, extTimeLayouts, &layouts) {
		out = append(out, Constraint{Name: "time layouts", Values: layouts})
	}
	var text string
	if ext(s.Extensions, extUnix, &text) {
		out = append(out, Constraint{Name: "unix time", Value: text})
	}
	if ext(s.Extensions, extZone, &text) {
		out = append(out, Constraint{Name: "time zone", Value: text})
	}
	var yes bool
	if ext(s.Extensions, extServerGenerated, &yes) && yes {
		out = append(out, Constraint{Name: "server-generated", Value: "yes"})
	}
	for _, member := range sortedKeys(s.DependentRequired) {
		out = append(out, Constraint{Name: "with " + member + ", also", Values: s.DependentRequired[member]})
	}
	return out
}
