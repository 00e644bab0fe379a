package openapi_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eventgen/eventgen/generator/fixtures"
	"github.com/eventgen/eventgen/generator/internal/jsontree"
	"github.com/eventgen/eventgen/generator/ir"
)

// The tests in this file prove that the OpenAPI schemas and the model agree: a body is valid for the
// document's schema exactly when the model (ir.Platform.ValidateJSON, which words and decides as the
// generated decoder and Validate do) accepts it without a problem, but for the differences JSON Schema
// cannot avoid, which intendedDifference lists.

// TestExamplesAgree validates every spec example against its event's envelope schema, its payload
// schema and the webhook's request body schema, each compiled from the emitted document.
func TestExamplesAgree(t *testing.T) {
	for _, p := range append(specPlatforms(t), goldenPlatforms(t)...) {
		if !p.Wire() {
			continue
		}
		t.Run(p.Name, func(t *testing.T) {
			s := newSchemas(t, p.Name, emit(t, p)["openapi.json"])
			env := p.Envelope
			for _, ev := range p.WireEvents() {
				for _, x := range ev.Examples {
					body := instance(t, []byte(x.JSON))
					err := s.get(bodySchema(p)).Validate(body)
					if x.Invalid {
						if err == nil {
							t.Errorf("%s/%s: marked invalid, but the request body schema accepts it", ev.Name, x.Name)
						}
						continue
					}
					if err != nil {
						t.Errorf("%s/%s: request body: %v", ev.Name, x.Name, err)
					}
					n := 0
					for _, e := range envelopes(body, env) {
						switch disc := at(e, env.DiscriminatorPath()); {
						case ev.Absent && disc != nil && disc != "":
							continue
						case !ev.Absent && disc != ev.Name:
							continue
						}
						n++
						if err := s.get(ev.GoName).Validate(e); err != nil {
							t.Errorf("%s/%s: event schema %s: %v", ev.Name, x.Name, ev.GoName, err)
						}
						if env.Payload != "" {
							if err := s.get(ev.GoName + "Payload").Validate(at(e, env.PayloadPath())); err != nil {
								t.Errorf("%s/%s: payload schema: %v", ev.Name, x.Name, err)
							}
						}
					}
					if n == 0 {
						t.Errorf("%s/%s: no envelope carries the event", ev.Name, x.Name)
					}
				}
			}
		})
	}
}

// TestFixturesAgree checks every fixture of generated/<platform> (samples and packs) against the committed
// document: the request body schema accepts it exactly when the model does, and a vendor example's
// envelopes validate against their event's schema.
func TestFixturesAgree(t *testing.T) {
	for _, p := range specPlatforms(t) {
		if !p.Wire() {
			continue
		}
		t.Run(p.Name, func(t *testing.T) {
			dir := filepath.Join(root, "generated", p.Name)
			doc, err := os.ReadFile(filepath.Join(dir, "openapi.json"))
			if err != nil {
				t.Fatal(err)
			}
			s := newSchemas(t, p.Name, doc)
			n := 0
			intended := map[string]int{}
			bodies, err := fixtures.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bodies {
				n++
				data, rel := b.Data, b.File+": "+b.Name
				irOK, why := irValid(p, data)
				schemaErr := s.get(bodySchema(p)).Validate(instance(t, data))
				if kind := intendedDifference(p, data); irOK != (schemaErr == nil) && kind != "" {
					intended[kind]++
					continue
				}
				switch {
				case irOK && schemaErr != nil:
					t.Errorf("%s: the model accepts it, the schema does not: %v", rel, schemaErr)
				case !irOK && schemaErr == nil:
					t.Errorf("%s: the schema accepts it, the model does not: %s", rel, why)
				}
				if event, ok := b.Sample(); irOK && ok {
					checkEnvelopes(t, s, p, b.File, event, data)
				}
			}
			if n == 0 {
				t.Skip("no fixtures under testdata yet")
			}
			t.Logf("checked %d fixtures; the model and the schema differ on purpose on %v", n, intended)
		})
	}
}

