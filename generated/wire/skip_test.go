package wire

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestSkip(t *testing.T) {
	tests := []struct{ in, raw string }{
		{`null`, `null`},
		{` true,`, `true`},
		{`false]`, `false`},
		{`-12.5e+3 `, `-12.5e+3`},
		{`0`, `0`},
		{`"a\"b\u00e9\ud83d"x`, `"a\"b\u00e9\ud83d"`},
		{"\"\xff\xfe\"", "\"\xff\xfe\""},
		{`[]`, `[]`},
		{`{}`, `{}`},
		{`[ ]`, `[ ]`},
		{`{ }`, `{ }`},
		{` [1, "2", [3, {"4": [5]}], {}, [], null] 7`, `[1, "2", [3, {"4": [5]}], {}, [], null]`},
		{`{"a": {"b": {"c": []}}, "a": 1}`, `{"a": {"b": {"c": []}}, "a": 1}`},
		{"{\n\t\"a\" :\r\n 1 ,\"b\":[ ]\n}", "{\n\t\"a\" :\r\n 1 ,\"b\":[ ]\n}"},
		{"{\n                    \"a\":                 [ \t\t\t\t\t\t\t\t\t1 ] \n}        ",
			"{\n                    \"a\":                 [ \t\t\t\t\t\t\t\t\t1 ] \n}"},
		{`123456789012345678901234567890e999999`, `123456789012345678901234567890e999999`},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		offset := strings.Index(tt.in, tt.raw) + len(tt.raw)
		if raw := d.Skip(); raw != tt.raw || d.Offset() != offset || d.Failed() {
			t.Errorf("Skip(%q) = %q at %d (err %v), want %q at %d", tt.in, raw, d.Offset(), d.Err(), tt.raw, offset)
		}
	}
}

// TestSyntaxErrors checks messages and offsets against encoding/json,
// whose offsets count the offending byte as read.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		in     string
		msg    string
		offset int
	}{
		{``, "unexpected end of JSON input", 0},
		{`  `, "unexpected end of JSON input", 2},
		{`x`, "invalid character 'x' looking for beginning of value", 0},
		{`'a'`, `invalid character '\'' looking for beginning of value`, 0},
		{"\xef\xbb\xbf1", `invalid character 'ï' looking for beginning of value`, 0},
		{`01`, "invalid character '1' after top-level value", 1},
		{`-`, "unexpected end of JSON input", 1},
		{`-a`, "invalid character 'a' in numeric literal", 1},
		{`1.`, "unexpected end of JSON input", 2},
		{`.5`, "invalid character '.' looking for beginning of value", 0},
		{`1.x`, "invalid character 'x' after decimal point in numeric literal", 2},
		{`1e`, "unexpected end of JSON input", 2},
		{`1ex`, "invalid character 'x' in exponent of numeric literal", 2},
		{`+1`, "invalid character '+' looking for beginning of value", 0},
		{`[1,]`, "invalid character ']' looking for beginning of value", 3},
		{`{"a":1,}`, "invalid character '}' looking for beginning of object key string", 7},
		{"[\"\t\"]", `invalid character '\t' in string literal`, 2},
		{`"\a"`, "invalid character 'a' in string escape code", 2},
		{`"\u00zz"`, `invalid character 'z' in \u hexadecimal character escape`, 5},
		{`nulL`, "invalid character 'L' in literal null (expecting 'l')", 3},
		{`[tRue]`, "invalid character 'R' in literal true (expecting 'r')", 2},
		{`{"a" "b"}`, "invalid character '\"' after object key", 5},
		{`[1] 2`, "invalid character '2' after top-level value", 4},
		{"{\"a\":1}\x80", `invalid character '\u0080' after top-level value`, 7},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		d.Skip()
		d.End()
		var se *SyntaxError
		if !errors.As(d.Err(), &se) || se.Msg != tt.msg || se.Offset != tt.offset {
			t.Errorf("%q: error %v, want %q at offset %d", tt.in, d.Err(), tt.msg, tt.offset)
			continue
		}
		checkErrorLikeEncodingJSON(t, []byte(tt.in), se)
	}
}

// nested returns n arrays nested in one another around inner.
func nested(n int, open, inner, close string) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
}

