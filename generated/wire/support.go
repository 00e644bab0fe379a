package wire

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// This file holds the helpers that generated decoders, encoders and Validate methods call beyond the
// reader and writer primitives: reading a value whatever its kind (reporting a mismatch instead of
// failing), keeping members verbatim, and wording problems the same way for every platform.

// Start skips whitespace and returns the offset where the next value begins, for Since.
func (d *Decoder) Start() int {
	d.Peek()
	return d.i
}

// Since returns the input from start to the current offset: the raw text of what was just read.
func (d *Decoder) Since(start int) string {
	if start < 0 || start > d.i || d.i > len(d.s) {
		return ""
	}
	return d.s[start:d.i]
}

// Mismatch words a JSON kind that is not the one expected: "must not be null" for null,
// "expected integer, got string" otherwise.
func Mismatch(got Kind, want string) string {
	switch got {
	case KindNull:
		return nullProblem
	case KindInvalid:
		return "expected " + want
	}
	if w := wantIndex(want); w >= 0 && int(got) < len(mismatches[w]) {
		return mismatches[w][got] // no allocation per member of the wrong kind
	}
	return "expected " + want + ", got " + got.String()
}

// mismatchWants are the kinds generated decoders usually expect; Mismatch words them from a table.
var mismatchWants = [...]string{"string", "integer", "number", "boolean", "object", "array"}

// mismatches holds Mismatch's message for each of mismatchWants and each kind.
var mismatches = func() (t [len(mismatchWants)][KindObject + 1]string) {
	for w, want := range mismatchWants {
		for k := KindNull; k <= KindObject; k++ {
			t[w][k] = "expected " + want + ", got " + k.String()
		}
	}
	return t
}()

// wantIndex returns the index of want in mismatchWants, or -1.
func wantIndex(want string) int {
	for i, w := range mismatchWants {
		if w == want {
			return i
		}
	}
	return -1
}

// Mismatch skips the next value, which is not of the kind want, and words the problem.
func (d *Decoder) Mismatch(want string) string {
	k := d.Peek()
	if k == KindNull {
		// The usual mismatch, an optional member that is null: consume the
		// literal without the general skip (a misspelt one is recorded).
		d.literal(d.i, "null")
		return nullProblem
	}
	if k == KindNumber && want == "integer" {
		d.Skip()
		return "expected integer, got number"
	}
	d.Skip()
	return Mismatch(k, want)
}

// ReadString consumes one value and returns it if it is a string, else a problem.
func (d *Decoder) ReadString() (string, string) {
	if v, ok := d.String(); ok {
		return v, ""
	}
	return "", d.Mismatch("string")
}

// ReadInt consumes one value and returns it if it is an integer that fits int64, else a problem.
func (d *Decoder) ReadInt() (int64, string) {
	if v, ok := d.Int(); ok {
		return v, ""
	}
	return 0, d.Mismatch("integer")
}

// ReadFloat consumes one value and returns it if it is a number, else a problem.
func (d *Decoder) ReadFloat() (float64, string) {
	if v, ok := d.Float(); ok {
		return v, ""
	}
	return 0, d.Mismatch("number")
}

// ReadBool consumes one value and returns it if it is a boolean, else a problem.
func (d *Decoder) ReadBool() (bool, string) {
	if v, ok := d.Bool(); ok {
		return v, ""
	}
	return false, d.Mismatch("boolean")
}

// SkipRest consumes the rest of the object (members true) or array being read, including its
// closing bracket.
func (d *Decoder) SkipRest(members bool) {
	if members {
		for d.MoreMembers() {
			d.Key()
			d.Skip()
		}
		return
	}
	for d.MoreElements() {
		d.Skip()
	}
}

// ItemProblem words a problem of array element i.
func ItemProblem(i int, problem string) string { return "item " + strconv.Itoa(i) + ": " + problem }

// MemberProblem words a problem of the member name of a map.
func MemberProblem(name, problem string) string {
	return "member " + Quote(name) + ": " + problem
}

// DuplicateKey words a member name that occurs twice in a map.
func DuplicateKey(name string) string { return "duplicate member " + Quote(name) }

// DuplicateIf returns "duplicate member" when dup is true and "" (an unknown member, not a problem)
// otherwise.
func DuplicateIf(dup bool) string {
	if dup {
		return "duplicate member"
	}
	return ""
}

// Add appends a member that was read already: value is its raw text.
func (m *Members) Add(name, raw, value, problem string) {
	*m = append(*m, Member{Name: name, RawName: raw, Value: value, Problem: problem})
}

// Has reports whether a member called name is kept.
func (m Members) Has(name string) bool {
	for i := range m {
		if m[i].Name == name {
			return true
		}
	}
	return false
}

// Members adds the problems of the kept members of the object at path.
func (p *Problems) Members(path *Path, ms Members) {
	for i := range ms {
		if ms[i].Problem != "" {
			mp := path.Key(ms[i].Name)
			p.Add(&mp, ms[i].Problem)
		}
	}
}

// Err returns p as an error, or nil when there are no problems.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

// Error turns the decoder's syntax error into a DecodeError, with the JSON pointer of the value being
// read; eventType is the discriminator value when known.
func (d *Decoder) Error(eventType string) *DecodeError {
	off := -1
	msg := "invalid JSON"
	if d.err != nil {
		off, msg = d.err.Offset, d.err.Msg
	}
	ptr := ""
	if off >= 0 {
		ptr = PointerAt(d.s, off)
	}
	return &DecodeError{EventType: eventType, Pointer: ptr, Offset: off, Msg: msg}
}