// intendedDifference names why the model and the schema differ on purpose on a body, or returns "":
//
//   - "duplicate members": the body repeats a member name in some object. The generated decoder (and the
//     model) reads the first and reports the repeats of declared members and of map keys; JSON Schema
//     validates the parsed value, where the validator's parser has kept the last one.
//   - "byte length": every problem is a string beyond x-eventgen-max-bytes, for which JSON Schema has no
//     keyword (the document says so at every such member).
//   - "impossible date": every problem is a time text that the timestamp's pattern admits and time.Parse
//     does not (February 30; the document says so at every such timestamp).
//
// Only a body on which the model finds problems of these kinds alone can differ on purpose (or, for
// duplicates, any body: the two read different members).
func intendedDifference(p *ir.Platform, data []byte) string {
	root, err := jsontree.Parse(data)
	if err != nil {
		return ""
	}
	if hasDuplicates(root) {
		return "duplicate members"
	}
	_, problems, err := p.ValidateJSON(data)
	if err != nil || len(problems) == 0 {
		return ""
	}
	kind := ""
	for _, pr := range problems {
		k := ""
		switch {
		case byteLength.MatchString(pr.Message):
			k = "byte length"
		case strings.Contains(pr.Message, " is not a time in the layout "):
			k = "impossible date"
		default:
			return ""
		}
		if kind != "" && kind != k {
			return ""
		}
		kind = k
	}
	return kind
}

var byteLength = regexp.MustCompile(`^size \d+ exceeds \d+ bytes$`)

// hasDuplicates reports whether some object of the tree has two members of one name.
func hasDuplicates(n *jsontree.Node) bool {
	seen := map[string]bool{}
	for _, m := range n.Members {
		if seen[m.Name] || hasDuplicates(m.Value) {
			return true
		}
		seen[m.Name] = true
	}
	for _, it := range n.Items {
		if hasDuplicates(it) {
			return true
		}
	}
	return false
}

// checkEnvelopes validates the envelopes of event in a body against the event's schema.
func checkEnvelopes(t *testing.T, s *schemas, p *ir.Platform, rel, event string, data []byte) {
	t.Helper()
	for _, ev := range p.WireEvents() {
		if ev.Name != event {
			continue
		}
		for _, e := range envelopes(instance(t, data), p.Envelope) {
			if at(e, p.Envelope.DiscriminatorPath()) == ev.Name {
				if err := s.get(ev.GoName).Validate(e); err != nil {
					t.Errorf("%s: event schema %s: %v", rel, ev.GoName, err)
				}
			}
		}
	}
}

// TestMutationsAgree derives many bodies from every example of the specs and the golden cases (each member removed, set to null, to a
// value of every other JSON kind, to another string; a documented value swapped for every other
// documented value, which exercises discriminators and enums; objects with an unknown member; arrays
// emptied and grown) and requires the document's request body schema and the model to agree on every
// one.
func TestMutationsAgree(t *testing.T) {
	for _, p := range append(specPlatforms(t), goldenPlatforms(t)...) {
		if !p.Wire() {
			continue
		}
		t.Run(p.Name, func(t *testing.T) {
			s := newSchemas(t, p.Name, emit(t, p)["openapi.json"])
			body := s.get(bodySchema(p))
			vocab := vocabulary(p)
			var total, disagree int
			for _, ev := range p.WireEvents() {
				for _, x := range ev.Examples {
					var doc any
					dec := json.NewDecoder(strings.NewReader(x.JSON))
					dec.UseNumber()
					if err := dec.Decode(&doc); err != nil {
						t.Fatal(err)
					}
					for _, m := range mutations(doc, vocab) {
						data := mustJSON(t, m.doc)
						total++
						irOK, why := irValid(p, data)
						schemaErr := body.Validate(instance(t, data))
						if irOK == (schemaErr == nil) {
							continue
						}
						disagree++
						if disagree <= 20 {
							t.Errorf("%s/%s %s %s: model valid=%v (%s), schema valid=%v (%v)",
								ev.Name, x.Name, m.name, m.path, irOK, why, schemaErr == nil, firstLine(schemaErr))
						}
					}
				}
			}
			if disagree > 0 {
				t.Errorf("%d of %d mutated bodies disagree", disagree, total)
			}
			t.Logf("checked %d mutated bodies", total)
		})
	}
}