func TestMaxDepth(t *testing.T) {
	tests := []struct {
		in    string
		valid bool
	}{
		{nested(MaxDepth, "[", "", "]"), true},
		{nested(MaxDepth+1, "[", "", "]"), false},
		{nested(MaxDepth, `{"a":`, "1", "}"), true},
		{nested(MaxDepth+1, `{"a":`, "1", "}"), false},
		{nested(MaxDepth/2, `[{"a":`, "1", "}]"), true},
		{nested(MaxDepth/2, `[{"a":`, "[]", "}]"), false},
	}
	for i, tt := range tests {
		if json.Valid([]byte(tt.in)) != tt.valid {
			t.Fatalf("case %d: encoding/json disagrees", i)
		}
		d := newDecoder(tt.in)
		d.Skip()
		d.End()
		if d.Failed() == tt.valid || (!tt.valid && errText(d) != "exceeded max depth") {
			t.Errorf("case %d: Skip: err %v, want valid %v", i, d.Err(), tt.valid)
		}
		if got := walkContainers(tt.in); (got == "") != tt.valid {
			t.Errorf("case %d: walk: err %q, want valid %v", i, got, tt.valid)
		}
	}
	// Skip counts the containers opened by Object and Array.
	d := newDecoder(nested(MaxDepth, "[", "", "]"))
	d.Array()
	d.MoreElements()
	d.Skip()
	if d.Failed() {
		t.Errorf("Skip inside Array: %v", d.Err())
	}
	d = newDecoder("[" + nested(MaxDepth, "[", "", "]") + "]")
	d.Array()
	d.MoreElements()
	if d.Skip(); errText(d) != "exceeded max depth" || d.err.Offset != MaxDepth {
		t.Errorf("Skip inside Array: %v, want exceeded max depth at %d", d.Err(), MaxDepth)
	}
}

func TestLookup(t *testing.T) {
	const doc = ` {"eventType": "Session\u0053tarted", "n": 1, "data": {"id": 7, "inner": {"type": "x"},` +
		` "list": [], "type": "dup1", "type": "dup2"}, "esc\"key": true}`
	tests := []struct {
		path  []string
		kind  Kind
		value string
		found bool
	}{
		{[]string{"eventType"}, KindString, "SessionStarted", true},
		{[]string{"n"}, KindNumber, "", true},
		{[]string{"data", "id"}, KindNumber, "", true},
		{[]string{"data", "inner", "type"}, KindString, "x", true},
		{[]string{"data", "inner"}, KindObject, "", true},
		{[]string{"data", "type"}, KindString, "dup1", true}, // the first of duplicates
		{[]string{"esc\"key"}, KindBool, "", true},
		{[]string{"data", "list", "x"}, KindInvalid, "", false}, // not an object on the way
		{[]string{"n", "x"}, KindInvalid, "", false},
		{[]string{"missing"}, KindInvalid, "", false},
		{[]string{"data", "missing"}, KindInvalid, "", false},
		{nil, KindObject, "", true},
	}
	for _, tt := range tests {
		d := newDecoder(doc)
		kind, value, found := d.Lookup(tt.path...)
		if kind != tt.kind || value != tt.value || found != tt.found || d.Offset() != 0 || d.Failed() {
			t.Errorf("Lookup(%q) = %v, %q, %v at %d (err %v); want %v, %q, %v",
				tt.path, kind, value, found, d.Offset(), d.Err(), tt.kind, tt.value, tt.found)
		}
	}
}

func TestLookupState(t *testing.T) {
	// Lookup inside an object being read leaves the read state alone.
	d := newDecoder(`{"a": {"type": "t", "v": 1}}`)
	d.Object()
	d.MoreMembers()
	d.Key()
	if _, v, _ := d.Lookup("type"); v != "t" {
		t.Fatalf("Lookup = %q", v)
	}
	if !d.Object() || !d.MoreMembers() {
		t.Fatal("Object after Lookup failed")
	}
	if n, _ := d.Key(); n != "type" {
		t.Errorf("first key after Lookup: %q", n)
	}
	// Lookup on something that is not an object.
	d = newDecoder(`[1]`)
	if _, _, found := d.Lookup("a"); found || d.Failed() {
		t.Errorf("Lookup on an array: found %v, err %v", found, d.Err())
	}
}

