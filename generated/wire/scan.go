package wire

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds the byte-level scanners shared by every Decoder method.
// They are plain functions over (s, i): they never look outside s, never
// allocate, and report a failure as the offset of the offending byte
// (len(s) for a premature end) together with a scanErr naming the context.

// scanErr names the syntactic context of a failure; errorMessage turns it
// into encoding/json's wording.
type scanErr uint8

const (
	errNone         scanErr = iota
	errBeginValue           // a value was expected
	errBeginKey             // a member name was expected
	errAfterKey             // ':' was expected
	errAfterMember          // ',' or '}' was expected
	errAfterElement         // ',' or ']' was expected
	errAfterTop             // only whitespace may follow the top-level value
	errInString             // control character inside a string
	errInEscape             // bad character after '\'
	errInHex                // bad character in a \u escape
	errInNumber             // bad character in a number
	errAfterDot             // no digit after the decimal point
	errInExponent           // no digit in the exponent
	errInLiteral            // misspelt true, false or null
	errMaxDepth             // nesting deeper than MaxDepth
)

var scanContext = [...]string{
	errBeginValue:   "looking for beginning of value",
	errBeginKey:     "looking for beginning of object key string",
	errAfterKey:     "after object key",
	errAfterMember:  "after object key:value pair",
	errAfterElement: "after array element",
	errAfterTop:     "after top-level value",
	errInString:     "in string literal",
	errInEscape:     "in string escape code",
	errInHex:        "in \\u hexadecimal character escape",
	errInNumber:     "in numeric literal",
	errAfterDot:     "after decimal point in numeric literal",
	errInExponent:   "in exponent of numeric literal",
}

// errorMessage words a failure at s[pos] the way encoding/json does.
func errorMessage(s string, pos int, code scanErr) string {
	switch {
	case code == errMaxDepth:
		return "exceeded max depth"
	case pos < 0 || pos >= len(s):
		return "unexpected end of JSON input"
	case code == errInLiteral:
		return "invalid character " + quoteChar(s[pos]) + " " + literalContext(s, pos)
	case int(code) < len(scanContext):
		return "invalid character " + quoteChar(s[pos]) + " " + scanContext[code]
	}
	return "invalid character " + quoteChar(s[pos])
}

// literalContext describes the misspelt literal that s[pos] interrupts,
// e.g. "in literal true (expecting 'r')". The literal starts at the first
// of the lower-case letters before pos: no letter can precede a literal.
func literalContext(s string, pos int) string {
	start := pos
	for start > 0 && s[start-1] >= 'a' && s[start-1] <= 'z' {
		start--
	}
	lit := "null"
	switch s[start] {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	}
	k := pos - start
	if k <= 0 || k >= len(lit) {
		return "in literal " + lit
	}
	return "in literal " + lit + " (expecting " + quoteChar(lit[k]) + ")"
}

// quoteChar formats c as a quoted character, as encoding/json does.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := strconv.Quote(string(rune(c)))
	return "'" + q[1:len(q)-1] + "'"
}

// spaceMask has bit c set for each JSON whitespace byte c.
const spaceMask = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\r'

// skipSpace returns the offset of the first non-whitespace byte at or after
// i. It is small enough to be inlined where no whitespace comes next.
func skipSpace(s string, i int) int {
	if uint(i) < uint(len(s)) && s[i] > ' ' {
		return i
	}
	return skipSpaceRun(s, i)
}

// skipSpaceRun is skipSpace for when whitespace may come next.
func skipSpaceRun(s string, i int) int {
	for i+8 <= len(s) && load64(s, i) == ones*' ' { // indentation
		i += 8
	}
	for ; i < len(s); i++ {
		if c := s[i]; c > ' ' || spaceMask&(1<<c) == 0 {
			return i
		}
	}
	return i
}

// plain reports the bytes that stand for themselves inside a string:
// everything but '"', '\\' and control characters. Bytes >= 0x80 are plain,
// so invalid UTF-8 passes through unchanged.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Constants for testing the eight bytes of a uint64 at once.
const (
	ones  = 0x0101010101010101 // 0x01 in every byte
	highs = 0x8080808080808080 // the high bit of every byte
)

// load64 returns the eight bytes of s at i as a little-endian uint64; the
// compiler makes it one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// specialBytes returns v with the high bit set in each byte that is '"',
// '\\' or a control character, and possibly in bytes above the first such
// byte, but in no byte below it. (x-1)&^x has its high bit set when the
// byte x is zero; (x-0x20)&^x when x is below 0x20.
func specialBytes(v uint64) uint64 {
	q := v ^ (ones * '"')
	b := v ^ (ones * '\\')
	return ((q-ones)&^q | (b-ones)&^b | (v-ones*0x20)&^v) & highs
}

