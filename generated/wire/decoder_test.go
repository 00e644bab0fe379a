package wire

import (
	"math"
	"strings"
	"testing"
)

func newDecoder(s string) *Decoder {
	d := new(Decoder)
	d.Reset(s)
	return d
}

// errText returns the message of d's error, or "".
func errText(d *Decoder) string {
	if d.err == nil {
		return ""
	}
	return d.err.Msg
}

func TestKindString(t *testing.T) {
	want := map[Kind]string{
		KindInvalid: "invalid", KindNull: "null", KindBool: "boolean", KindNumber: "number",
		KindString: "string", KindArray: "array", KindObject: "object", Kind(200): "invalid",
	}
	for k, s := range want {
		if got := k.String(); got != s {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, s)
		}
	}
}

func TestPeek(t *testing.T) {
	tests := []struct {
		in     string
		want   Kind
		offset int
	}{
		{"", KindInvalid, 0},
		{"   ", KindInvalid, 3},
		{" null", KindNull, 1},
		{"true", KindBool, 0},
		{"\tfalse", KindBool, 1},
		{"\r\n-1", KindNumber, 2},
		{"7", KindNumber, 0},
		{`"s"`, KindString, 0},
		{" [", KindArray, 1},
		{"{}", KindObject, 0},
		{"x", KindInvalid, 0},
		{"]", KindInvalid, 0},
		{"\v1", KindInvalid, 0}, // vertical tab is not JSON whitespace
		{"tx", KindBool, 0},     // the first byte decides; reading validates
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		if got := d.Peek(); got != tt.want || d.Offset() != tt.offset || d.Failed() {
			t.Errorf("Peek(%q) = %v at %d (err %v), want %v at %d", tt.in, got, d.Offset(), d.Err(), tt.want, tt.offset)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		ok     bool
		offset int    // read offset afterwards
		err    string // recorded error
	}{
		{`"abc"`, "abc", true, 5, ""},
		{` "" `, "", true, 3, ""},
		{`"a\"b\\c\/d"`, `a"b\c/d`, true, 12, ""},
		{`"\b\f\n\r\t"`, "\b\f\n\r\t", true, 12, ""},
		{`"\u0041\u00e9\u20AC"`, "Aé€", true, 20, ""},
		{`"\ud83d\ude00"`, "😀", true, 14, ""},
		{`"\ud83d"`, "\uFFFD", true, 8, ""},               // lone high surrogate
		{`"\ude00x"`, "\uFFFDx", true, 9, ""},             // lone low surrogate
		{`"\ud83d\u0041"`, "\uFFFDA", true, 14, ""},       // high surrogate, then no low one
		{`"\ud83d\ud83d\ude00"`, "\uFFFD😀", true, 20, ""}, // the second one pairs
		{`"\ud83dx"`, "\uFFFDx", true, 9, ""},
		{"\"a\xffb\xc3\"", "a\xffb\xc3", true, 6, ""}, // invalid UTF-8 kept verbatim
		{"\"日本\"", "日本", true, 8, ""},
		{`123`, "", false, 0, ""},
		{`null`, "", false, 0, ""},
		{`{"a":1}`, "", false, 0, ""},
		{``, "", false, 0, ""},
		{`"abc`, "", false, 0, "unexpected end of JSON input"},
		{"\"a\nb\"", "", false, 0, `invalid character '\n' in string literal`},
		{"\"\x00\"", "", false, 0, `invalid character '\x00' in string literal`},
		{`"\x"`, "", false, 0, `invalid character 'x' in string escape code`},
		{`"\u12G4"`, "", false, 0, `invalid character 'G' in \u hexadecimal character escape`},
		{`"\u12`, "", false, 0, "unexpected end of JSON input"},
		{`"\`, "", false, 0, "unexpected end of JSON input"},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		got, ok := d.String()
		if got != tt.want || ok != tt.ok || d.Offset() != tt.offset || errText(d) != tt.err {
			t.Errorf("String(%q) = %q, %v at %d, err %q; want %q, %v at %d, err %q",
				tt.in, got, ok, d.Offset(), errText(d), tt.want, tt.ok, tt.offset, tt.err)
		}
	}
}

func TestStringIsSubstring(t *testing.T) {
	in := `"plain value"`
	d := newDecoder(in)
	if allocs := testing.AllocsPerRun(100, func() {
		d.Reset(in)
		d.String()
	}); allocs != 0 {
		t.Errorf("String without escapes allocates %v times, want 0", allocs)
	}
}

func TestInt(t *testing.T) {
	tests := []struct {
		in     string
		want   int64
		ok     bool
		offset int
		err    string
	}{
		{"0", 0, true, 1, ""},
		{"-0", 0, true, 2, ""},
		{" 42 ", 42, true, 3, ""},
		{"-17", -17, true, 3, ""},
		{"9223372036854775807", math.MaxInt64, true, 19, ""},
		{"-9223372036854775808", math.MinInt64, true, 20, ""},
		{"9223372036854775808", 0, false, 0, ""},
		{"-9223372036854775809", 0, false, 0, ""},
		{"99999999999999999999", 0, false, 0, ""},
		{"12345678901234567890123", 0, false, 0, ""},
		{"1.0", 0, false, 0, ""},
		{"1e2", 0, false, 0, ""},
		{`"1"`, 0, false, 0, ""},
		{"true", 0, false, 0, ""},
		{"01", 0, true, 1, ""}, // the '1' is left for the caller to reject
		{"-", 0, false, 0, "unexpected end of JSON input"},
		{"-x", 0, false, 0, "invalid character 'x' in numeric literal"},
		{"1.", 0, false, 0, "unexpected end of JSON input"},
		{"1.e", 0, false, 0, "invalid character 'e' after decimal point in numeric literal"},
		{"1e+", 0, false, 0, "unexpected end of JSON input"},
		{"1e+]", 0, false, 0, "invalid character ']' in exponent of numeric literal"},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		got, ok := d.Int()
		if got != tt.want || ok != tt.ok || d.Offset() != tt.offset || errText(d) != tt.err {
			t.Errorf("Int(%q) = %d, %v at %d, err %q; want %d, %v at %d, err %q",
				tt.in, got, ok, d.Offset(), errText(d), tt.want, tt.ok, tt.offset, tt.err)
		}
	}
}

func TestFloat(t *testing.T) {
	tests := []struct {
		in     string
		want   float64
		ok     bool
		offset int
	}{
		{"0", 0, true, 1},
		{"1", 1, true, 1},
		{"-12", -12, true, 3},
		{"1.5", 1.5, true, 3},
		{"-0.25e2", -25, true, 7},
		{"1E3", 1000, true, 3},
		{"1e-400", 0, true, 6}, // underflow is not a range error
		{"9007199254740993", 9007199254740992, true, 16},
		{"123456789012345678901234567890", 1.2345678901234568e29, true, 30},
		{"1e400", 0, false, 0},
		{"-1e400", 0, false, 0},
		{`"1"`, 0, false, 0},
		{"null", 0, false, 0},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		got, ok := d.Float()
		if got != tt.want || ok != tt.ok || d.Offset() != tt.offset || d.Failed() {
			t.Errorf("Float(%q) = %v, %v at %d, err %v; want %v, %v at %d",
				tt.in, got, ok, d.Offset(), d.Err(), tt.want, tt.ok, tt.offset)
		}
	}
	d := newDecoder("-0")
	if got, ok := d.Float(); !ok || !math.Signbit(got) {
		t.Errorf("Float(-0) = %v, %v; want negative zero", got, ok)
	}
	d = newDecoder("1.5e")
	if _, ok := d.Float(); ok || errText(d) != "unexpected end of JSON input" {
		t.Errorf("Float(1.5e): ok %v, err %q", ok, errText(d))
	}
}

func TestBoolNull(t *testing.T) {
	tests := []struct {
		in        string
		bool, bok bool
		null      bool
		err       string // error recorded by the reader of the right kind
	}{
		{"true", true, true, false, ""},
		{" false", false, true, false, ""},
		{"null", false, false, true, ""},
		{"0", false, false, false, ""},
		{`"true"`, false, false, false, ""},
		{"", false, false, false, ""},
		{"tru", false, false, false, "unexpected end of JSON input"},
		{"trUe", false, false, false, "invalid character 'U' in literal true (expecting 'u')"},
		{"fals", false, false, false, "unexpected end of JSON input"},
		{"falsy", false, false, false, "invalid character 'y' in literal false (expecting 'e')"},
		{"nul", false, false, false, "unexpected end of JSON input"},
		{"nil", false, false, false, "invalid character 'i' in literal null (expecting 'u')"},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		v, ok := d.Bool()
		null := newDecoder(tt.in).Null()
		if v != tt.bool || ok != tt.bok || null != tt.null {
			t.Errorf("%q: Bool() = %v, %v; Null() = %v; want %v, %v; %v", tt.in, v, ok, null, tt.bool, tt.bok, tt.null)
		}
		if ok {
			continue
		}
		if d.Offset() != 0 && !d.Failed() {
			t.Errorf("%q: Bool() consumed input without reading a value", tt.in)
		}
		nd := newDecoder(tt.in)
		nd.Null()
		if got := errText(d) + errText(nd); got != tt.err {
			t.Errorf("%q: error %q, want %q", tt.in, got, tt.err)
		}
	}
}

func TestContainers(t *testing.T) {
	d := newDecoder(` [1, {"a": [], "b": {}}, "x"] `)
	var got []string
	if d.Object() || !d.Array() {
		t.Fatal("Object/Array on an array")
	}
	for d.MoreElements() {
		switch d.Peek() {
		case KindObject:
			if d.Array() || !d.Object() {
				t.Fatal("Array/Object on an object")
			}
			for d.MoreMembers() {
				name, raw := d.Key()
				got = append(got, name+"="+raw+":"+d.Skip())
			}
		default:
			got = append(got, d.Skip())
		}
	}
	d.End()
	want := `1 a="a":[] b="b":{} "x"`
	if strings.Join(got, " ") != want || d.Failed() || d.depth != 0 {
		t.Errorf("got %q (err %v, depth %d), want %q", strings.Join(got, " "), d.Err(), d.depth, want)
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		in, name, raw, err string
	}{
		{`"a":1`, "a", `"a"`, ""},
		{` "a b" : 1`, "a b", `"a b"`, ""},
		{`"\u0061\n":1`, "a\n", `"\u0061\n"`, ""},
		{`"a" 1`, "", "", "invalid character '1' after object key"},
		{`"a"`, "", "", "unexpected end of JSON input"},
		{`1:1`, "", "", "invalid character '1' looking for beginning of object key string"},
		{`"a`, "", "", "unexpected end of JSON input"},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		name, raw := d.Key()
		if name != tt.name || raw != tt.raw || errText(d) != tt.err {
			t.Errorf("Key(%q) = %q, %q, err %q; want %q, %q, err %q", tt.in, name, raw, errText(d), tt.name, tt.raw, tt.err)
		}
	}
}

// walkContainers reads in with Object, Array, MoreMembers, MoreElements,
// Key and Skip for scalars, and returns the error message.
func walkContainers(in string) string {
	d := newDecoder(in)
	var walk func()
	walk = func() {
		switch {
		case d.Object():
			for d.MoreMembers() {
				d.Key()
				walk()
			}
		case d.Array():
			for d.MoreElements() {
				walk()
			}
		default:
			d.Skip()
		}
	}
	walk()
	d.End()
	return errText(d)
}

func TestContainerErrors(t *testing.T) {
	tests := []struct{ in, err string }{
		{`{"a":1 "b":2}`, `invalid character '"' after object key:value pair`},
		{`{"a":1,}`, `invalid character '}' looking for beginning of object key string`},
		{`{,"a":1}`, `invalid character ',' looking for beginning of object key string`},
		{`{"a":1]`, `invalid character ']' after object key:value pair`},
		{`{"a" 1}`, `invalid character '1' after object key`},
		{`{"a":}`, `invalid character '}' looking for beginning of value`},
		{`{1:1}`, `invalid character '1' looking for beginning of object key string`},
		{`{`, "unexpected end of JSON input"},
		{`{"a":1`, "unexpected end of JSON input"},
		{`{"a":1,`, "unexpected end of JSON input"},
		{`[1 2]`, `invalid character '2' after array element`},
		{`[1,]`, `invalid character ']' looking for beginning of value`},
		{`[,1]`, `invalid character ',' looking for beginning of value`},
		{`[1}`, `invalid character '}' after array element`},
		{`[`, "unexpected end of JSON input"},
		{`[1,`, "unexpected end of JSON input"},
		{`[] []`, `invalid character '[' after top-level value`},
		{`{}x`, `invalid character 'x' after top-level value`},
		{`[{}, [], {"a": [{}]}]`, ""},
	}
	for _, tt := range tests {
		if got := walkContainers(tt.in); got != tt.err {
			t.Errorf("walk(%q): error %q, want %q", tt.in, got, tt.err)
		}
		d := newDecoder(tt.in)
		d.Skip()
		d.End()
		if got := errText(d); got != tt.err {
			t.Errorf("Skip(%q): error %q, want %q", tt.in, got, tt.err)
		}
	}
}

func TestErrorsAreSticky(t *testing.T) {
	d := newDecoder(`{"a": x} "b" 1 true null [] {}`)
	d.Object()
	d.MoreMembers()
	d.Key()
	d.Skip()
	first := d.Err()
	if first == nil {
		t.Fatal("no error")
	}
	off := d.Offset()
	d.Fail("another")
	if d.Peek() != KindInvalid || d.Object() || d.Array() || d.MoreMembers() || d.MoreElements() ||
		d.Null() || d.Skip() != "" || d.Err() != first || d.Offset() != off {
		t.Error("a method acted after an error")
	}
	if n, r := d.Key(); n != "" || r != "" {
		t.Error("Key acted after an error")
	}
	if _, ok := d.String(); ok {
		t.Error("String acted after an error")
	}
	if _, ok := d.Int(); ok {
		t.Error("Int acted after an error")
	}
	if _, ok := d.Float(); ok {
		t.Error("Float acted after an error")
	}
	if _, ok := d.Bool(); ok {
		t.Error("Bool acted after an error")
	}
	if _, _, found := d.Lookup("a"); found {
		t.Error("Lookup acted after an error")
	}
	want := "invalid character 'x' looking for beginning of value at offset 6"
	if first.Error() != want || !d.Failed() {
		t.Errorf("error %q, want %q", first.Error(), want)
	}
	d.Reset(`1`)
	if d.Failed() || d.Err() != nil || d.Input() != "1" || d.Offset() != 0 {
		t.Error("Reset kept state")
	}
}

func TestFail(t *testing.T) {
	d := newDecoder(`  {"a": 1}`)
	d.Object()
	d.Fail("custom problem")
	d.Fail("second")
	var se *SyntaxError
	if err, ok := d.Err().(*SyntaxError); ok {
		se = err
	}
	if se == nil || se.Msg != "custom problem" || se.Offset != 3 {
		t.Errorf("Fail recorded %#v", d.Err())
	}
}

func TestEnd(t *testing.T) {
	tests := []struct{ in, err string }{
		{"1", ""},
		{"1 \t\r\n", ""},
		{"1 2", "invalid character '2' after top-level value"},
		{"01", "invalid character '1' after top-level value"},
		{"truex", "invalid character 'x' after top-level value"},
		{"1\x00", `invalid character '\x00' after top-level value`},
		{"\"a\"\"b\"", `invalid character '"' after top-level value`},
	}
	for _, tt := range tests {
		d := newDecoder(tt.in)
		d.Skip()
		d.End()
		if errText(d) != tt.err {
			t.Errorf("%q: error %q, want %q", tt.in, errText(d), tt.err)
		}
	}
}

func TestMembersKeep(t *testing.T) {
	d := newDecoder(`{"a": [1, 2], "b\u0021": null, "c": x}`)
	var m Members
	d.Object()
	for d.MoreMembers() {
		name, raw := d.Key()
		m.Keep(d, name, raw, "problem "+name)
	}
	want := Members{
		{Name: "a", RawName: `"a"`, Value: "[1, 2]", Problem: "problem a"},
		{Name: "b!", RawName: `"b\u0021"`, Value: "null", Problem: "problem b!"},
	}
	if len(m) != len(want) || m[0] != want[0] || m[1] != want[1] {
		t.Errorf("Keep kept %#v, want %#v", m, want)
	}
	if !d.Failed() {
		t.Error("invalid value kept without error")
	}
}

// TestMismatchConsumes checks that Decoder.Mismatch consumes the value it
// words exactly as Skip does, including a null (read on its own fast path)
// and a misspelt one.
func TestMismatchConsumes(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{" null, 1", "must not be null"},
		{"null", "must not be null"},
		{"nul", "must not be null"},
		{"nil", "must not be null"},
		{"nullx", "must not be null"},
		{`"a", 1`, "expected integer, got string"},
		{"1.5 ", "expected integer, got number"},
		{"[1, {}] ,", "expected integer, got array"},
		{"", "expected integer"},
	}
	for _, tt := range tests {
		d, s := newDecoder(tt.in), newDecoder(tt.in)
		got := d.Mismatch("integer")
		s.Skip()
		if got != tt.want {
			t.Errorf("%q: Mismatch = %q, want %q", tt.in, got, tt.want)
		}
		if d.Offset() != s.Offset() || errText(d) != errText(s) {
			t.Errorf("%q: Mismatch stopped at %d with error %q; Skip at %d with %q",
				tt.in, d.Offset(), errText(d), s.Offset(), errText(s))
		}
	}
}
