package golang

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// jsonLiteral renders a value as JSON text, for doc comments and messages.
func jsonLiteral(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

// joinWords joins words as prose: "a", "a and b", "a, b and c".
func joinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = jsonLiteral(s)
	}
	return out
}

// lit renders a constant from a spec value: integers as untyped literals (jennifer would write
// int64(1), which is not a constant of a named integer type), everything else as jennifer does.
func lit(v any) jen.Code {
	if i, ok := v.(int64); ok {
		return jen.Op(strconv.FormatInt(i, 10))
	}
	return jen.Lit(v)
}
