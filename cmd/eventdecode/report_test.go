package main

import (
	"bytes"
	"encoding/json"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/eventgen/eventgen/generator/fixtures"
	"github.com/eventgen/eventgen/generator/ir"
)

// plantKey identifies what the report counts, whatever the event: kind, pointer pattern, value.
type plantKey struct{ kind, pointer, value string }

// TestReportCountsPlanted plants undeclared members and unknown values into every example of every
// decoded platform's spec, at places whose declaration the test reads from the IR itself: beside the
// envelope's members, in the payload object, in every object-typed payload member (each item of a list
// of objects, the variant object of a union), and in place of every open-enum payload member's value;
// and adds one document of an unknown event type. The report over the planted corpus must count
// exactly the plants more than the report over the untouched examples.
func TestReportCountsPlanted(t *testing.T) {
	for _, name := range decodedPlatforms {
		t.Run(name, func(t *testing.T) {
			sp, err := loadReportSpec(filepath.Join("..", "..", "spec", name+".yaml"), name)
			if err != nil {
				t.Fatal(err)
			}
			var clean, planted bytes.Buffer
			want := map[plantKey]int{}
			for _, ev := range sp.p.WireEvents() {
				for _, x := range ev.Examples {
					if x.Invalid {
						continue
					}
					if err := json.Compact(&clean, []byte(x.JSON)); err != nil {
						t.Fatal(err)
					}
					clean.WriteByte('\n')
					doc := plant(t, sp.p, ev, []byte(x.JSON), want)
					planted.Write(doc)
					planted.WriteByte('\n')
				}
			}
			unknown := unknownEvent(t, sp.p)
			planted.Write(unknown)
			planted.WriteByte('\n')
			want[plantKey{"unknown-event", "/" + strings.Join(unknownPointer(sp.p), "/"), ""}]++

			base, got := countReport(t, sp, name, clean.Bytes()), countReport(t, sp, name, planted.Bytes())
			for k, n := range base {
				got[k] -= n
				if got[k] == 0 {
					delete(got, k)
				}
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(plantKey{})); diff != "" {
				t.Errorf("planted (-) vs counted beyond the examples' own findings (+):\n%s", diff)
			}
			total := 0
			for _, n := range want {
				total += n
			}
			t.Logf("%d plants in %d places", total, len(want))
			if total < 10 {
				t.Errorf("only %d plants: the test plants too little to mean anything", total)
			}
		})
	}
}

// countReport runs the report over a corpus and sums its undeclared-member, unknown-enum-value and
// unknown-event findings by kind, pattern and value.
func countReport(t *testing.T, sp *reportSpec, name string, corpus []byte) map[plantKey]int {
	t.Helper()
	r := &report{byKey: map[string]*finding{}}
	r.addFile(platforms[name], sp, "corpus.jsonl", corpus)
	r.finish()
	if r.Undecodable > 0 {
		t.Fatalf("%d undecodable documents", r.Undecodable)
	}
	out := map[plantKey]int{}
	for _, f := range r.Findings {
		switch f.Kind {
		case "undeclared-member", "unknown-enum-value", "unknown-event":
			out[plantKey{f.Kind, f.Pointer, f.Value}] += f.Count
		}
	}
	return out
}

// plant adds the plants to one example and counts them in want.
func plant(t *testing.T, p *ir.Platform, ev *ir.Event, doc []byte, want map[plantKey]int) []byte {
	t.Helper()
	var root any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		t.Fatal(err)
	}
	env := p.Envelope
	items, prefix := []any{root}, ""
	if env.Batch != "" {
		items, prefix = root.(map[string]any)[env.Batch].([]any), "/"+env.Batch+"/*"
	}
	for _, item := range items {
		obj := item.(map[string]any)
		if len(env.PayloadPath()) > 0 { // the envelope's root is not the payload: plant beside its members
			obj["planted_envelope"] = "x"
			want[plantKey{"undeclared-member", prefix + "/planted_envelope", ""}]++
		}
		payload, ptr := obj, prefix
		for _, m := range env.PayloadPath() {
			payload, ptr = payload[m].(map[string]any), ptr+"/"+m
		}
		payload["planted_payload"] = json.Number("1")
		want[plantKey{"undeclared-member", ptr + "/planted_payload", ""}]++
		for _, f := range ev.PayloadFields(env) {
			plantMember(f, payload, ptr, want)
		}
	}
	out, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// plantMember plants into the value of one payload member, when its declared type has room for it.
