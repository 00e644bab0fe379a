package openapi

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/eventgen/eventgen/generator/ir"
)

// Extensions this emitter writes. They carry what JSON Schema has no keyword for; every one of them is
// also explained in the description of the schema that carries it.
const (
	extOpenEnum         = "x-eventgen-open-enum"          // true: values beyond the listed ones are valid
	extExtensibleEnum   = "x-extensible-enum"             // the documented values of an open enum
	extEnumDescriptions = "x-enumDescriptions"            // value → description (Redocly's extension)
	extMaxBytes         = "x-eventgen-max-bytes"          // a limit on the UTF-8 length of a string
	extTimeLayouts      = "x-eventgen-time-layouts"       // Go reference-time layouts a timestamp is written in
	extUnix             = "x-eventgen-unix"               // "seconds" or "milliseconds" since the Unix epoch
	extDefaultMapping   = "x-eventgen-default-mapping"    // the schema for discriminator values not mapped
	extDiscriminator    = "x-eventgen-discriminator-path" // JSON pointer of the discriminator in the envelope
	extPayload          = "x-eventgen-payload-path"       // JSON pointer of the payload member in the envelope
	extMapping          = "x-eventgen-discriminator-mapping"
	extTemplates        = "x-eventgen-templates"        // enum value → text template with %name% placeholders
	extZone             = "x-eventgen-time-zone"        // the zone of timestamps written without an offset
	extSubtype          = "x-eventgen-subtype"          // JSON pointer of the member that qualifies an event
	extAbsent           = "x-eventgen-absent-event"     // {name, schema}: the event of bodies without an event type
	extServerGenerated  = "x-eventgen-server-generated" // filled in by the platform; OpenAPI's readOnly would forbid it in the delivery
	extDefault          = "x-eventgen-default"          // what an absent optional member stands for
)

// jsonText renders a JSON value as JSON text.
func jsonText(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

func typ(t ...string) *openapi3.Types { x := openapi3.Types(t); return &x }

func yes() *bool { b := true; return &b }

func uptr(n *int) *uint64 {
	if n == nil {
		return nil
	}
	u := uint64(*n)
	return &u
}

// ref returns a reference to a component schema, by the name of what it describes (see name).
func (b *builder) ref(name string) *openapi3.SchemaRef {
	return &openapi3.SchemaRef{Ref: schemaRef(b.name(name)), Value: b.schema(name)}
}

// schema returns a component schema, by the name of what it describes (see name).
func (b *builder) schema(name string) *openapi3.Schema { return b.schemas[b.name(name)].Value }

// value is the schema of a non-null value of a type reference, before field-level keywords.
func (b *builder) value(r *ir.TypeRef) *openapi3.SchemaRef {
	switch r.Kind {
	case ir.RefNamed:
		return b.ref(r.Named.Name)
	case ir.RefArray:
		return openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("array"), Items: b.value(r.Elem)})
	case ir.RefMap:
		return openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("object"),
			AdditionalProperties: openapi3.AdditionalProperties{Schema: b.value(r.Elem)}})
	}
	switch r.Builtin {
	case "raw":
		return openapi3.NewSchemaRef("", &openapi3.Schema{}) // any JSON value, null included
	case "integer":
		return openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("integer"), Format: "int64"})
	}
	return openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ(r.Builtin)})
}

