package openapi

import (
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/eventgen/eventgen/generator/ir"
)

// union fills a discriminated union. Its oneOf has two branches: the documented variants (an inner
// oneOf with the discriminator and its mapping, so that tools can dispatch on it), and the union's
// Unknown schema, which takes exactly the values the mapping does not name (the decoder keeps such an
// object as the Unknown variant; x-eventgen-default-mapping names it, as OpenAPI 3.2's
// discriminator.defaultMapping would). Every variant pins the discriminator to its own values, so
// exactly one branch matches at either level.
func (b *builder) union(s *openapi3.Schema, t *ir.Type, d *prose) {
	disc := t.Discriminator
	mapping := map[string]openapi3.MappingRef{}
	var list []string
	var variants openapi3.SchemaRefs
	done := map[*ir.Type]bool{}
	for _, v := range t.Variants {
		mapping[v.Value] = openapi3.MappingRef{Ref: schemaRef(v.Type.Name)}
		vd := prose{text: v.Description, discrepancies: v.Discrepancies}
		list = append(list, item(code(v.Value)+" → "+v.Type.Name, vd))
		if !done[v.Type] {
			done[v.Type] = true
			variants = append(variants, b.variant(t, v.Type))
		}
	}
	discString := openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("string"), Description: "Says which variant the object is."})
	known := &openapi3.Schema{Title: "Documented variants", Type: typ("object"), Required: []string{disc},
		OneOf: variants, Discriminator: &openapi3.Discriminator{PropertyName: disc, Mapping: mapping}}
	*s = openapi3.Schema{Type: typ("object"), Required: []string{disc},
		Properties:           openapi3.Schemas{disc: discString},
		AdditionalProperties: openapi3.AdditionalProperties{Has: yes()},
		OneOf:                openapi3.SchemaRefs{openapi3.NewSchemaRef("", known), b.ref(t.UnknownName())},
		Extensions:           map[string]any{extDefaultMapping: schemaRef(t.UnknownName())}}
	d.note("A discriminated union: the member %s says which variant an object is. Documented values:\n\n%s",
		code(disc), bullets(list))
	d.note("Other values of %s are valid: such an object is the %s variant, kept verbatim by the decoder "+
		"(the second branch of oneOf; %s names it).", code(disc), t.UnknownName(), code(extDefaultMapping))

	u := b.schemas[t.UnknownName()].Value
	u.Type = typ("object")
	u.Required = []string{disc}
	u.Properties = openapi3.Schemas{disc: openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("string"),
		Not: openapi3.NewSchemaRef("", &openapi3.Schema{Enum: variantValues(t, nil)})})}
	u.AdditionalProperties = openapi3.AdditionalProperties{Has: yes()}
	u.Description = fmt.Sprintf("A %s whose %s is none of the documented values (%s). New variants may come at "+
		"any time; the decoder keeps such an object verbatim and Validate checks nothing in it.",
		t.Name, code(disc), codeList(anyStrings(variantValues(t, nil))))
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