func firstLine(err error) string {
	if err == nil {
		return ""
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// mutation is one derived body.
type mutation struct {
	name, path string
	doc        any
}

// vocabulary lists the strings the platform documents: event names, discriminator values, enum
// values and the values of fields with a closed list.
func vocabulary(p *ir.Platform) []string {
	var vs []string
	add := func(v any) {
		if s, ok := v.(string); ok && !slices.Contains(vs, s) {
			vs = append(vs, s)
		}
	}
	fields := func(fs []*ir.Field) {
		for _, f := range fs {
			for _, v := range f.Values {
				add(v)
			}
		}
	}
	for _, ev := range p.WireEvents() {
		add(ev.Name)
		fields(ev.Fields)
	}
	for _, t := range p.Types {
		for _, v := range t.Values {
			add(v.Value)
		}
		for _, v := range t.Variants {
			add(v.Value)
		}
		fields(t.Fields)
	}
	slices.Sort(vs)
	return vs
}

// mutations returns the derived bodies of doc, in a deterministic order.
func mutations(doc any, vocab []string) []mutation {
	var out []mutation
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		if len(path) > 0 {
			for _, r := range replacements(v, vocab) {
				out = append(out, mutation{r.name, pointerOf(path), replace(doc, path, r.value)})
			}
			if _, ok := path[len(path)-1].(string); ok {
				out = append(out, mutation{"delete", pointerOf(path), replace(doc, path, deleted{})})
			}
		}
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(x[k], append(slices.Clip(path), k))
			}
		case []any:
			for i, e := range x {
				walk(e, append(slices.Clip(path), i))
			}
		}
	}
	walk(doc, nil)
	return out
}

type deleted struct{}

type replacement struct {
	name  string
	value any
}

// replacements are the values a node is replaced with: every JSON kind, and variations of its own.
func replacements(v any, vocab []string) []replacement {
	rs := []replacement{
		{"null", nil}, {"string", "x"}, {"integer", json.Number("7")}, {"number", json.Number("1.5")},
		{"boolean", true}, {"object", map[string]any{}}, {"array", []any{}},
	}
	switch x := v.(type) {
	case string:
		rs = append(rs, replacement{"suffixed", x + "_zz"}, replacement{"empty", ""})
		if slices.Contains(vocab, x) {
			for _, w := range vocab {
				if w != x {
					rs = append(rs, replacement{"swapped:" + w, w})
				}
			}
		}
	case map[string]any:
		grown := clone(x).(map[string]any)
		grown["zz_unknown"] = json.Number("1")
		rs = append(rs, replacement{"unknown-member", grown})
	case []any:
		if len(x) > 0 {
			rs = append(rs, replacement{"grown", append(clone(x).([]any), clone(x[0]))})
		}
	}
	return rs
}

// replace returns a copy of doc with the value at path replaced (or removed, for deleted{}).
func replace(doc any, path []any, v any) any {
	if len(path) == 0 {
		return v
	}
	switch x := clone(doc).(type) {
	case map[string]any:
		k := path[0].(string)
		if _, del := v.(deleted); del && len(path) == 1 {
			delete(x, k)
			return x
		}
		x[k] = replace(x[k], path[1:], v)
		return x
	case []any:
		i := path[0].(int)
		x[i] = replace(x[i], path[1:], v)
		return x
	}
	return doc
}

// clone copies the containers of a decoded JSON value one level deep (replace clones along its path).
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = e
		}
		return m
	case []any:
		return slices.Clone(x)
	}
	return v
}

func pointerOf(path []any) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteString("/")
		switch x := p.(type) {
		case string:
			b.WriteString(strings.ReplaceAll(strings.ReplaceAll(x, "~", "~0"), "/", "~1"))
		case int:
			b.WriteString(strconv.Itoa(x))
		}
	}
	return b.String()
}

// envelopes returns the envelopes of a body: the items of its batch, or the body itself.
func envelopes(body any, env *ir.Envelope) []any {
	if env.Batch == "" {
		return []any{body}
	}
	obj, _ := body.(map[string]any)
	items, _ := obj[env.Batch].([]any)
	return items
}

// at returns the value at a member path, or nil.
func at(v any, path []string) any {
	for _, p := range path {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[p]
	}
	return v
}