// typeSchema fills the component schema of a named type.
func (b *builder) typeSchema(t *ir.Type) {
	s := b.schema(t.Name)
	d := prose{text: t.Description, discrepancies: t.Discrepancies, source: t.Source}
	switch t.Kind {
	case ir.KindObject:
		b.object(s, t.Fields, t.AllOrNone)
		if im := t.Implied; im != nil {
			s.Properties[im.Member] = openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("string"), Const: im.Value,
				Description: fmt.Sprintf("The discriminator of the union this type is a variant of: always %s "+
					"(the decoder ignores what is sent here and the encoder writes %s).", code(im.Value), code(im.Value))})
			if !b.direct[t] { // only ever reached through the union, which requires the member anyway
				s.Required = append([]string{im.Member}, s.Required...)
			}
		}
	case ir.KindEnum:
		enum(s, t, &d)
	case ir.KindUnion:
		b.union(s, t, &d)
	case ir.KindOneOf:
		for _, a := range t.Alternatives {
			alt := b.value(a.Type)
			switch {
			case a.Description == "":
			case alt.Ref != "":
				alt = openapi3.NewSchemaRef("", &openapi3.Schema{AllOf: openapi3.SchemaRefs{alt}, Description: a.Description})
			default:
				alt.Value.Description = a.Description
			}
			s.OneOf = append(s.OneOf, alt)
		}
		d.note("One of several JSON kinds, told apart by kind: %s.", oneofKinds(t))
	case ir.KindTime:
		timeSchema(s, t, &d)
	case ir.KindScalar:
		s.Type, s.Format = typ(t.Scalar), t.Format
		if t.Scalar == "integer" && s.Format == "" {
			s.Format = "int64"
		}
		constraints(s, t.Constraints, &d)
	}
	s.Description = d.String()
}

func oneofKinds(t *ir.Type) string {
	var ks []string
	for _, a := range t.Alternatives {
		ks = append(ks, a.JSONKind)
	}
	return strings.Join(ks, " or ")
}

// object fills an object schema: properties, required members, all-or-none groups. Members the spec
// does not list are allowed (the decoder keeps them), which additionalProperties: true says explicitly.
func (b *builder) object(s *openapi3.Schema, fields []*ir.Field, allOrNone [][]*ir.Field) {
	s.Type = typ("object")
	s.Properties = openapi3.Schemas{}
	for _, f := range fields {
		s.Properties[f.JSONName] = b.field(f)
		if f.Required {
			s.Required = append(s.Required, f.JSONName)
		}
	}
	for _, set := range allOrNone {
		for _, f := range set {
			for _, g := range set {
				if g != f {
					if s.DependentRequired == nil {
						s.DependentRequired = map[string][]string{}
					}
					s.DependentRequired[f.JSONName] = append(s.DependentRequired[f.JSONName], g.JSONName)
				}
			}
		}
	}
	s.AdditionalProperties = openapi3.AdditionalProperties{Has: yes()}
}

// field is the schema of one member: the value's schema with the field's own keywords. A named type
// is referenced, wrapped in allOf when the field adds keywords (OpenAPI 3.1 allows keywords beside
// $ref, but kin-openapi writes them only for documents it has loaded), or in anyOf with null when the
// field is nullable; other types are inline, and nullable ones get a type array with "null".
func (b *builder) field(f *ir.Field) *openapi3.SchemaRef {
	own := &openapi3.Schema{Deprecated: f.Deprecated != "", Format: f.Format}
	if f.Example != nil {
		own.Examples = []any{f.Example}
	}
	d := prose{text: f.Description, discrepancies: f.Discrepancies, source: f.Source}
	d.note("%s", deprecation(f.Deprecated))
	if f.Default != nil {
		// Not default: openapi-typescript (and others) read a default as "always present after
		// decoding" and make the member required, while the platform may well leave it out.
		own.Extensions = map[string]any{extDefault: f.Default}
		d.note("When absent, the platform means %s (%s).", code(jsonText(f.Default)), code(extDefault))
	}
	if f.ServerGenerated {
		// Not readOnly: OpenAPI defines readOnly as "SHOULD NOT be sent as part of the request", and in a
		// webhook the request is the platform's delivery, which carries the member.
		if own.Extensions == nil {
			own.Extensions = map[string]any{}
		}
		own.Extensions[extServerGenerated] = true
		d.note("Generated by the platform (%s): a client that sends this structure to the platform's API leaves it out; deliveries carry it.", code(extServerGenerated))
	}
	constraints(own, f.Constraints, &d)
	if len(f.Values) > 0 {
		own.Enum = append([]any(nil), f.Values...)
		if f.Nullable {
			own.Enum = append(own.Enum, nil)
		}
	}
	own.Description = d.String()

	v := b.value(f.Type)
	if v.Ref != "" {
		switch {
		case f.Nullable:
			own.AnyOf = openapi3.SchemaRefs{v, openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("null")})}
		case isZero(own):
			return v
		default:
			own.AllOf = openapi3.SchemaRefs{v}
		}
		return openapi3.NewSchemaRef("", own)
	}
	merge(v.Value, own)
	switch {
	case f.Type.Kind == ir.RefBuiltin && f.Type.Builtin == "raw":
		if !f.Nullable { // a raw member keeps any JSON value, but Validate reports null where it is not nullable
			v.Value.Not = openapi3.NewSchemaRef("", &openapi3.Schema{Type: typ("null")})
		}
	case f.Nullable:
		v.Value.Type = typ(append(v.Value.Type.Slice(), "null")...)
	}
	return v
}