// DecodeErrors lists the items of a batch that could not be decoded.
type DecodeErrors []*DecodeError

// Error returns one line per item, for the first MaxErrorLines items; a last line counts the others.
func (e DecodeErrors) Error() string {
	return joinLines(len(e), func(i int) string { return e[i].Error() })
}

// JSONText renders a value as JSON, for messages: at most MaxQuoted bytes of it, then its length. A
// long string is cut before it is rendered, so the work is bounded too.
func JSONText(v any) string {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String && rv.Len() > MaxQuoted {
		s := rv.String()
		b, _ := json.Marshal(prefix(s, MaxQuoted))
		return string(b) + "... (" + strconv.Itoa(len(s)) + " bytes)"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return boundText(string(b))
}

// Bound returns a pointer to f, for CheckRange.
func Bound(f float64) *float64 { return &f }

// CheckAllOrNone reports members of a set that must be present together when only some are.
func CheckAllOrNone(ps *Problems, path *Path, names []string, present []bool) {
	var have, miss []string
	for i, n := range names {
		if present[i] {
			have = append(have, strconv.Quote(n))
		} else {
			miss = append(miss, strconv.Quote(n))
		}
	}
	if len(have) > 0 && len(miss) > 0 {
		ps.Add(path, strings.Join(have, ", ")+" present without "+strings.Join(miss, ", "))
	}
}

// KeyString writes a member name given unquoted, escaping it as String does.
func (e *Encoder) KeyString(name string) {
	if e.comma {
		e.Buf = append(e.Buf, ',')
	}
	e.Buf = appendString(e.Buf, name)
	e.Buf = append(e.Buf, ':')
	e.comma = false
}

// RenderTemplate replaces every %name% in tmpl with vars[name]. Placeholders whose name is not in vars,
// and lone percent signs, are kept as they are.
func RenderTemplate(tmpl string, vars map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '%')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i+1:], '%')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		name := tmpl[i+1 : i+1+j]
		v, ok := vars[name]
		switch {
		case ok:
			b.WriteString(tmpl[:i])
			b.WriteString(v)
			tmpl = tmpl[i+2+j:]
		default:
			b.WriteString(tmpl[:i+1])
			tmpl = tmpl[i+1:]
		}
	}
}

// NextMember is MoreMembers and Key in one call, for the member loops of generated decoders: it
// consumes the ',' (if any) and the next member's name and ':', leaving the reader at the value. ok is
// false once the closing '}' is consumed, or on an error.
func (d *Decoder) NextMember() (name, raw string, ok bool) {
	i, ok := d.memberStart()
	if !ok {
		return "", "", false
	}
	return d.keyAt(i)
}

// RawBytes writes a value given as JSON text in bytes, verbatim; an empty value is written as null so
// that the output stays JSON.
func (e *Encoder) RawBytes(json []byte) {
	e.value()
	if len(json) == 0 {
		e.Buf = append(e.Buf, "null"...)
		return
	}
	e.Buf = append(e.Buf, json...)
}

// ReadNumber consumes one value and returns its literal text if it is a number, else a problem. The
// text is kept as written (json.Number), so no value is rounded or lost: 1e400 and
// -9223372036854775809 come back as they came.
func (d *Decoder) ReadNumber() (json.Number, string) {
	start, end, _, ok := d.number()
	if !ok {
		return "", d.Mismatch("number")
	}
	d.i = end
	return json.Number(d.s[start:end]), ""
}

// Number writes n verbatim when it is a JSON number literal. Text that is not one (only possible for a
// json.Number built in code) is written as a JSON string, so the output stays JSON and keeps the text.
func (e *Encoder) Number(n json.Number) {
	if end, _, code := scanNumber(string(n), 0); code == errNone && end == len(n) && n != "" {
		e.value()
		e.Buf = append(e.Buf, n...)
		return
	}
	e.String(string(n))
}

// NumberFloat returns the value of a number literal for range checks: the nearest float64, ±Inf
// beyond its range.
func NumberFloat(n json.Number) float64 {
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

// CheckNumberRange is CheckRange for a number kept as written: it compares the literal's value and
// words the problem with the literal itself ("value 1e400 exceeds 100").
func CheckNumberRange(ps *Problems, path *Path, n json.Number, min, max *float64) {
	v := NumberFloat(n)
	switch {
	case min != nil && v < *min:
		ps.Add(path, "value "+boundText(string(n))+" is below "+formatFloat(*min))
	case max != nil && v > *max:
		ps.Add(path, "value "+boundText(string(n))+" exceeds "+formatFloat(*max))
	}
}

// FirstMember is the fast path of finding an event's type when it is the object's first member, as
// vendors usually send it: if the object at the current offset starts with member name holding a
// string, it consumes '{', that member and its value, leaving the reader at the next member, and
// returns the value. Otherwise it consumes nothing and records no error: the caller falls back to
// Lookup.
func (d *Decoder) FirstMember(name string) (string, bool) {
	saved := *d
	if d.Object() {
		if n, _, ok := d.NextMember(); ok && n == name {
			if v, ok := d.String(); ok {
				return v, true
			}
		}
	}
	*d = saved
	return "", false
}

// nullProblem is the problem of a null where a value is required: readers
// report it, and OptSlot.Set makes an Opt null on it.
const nullProblem = "must not be null"
