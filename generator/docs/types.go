package docs

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// namedType makes the section of a component: an enum, a union, a oneOf of JSON kinds, an object or
// a scalar, told apart by the keywords package openapi writes for each.
func (b *builder) namedType(name string) *Type {
	s := b.schema(name)
	t := &Type{ID: anchor("type", name), Name: name}
	if id, ok := b.anchors[name]; ok {
		t.ID = id
	}
	if s == nil {
		return t
	}
	switch {
	case b.enum(t, s):
	case b.union(t, s):
	case len(s.OneOf) > 0:
		b.oneOf(t, s)
	case s.Type.Is("object") && len(s.Properties) > 0:
		t.Kind = "object"
		t.Description = markdown(s.Description)
		t.Fields = b.fields(s, "", 0, nil)
	default:
		t.Kind = "scalar"
		t.Base, _ = b.jsonType(s)
		t.Description = markdown(s.Description)
		t.Constraints = constraints(s)
	}
	return t
}

// enum fills an enum's section: its values with their descriptions (templates, discrepancies and
// sources included). The description's own list of the values is left out: the table shows it.
func (b *builder) enum(t *Type, s *openapi3.Schema) bool {
	values, open, ok := enumType(s)
	if !ok {
		return false
	}
	t.Kind, t.Open = "enum", open
	known := s
	if k := enumBranch(s); k != nil {
		known = k
	}
	descs := map[string]string{}
	ext(known.Extensions, extEnumDescriptions, &descs)
	for _, v := range values {
		t.Values = append(t.Values, &Value{Value: v, Description: markdown(descs[v])})
	}
	t.Description = renderMarkdown(s.Description, mdOptions{omitList: values})
	t.Constraints = constraints(s)
	return true
}

// union fills a discriminated union's section: the variants, by the order of oneOf, each with the
// discriminator values that select it, and the variant that takes any other value.
func (b *builder) union(t *Type, s *openapi3.Schema) bool {
	mapping := mappingOf(s)
	if mapping == nil {
		return false
	}
	t.Kind = "union"
	t.Description = markdown(s.Description)
	t.Discriminator = discriminatorName(s, s)
	var unknown string
	ext(s.Extensions, extDefaultMapping, &unknown)
	values := map[string][]string{} // variant name → the values that select it, sorted
	for _, value := range sortedKeys(mapping) {
		values[mapping[value]] = append(values[mapping[value]], value)
	}
	for _, v := range s.OneOf {
		name := variantName(v)
		if unknown != "" && name == refName(unknown) {
			continue // the last branch, shown as the variant of any other value
		}
		variant := &Variant{Type: TypeExpr{{Text: name, Href: b.href(name)}}, Values: values[name]}
		t.Variants = append(t.Variants, variant)
	}
	if unknown != "" {
		t.Unknown = TypeExpr{{Text: refName(unknown), Href: b.href(refName(unknown))}}
	}
	return true
}

// discriminatorName is the member (or, nested, the JSON pointer) that selects the variant.
func discriminatorName(known, union *openapi3.Schema) string {
	if known.Discriminator != nil {
		return known.Discriminator.PropertyName
	}
	var path string
	for _, s := range []*openapi3.Schema{known, union} {
		if ext(s.Extensions, extDiscriminator, &path) {
			return path
		}
	}
	return ""
}

// variantName is the component a oneOf branch refers to: directly, or wrapped in allOf when the
// branch pins the discriminator's values.
func variantName(r *openapi3.SchemaRef) string {
	if r.Ref != "" {
		return refName(r.Ref)
	}
	if r.Value != nil {
		if i := slices.IndexFunc(r.Value.AllOf, func(a *openapi3.SchemaRef) bool { return a.Ref != "" }); i >= 0 {
			return refName(r.Value.AllOf[i].Ref)
		}
	}
	return ""
}

// oneOf fills the section of a value of one of several JSON kinds.
func (b *builder) oneOf(t *Type, s *openapi3.Schema) {
	t.Kind = "one of"
	t.Description = markdown(s.Description)
	for _, alt := range s.OneOf {
		typ, _ := b.typeExpr(alt)
		a := &Alternative{Type: typ}
		if alt.Ref == "" && alt.Value != nil {
			a.Description = markdown(alt.Value.Description)
		}
		t.Alternatives = append(t.Alternatives, a)
	}
}
