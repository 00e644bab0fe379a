package wire

import (
	"math"
	"strconv"
)

// The scalar readers share one contract: when the next value is of their
// kind they consume it and return ok=true; when it is of another kind, or
// a number that does not fit, they consume nothing, record nothing and
// return ok=false, so that the caller can try another reader or Skip the
// value. A syntax error inside a value of their kind is recorded and
// reported as ok=false.

// String reads a string value and returns it unescaped: a substring of the
// input unless the string holds escapes. Bytes that are not valid UTF-8
// are kept verbatim, where encoding/json would replace them with U+FFFD.
func (d *Decoder) String() (string, bool) {
	if d.err != nil {
		return "", false
	}
	s := d.s
	i := skipSpace(s, d.i)
	if i >= len(s) || s[i] != '"' {
		return "", false
	}
	end, esc, code := scanString(s, i+1)
	if code != errNone {
		d.failAt(end, code)
		return "", false
	}
	d.i = end
	v := s[i+1 : end-1]
	if esc {
		v = unescape(v)
	}
	return v, true
}

// number scans the number literal that comes next and returns its offsets
// and parts; ok is false when no number comes next or it is malformed (and
// then the error is recorded).
func (d *Decoder) number() (start, end int, flags numFlags, ok bool) {
	if d.err != nil {
		return 0, 0, 0, false
	}
	s := d.s
	start = skipSpace(s, d.i)
	if start >= len(s) || kindOf[s[start]] != KindNumber {
		return 0, 0, 0, false
	}
	end, flags, code := scanNumber(s, start)
	if code != errNone {
		d.failAt(end, code)
		return 0, 0, 0, false
	}
	return start, end, flags, true
}

// Int reads an integer literal (no fraction, no exponent) that fits in an
// int64.
func (d *Decoder) Int() (int64, bool) {
	start, end, flags, ok := d.number()
	if !ok || flags != 0 {
		return 0, false
	}
	v, ok := parseInt(d.s[start:end])
	if ok {
		d.i = end
	}
	return v, ok
}

// parseInt converts a valid JSON integer literal, reporting whether it
// fits in an int64.
func parseInt(lit string) (int64, bool) {
	neg := lit != "" && lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	if len(lit) > 19 { // 19 digits always fit in a uint64
		return 0, false
	}
	var u uint64
	for i := 0; i < len(lit); i++ {
		u = u*10 + uint64(lit[i]-'0')
	}
	switch {
	case !neg && u <= math.MaxInt64:
		return int64(u), true
	case neg && u <= 1<<63:
		return -int64(u), true // -1<<63 wraps to itself
	}
	return 0, false
}

// Float reads any number literal that strconv.ParseFloat converts without
// a range error. Literals too large for a float64 are left unread.
func (d *Decoder) Float() (float64, bool) {
	start, end, flags, ok := d.number()
	if !ok {
		return 0, false
	}
	lit := d.s[start:end]
	if flags == 0 {
		// Converting an int64 rounds as ParseFloat does; zero is left to
		// ParseFloat, which keeps the sign of -0.
		if v, fits := parseInt(lit); fits && v != 0 {
			d.i = end
			return float64(v), true
		}
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return 0, false
	}
	d.i = end
	return f, true
}

// Bool reads true or false; the first result is the value.
func (d *Decoder) Bool() (v, ok bool) {
	if d.err != nil {
		return false, false
	}
	i := skipSpace(d.s, d.i)
	if i >= len(d.s) {
		return false, false
	}
	switch d.s[i] {
	case 't':
		ok = d.literal(i, "true")
		return ok, ok
	case 'f':
		return false, d.literal(i, "false")
	}
	return false, false
}

// Null reads null and reports whether it did.
func (d *Decoder) Null() bool {
	if d.err != nil {
		return false
	}
	i := skipSpace(d.s, d.i)
	return i < len(d.s) && d.s[i] == 'n' && d.literal(i, "null")
}

// literal consumes lit at offset i, or records why it is misspelt.
func (d *Decoder) literal(i int, lit string) bool {
	end, code := scanLiteral(d.s, i, lit)
	if code != errNone {
		d.failAt(end, code)
		return false
	}
	d.i = end
	return true
}
