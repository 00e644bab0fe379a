package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// readerSeeds are hand-written inputs for FuzzReaderAgainstEncodingJSON,
// valid and invalid.
var readerSeeds = []string{
	// scalars
	`null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `12.5`, `-0.0e-0`, `1E+2`, `1e-2`,
	`9223372036854775807`, `-9223372036854775808`, `9223372036854775808`, `18446744073709551616`,
	`123456789012345678901234567890`, `1e308`, `1e309`, `-1e400`, `4.9e-324`, `1e-400`,
	`0.1e1`, `""`, `"a"`, `" spaced "`,
	// invalid numbers
	`01`, `-`, `-01`, `1.`, `.5`, `1e`, `1e+`, `1E-`, `+1`, `--1`, `1.5.5`, `0x10`, `1e5.5`, `Infinity`, `NaN`, `-Infinity`,
	// literals
	`nul`, `nulll`, `tru`, `True`, `fals`, `falsey`, `nil`, `t`, `f`, `n`,
	// strings and escapes
	`"\"\\\/\b\f\n\r\t"`, `"\u0000"`, `"\u001f"`, `"\u00e9"`, `"\u20AC"`, `"\uFFFF"`,
	`"\ud83d\ude00"`, `"\ud83d"`, `"\ude00"`, `"\ud83d\u0041"`, `"\ud83d\ud83d\ude00"`, `"\udbff\udfff"`,
	`"\ud83dx"`, `"\ud83d\"`, `"\u12"`, `"\u12G4"`, `"\x"`, `"\'"`, `"\`, `"abc`, "\"a\nb\"", "\"\x00\"",
	"\"\x1f\"", "\"\x7f\"", "\"tab\tinside\"",
	// invalid UTF-8, kept verbatim
	"\"\xff\"", "\"a\xffb\xfe\"", "\"\xc3\"", "\"\xc3\x28\"", "\"\xe2\x82\"", "\"\xed\xa0\x80\"",
	"\"\xf4\x90\x80\x80\"", "\"\xc0\xaf\"", "{\"\xff\":\"\xfe\"}", "\"\xe2\x82\\u00e9\"",
	"\"日本語\"", "\"\xf0\x9f\x98\x80\"",
	// containers
	`[]`, `{}`, `[ ]`, `{ }`, `[1,2,3]`, `{"a":1}`, `{"a":{"b":[1,{"c":null}]}}`, ` [ 1 , "x" , [ ] , { } ] `,
	`{"a":1,"a":2}`, `{"a":{"x":1},"a":[1]}`, `{"":""}`, `{"\u0061":1,"a":2}`, `[[[[[[]]]]]]`,
	"{\n\t\"a\" : [ true , false , null ]\r\n}",
	// invalid containers
	`[`, `]`, `{`, `}`, `[1,]`, `[,1]`, `[1 2]`, `{"a":1,}`, `{,}`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{a:1}`,
	`{'a':1}`, `{"a":1]`, `[1}`, `{"a":[}`, `[{]}`, `{1:2}`, `{"a":1 "b":2}`, `[1,2,3`, `{"a":`, `{"a`,
	`[] []`, `{}x`, `1 2`, `"a" "b"`, `[]]`, `{}}`, `[1]x`,
	// whitespace
	``, ` `, "\t\r\n 1 \t\r\n", "\v1", "\f1", "1\u00a0", "\xef\xbb\xbf{}", "\x00",
	// a webhook
	benchPayload,
	// deep nesting, at and beyond MaxDepth
	nested(MaxDepth, "[", "", "]"), nested(MaxDepth+1, "[", "", "]"),
	nested(100, `[{"k":`, `"v"`, `}]`), nested(70, `{"a":[`, `1`, `]}`), nested(50, "[", "", ""),
}

func FuzzReaderAgainstEncodingJSON(f *testing.F) {
	for _, s := range readerSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkReader(t, data)
	})
}

// checkReader checks the Decoder against encoding/json on data: the same
// verdict, the same error, the same tokens, and Skip returning the raw
// text of every value.
func checkReader(t *testing.T, data []byte) {
	in := string(data)
	valid := json.Valid(data)

	var w Decoder
	w.Reset(in)
	toks := walkTokens(t, &w, nil, 0)
	w.End()

	var s Decoder
	s.Reset(in)
	raw := s.Skip()
	s.End()

	if w.Failed() == valid || s.Failed() == valid {
		t.Fatalf("json.Valid = %v; walking: %v; Skip: %v", valid, w.Err(), s.Err())
	}
	if !valid {
		if *w.err != *s.err {
			t.Fatalf("walking gives %v, Skip gives %v", w.Err(), s.Err())
		}
		checkErrorLikeEncodingJSON(t, data, s.err)
		PointerAt(in, s.err.Offset) // must not panic
		return
	}
	if want := strings.Trim(in, " \t\r\n"); raw != want {
		t.Fatalf("Skip = %q, want %q", raw, want)
	}
	want := jsonTokens(t, data)
	if len(toks) != len(want) {
		t.Fatalf("%d tokens, encoding/json has %d:\n%v\n%v", len(toks), len(want), toks, want)
	}
	for i := range toks {
		if got := replaceInvalidUTF8(toks[i]); got != want[i] {
			t.Fatalf("token %d is %#v, encoding/json has %#v", i, got, want[i])
		}
	}
	checkLookup(t, in, toks)
}

// walkTokens reads the next value with the typed readers and appends its
// tokens as json.Decoder.Token would return them. At shallow depths it
// also checks that Skip, on a copy of d, spans the same text.
func walkTokens(t *testing.T, d *Decoder, toks []any, depth int) []any {
	kind := d.Peek()
	start := d.Offset()
	var probe *Decoder
	if depth < 16 {
		probe = new(Decoder)
		*probe = *d
	}
	switch kind {
	case KindObject, KindArray:
		toks = walkContainer(t, d, kind, toks, depth)
	case KindString:
		toks = readScalar(t, d, toks, d.String)
	case KindBool:
		toks = readScalar(t, d, toks, d.Bool)
	case KindNull:
		toks = readScalar(t, d, toks, func() (any, bool) { return nil, d.Null() })
	case KindNumber:
		if lit, ok := readNumber(t, d); ok {
			toks = append(toks, json.Number(lit))
		}
	default:
		d.Skip()
	}
	if probe != nil {
		checkSkipSpan(t, d, probe, start)
	}
	return toks
}

// readScalar reads a scalar of the kind that Peek announced: it must
// either be read or be recorded as an error.
func readScalar[T any](t *testing.T, d *Decoder, toks []any, read func() (T, bool)) []any {
	v, ok := read()
	if !ok {
		if !d.Failed() {
			t.Fatalf("reader of the peeked kind declined at %d without error", d.Offset())
		}
		return toks
	}
	return append(toks, v)
}

// walkContainer reads an object or array and appends its tokens.
func walkContainer(t *testing.T, d *Decoder, kind Kind, toks []any, depth int) []any {
	if kind == KindObject {
		if !d.Object() {
			return toks
		}
		toks = append(toks, json.Delim('{'))
		for d.MoreMembers() {
			name, raw := d.Key()
			if d.Failed() {
				return toks
			}
			if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' ||
				!strings.Contains(raw, `\`) && raw[1:len(raw)-1] != name {
				t.Fatalf("Key() = %q, %q", name, raw)
			}
			toks = walkTokens(t, d, append(toks, name), depth+1)
		}
		return append(toks, json.Delim('}'))
	}
	if !d.Array() {
		return toks
	}
	toks = append(toks, json.Delim('['))
	for d.MoreElements() {
		toks = walkTokens(t, d, toks, depth+1)
	}
	return append(toks, json.Delim(']'))
}

// readNumber reads a number with Int and Float, or Skip when it does not
// fit, checks them against strconv, and returns the literal.
func readNumber(t *testing.T, d *Decoder) (string, bool) {
	start := d.Offset()
	probe := new(Decoder)
	*probe = *d
	iv, iok := probe.Int()
	f, fok := d.Float()
	if d.Failed() {
		return "", false
	}
	lit := d.Input()[start:d.Offset()]
	if !fok {
		if lit = d.Skip(); d.Failed() {
			t.Fatalf("Skip failed on a number that Float declined: %v", d.Err())
		}
		if _, err := strconv.ParseFloat(lit, 64); !errors.Is(err, strconv.ErrRange) {
			t.Fatalf("Float declined %s: ParseFloat gives %v", lit, err)
		}
	} else if want, _ := strconv.ParseFloat(lit, 64); math.Float64bits(f) != math.Float64bits(want) {
		t.Fatalf("Float(%s) = %v, want %v", lit, f, want)
	}
	want, err := strconv.ParseInt(lit, 10, 64)
	if iok != (err == nil) || iok && (iv != want || probe.Offset() != d.Offset()) {
		t.Fatalf("Int(%s) = %d, %v; ParseInt gives %d, %v", lit, iv, iok, want, err)
	}
	if !iok && probe.Offset() != start {
		t.Fatalf("Int(%s) declined but moved to %d", lit, probe.Offset())
	}
	return lit, true
}

// checkSkipSpan checks that Skip on probe, a copy of d taken at the start
// of a value, read exactly what d read, or failed the same way.
func checkSkipSpan(t *testing.T, d, probe *Decoder, start int) {
	raw := probe.Skip()
	switch {
	case d.Failed() != probe.Failed():
		t.Fatalf("walking: %v; Skip: %v", d.Err(), probe.Err())
	case d.Failed():
		if *d.err != *probe.err {
			t.Fatalf("walking: %v; Skip: %v", d.Err(), probe.Err())
		}
	case raw != d.Input()[start:d.Offset()] || probe.Offset() != d.Offset():
		t.Fatalf("Skip = %q, the value is %q", raw, d.Input()[start:d.Offset()])
	}
}

// jsonTokens returns the tokens of data as json.Decoder reads them.
func jsonTokens(t *testing.T, data []byte) []any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var toks []any
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return toks
		}
		if err != nil {
			t.Fatalf("json.Decoder: %v", err)
		}
		toks = append(toks, tok)
	}
}

// replaceInvalidUTF8 maps each byte of a string token that is not part
// of valid UTF-8 to U+FFFD, as encoding/json does and the Decoder does not.
func replaceInvalidUTF8(tok any) any {
	s, ok := tok.(string)
	if !ok || utf8.ValidString(s) {
		return tok
	}
	var b strings.Builder
	for _, r := range s { // ranging yields U+FFFD for each invalid byte
		b.WriteRune(r)
	}
	return b.String()
}

// checkLookup checks Lookup on the members of a top-level object against
// the first occurrence of each name among toks.
func checkLookup(t *testing.T, in string, toks []any) {
	if len(toks) == 0 || toks[0] != json.Delim('{') {
		return
	}
	seen := map[string]bool{}
	for i := 1; i+1 < len(toks) && toks[i] != json.Delim('}'); i = skipTokenValue(toks, i+1) {
		name, _ := toks[i].(string)
		if seen[name] {
			continue
		}
		seen[name] = true
		var d Decoder
		d.Reset(in)
		kind, value, found := d.Lookup(name)
		wantValue, _ := toks[i+1].(string)
		if !found || kind != tokenKind(toks[i+1]) || value != wantValue || d.Failed() {
			t.Fatalf("Lookup(%q) = %v, %q, %v (err %v); want %v", name, kind, value, found, d.Err(), toks[i+1])
		}
		checkLookupString(t, in, toks, name)
	}
}

// checkLookupString checks LookupString(name) against the first string
// among the values of the top-level members called name.
func checkLookupString(t *testing.T, in string, toks []any, name string) {
	want, wantFound := "", false
	for i := 1; i+1 < len(toks) && toks[i] != json.Delim('}'); i = skipTokenValue(toks, i+1) {
		if s, ok := toks[i+1].(string); ok && toks[i] == name {
			want, wantFound = s, true
			break
		}
	}
	var d Decoder
	d.Reset(in)
	value, found := d.LookupString(name)
	if value != want || found != wantFound || d.Offset() != 0 {
		t.Fatalf("LookupString(%q) = %q, %v; want %q, %v", name, value, found, want, wantFound)
	}
}

// skipTokenValue returns the index of the token after the value that
// starts at toks[i].
func skipTokenValue(toks []any, i int) int {
	depth := 0
	for ; i < len(toks); i++ {
		switch toks[i] {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return i + 1
		}
	}
	return i
}

// tokenKind returns the kind of the value that tok starts.
func tokenKind(tok any) Kind {
	switch tok.(type) {
	case nil:
		return KindNull
	case bool:
		return KindBool
	case json.Number:
		return KindNumber
	case string:
		return KindString
	}
	if tok == json.Delim('[') {
		return KindArray
	}
	return KindObject
}

// checkErrorLikeEncodingJSON checks that got is the error encoding/json
// reports for data. encoding/json counts the offending byte as read, so
// its offsets are one more than ours; at a premature end both give the
// input length, though encoding/json may word it as an unexpected space.
func checkErrorLikeEncodingJSON(t *testing.T, data []byte, got *SyntaxError) {
	t.Helper()
	var v json.RawMessage
	var want *json.SyntaxError
	if !errors.As(json.Unmarshal(data, &v), &want) {
		t.Fatalf("encoding/json accepts what fails with %v", got)
	}
	wantOffset := int(want.Offset)
	ok := false
	switch got.Msg {
	case "unexpected end of JSON input":
		ok = wantOffset == len(data) && got.Offset == len(data) &&
			(want.Error() == got.Msg || strings.HasPrefix(want.Error(), "invalid character ' ' "))
	case "exceeded max depth":
		ok = strings.HasSuffix(want.Error(), got.Msg) && wantOffset == got.Offset+1
	default:
		ok = want.Error() == got.Msg && wantOffset == got.Offset+1
	}
	if !ok {
		t.Fatalf("error %q at %d; encoding/json: %q after %d bytes", got.Msg, got.Offset, want.Error(), wantOffset)
	}
}

// TestInvalidUTF8IsTheOnlyDifference shows the documented difference
// that the fuzz test maps away: the Decoder keeps bytes that are not valid
// UTF-8, encoding/json replaces each with U+FFFD.
func TestInvalidUTF8IsTheOnlyDifference(t *testing.T) {
	const in = "{\"k\xff\": \"a\xffb\xc3\x28\xed\xa0\x80\xe2\x82\"}"
	var jv map[string]string
	if err := json.Unmarshal([]byte(in), &jv); err != nil {
		t.Fatal(err)
	}
	d := newDecoder(in)
	d.Object()
	d.MoreMembers()
	name, _ := d.Key()
	value, _ := d.String()
	if name != "k\xff" || value != "a\xffb\xc3\x28\xed\xa0\x80\xe2\x82" {
		t.Fatalf("Decoder changed the bytes: %q: %q", name, value)
	}
	const wantValue = "a\uFFFDb\uFFFD(\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"
	if jv["k\uFFFD"] != wantValue {
		t.Fatalf("encoding/json gives %q", jv)
	}
	if replaceInvalidUTF8(name) != "k\uFFFD" || replaceInvalidUTF8(value) != wantValue {
		t.Errorf("mapping gives %q: %q", replaceInvalidUTF8(name), replaceInvalidUTF8(value))
	}
	checkReader(t, []byte(in))
}

func FuzzEncoderRoundTrip(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c", "\x00\x1f\n\r\t\b\f", "<&>", "日本\u2028\u2029", "\xff\xfe", "\xed\xa0\x80"} {
		f.Add(s, 0.0)
	}
	for _, v := range []float64{1, -0.5, 1e21, 1e-7, 123456789.125, math.MaxFloat64, 5e-324, math.Inf(1), math.NaN()} {
		f.Add("x", v)
	}
	f.Fuzz(func(t *testing.T, s string, v float64) {
		var e Encoder
		e.String(s)
		if !json.Valid(e.Buf) {
			t.Fatalf("String(%q) wrote invalid JSON %s", s, e.Buf)
		}
		d := newDecoder(string(e.Buf))
		got, ok := d.String()
		if d.End(); !ok || got != s || d.Failed() {
			t.Fatalf("Decoder reads %q back as %q, %v (err %v)", s, got, ok, d.Err())
		}
		if utf8.ValidString(s) {
			var back string
			if err := json.Unmarshal(e.Buf, &back); err != nil || back != s {
				t.Fatalf("encoding/json reads %q back as %q (err %v)", s, back, err)
			}
		}
		checkFloat(t, v)
	})
}

// checkFloat checks that Encoder.Float writes v as encoding/json does and
// that the Decoder reads it back exactly.
func checkFloat(t *testing.T, v float64) {
	var e Encoder
	e.Float(v)
	want, err := json.Marshal(v)
	if err != nil {
		if string(e.Buf) != "null" {
			t.Fatalf("Float(%v) wrote %s, want null", v, e.Buf)
		}
		return
	}
	if string(e.Buf) != string(want) {
		t.Fatalf("Float(%v) wrote %s, encoding/json writes %s", v, e.Buf, want)
	}
	d := newDecoder(string(e.Buf))
	if got, ok := d.Float(); !ok || math.Float64bits(got) != math.Float64bits(v) {
		t.Fatalf("Float reads %s back as %v", e.Buf, got)
	}
}