func plantMember(f *ir.Field, payload map[string]any, ptr string, want map[plantKey]int) {
	v, ok := payload[f.JSONName]
	if !ok || v == nil {
		return
	}
	mp := ptr + "/" + f.JSONName
	r := f.Type
	if r.Kind == ir.RefArray && r.Elem.Kind == ir.RefNamed && r.Elem.Named.Kind == ir.KindObject {
		for _, item := range v.([]any) {
			if obj, ok := item.(map[string]any); ok {
				obj["planted_item"] = true
				want[plantKey{"undeclared-member", mp + "/*/planted_item", ""}]++
			}
		}
		return
	}
	if r.Kind != ir.RefNamed {
		return
	}
	switch t := r.Named; t.Kind {
	case ir.KindObject, ir.KindUnion:
		obj, ok := v.(map[string]any)
		if !ok {
			return
		}
		if t.Kind == ir.KindUnion && !knownVariant(t, obj) {
			return
		}
		obj["planted_nested"] = []any{}
		want[plantKey{"undeclared-member", mp + "/planted_nested", ""}]++
	case ir.KindEnum:
		if s, isString := v.(string); t.Closed || t.Base != "string" || !isString || !knownValue(t, s) {
			return // replacing a value the spec does not list would take a finding away
		}
		payload[f.JSONName] = "PlantedValue"
		want[plantKey{"unknown-enum-value", mp, `"PlantedValue"`}]++
	}
}

func knownValue(t *ir.Type, s string) bool {
	for _, v := range t.Values {
		if v.Value == s {
			return true
		}
	}
	return false
}

func knownVariant(t *ir.Type, obj map[string]any) bool {
	for _, v := range t.Variants {
		if v.Value == obj[t.Discriminator] {
			return true
		}
	}
	return false
}

