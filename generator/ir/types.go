package ir

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v4"

	"github.com/eventgen/eventgen/generator/naming"
	"github.com/eventgen/eventgen/generator/spec"
)

func (b *builder) enum(t *Type, d *spec.TypeDef) {
	t.Base, t.Closed = cmpOr(d.Base, "string"), d.Closed
	seen := map[string]spec.Pos{}
	for _, v := range d.Values {
		ev := &EnumValue{Description: v.Description, Template: v.Template, When: v.When, Source: v.Source, Deprecated: deprecated(v.Deprecated),
			Discrepancies: v.Discrepancies}
		n := v.Value.Node
		switch {
		case t.Base == "string" && n.Tag == "!!str":
			ev.Value = n.Value
		case t.Base == "integer" && n.Tag == "!!int":
			i, err := strconv.ParseInt(n.Value, 0, 64)
			if err != nil {
				b.errs.Add(v.Value.Pos, "enum %q: value %s does not fit int64", t.Name, n.Value)
			}
			ev.Value = i
		case t.Base == "integer" && n.Tag == "!!float" && integerLiteral.MatchString(n.Value):
			b.errs.Add(v.Value.Pos, "enum %q: value %s does not fit int64", t.Name, n.Value) // YAML reads it as a float
			continue
		default:
			b.errs.Add(v.Value.Pos, "enum %q: value %s is %s, not %s", t.Name, yamlText(n), yamlKind(n), kindPhrase(t.Base))
			continue
		}
		key := fmt.Sprint(ev.Value)
		if first, dup := seen[key]; dup {
			b.errs.Add(v.Value.Pos, "enum %q: duplicate value %q (first at %s)", t.Name, key, first)
			continue
		}
		seen[key] = v.Value.Pos
		suffix := cmpOr(v.GoName, naming.GoName(key))
		if t.Base == "integer" && v.GoName == "" {
			b.errs.Add(v.Pos, "enum %q: integer value %s needs a go_name", t.Name, key)
		}
		if suffix == "" {
			b.errs.Add(v.Pos, "enum %q: value %q: no Go name can be derived; set go_name", t.Name, key)
			continue // a constant named like the type would only add a false clash
		}
		ev.GoName, ev.Pos = t.Name+suffix, v.Pos
		t.Values = append(t.Values, ev)
	}
}

var kindGoNames = map[string]string{"string": "String", "number": "Number", "boolean": "Boolean", "object": "Object", "array": "Array"}

func (b *builder) oneof(t *Type, d *spec.TypeDef) {
	for _, k := range d.Kinds {
		where := fmt.Sprintf("oneof %q: kind %q", t.Name, k.Key)
		ref := b.ref(k.Value.Type, k.Value.At.Of("type", k.Pos), where)
		if ref == nil {
			continue
		}
		if got := ref.JSONKind(); got != k.Key && !(k.Key == "number" && got == "integer") {
			b.errs.Add(k.Value.At.Of("type", k.Pos), "%s: type %s is not a JSON %s", where, ref, k.Key)
			continue
		}
		t.Alternatives = append(t.Alternatives, &Alternative{JSONKind: k.Key, GoName: kindGoNames[k.Key],
			Type: ref, Description: k.Value.Description})
	}
}

func (b *builder) union(t *Type, d *spec.TypeDef) {
	t.Discriminator = d.Discriminator
	seen := map[string]spec.Pos{}
	uses := map[*Type][]string{}
	for _, v := range d.Variants {
		where := fmt.Sprintf("union %q: variant %q", t.Name, v.Value)
		if first, dup := seen[v.Value]; dup {
			b.errs.Add(v.At.Of("value", v.Pos), "union %q: duplicate discriminator value %q (first at %s)", t.Name, v.Value, first)
			continue
		}
		seen[v.Value] = v.At.Of("value", v.Pos)
		vt, ok := b.types[v.Type]
		switch {
		case !ok && slices.Contains(spec.Builtins, v.Type):
			b.errs.Add(v.At.Of("type", v.Pos), "%s: %s is not an object type", where, v.Type)
			continue
		case !ok:
			if !b.broken[v.Type] {
				b.errs.Add(v.At.Of("type", v.Pos), "%s: unknown type %q", where, v.Type)
			}
			continue
		case vt.Kind != KindObject:
			b.errs.Add(v.At.Of("type", v.Pos), "%s: type %q is not an object type", where, v.Type)
			continue
		}
		uses[vt] = append(uses[vt], v.Value)
		t.Variants = append(t.Variants, &Variant{Value: v.Value, Type: vt, Description: v.Description, Discrepancies: v.Discrepancies})
	}
	for _, v := range t.Variants {
		declared := fieldNamed(v.Type.Fields, t.Discriminator)
		switch {
		case declared != nil && declared.Type != nil && declared.Type.JSONKind() != "string":
			b.errs.Add(declared.Pos, "union %q: discriminator field %q of %q must be a string", t.Name, t.Discriminator, v.Type.Name)
		case declared == nil && len(uses[v.Type]) > 1:
			b.errs.Add(v.Type.Pos, "union %q: type %q is the variant of %d values, so it must declare the discriminator field %q", t.Name, v.Type.Name, len(uses[v.Type]), t.Discriminator)
		case declared == nil && v.Type.Implied != nil && v.Type.Implied.Member != t.Discriminator:
			b.errs.Add(v.Type.Pos, "type %q is a variant of unions with different discriminators; declare them as fields", v.Type.Name)
		case declared == nil && v.Type.Implied != nil && v.Type.Implied.Value != v.Value:
			b.errs.Add(v.Type.Pos, "type %q is the variant of values %q and %q; declare %q as a field", v.Type.Name, v.Type.Implied.Value, v.Value, t.Discriminator)
		case declared == nil:
			v.Type.Implied = &Implied{Member: t.Discriminator, Value: v.Value}
		}
	}
}

