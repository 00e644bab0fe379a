package wire

import (
	"math"
	"strconv"
)

// Encoder appends JSON to Buf. It writes the separators itself: a value
// written right after ObjectStart, ArrayStart or Key gets no comma, any
// other value (an element after a previous one) gets one, and Key writes
// the comma between members. It does not check that the calls make a
// well-formed document; generated code makes them in the right order.
type Encoder struct {
	Buf   []byte
	comma bool // the next key or value follows a value: write ',' first
}

// value writes the comma that the value about to be written needs.
func (e *Encoder) value() {
	if e.comma {
		e.Buf = append(e.Buf, ',')
	}
	e.comma = true
}

// ObjectStart writes '{'.
func (e *Encoder) ObjectStart() {
	e.value()
	e.Buf = append(e.Buf, '{')
	e.comma = false
}

// ObjectEnd writes '}'.
func (e *Encoder) ObjectEnd() {
	e.Buf = append(e.Buf, '}')
	e.comma = true
}

// ArrayStart writes '['.
func (e *Encoder) ArrayStart() {
	e.value()
	e.Buf = append(e.Buf, '[')
	e.comma = false
}

// ArrayEnd writes ']'.
func (e *Encoder) ArrayEnd() {
	e.Buf = append(e.Buf, ']')
	e.comma = true
}

// Key writes a member name, already quoted (e.g. `"id"`), and the ':'
// after it, preceded by ',' when it is not the first member.
func (e *Encoder) Key(quoted string) {
	if e.comma {
		e.Buf = append(e.Buf, ',')
	}
	e.Buf = append(e.Buf, quoted...)
	e.Buf = append(e.Buf, ':')
	e.comma = false
}

// Elem marks the start of an array element. It writes nothing: the value
// writers place the commas between elements.
func (e *Encoder) Elem() {}

// String writes s as a JSON string. It escapes '"', '\\' and the control
// characters (as \n, \r, \t, \b, \f, or \u00XX) and writes every other
// byte verbatim: no HTML escaping, and bytes that are not valid UTF-8 are
// kept, so that a string read by a Decoder is written back unchanged.
func (e *Encoder) String(s string) {
	e.value()
	e.Buf = appendString(e.Buf, s)
}

const hexDigits = "0123456789abcdef"

// appendString appends s quoted and escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		for i+8 <= len(s) && specialBytes(load64(s, i)) == 0 { // eight plain bytes at a time
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if plain[c] {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Int writes v.
func (e *Encoder) Int(v int64) {
	e.value()
	e.Buf = strconv.AppendInt(e.Buf, v, 10)
}

// Float writes v in the same text as encoding/json: decimal notation for
// magnitudes from 1e-6 up to 1e21, exponent notation beyond, the shortest
// digits that read back as v. JSON has no NaN or infinity: those are
// written as null.
func (e *Encoder) Float(v float64) {
	e.value()
	e.Buf = appendFloat(e.Buf, v)
}

// appendFloat appends v as Encoder.Float writes it.
func appendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if format == 'e' { // "1e-07" becomes "1e-7"
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// Bool writes true or false.
func (e *Encoder) Bool(v bool) {
	e.value()
	if v {
		e.Buf = append(e.Buf, "true"...)
	} else {
		e.Buf = append(e.Buf, "false"...)
	}
}

// Null writes null.
func (e *Encoder) Null() {
	e.value()
	e.Buf = append(e.Buf, "null"...)
}

// Raw writes json, a complete JSON value, verbatim.
func (e *Encoder) Raw(json string) {
	e.value()
	e.Buf = append(e.Buf, json...)
}

// Members writes each of m as a member: its name as it came, then its
// value verbatim.
func (e *Encoder) Members(m Members) {
	for i := range m {
		e.Key(m[i].RawName)
		e.Raw(m[i].Value)
	}
}
