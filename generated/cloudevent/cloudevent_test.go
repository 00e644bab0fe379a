package cloudevent

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestNewAttributes(t *testing.T) {
	f := &Facts{Platform: "p", Type: "eventgen.p.x", Source: "urn:eventgen:p", Schema: "https://example.com/p.json#/components/schemas/X",
		ID:   []string{"data", "id"},
		Time: &TimeMember{Path: []string{"data", "at"}, Layouts: []string{"2006-01-02T15:04:05.999999999Z07:00"}, Seps: ",:"}}
	for _, c := range []struct {
		data, id, time string
	}{
		{`{"data":{"id":"a1","at":"2024-05-02T16:05:24,454661+02:00"}}`, "x/a1", "2024-05-02T16:05:24.454661+02:00"},
		{`{"data":{"at":"2024-05-02T16:05:24:5+02:00","id":42}}`, "x/42", "2024-05-02T16:05:24.5+02:00"},
		{`{"data":{"id":"first","id":"second"}}`, "x/first", ""},
		{`{"data":{"id":null,"at":"yesterday"}}`, Derive("p", []byte(`{"data":{"id":null,"at":"yesterday"}}`)), ""},
		{`{"data":{"id":1.5}}`, Derive("p", []byte(`{"data":{"id":1.5}}`)), ""},
		{`{"id":"outside","data":"text"}`, Derive("p", []byte(`{"id":"outside","data":"text"}`)), ""},
	} {
		ev, err := New(f, []byte(c.data), Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.data, err)
		}
		if ev.ID != c.id || ev.Time != c.time {
			t.Errorf("%s: id %q time %q, want %q %q", c.data, ev.ID, ev.Time, c.id, c.time)
		}
		if ev.Type != f.Type || ev.Source != f.Source || ev.DataSchema != f.Schema || ev.DataContentType != ContentType || string(ev.Data) != c.data {
			t.Errorf("%s: attributes %+v", c.data, ev)
		}
	}
	ev, err := New(f, []byte(`{}`), Options{ID: "delivery-1", Source: "https://hooks.example.com/p"})
	if err != nil || ev.ID != "delivery-1" || ev.Source != "https://hooks.example.com/p" {
		t.Errorf("options not applied: %+v, %v", ev, err)
	}
}