// unknownEvent builds a document of an event type the spec does not know.
func unknownEvent(t *testing.T, p *ir.Platform) []byte {
	t.Helper()
	var item any = "PlantedEvent"
	path := p.Envelope.DiscriminatorPath()
	for i := len(path) - 1; i >= 0; i-- {
		item = map[string]any{path[i]: item}
	}
	if p.Envelope.Batch != "" {
		item = map[string]any{p.Envelope.Batch: []any{item}}
	}
	out, err := json.Marshal(item)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func unknownPointer(p *ir.Platform) []string {
	path := p.Envelope.DiscriminatorPath()
	if p.Envelope.Batch != "" {
		return append([]string{p.Envelope.Batch, "*"}, path...)
	}
	return path
}

// TestSuggestType covers the wording of the type to declare for the JSON kinds seen.
func TestSuggestType(t *testing.T) {
	for _, c := range []struct {
		kinds []string
		want  string
	}{
		{[]string{"string"}, "string"},
		{[]string{"string", "null"}, "string, nullable"},
		{[]string{"null"}, "raw, nullable"},
		{[]string{"integer", "number"}, "number"},
		{[]string{"object"}, "an object type"},
		{[]string{"array"}, "[]…"},
		{[]string{"string", "object"}, "a oneof of object, string"},
	} {
		m := map[string]bool{}
		for _, k := range c.kinds {
			m[k] = true
		}
		if got := suggestType(m); got != c.want {
			t.Errorf("suggestType(%v) = %q, want %q", c.kinds, got, c.want)
		}
	}
}

// TestFoldDigits covers the folding of array indexes in pointers the walk did not visit.
func TestFoldDigits(t *testing.T) {
	for in, want := range map[string]string{"": "", "/events/3/event": "/events/*/event", "/a/b": "/a/b", "/x/10/y/0": "/x/*/y/*"} {
		if got := foldDigits(in); got != want {
			t.Errorf("foldDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPrintable covers the escaping of what payloads put into the text report.
func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"/data/plain": "/data/plain", "/data/naïve": "/data/naïve", "a\x1b[31mb": `a\x1b[31mb`,
		"a\nb": `a\nb`, "bad\xffbyte": `bad\xffbyte`, "tab\there": `tab\there`,
	} {
		if got := termSafe(in); got != want {
			t.Errorf("termSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// The names the fixture synthesizer (generator/fixtures/synth.go) plants into generated/<p>/testdata.
const (
	synthMember = "x-eventgen-unknown"
	synthValue  = "x-eventgen-unknown-value"
	synthEvent  = "x-eventgen-unknown-event"
)

// TestReportFindsSynthesizedPlants runs the report over every fixture of every decoded platform: the
// synthesizer's fixtures plant unknown members (duplicates too), unknown enum and union values and
// unknown event types wherever the spec allows them, and the report must count every one, as counted
// in the bodies' own text.
func TestReportFindsSynthesizedPlants(t *testing.T) {
	members := regexp.MustCompile(`"` + synthMember + `"\s*:`)
	values := regexp.MustCompile(`:\s*"` + synthValue + `"`)
	events := regexp.MustCompile(`:\s*"` + synthEvent + `"`)
	for _, name := range decodedPlatforms {
		t.Run(name, func(t *testing.T) {
			sp, err := loadReportSpec(filepath.Join("..", "..", "spec", name+".yaml"), name)
			if err != nil {
				t.Fatal(err)
			}
			// The fixtures: the vendor samples, one file each, and the synthesized ones, a body a line of
			// the packs.
			bodies, err := fixtures.ReadDir(filepath.Join("..", "..", "generated", name))
			if err != nil {
				t.Fatal(err)
			}
			r := &report{byKey: map[string]*finding{}}
			var want [3]int
			for _, b := range bodies {
				data := b.Data
				want[0] += len(members.FindAll(data, -1))
				// There the planted value is a second discriminator member, which the decoder does not
				// read: Validate reports a duplicate member, and the value is no unknown value.
				if !strings.HasPrefix(path.Base(b.Name), "invalid.duplicate-discriminator.") {
					want[1] += len(values.FindAll(data, -1))
				}
				want[2] += len(events.FindAll(data, -1))
				r.addFile(platforms[name], sp, b.File+": "+b.Name, data)
			}
			r.finish()
			var got [3]int
			for _, f := range r.Findings {
				switch {
				case f.Kind == "undeclared-member" && strings.HasSuffix(f.Pointer, "/"+synthMember):
					got[0] += f.Count
				case (f.Kind == "unknown-enum-value" || f.Kind == "unknown-variant") && f.Value == strconv.Quote(synthValue):
					got[1] += f.Count
				case f.Kind == "unknown-event" && f.Event == "Unknown("+synthEvent+")":
					got[2] += f.Count
				}
			}
			if want[0] == 0 || want[1] == 0 || want[2] == 0 {
				t.Fatalf("the fixtures plant %v (members, values, events): has the synthesizer renamed its plants?", want)
			}
			if got != want {
				t.Errorf("found %v of the planted (members, values, events), want %v", got, want)
			}
			t.Logf("%d fixtures: %v planted members, values and event types, all found", len(bodies), want)
		})
	}
}

// FuzzReport feeds arbitrary input to the report of every decoded platform: it must never panic, and
// must account for every document as decoded or undecodable.
func FuzzReport(f *testing.F) {
	specs := map[string]*reportSpec{}
	for _, name := range decodedPlatforms {
		sp, err := loadReportSpec(filepath.Join("..", "..", "spec", name+".yaml"), name)
		if err != nil {
			f.Fatal(err)
		}
		specs[name] = sp
		for _, ev := range sp.p.WireEvents() {
			for _, x := range ev.Examples {
				f.Add([]byte(x.JSON))
			}
		}
	}
	f.Add([]byte(`{"events": [{"event": {}}, 5, {"event": {"type": "message", "payload": {"message": {"type": 1}}}}], "x": [1, {"y": null}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range decodedPlatforms {
			r := &report{byKey: map[string]*finding{}}
			r.addFile(platforms[name], specs[name], "fuzz", data)
			r.finish()
			if r.Undecodable > r.Documents {
				t.Fatalf("%s: %d undecodable of %d documents", name, r.Undecodable, r.Documents)
			}
			var b bytes.Buffer
			r.writeText(&b)
		}
	})
}
