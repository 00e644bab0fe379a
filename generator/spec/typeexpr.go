package spec

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ExprKind says what a type expression denotes.
type ExprKind int

// The kinds of type expressions.
const (
	ExprBuiltin ExprKind = iota // string, integer, number, boolean, raw
	ExprNamed                   // a named type
	ExprArray                   // []T
	ExprMap                     // map[T]
)

// Builtins are the type expression names that need no declaration.
var Builtins = []string{"boolean", "integer", "number", "raw", "string"}

// TypeExpr is a parsed type expression such as "[]map[Item]".
type TypeExpr struct {
	Kind ExprKind
	Name string    // ExprBuiltin, ExprNamed
	Elem *TypeExpr // ExprArray, ExprMap
}

// String renders the expression in spec syntax.
func (t *TypeExpr) String() string {
	switch t.Kind {
	case ExprArray:
		return "[]" + t.Elem.String()
	case ExprMap:
		return "map[" + t.Elem.String() + "]"
	}
	return t.Name
}

// typeExprWant lists what a type expression may be, for diagnostics.
const typeExprWant = "(want string, integer, number, boolean, raw, a TypeName, []T or map[T])"

// MaxTypeNesting is the most []/map[] levels a type expression may nest: every level becomes a Go type,
// a reader, a writer and a schema, and no vendor nests more than a few.
const MaxTypeNesting = 16

// ParseTypeExpr parses a type expression. An error names the whole expression (its first characters,
// when it is long) and, when the problem is inside it, the element that is wrong.
func ParseTypeExpr(s string) (*TypeExpr, error) {
	if s == "" {
		return nil, errors.New("empty type expression")
	}
	if n := typeNesting(s); n > MaxTypeNesting {
		return nil, fmt.Errorf("type expression %s nests %d levels, more than %d", quoteExpr(s), n, MaxTypeNesting)
	}
	te, bad, why := parseTypeExpr(s)
	switch {
	case te != nil:
		return te, nil
	case why != "":
		return nil, fmt.Errorf("type expression %s: %s", quoteExpr(s), why)
	case bad == s:
		return nil, fmt.Errorf("invalid type expression %s %s", quoteExpr(s), typeExprWant)
	}
	return nil, fmt.Errorf("type expression %s: invalid element type %s %s", quoteExpr(s), quoteExpr(bad), typeExprWant)
}

// typeNesting counts the []/map[ prefixes of s, in one pass.
func typeNesting(s string) int {
	n := 0
	for {
		switch {
		case strings.HasPrefix(s, "[]"):
			s = s[2:]
		case strings.HasPrefix(s, "map["):
			s = s[4:]
		default:
			return n
		}
		n++
	}
}

// quoteExpr quotes a type expression for a diagnostic, cut to its first 64 bytes when longer.
func quoteExpr(s string) string {
	const max = 64
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + fmt.Sprintf("... (%d bytes)", len(s))
}

// parseTypeExpr parses s; when it cannot, it returns the part of s that is not a type (bad) or why not.
func parseTypeExpr(s string) (te *TypeExpr, bad, why string) {
	kind := ExprArray
	switch {
	case strings.HasPrefix(s, "[]"):
		s = s[2:]
	case strings.HasPrefix(s, "map["):
		if !strings.HasSuffix(s, "]") {
			return nil, "", "map[...] is not closed"
		}
		s, kind = s[4:len(s)-1], ExprMap
	case slices.Contains(Builtins, s):
		return &TypeExpr{Kind: ExprBuiltin, Name: s}, "", ""
	case isTypeName(s):
		return &TypeExpr{Kind: ExprNamed, Name: s}, "", ""
	default:
		return nil, s, ""
	}
	if s == "" {
		return nil, "", "empty element type"
	}
	elem, bad, why := parseTypeExpr(s)
	if elem == nil {
		return nil, bad, why
	}
	return &TypeExpr{Kind: kind, Elem: elem}, "", ""
}

// isTypeName reports whether s is an UpperCamelCase type name.
// IsTypeName reports whether s is a type name (GoNamePattern).
func IsTypeName(s string) bool { return isTypeName(s) }

func isTypeName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