// isZero reports whether a field adds no keyword of its own to its type.
func isZero(s *openapi3.Schema) bool {
	return s.Description == "" && !s.Deprecated && s.Format == "" &&
		len(s.Examples) == 0 && len(s.Enum) == 0 && len(s.Extensions) == 0 && s.MinLength == 0 &&
		s.MaxLength == nil && s.Pattern == "" && s.Min == nil && s.Max == nil && s.MinItems == 0 && s.MaxItems == nil
}

// merge copies the field-level keywords of own into an inline value schema.
func merge(s, own *openapi3.Schema) {
	s.Description, s.Deprecated, s.Examples, s.Enum = own.Description, own.Deprecated, own.Examples, own.Enum
	if own.Format != "" {
		s.Format = own.Format
	}
	s.MinLength, s.MaxLength, s.Pattern, s.Min, s.Max, s.MinItems, s.MaxItems = own.MinLength, own.MaxLength,
		own.Pattern, own.Min, own.Max, own.MinItems, own.MaxItems
	if len(own.Extensions) > 0 {
		s.Extensions = own.Extensions
	}
}

// constraints sets the validation keywords; max_bytes has none and becomes an extension and a note.
func constraints(s *openapi3.Schema, c ir.Constraints, d *prose) {
	if c.MinLength != nil {
		s.MinLength = uint64(*c.MinLength)
	}
	s.MaxLength, s.MaxItems = uptr(c.MaxLength), uptr(c.MaxItems)
	if c.MinItems != nil {
		s.MinItems = uint64(*c.MinItems)
	}
	s.Min, s.Max, s.Pattern = c.Minimum, c.Maximum, c.Pattern
	if c.MaxBytes != nil {
		if s.Extensions == nil {
			s.Extensions = map[string]any{}
		}
		s.Extensions[extMaxBytes] = *c.MaxBytes
		d.note("At most %d bytes of UTF-8 (JSON Schema has no keyword for a byte length; see %s).", *c.MaxBytes, code(extMaxBytes))
	}
	if c.Pattern != "" {
		d.note("The pattern is written in RE2 syntax (Go's regexp), which the generated Validate uses.")
	}
}

// enum fills an enum schema. A closed enum uses enum. An open one must accept values the list does not
// name (the decoder keeps them and Validate does not report them), so it is anyOf the documented
// values and any value of the base type, marked with x-eventgen-open-enum.
func enum(s *openapi3.Schema, t *ir.Type, d *prose) {
	values := make([]any, len(t.Values))
	descs := map[string]any{}
	var list []string
	templates := map[string]any{}
	for i, v := range t.Values {
		values[i] = v.Value
		vd := prose{text: v.Description, discrepancies: v.Discrepancies, source: v.Source}
		if v.Template != "" {
			vd.note("**Template:** %s", code(v.Template))
			templates[fmt.Sprint(v.Value)] = v.Template
		}
		if v.When != "" {
			vd.note("**When:** %s", v.When)
		}
		vd.note("%s", deprecation(v.Deprecated))
		if text := vd.String(); text != "" {
			descs[fmt.Sprint(v.Value)] = text
		}
		list = append(list, item(code(fmt.Sprint(v.Value)), vd))
	}
	known := &openapi3.Schema{Type: typ(t.Base), Enum: values, Extensions: map[string]any{}}
	if len(descs) > 0 {
		known.Extensions[extEnumDescriptions] = descs
	}
	if len(templates) > 0 {
		known.Extensions[extTemplates] = templates
		d.note("Values with a **Template** stand for a text the platform renders from it, %s placeholders "+
			"filled in (%s).", code("%name%"), code(extTemplates))
	}
	s.Type = typ(t.Base)
	if t.Closed {
		*s = *known
		d.note("Closed: no other value is valid.\n\n%s", bullets(list))
		return
	}
	// Open: the schema admits any value of the base type, as the decoder and Validate do. The documented
	// values are listed by x-extensible-enum (the convention of Zalando's API guidelines for an enum that
	// may grow) and described by x-enumDescriptions; not by enum, which would close the set, nor by anyOf
	// an enum and the base type, which code generators refuse or reduce to the base type anyway.
	*s = openapi3.Schema{Type: typ(t.Base), Extensions: known.Extensions}
	s.Extensions[extOpenEnum] = true
	s.Extensions[extExtensibleEnum] = values
	d.note("Open: the values below are the documented ones (%s), and new values may come at any time. "+
		"The decoder keeps any %s and Validate does not report unknown values, so the schema admits them too "+
		"(%s).\n\n%s", code(extExtensibleEnum), t.Base, code(extOpenEnum), bullets(list))
}