// scanString scans the rest of a string whose opening quote is at i-1.
// It returns the offset just past the closing quote and whether the string
// holds escapes, or the offset and context of the first error. Runs of
// plain bytes are skipped eight at a time.
func scanString(s string, i int) (end int, esc bool, code scanErr) {
	for {
		for i+8 <= len(s) {
			if m := specialBytes(load64(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		for i < len(s) && plain[s[i]] { // the last bytes of the input
			i++
		}
		if i >= len(s) {
			return i, esc, errInString
		}
		switch s[i] {
		case '"':
			return i + 1, esc, errNone
		case '\\':
			esc = true
			if i, code = scanEscape(s, i+1); code != errNone {
				return i, esc, code
			}
		default:
			return i, esc, errInString
		}
	}
}

// scanEscape scans the escape whose backslash is at i-1 and returns the
// offset just past it.
func scanEscape(s string, i int) (int, scanErr) {
	if i >= len(s) {
		return i, errInEscape
	}
	switch s[i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 1, errNone
	case 'u':
		for k := i + 1; k < i+5; k++ {
			if k >= len(s) || hexValue(s[k]) < 0 {
				return k, errInHex
			}
		}
		return i + 5, errNone
	}
	return i, errInEscape
}

// hexValue returns the value of the hexadecimal digit c, or -1.
func hexValue(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// numFlags tells which optional parts a number literal has.
type numFlags uint8

const (
	numFraction numFlags = 1 << iota // a '.' part
	numExponent                      // an 'e' part
)

// scanNumber scans the number literal at i and returns the offset just past
// it and which optional parts it has. The literal ends at the first byte
// that cannot continue it; that byte is the caller's to judge, as "01" is
// the number 0 followed by an unexpected '1'.
func scanNumber(s string, i int) (end int, flags numFlags, code scanErr) {
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i >= len(s):
		return i, 0, errInNumber
	case s[i] == '0':
		i++
	case '1' <= s[i] && s[i] <= '9':
		i = skipDigits(s, i+1)
	default:
		return i, 0, errInNumber
	}
	if i < len(s) && s[i] == '.' {
		flags |= numFraction
		if i++; i >= len(s) || !isDigit(s[i]) {
			return i, flags, errAfterDot
		}
		i = skipDigits(s, i+1)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		flags |= numExponent
		if i++; i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			return i, flags, errInExponent
		}
		i = skipDigits(s, i+1)
	}
	return i, flags, errNone
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipDigits returns the offset of the first non-digit at or after i.
func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// scanLiteral checks that lit (true, false or null) is spelt at i and
// returns the offset just past it, or the offset of the first wrong byte.
func scanLiteral(s string, i int, lit string) (int, scanErr) {
	for k := 1; k < len(lit); k++ {
		if i+k >= len(s) || s[i+k] != lit[k] {
			return i + k, errInLiteral
		}
	}
	return i + len(lit), errNone
}

// skipScalar scans the string, number or literal at i and returns the
// offset just past it.
func skipScalar(s string, i int) (int, scanErr) {
	if i >= len(s) {
		return i, errBeginValue
	}
	switch c := s[i]; {
	case c == '"':
		end, _, code := scanString(s, i+1)
		return end, code
	case c == '-' || isDigit(c):
		end, _, code := scanNumber(s, i)
		return end, code
	case c == 't':
		return scanLiteral(s, i, "true")
	case c == 'f':
		return scanLiteral(s, i, "false")
	case c == 'n':
		return scanLiteral(s, i, "null")
	}
	return i, errBeginValue
}

// scanKey scans a member name at i, the ':' after it and the whitespace
// after that, and returns the offset of the member's value.
func scanKey(s string, i int) (int, scanErr) {
	if i >= len(s) || s[i] != '"' {
		return i, errBeginKey
	}
	end, _, code := scanString(s, i+1)
	if code != errNone {
		return end, code
	}
	if end = skipSpace(s, end); end >= len(s) || s[end] != ':' {
		return end, errAfterKey
	}
	if end = skipSpace(s, end+1); end >= len(s) {
		return end, errBeginValue
	}
	return end, errNone
}

// unescape decodes the body of a string (between its quotes) that
// scanString accepted and found escapes in. A \u escape of a lone surrogate
// becomes U+FFFD, as in encoding/json; other bytes are copied verbatim.
func unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\\')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(s[i : i+j])
		i += j
		if i+1 >= len(s) {
			break
		}
		if s[i+1] != 'u' {
			b.WriteByte(unescapeByte(s[i+1]))
			i += 2
			continue
		}
		r, n := unescapeRune(s, i)
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// unescapeByte returns the byte that the one-letter escape \c stands for.
func unescapeByte(c byte) byte {
	switch c {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return c // '"', '\\' and '/'
}

// unescapeRune decodes the \u escape at s[i] and, when it is a high
// surrogate followed by an escaped low surrogate, that one too. It returns
// the rune and the number of bytes used.
func unescapeRune(s string, i int) (rune, int) {
	r := hex4(s, i+2)
	if r < 0 {
		return utf8.RuneError, len(s) - i
	}
	if !utf16.IsSurrogate(r) {
		return r, 6
	}
	if i+7 < len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
		if dec := utf16.DecodeRune(r, hex4(s, i+8)); dec != utf8.RuneError {
			return dec, 12
		}
	}
	return utf8.RuneError, 6
}

// hex4 returns the value of the four hexadecimal digits at i, or -1.
func hex4(s string, i int) rune {
	if i < 0 || i+4 > len(s) {
		return -1
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		v := hexValue(c)
		if v < 0 {
			return -1
		}
		r = r<<4 | v
	}
	return r
}
