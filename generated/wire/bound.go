package wire

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error messages quote what was received, and what was received may be as large as a request body: a
// 16 MB string that is not a time, a member name of a megabyte, a pointer 10,000 segments deep. The
// helpers of this file keep every message bounded whatever the input: they quote a prefix, and elide
// the middle of long pointers.

// Bounds of what a message quotes.
const (
	// MaxQuoted is the most bytes of a value that Quote and JSONText copy into a message.
	MaxQuoted = 64
	// MaxPointer is the longest JSON pointer that Problem.Error and DecodeError.Error write whole;
	// a longer one keeps its first and last segments around an elision.
	MaxPointer = 256
	// MaxErrorLines is the most problems or failed batch items an error message lists; the rest are
	// counted. The lists themselves (Problems, DecodeErrors) keep every entry.
	MaxErrorLines = 100
)

// Quote returns s quoted as strconv.Quote does when s is at most MaxQuoted bytes long. A longer s is
// cut to its first MaxQuoted bytes (at a character boundary), quoted, and followed by its length:
// "aaaa…"... (16777216 bytes).
func Quote(s string) string {
	if len(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(prefix(s, MaxQuoted)) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// prefix returns at most n bytes of s, without cutting a UTF-8 sequence in two.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for k := n; k > n-utf8.UTFMax && k > 0; k-- {
		if utf8.RuneStart(s[k]) {
			return s[:k]
		}
	}
	return s[:n] // not UTF-8 anyway: Quote escapes the bytes
}

// suffix returns at most n bytes of the end of s, starting at a UTF-8 sequence.
func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for k := i; k < i+utf8.UTFMax && k < len(s); k++ {
		if utf8.RuneStart(s[k]) {
			return s[k:]
		}
	}
	return s[i:]
}

// boundText cuts text that is meant for a message (JSON text, a number literal) to MaxQuoted bytes,
// saying how long it was.
func boundText(s string) string {
	if len(s) <= MaxQuoted {
		return s
	}
	return prefix(s, MaxQuoted) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// BoundPointer returns ptr when it is at most MaxPointer bytes long. A longer pointer keeps about
// MaxPointer/2 bytes at each end, cut at segment boundaries where there are some, around a note of
// what was left out: /a/0/0/.../(19990 bytes elided)/.../0/b.
func BoundPointer(ptr string) string {
	if len(ptr) <= MaxPointer {
		return ptr
	}
	head, tail := prefix(ptr, MaxPointer/2), suffix(ptr, MaxPointer/2)
	if i := strings.LastIndexByte(head, '/'); i > 0 {
		head = head[:i]
	}
	if i := strings.IndexByte(tail, '/'); i >= 0 && i < len(tail)-1 {
		tail = tail[i:]
	}
	elided := len(ptr) - len(head) - len(tail)
	return head + "/...(" + strconv.Itoa(elided) + " bytes elided)..." + tail
}

// boundType cuts an event type for a message: types are short names, and a long one is cut as Quote
// cuts values (without the quotes: DecodeError writes the type bare).
func boundType(t string) string { return boundText(t) }

// joinLines joins the n lines that line returns, at most MaxErrorLines of them, then a line counting
// the others: "... and 12345 more".
func joinLines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := range min(n, MaxErrorLines) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line(i))
	}
	if n > MaxErrorLines {
		b.WriteString("\n... and " + strconv.Itoa(n-MaxErrorLines) + " more")
	}
	return b.String()
}
