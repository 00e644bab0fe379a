package openapi

import (
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/eventgen/eventgen/generator/ir"
)

// union fills a discriminated union: one oneOf of the documented variants and the union's Unknown
// schema, with a discriminator whose mapping names the documented values. Every branch declares the
// discriminator member with its own values (a const or an enum, or for Unknown the exclusion of all of
// them), so exactly one branch matches and code generators dispatch on the member rather than on the
// presence of other members. OpenAPI 3.1 has no discriminator default (3.2's defaultMapping), so
// x-eventgen-default-mapping names Unknown, which takes every value the mapping does not name: the
// decoder keeps such an object as the Unknown variant.
func (b *builder) union(s *openapi3.Schema, t *ir.Type, d *prose) {
	disc := t.Discriminator
	mapping := map[string]openapi3.MappingRef{}
	var list []string
	var variants openapi3.SchemaRefs
	done := map[*ir.Type]bool{}
	for _, v := range t.Variants {
		mapping[v.Value] = openapi3.MappingRef{Ref: schemaRef(b.name(v.Type.Name))}
		vd := prose{text: v.Description, discrepancies: v.Discrepancies}
		list = append(list, item(code(v.Value)+" → "+b.name(v.Type.Name), vd))
		if !done[v.Type] {
			done[v.Type] = true
			variants = append(variants, b.variant(t, v.Type))
		}
	}
	unknown := b.name(t.UnknownName())
	*s = openapi3.Schema{
		OneOf:         append(variants, b.ref(t.UnknownName())),
		Discriminator: &openapi3.Discriminator{PropertyName: disc, Mapping: mapping},
		Extensions:    map[string]any{extDefaultMapping: schemaRef(unknown)}}
	d.note("A discriminated union: the member %s says which variant an object is. Documented values:\n\n%s",
		code(disc), bullets(list))
	d.note("Other values of %s are valid: such an object is the %s variant, kept verbatim by the decoder "+
		"(the last branch of oneOf; %s names it).", code(disc), unknown, code(extDefaultMapping))

	u := b.schemas[unknown].Value
	u.Type = typ("object")
	u.Required = []string{disc}
	u.Properties = openapi3.Schemas{disc: openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("string"),
		Not: openapi3.NewSchemaRef("", &openapi3.Schema{Enum: variantValues(t, nil)})})}
	u.AdditionalProperties = openapi3.AdditionalProperties{Has: yes()}
	u.Description = fmt.Sprintf("A %s whose %s is none of the documented values (%s). New variants may come at "+
		"any time; the decoder keeps such an object verbatim and Validate checks nothing in it.",
		b.name(t.Name), code(disc), codeList(anyStrings(variantValues(t, nil))))
}

// variant is the oneOf branch of a variant type: a reference when the type pins the discriminator to
// the values it stands for, else the reference plus an enum of those values.
func (b *builder) variant(t *ir.Type, vt *ir.Type) *openapi3.SchemaRef {
	values := variantValues(t, vt)
	if vt.Implied != nil && vt.Implied.Member == t.Discriminator {
		return b.ref(vt.Name) // its schema has the discriminator as a const
	}
	for _, f := range vt.Fields {
		if f.JSONName == t.Discriminator && len(f.Values) > 0 && subset(f.Values, values) {
			return b.ref(vt.Name)
		}
	}
	return openapi3.NewSchemaRef("", &openapi3.Schema{
		AllOf:      openapi3.SchemaRefs{b.ref(vt.Name)},
		Properties: openapi3.Schemas{t.Discriminator: openapi3.NewSchemaRef("", &openapi3.Schema{Enum: values})},
	})
}

// variantValues lists the discriminator values of a union, or of one of its variant types.
func variantValues(t *ir.Type, of *ir.Type) []any {
	var vs []any
	for _, v := range t.Variants {
		if of == nil || v.Type == of {
			vs = append(vs, v.Value)
		}
	}
	return vs
}

func subset(a, b []any) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func anyStrings(vs []any) []string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return s
}

func schemaRef(name string) string { return "#/components/schemas/" + name }
