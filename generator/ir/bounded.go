package ir

import (
	"strconv"
	"unicode/utf8"

	"github.com/eventgen/eventgen/generator/internal/jsontree"
)

// The generated runtime quotes at most wire.MaxQuoted bytes of a value in a message (wire.Quote,
// wire.JSONText, number literals); the model words its messages the same way.

// maxQuoted mirrors wire.MaxQuoted.
const maxQuoted = 64

// quoteBounded mirrors wire.Quote.
func quoteBounded(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(cutPrefix(s, maxQuoted)) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// textBounded mirrors the runtime's cut of JSON text and number literals.
func textBounded(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	return cutPrefix(s, maxQuoted) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// cutPrefix returns at most n bytes of s, without cutting a UTF-8 sequence in two.
func cutPrefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for k := n; k > n-utf8.UTFMax && k > 0; k-- {
		if utf8.RuneStart(s[k]) {
			return s[:k]
		}
	}
	return s[:n]
}

// firstOfKind returns the first member called name whose value is of JSON kind want ("object",
// "string", "array"), as the decoders read the event type, the envelope objects leading to it and the
// batch array; members of that name but another kind are kept with a problem.
func firstOfKind(obj *jsontree.Node, name, want string) *jsontree.Node {
	if obj == nil || obj.Kind != jsontree.Object {
		return nil
	}
	for _, m := range obj.Members {
		if m.Name == name && m.Value.JSONKind() == want {
			return m.Value
		}
	}
	return nil
}
