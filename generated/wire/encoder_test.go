package wire

import (
	"encoding/json"
	"math"
	"testing"
)

func TestEncoderCommas(t *testing.T) {
	tests := []encoderCase{
		{"empty object", func(e *Encoder) { e.ObjectStart(); e.ObjectEnd() }, `{}`},
		{"empty array", func(e *Encoder) { e.ArrayStart(); e.ArrayEnd() }, `[]`},
		{"members", func(e *Encoder) {
			e.ObjectStart()
			e.Key(`"a"`)
			e.Int(1)
			e.Key(`"b"`)
			e.String("x")
			e.Key(`"c"`)
			e.Null()
			e.ObjectEnd()
		}, `{"a":1,"b":"x","c":null}`},
		{"elements", func(e *Encoder) {
			e.ArrayStart()
			for _, v := range []int64{1, 2, 3} {
				e.Elem()
				e.Int(v)
			}
			e.ArrayEnd()
		}, `[1,2,3]`},
		{"nested", func(e *Encoder) {
			e.ArrayStart()
			e.ObjectStart()
			e.Key(`"a"`)
			e.ArrayStart()
			e.ArrayEnd()
			e.Key(`"b"`)
			e.ObjectStart()
			e.ObjectEnd()
			e.ObjectEnd()
			e.ArrayStart()
			e.Bool(true)
			e.Bool(false)
			e.ArrayEnd()
			e.Raw(`{"raw": 1}`)
			e.Float(1.5)
			e.ArrayEnd()
		}, `[{"a":[],"b":{}},[true,false],{"raw": 1},1.5]`},
		{"scalar", func(e *Encoder) { e.Int(-42) }, `-42`},
	}
	checkEncoder(t, tests)
}

func TestEncoderMembers(t *testing.T) {
	checkEncoder(t, []encoderCase{
		{"kept members", func(e *Encoder) {
			e.ObjectStart()
			e.Key(`"id"`)
			e.Int(7)
			e.Members(Members{{Name: "x", RawName: `"\u0078"`, Value: `[1, 2]`}, {Name: "y", RawName: `"y"`, Value: `null`}})
			e.ObjectEnd()
		}, `{"id":7,"\u0078":[1, 2],"y":null}`},
		{"only kept members", func(e *Encoder) {
			e.ObjectStart()
			e.Members(Members{{RawName: `"a"`, Value: `1`}, {RawName: `"b"`, Value: `2`}})
			e.ObjectEnd()
		}, `{"a":1,"b":2}`},
		{"no members", func(e *Encoder) {
			e.ObjectStart()
			e.Members(nil)
			e.Key(`"a"`)
			e.Null()
			e.ObjectEnd()
		}, `{"a":null}`},
	})
}

// encoderCase is a sequence of Encoder calls and the JSON they write.
type encoderCase struct {
	name  string
	write func(e *Encoder)
	want  string
}

func checkEncoder(t *testing.T, tests []encoderCase) {
	t.Helper()
	for _, tt := range tests {
		var e Encoder
		tt.write(&e)
		if got := string(e.Buf); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
		if !json.Valid(e.Buf) {
			t.Errorf("%s: %s is not valid JSON", tt.name, e.Buf)
		}
	}
}

func TestEncoderString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"\n\r\t\b\f", `"\n\r\t\b\f"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f\""},
		{"<a&b>", `"<a&b>"`},
		{"/", `"/"`},
		{"日本\u2028", "\"日本\u2028\""},
		{"bad \xff utf8", "\"bad \xff utf8\""},
	}
	for _, tt := range tests {
		var e Encoder
		e.String(tt.in)
		if got := string(e.Buf); got != tt.want {
			t.Errorf("String(%q) wrote %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestEncoderFloat(t *testing.T) {
	values := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 1.5, -2.25, 100, 1e6, 123456789, 1e20, 1e21, 1.5e21, 1e22,
		123456789012345678, 1e-6, 1e-7, 1.2345e-7, 0.000001234, 3.14159, 1.0 / 3, 2.0 / 3, 5e-324,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 1 << 53, 1<<53 + 1, 0.3e-10,
		9.999999999999999e20, 1e-5, 12e-7, -1e-7, 4.940656458412465e-324,
	}
	for _, v := range values {
		var e Encoder
		e.Float(v)
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(e.Buf) != string(want) {
			t.Errorf("Float(%v) wrote %s, encoding/json writes %s", v, e.Buf, want)
		}
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		var e Encoder
		e.Float(v)
		if string(e.Buf) != "null" {
			t.Errorf("Float(%v) wrote %s, want null", v, e.Buf)
		}
	}
}

func TestEncoderInt(t *testing.T) {
	for _, v := range []int64{0, 1, -1, math.MaxInt64, math.MinInt64} {
		var e Encoder
		e.Int(v)
		want, _ := json.Marshal(v)
		if string(e.Buf) != string(want) {
			t.Errorf("Int(%d) wrote %s, want %s", v, e.Buf, want)
		}
	}
}

// TestRoundTrip decodes a document, keeping every member, and encodes it
// back: the bytes come back the same, up to whitespace.
func TestRoundTrip(t *testing.T) {
	const in = `{"a\u0041":1,"b":[1,"x\ny",null],"c":{"d":true},"e":"` + "\xff\"}"
	d := newDecoder(in)
	var m Members
	d.Object()
	for d.MoreMembers() {
		name, raw := d.Key()
		m.Keep(d, name, raw, "")
	}
	d.End()
	var e Encoder
	e.ObjectStart()
	e.Members(m)
	e.ObjectEnd()
	if string(e.Buf) != in || d.Failed() {
		t.Errorf("round trip gave %s (err %v), want %s", e.Buf, d.Err(), in)
	}
}
