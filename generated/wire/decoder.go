package wire

import "strconv"

// MaxDepth is the deepest nesting of arrays and objects a Decoder accepts,
// the same limit as encoding/json's.
const MaxDepth = 10000

// Kind is the kind of a JSON value, as told by its first byte.
type Kind uint8

// The kinds of JSON values. KindInvalid stands for "no value here": the
// end of the input, a byte that cannot start a value, or a recorded error.
const (
	KindInvalid Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

var kindNames = [...]string{
	KindInvalid: "invalid",
	KindNull:    "null",
	KindBool:    "boolean",
	KindNumber:  "number",
	KindString:  "string",
	KindArray:   "array",
	KindObject:  "object",
}

// String returns the JSON name of k ("null", "boolean", "number",
// "string", "array", "object"), or "invalid".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// kindOf maps the first byte of a value to its kind.
var kindOf = func() (t [256]Kind) {
	t['n'] = KindNull
	t['t'], t['f'] = KindBool, KindBool
	t['-'] = KindNumber
	for c := '0'; c <= '9'; c++ {
		t[c] = KindNumber
	}
	t['"'] = KindString
	t['['] = KindArray
	t['{'] = KindObject
	return t
}()

// SyntaxError reports input that is not valid JSON.
type SyntaxError struct {
	Offset int    // byte offset of the offending byte; the input length at a premature end
	Msg    string // what is wrong, worded like encoding/json's messages
}

// Error returns the message and the offset, e.g.
// "invalid character 'x' looking for beginning of value at offset 7".
func (e *SyntaxError) Error() string {
	return e.Msg + " at offset " + strconv.Itoa(e.Offset)
}

// Decoder reads one JSON value from a string in a single pass. Its zero
// value reads the empty input; Reset gives it something to read. See the
// package documentation for how generated code drives it.
type Decoder struct {
	s     string
	i     int          // read offset
	err   *SyntaxError // first error, sticky
	depth int          // containers opened by Object and Array, not yet closed
	first bool         // Object or Array was the last call: no ',' before the first member or element
	// shallow and deep record, for each container that Skip has open,
	// whether it is an object (bit set) or an array: one bit per level,
	// the first 64 levels in shallow, the others in deep, which is
	// allocated when first needed and kept across Reset.
	shallow uint64
	deep    []uint64
}

// Reset starts reading s from offset 0 and forgets any error.
func (d *Decoder) Reset(s string) {
	d.s, d.i, d.err, d.depth, d.first = s, 0, nil, 0, false
}

// Input returns the string being read.
func (d *Decoder) Input() string { return d.s }

// Offset returns the current read offset in the input.
func (d *Decoder) Offset() int { return d.i }

// Err returns the first syntax error met (a *SyntaxError), or nil. Once
// an error is recorded every reading method does nothing and reports
// failure, so generated code checks Err once, at the end.
func (d *Decoder) Err() error {
	if d.err == nil {
		return nil
	}
	return d.err
}

// Failed reports whether an error has been recorded.
func (d *Decoder) Failed() bool { return d.err != nil }

// Fail records an error with message msg at the current offset, unless
// an error is already recorded.
func (d *Decoder) Fail(msg string) {
	if d.err == nil {
		d.err = &SyntaxError{Offset: d.i, Msg: msg}
	}
}

// failAt records the failure that a scanner reported at offset pos.
func (d *Decoder) failAt(pos int, code scanErr) {
	if d.err == nil {
		d.err = &SyntaxError{Offset: min(pos, len(d.s)), Msg: errorMessage(d.s, pos, code)}
	}
}

// Peek skips whitespace and returns the kind of the next value without
// consuming it. It returns KindInvalid at the end of the input, at a byte
// that cannot start a value, and after an error; it records no error
// itself (Skip does, for the same input). The kind is told by the first
// byte alone: the value is validated when it is read.
func (d *Decoder) Peek() Kind {
	if d.err != nil {
		return KindInvalid
	}
	d.i = skipSpace(d.s, d.i)
	if d.i >= len(d.s) {
		return KindInvalid
	}
	return kindOf[d.s[d.i]]
}

// End checks that only whitespace follows the value just read, and
// records "invalid character ... after top-level value" otherwise. Call it
// after the top-level value.
func (d *Decoder) End() {
	if d.err != nil {
		return
	}
	d.i = skipSpace(d.s, d.i)
	if d.i < len(d.s) {
		d.failAt(d.i, errAfterTop)
	}
}

// Object consumes the '{' that opens an object and returns true, when the
// next value is an object. Otherwise it consumes nothing and returns false.
// Read the members with a MoreMembers loop.
func (d *Decoder) Object() bool { return d.open('{') }

// Array consumes the '[' that opens an array and returns true, when the
// next value is an array. Otherwise it consumes nothing and returns false.
// Read the elements with a MoreElements loop.
func (d *Decoder) Array() bool { return d.open('[') }

// open consumes the opening bracket c if it comes next.
func (d *Decoder) open(c byte) bool {
	if d.err != nil {
		return false
	}
	i := skipSpace(d.s, d.i)
	if i >= len(d.s) || d.s[i] != c {
		return false
	}
	if d.depth >= MaxDepth {
		d.failAt(i, errMaxDepth)
		return false
	}
	d.i, d.depth, d.first = i+1, d.depth+1, true
	return true
}

// MoreMembers reports whether another member of the object being read
// follows, consuming the ',' before it. It returns false once it has
// consumed the closing '}', and when an error is recorded: a missing ',',
// a trailing ',', a wrong closing bracket or the end of the input. Call
// Key and read the value after each true.
func (d *Decoder) MoreMembers() bool {
	i, ok := d.memberStart()
	if ok {
		d.i = i
	}
	return ok
}

// memberStart consumes the ',' before the next member, if any, and returns the offset of the member's
// opening quote. ok is false after consuming the closing '}', and on an error.
func (d *Decoder) memberStart() (i int, ok bool) {
	if d.err != nil {
		return 0, false
	}
	s := d.s
	i = skipSpace(s, d.i)
	switch {
	case i < len(s) && s[i] == '}':
		d.i, d.depth, d.first = i+1, d.depth-1, false
		return 0, false
	case d.first:
		d.first = false
	case i < len(s) && s[i] == ',':
		i = skipSpace(s, i+1)
	default:
		d.failAt(i, errAfterMember)
		return 0, false
	}
	if i >= len(s) || s[i] != '"' {
		d.failAt(i, errBeginKey)
		return 0, false
	}
	return i, true
}

// MoreElements reports whether another element of the array being read
// follows, consuming the ',' before it. It returns false once it has
// consumed the closing ']', and when an error is recorded: a missing ',',
// a trailing ',', a wrong closing bracket or the end of the input. Read
// the element after each true.
func (d *Decoder) MoreElements() bool {
	if d.err != nil {
		return false
	}
	s := d.s
	i := skipSpace(s, d.i)
	switch {
	case i < len(s) && s[i] == ']':
		d.i, d.depth, d.first = i+1, d.depth-1, false
		return false
	case d.first:
		d.first = false
	case i < len(s) && s[i] == ',':
		i = skipSpace(s, i+1)
	default:
		d.failAt(i, errAfterElement)
		return false
	}
	if i >= len(s) || s[i] == ']' {
		d.failAt(i, errBeginValue)
		return false
	}
	d.i = i
	return true
}

// Key reads a member name, the ':' after it and any whitespace up to the
// value. name is the unescaped
// name, a substring of the input unless the name holds escapes; raw is the
// quoted name exactly as it appears in the input, for lossless
// re-encoding. On error both are empty.
func (d *Decoder) Key() (name, raw string) {
	if d.err != nil {
		return "", ""
	}
	i := skipSpace(d.s, d.i)
	if i >= len(d.s) || d.s[i] != '"' {
		d.failAt(i, errBeginKey)
		return "", ""
	}
	name, raw, _ = d.keyAt(i)
	return name, raw
}

// keyAt reads the member name whose opening quote is at i, and the ':' after it, leaving the reader at
// the value.
func (d *Decoder) keyAt(i int) (name, raw string, ok bool) {
	s := d.s
	end, esc, code := scanString(s, i+1)
	if code != errNone {
		d.failAt(end, code)
		return "", "", false
	}
	colon := end
	if colon >= len(s) || s[colon] != ':' {
		colon = skipSpace(s, end)
		if colon >= len(s) || s[colon] != ':' {
			d.failAt(colon, errAfterKey)
			return "", "", false
		}
	}
	d.i = skipSpace(s, colon+1) // so that reading the value starts at it
	raw = s[i:end]
	if name = raw[1 : len(raw)-1]; esc {
		name = unescape(name)
	}
	return name, raw, true
}