func fieldNamed(fs []*Field, name string) *Field {
	for _, f := range fs {
		if f.JSONName == name {
			return f
		}
	}
	return nil
}

func (b *builder) allOrNone(owner string, sets [][]string, fs []*Field, pos spec.Pos) [][]*Field {
	var out [][]*Field
	for _, set := range sets {
		var group []*Field
		for _, name := range set {
			f := fieldNamed(fs, name)
			if f == nil {
				b.errs.Add(pos, "%s: all_or_none: no field %q", owner, name)
				continue
			}
			group = append(group, f)
		}
		out = append(out, group)
	}
	return out
}

// constraints converts and checks the constraint keys against the JSON kind they apply to.
func (b *builder) constraints(c spec.Constraints, at spec.Positions, pos spec.Pos, kind, where string) Constraints {
	check := func(key string, set bool, kinds ...string) {
		if !set {
			return
		}
		for _, k := range kinds {
			if k == kind {
				return
			}
		}
		b.errs.Add(at.Of(key, pos), "%s: %s does not apply to %s", where, key, kindPhrase(kind))
	}
	check("min_length", c.MinLength != nil, "string")
	check("max_length", c.MaxLength != nil, "string")
	check("max_bytes", c.MaxBytes != nil, "string")
	check("pattern", c.Pattern != "", "string")
	check("minimum", c.Minimum != nil, "integer", "number")
	check("maximum", c.Maximum != nil, "integer", "number")
	check("min_items", c.MinItems != nil, "array")
	check("max_items", c.MaxItems != nil, "array")
	if c.Pattern != "" {
		if _, err := regexp.Compile(c.Pattern); err != nil {
			return Constraints{} // reported by spec
		}
	}
	return Constraints{MinLength: c.MinLength, MaxLength: c.MaxLength, MaxBytes: c.MaxBytes, MinItems: c.MinItems,
		MaxItems: c.MaxItems, Minimum: c.Minimum, Maximum: c.Maximum, Pattern: c.Pattern}
}

// integerLiteral matches a decimal integer, whatever its size.
var integerLiteral = regexp.MustCompile(`^[-+]?[0-9]+$`)

// yamlText renders a scalar as written, quoting strings so that "2" and 2 read differently.
func yamlText(n *yaml.Node) string {
	if n.Tag == "!!str" {
		return strconv.Quote(n.Value)
	}
	return n.Value
}

// yamlKind names the kind of a YAML value with its article.
func yamlKind(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a sequence"
	case n.Tag == "!!int":
		return "an integer"
	case n.Tag == "!!float":
		return "a number"
	case n.Tag == "!!bool":
		return "a boolean"
	case n.Tag == "!!null":
		return "null"
	}
	return "a string"
}

// kindPhrase names values of a JSON kind with their article: "an integer", "a string"; "" is a oneof or raw.
func kindPhrase(kind string) string {
	switch kind {
	case "":
		return "a value of several kinds"
	case "integer", "object", "array":
		return "an " + kind
	}
	return "a " + kind
}

// jsonValue converts a YAML value to a JSON-compatible Go value (nil, bool, int64, float64, string,
// []any, map[string]any).
func (b *builder) jsonValue(v spec.Value) any {
	if !v.IsSet() {
		return nil
	}
	var out any
	if err := v.Node.Decode(&out); err != nil {
		b.errs.Add(v.Pos, "invalid value: %v", err)
		return nil
	}
	return normalize(out)
}

func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case uint64:
		return float64(x)
	case []any:
		for i := range x {
			x[i] = normalize(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = normalize(x[k])
		}
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = normalize(e)
		}
		return m
	}
	return v
}
