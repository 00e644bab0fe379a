package spec

import (
	"fmt"
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

// ParseTypeExpr parses a type expression.
func ParseTypeExpr(s string) (*TypeExpr, error) {
	switch {
	case s == "":
		return nil, fmt.Errorf("empty type expression")
	case strings.HasPrefix(s, "[]"):
		elem, err := ParseTypeExpr(s[2:])
		if err != nil {
			return nil, err
		}
		return &TypeExpr{Kind: ExprArray, Elem: elem}, nil
	case strings.HasPrefix(s, "map["):
		if !strings.HasSuffix(s, "]") {
			return nil, fmt.Errorf("type expression %q: map[...] is not closed", s)
		}
		elem, err := ParseTypeExpr(s[4 : len(s)-1])
		if err != nil {
			return nil, err
		}
		return &TypeExpr{Kind: ExprMap, Elem: elem}, nil
	}
	for _, b := range Builtins {
		if s == b {
			return &TypeExpr{Kind: ExprBuiltin, Name: s}, nil
		}
	}
	if !isTypeName(s) {
		return nil, fmt.Errorf("invalid type expression %q (want string, integer, number, boolean, raw, a TypeName, []T or map[T])", s)
	}
	return &TypeExpr{Kind: ExprNamed, Name: s}, nil
}

// isTypeName reports whether s is an UpperCamelCase type name.
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