func TestLookupStopsEarly(t *testing.T) {
	// The member is found before the garbage, which is never read.
	d := newDecoder(`{"type": "a", "x": nonsense`)
	if kind, v, found := d.Lookup("type"); kind != KindString || v != "a" || !found || d.Failed() {
		t.Errorf("Lookup = %v, %q, %v, err %v", kind, v, found, d.Err())
	}
	// Garbage before the member is an error.
	d = newDecoder(`{"x": nonsense, "type": "a"}`)
	if _, _, found := d.Lookup("type"); found || errText(d) != "invalid character 'o' in literal null (expecting 'u')" {
		t.Errorf("Lookup past garbage: found %v, err %v", found, d.Err())
	}
	// A bad value at the end of the path is an error.
	for _, in := range []string{`{"type": `, `{"type": x}`, `{"type": "a`} {
		d = newDecoder(in)
		if _, _, found := d.Lookup("type"); found || !d.Failed() {
			t.Errorf("Lookup in %q: found %v, err %v", in, found, d.Err())
		}
	}
}

func TestPointerAt(t *testing.T) {
	// ‸ marks the offset; it is removed from the input.
	tests := []struct{ in, want string }{
		{`{"data": {"callScript": [1, 2, {"label": ‸x}]}}`, "/data/callScript/2/label"},
		{`{"data": {"callScript": [1, 2, {‸"label": x}]}}`, "/data/callScript/2"},
		{`{"data": {"callScript": ‸[1, 2]}}`, "/data/callScript"},
		{`{"data": {"callScript": [‸1, 2]}}`, "/data/callScript/0"},
		{`{"data": {"callScript": [1, ‸2]}}`, "/data/callScript/1"},
		{`{"data": {"callScript": [1‸, 2]}}`, "/data/callScript"},
		{`{"data": {"callScript": [1, 2]‸}}`, "/data"},
		{`‸{"data": 1}`, ""},
		{`{"da‸ta": 1}`, ""},
		{`{"a/b~c": [true, "‸s"]}`, "/a~1b~0c/1"},
		{`{"a/b~c": [‸true, "s"]}`, "/a~1b~0c/0"},
		{`{"a/b~c": [true, "s"‸]}`, "/a~1b~0c"},
		{`{"": ‸0}`, "/"},
		{`{"a\u0062": ‸1}`, "/ab"},
		{`{"a": {"b": 1}}  ‸`, ""},
		{`{"a": {"b": ‸`, "/a/b"}, // a value missing at the end of the input
		{`{"a": [1, 2‸`, "/a"},    // the array lacks its end
		{`{"a": [1 ‸2]}`, "/a"},
		{`{"a": "x‸`, "/a"},
		{`[[[‸`, "/0/0"},
		{`‸x`, ""},
		{`‸`, ""},
	}
	for _, tt := range tests {
		offset := strings.Index(tt.in, "‸")
		in := strings.Replace(tt.in, "‸", "", 1)
		if got := PointerAt(in, offset); got != tt.want {
			t.Errorf("PointerAt(%q, %d) = %q, want %q", in, offset, got, tt.want)
		}
	}
	if got := PointerAt(`{"a": [1]}`, 1000); got != "" {
		t.Errorf("PointerAt beyond the input = %q", got)
	}
	if got := PointerAt(nested(MaxDepth+1, `{"a":`, "1", "}"), MaxDepth*5+2); got != strings.Repeat("/a", MaxDepth) {
		t.Errorf("PointerAt too deep = %.20q...", got)
	}
}

func TestLookupString(t *testing.T) {
	cases := []struct {
		in    string
		path  []string
		value string
		found bool
	}{
		{`{"type":"a"}`, []string{"type"}, "a", true},
		{`{"type":1,"type":"a","type":"b"}`, []string{"type"}, "a", true},
		{`{"type":null,"x":{"type":"no"},"type":"\u0061"}`, []string{"type"}, "a", true},
		{`{"type":1,"type":[]}`, []string{"type"}, "", false},
		{`{"event":"x","event":{"type":2,"type":"a"}}`, []string{"event", "type"}, "a", true},
		// The first object on the way counts, as the decoders read it.
		{`{"event":{"x":1},"event":{"type":"a"}}`, []string{"event", "type"}, "", false},
		{`[{"type":"a"}]`, []string{"type"}, "", false},
		{`{"type":1,"type":"a"`, []string{"type"}, "a", true}, // the rest is not validated
		{`{"type":1,}`, []string{"type"}, "", false},
	}
	for _, c := range cases {
		var d Decoder
		d.Reset(c.in)
		value, found := d.LookupString(c.path...)
		if value != c.value || found != c.found {
			t.Errorf("LookupString(%s, %q) = %q, %v; want %q, %v", c.in, c.path, value, found, c.value, c.found)
		}
		if d.Offset() != 0 {
			t.Errorf("LookupString(%s) moved the offset to %d", c.in, d.Offset())
		}
	}
}
