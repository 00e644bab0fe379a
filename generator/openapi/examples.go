package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/eventgen/eventgen/generator/ir"
)

// parseJSON decodes an example, keeping numbers as written.
func parseJSON(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// examples returns the envelopes of an event's examples: the whole bodies, or for a batching platform
// the items of each body that carry the event.
func (b *builder) examples(ev *ir.Event) []any {
	env := b.p.Envelope
	var out []any
	for _, x := range ev.Examples {
		if x.Invalid {
			continue // not an instance of the schema; eventProse mentions it
		}
		body, err := parseJSON(x.JSON)
		if err != nil {
			b.errs = append(b.errs, fmt.Errorf("event %q: example %q: %v", ev.Name, x.Name, err))
			continue
		}
		if env.Batch == "" {
			out = append(out, body)
			continue
		}
		obj, _ := body.(map[string]any)
		items, _ := obj[env.Batch].([]any)
		for _, it := range items {
			if at(it, env.DiscriminatorPath()) == ev.Name {
				out = append(out, it)
			}
		}
	}
	return out
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

// bodyExamples are the request-body examples of the webhook: every example of every event, whole, keyed
// "<event>/<example>".
func (b *builder) bodyExamples() openapi3.Examples {
	out := openapi3.Examples{}
	for _, ev := range b.p.WireEvents() {
		for _, x := range ev.Examples {
			v, err := parseJSON(x.JSON)
			if err != nil || x.Invalid {
				continue // reported by examples
			}
			d := prose{discrepancies: x.Discrepancies}
			d.text = fmt.Sprintf("A %s event.", code(ev.Name))
			if len(x.Corrections) > 0 {
				d.note("The published sample is not valid JSON; this is its minimal correction:\n\n%s", bullets(x.Corrections))
			}
			if x.Published != "" {
				d.note("As published:\n\n%s", fence(x.Published))
			}
			key := ev.Name + "/" + x.Name
			if _, dup := out[key]; dup {
				b.errs = append(b.errs, fmt.Errorf("event %q: two examples named %q", ev.Name, x.Name))
			}
			out[key] = &openapi3.ExampleRef{Value: &openapi3.Example{Summary: x.Summary, Description: d.String(), Value: v}}
		}
	}
	return out
}

// fence renders text as a fenced Markdown code block, with a fence longer than any backtick run in it.
func fence(text string) string {
	f := "```"
	for strings.Contains(text, f) {
		f += "`"
	}
	var buf bytes.Buffer
	buf.WriteString(f + "\n" + strings.TrimRight(text, "\n") + "\n" + f)
	return buf.String()
}