// oneLine renders a value description after its value in a list: the first paragraph only.
func oneLine(text string) string {
	if text == "" {
		return ""
	}
	first, _, _ := strings.Cut(text, "\n\n")
	return ": " + strings.ReplaceAll(first, "\n", " ")
}

// timeSchema fills a timestamp: a string in one of the layouts, or Unix time as an integer.
func timeSchema(s *openapi3.Schema, t *ir.Type, d *prose) {
	if t.Unix != "" {
		s.Type, s.Format = typ("integer"), "int64"
		s.Extensions = map[string]any{extUnix: t.Unix}
		d.note("Unix time: an integer count of %s since 1970-01-01T00:00:00Z.", t.Unix)
		return
	}
	s.Type = typ("string")
	layouts := make([]any, len(t.Layouts))
	for i, l := range t.Layouts {
		layouts[i] = l
	}
	s.Extensions = map[string]any{extTimeLayouts: layouts}
	if isRFC3339(t.Layouts, t.FractionSeparators) {
		s.Format = "date-time"
	}
	if p, ok := layoutPattern(t.Layouts, t.FractionSeparators); ok {
		s.Pattern = p
	}
	note := "A timestamp written in one of these Go reference-time layouts (Mon Jan 2 15:04:05 MST 2006), " +
		"tried in order; the first is the one new values are written in: " + codeList(t.Layouts) + "."
	if t.Zone != "" {
		s.Extensions[extZone] = t.Zone
		if t.Zone == "unknown" {
			note += " Values carry no offset and the zone they are in is unknown"
		} else {
			note += " Values without an offset are in the zone " + code(t.Zone)
		}
		note += " (" + code(extZone) + ")."
	}
	if t.FractionSeparators != "" {
		note += " A fraction of seconds may also follow the seconds after " + codeList(strings.Split(t.FractionSeparators, "")) + "."
	}
	if s.Pattern != "" {
		note += " The pattern checks the shape; the generated Validate also checks the date (e.g. February 30 is rejected)."
	}
	d.note("%s", note)
}

// directRefs returns the named types that some field, element or alternative refers to, as opposed to
// types reached only as the variant of a union.
func directRefs(p *ir.Platform) map[*ir.Type]bool {
	out := map[*ir.Type]bool{}
	walk := func(r *ir.TypeRef) {
		for ; r != nil; r = r.Elem {
			if r.Kind == ir.RefNamed {
				out[r.Named] = true
			}
		}
	}
	fields := func(fs []*ir.Field) {
		for _, f := range fs {
			walk(f.Type)
		}
	}
	for _, t := range p.Types {
		fields(t.Fields)
		for _, a := range t.Alternatives {
			walk(a.Type)
		}
	}
	for _, ev := range p.Events {
		fields(ev.Fields)
	}
	if p.Envelope != nil {
		fields(p.Envelope.Fields)
	}
	return out
}