func TestUnixTime(t *testing.T) {
	for _, c := range []struct {
		unix, data, want string
	}{
		{"seconds", `{"ts":1714658724}`, "2024-05-02T14:05:24Z"},
		{"milliseconds", `{"ts":1714658724123}`, "2024-05-02T14:05:24.123Z"},
		{"seconds", `{"ts":"1714658724"}`, ""},
		{"seconds", `{"ts":1e3}`, ""},
	} {
		ev, err := New(&Facts{Platform: "p", Type: "t", Source: "s", Time: &TimeMember{Path: []string{"ts"}, Unix: c.unix}}, []byte(c.data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if ev.Time != c.want {
			t.Errorf("%s %s: time %q, want %q", c.unix, c.data, ev.Time, c.want)
		}
	}
}

func TestDerive(t *testing.T) {
	a, b := Derive("p", []byte(`{"x":1}`)), Derive("q", []byte(`{"x":1}`))
	if a == b || len(a) != 64 || a != Derive("p", []byte(`{"x":1}`)) {
		t.Errorf("Derive: %s, %s", a, b)
	}
}

func TestMarshalParse(t *testing.T) {
	ev := Event{ID: "1", Source: "urn:x", Type: "t", Subject: "s", Time: "2024-05-02T14:05:24Z", DataContentType: ContentType,
		DataSchema: "https://example.com/s.json", Data: json.RawMessage(`{"a":[1,2]}`),
		Extensions: map[string]json.RawMessage{"traceparent": json.RawMessage(`"00-1"`), "seq": json.RawMessage(`7`)}}
	b, err := ev.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"specversion":"1.0","id":"1","source":"urn:x","type":"t","subject":"s","time":"2024-05-02T14:05:24Z",` +
		`"datacontenttype":"application/json","dataschema":"https://example.com/s.json","seq":7,"traceparent":"00-1","data":{"a":[1,2]}}`
	if string(b) != want {
		t.Fatalf("MarshalJSON:\n got %s\nwant %s", b, want)
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := back.MarshalJSON()
	if string(b2) != want {
		t.Errorf("round trip:\n got %s\nwant %s", b2, want)
	}
	for _, ok := range []string{"urn:eventgen:p", "https://example.com/p/openapi.json#/components/schemas/X", "mailto:a@b", "https://例え.jp/x"} {
		if !absoluteURI(ok) {
			t.Errorf("absoluteURI(%q) = false", ok)
		}
	}
	b64, err := Parse([]byte(`{"specversion":"1.0","id":"1","source":"urn:x","type":"t","data_base64":"eyJhIjoxfQ=="}`))
	if err != nil || string(b64.Data) != `{"a":1}` {
		t.Errorf("data_base64: %+v, %v", b64, err)
	}
}

func TestParseErrors(t *testing.T) {
	for in, want := range map[string]string{
		`[]`:                                 "not a JSON object",
		`{"id":"1","source":"s","type":"t"}`: `specversion "", want "1.0"`,
		`{"specversion":"0.3","id":"1","source":"s","type":"t"}`:                                               `specversion "0.3"`,
		`{"specversion":"1.0","source":"s","type":"t"}`:                                                        "id is empty",
		`{"specversion":"1.0","id":"","source":"s","type":"t"}`:                                                "id is empty",
		`{"specversion":"1.0","id":1,"source":"s","type":"t"}`:                                                 "id is not a string",
		`{"specversion":"1.0","id":"1","type":"t"}`:                                                            "source is empty",
		`{"specversion":"1.0","id":"1","source":"s"}`:                                                          "type is empty",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","time":"yesterday"}`:                            "not an RFC 3339 time",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","dataschema":"rel/x"}`:                          "not an absolute URI",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","dataschema":"1a:x"}`:                           "not an absolute URI",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","dataschema":"https://x/a b"}`:                  "not an absolute URI",
		`{"specversion":"1.0","id":"1","source":"a b","type":"t"}`:                                             "not a URI reference",
		`{"specversion":"1.0","id":"1","source":"%zz","type":"t"}`:                                             "not a URI reference",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","datacontenttype":"text/plain"}`:                "not JSON",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","Bad_Name":"x"}`:                                "not an extension attribute name",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","ext":{"a":1}}`:                                 "not a string, number or boolean",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","data":{},"data_base64":"e30="}`:                "both data and data_base64",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"!!"}`:                            "data_base64",
		`{"specversion":"1.0","id":"1","source":"s","type":"t","data":{},"datacontenttype":"application/xml"}`: "not JSON",
	} {
		_, err := Parse([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%s): %v, want an error with %q", in, err, want)
		}
	}
}

// TestDecode checks the steps of a generated FromCloudEvent: the platform's type prefix, the data's
// decoding, and the type of the decoded event against the CloudEvent's.
func TestDecode(t *testing.T) {
	decode := func(b []byte) (string, error) {
		if len(b) == 0 {
			return "", errors.New("no data")
		}
		return string(b), nil
	}
	typeOf := func(s string) string { return TypePrefix("p") + s }
	for _, c := range []struct {
		typ, data, want, err string
	}{
		{typ: "eventgen.p.a", data: "a", want: "a"},
		{typ: "eventgen.q.a", data: "a", err: `p: CloudEvent type "eventgen.q.a" is not one of this platform's (eventgen.p.*)`},
		{typ: "eventgen.p.a", data: "", err: "no data"},
		{typ: "eventgen.p.a", data: "b", err: `p: CloudEvent type "eventgen.p.a", but its data holds an event of type "eventgen.p.b"`},
	} {
		got, err := Decode(&Event{Type: c.typ, Data: []byte(c.data)}, "p", decode, typeOf)
		if msg := fmt.Sprint(err); (err != nil || c.err != "") && msg != c.err {
			t.Errorf("Decode(%s, %q): error %v, want %q", c.typ, c.data, err, c.err)
		}
		if got != c.want {
			t.Errorf("Decode(%s, %q) = %q, want %q", c.typ, c.data, got, c.want)
		}
	}
}
