package wire

import (
	"encoding/json"
	"fmt"
	"testing"
)

// holder is a consumer's struct with members that may be absent or null.
type holder struct {
	Name  Opt[string]          `json:"name,omitzero"`
	Count Opt[int64]           `json:"count,omitzero"`
	Raw   Opt[json.RawMessage] `json:"raw,omitzero"`
	Num   Opt[json.Number]     `json:"num,omitzero"`
	List  Opt[[]string]        `json:"list,omitzero"`
}

func TestOptJSON(t *testing.T) {
	for _, in := range []string{
		`{}`,
		`{"name":null,"count":null,"raw":null,"num":null,"list":null}`,
		`{"name":"a\u2028b","count":-7,"raw":{"k":[1,2]},"num":1e400,"list":["x"]}`,
		"{\"name\":\"bad \xff utf-8\"}",
	} {
		var h holder
		if err := json.Unmarshal([]byte(in), &h); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		out, err := json.Marshal(h)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		// The Encoder writes U+2028 as it is; json.Marshal escapes it again, as it came, and keeps
		// bytes that are not UTF-8 verbatim.
		if string(out) != in {
			t.Errorf("round trip of %s gave %s", in, out)
		}
	}
}

func TestOptUnmarshalErrors(t *testing.T) {
	var h holder
	for _, in := range []string{`{"count":"7"}`, `{"count":1.5}`, `{"name":7}`} {
		if err := json.Unmarshal([]byte(in), &h); err == nil {
			t.Errorf("Unmarshal(%s): no error", in)
		}
	}
	o := Some("kept")
	if err := o.UnmarshalJSON([]byte(`[`)); err == nil || o.Value() != "kept" {
		t.Errorf("UnmarshalJSON of invalid JSON: err %v, value %q", err, o.Value())
	}
}

func TestOptFormat(t *testing.T) {
	h := holder{Name: Some("x"), Count: Null[int64]()}
	for _, c := range []struct{ format, want string }{
		{"%v", "{x null <absent> <absent> <absent>}"},
		{"%+v", "{Name:x Count:null Raw:<absent> Num:<absent> List:<absent>}"},
		{"%q", `{"x" null <absent> <absent> <absent>}`},
		{"%#v", `wire.holder{Name:wire.Some("x"), Count:wire.Null[int64](), Raw:wire.Opt[json.RawMessage]{}, Num:wire.Opt[json.Number]{}, List:wire.Opt[[]string]{}}`},
	} {
		if got := fmt.Sprintf(c.format, h); got != c.want {
			t.Errorf("Sprintf(%q) = %s, want %s", c.format, got, c.want)
		}
	}
}

// event stands for a generated struct: exported fields and bookkeeping.
type event struct {
	ID    int64
	Raw   json.RawMessage
	Label Opt[string]
	extra Members
	size  int
}

func (x event) Format(f fmt.State, verb rune) { FormatStruct(f, verb, x) }

func TestFormatStruct(t *testing.T) {
	x := &event{ID: 7, Raw: json.RawMessage(`{"a":1}`), extra: Members{{Name: "k"}}, size: 9}
	for _, c := range []struct{ format, want string }{
		{"%v", `{7 {"a":1} <absent>}`},
		{"%+v", `{ID:7 Raw:{"a":1} Label:<absent>}`},
		{"%#v", `wire.event{ID:7, Raw:json.RawMessage{0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d}, Label:wire.Opt[string]{}}`},
	} {
		if got := fmt.Sprintf(c.format, x); got != c.want {
			t.Errorf("Sprintf(%q) = %s, want %s", c.format, got, c.want)
		}
	}
	var nilEvent *event
	if got := fmt.Sprint([]*event{nilEvent}); got != "[<nil>]" {
		t.Errorf("nil pointer prints %s", got)
	}
}
