package cloudevent

import (
	"bytes"
	"testing"
)

// FuzzParse: Parse never panics; what it accepts marshals, and parses back to the same bytes.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"specversion":"1.0","id":"1","source":"urn:x","type":"t","time":"2024-05-02T14:05:24Z","data":{"a":1}}`))
	f.Add([]byte(`{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"eyJhIjoxfQ==","ext":true}`))
	f.Add([]byte(`{"specversion":"1.0","id":"1","source":"s","type":"t","dataschema":"https://x/y#/a","data":null}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		ev, err := Parse(in)
		if err != nil {
			return
		}
		b, err := ev.MarshalJSON()
		if err != nil {
			t.Fatalf("Parse accepted %s, MarshalJSON fails: %v", in, err)
		}
		back, err := Parse(b)
		if err != nil {
			t.Fatalf("MarshalJSON wrote %s, Parse refuses it: %v", b, err)
		}
		b2, err := back.MarshalJSON()
		if err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("not stable:\n%s\n%s (%v)", b, b2, err)
		}
	})
}

// FuzzNew: New never panics on any event JSON, and what it makes is valid.
func FuzzNew(f *testing.F) {
	f.Add([]byte(`{"data":{"id":"a1","at":"2024-05-02T16:05:24,454661+02:00"}}`))
	f.Add([]byte(`{"data":{"id":12,"at":1714658724}}`))
	facts := []*Facts{
		{Platform: "p", Type: "eventgen.p.x", Source: "urn:eventgen:p", ID: []string{"data", "id"},
			Time: &TimeMember{Path: []string{"data", "at"}, Layouts: []string{"2006-01-02T15:04:05.999999999Z07:00"}, Seps: ",:"}},
		{Platform: "p", Type: "eventgen.p.y", Source: "urn:eventgen:p", Time: &TimeMember{Path: []string{"data", "at"}, Unix: "milliseconds"}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fa := range facts {
			ev, err := New(fa, data, Options{})
			if err != nil {
				continue // data that is not JSON
			}
			if err := ev.Validate(); err != nil || ev.ID == "" {
				t.Fatalf("New made an invalid event from %q: %v", data, err)
			}
		}
	})
}
