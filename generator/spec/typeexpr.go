package spec

import (
	"errors"
	"fmt"
	"slices"
	"strings"
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

// ParseTypeExpr parses a type expression. An error names the whole expression and, when the problem is
// inside it, the element that is wrong.
func ParseTypeExpr(s string) (*TypeExpr, error) {
	if s == "" {
		return nil, errors.New("empty type expression")
	}
	te, bad, why := parseTypeExpr(s)
	switch {
	case te != nil:
		return te, nil
	case why != "":
		return nil, fmt.Errorf("type expression %q: %s", s, why)
	case bad == s:
		return nil, fmt.Errorf("invalid type expression %q %s", s, typeExprWant)
	}
	return nil, fmt.Errorf("type expression %q: invalid element type %q %s", s, bad, typeExprWant)
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
