package spec

import (
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// A spec is small, but YAML lets a few bytes stand for a great deal: an alias repeats its anchored
// node wherever it appears, so aliases of aliases grow with the power of their nesting, and the
// decoder follows them itself (yaml's own alias budget applies only when yaml builds Go values).
// checkBudget walks the document as the decoder will, following aliases, before anything else reads
// it, and stops at the first budget that is exceeded.

// Budgets of the spec loader.
const (
	// MaxNesting is the deepest nesting of mappings and sequences a spec may have, counted through
	// aliases. The specs of this repository nest at most 7 levels.
	MaxNesting = 64
	// MinAliasBudget is how many nodes the aliases of any spec may add; a larger spec may add as many
	// as it has nodes written out.
	MinAliasBudget = 100_000
)

// budget counts what a walk over the document has expanded.
type budget struct {
	file     string
	aliased  int // nodes reached through an alias so far
	limit    int // the most aliased may reach
	exceeded *Error
}

// checkBudget reports the first budget that the document exceeds, or nil.
func checkBudget(file string, doc *yaml.Node) *Error {
	b := &budget{file: file, limit: max(MinAliasBudget, countNodes(doc, 0))}
	b.walk(doc, 0, false)
	return b.exceeded
}

// countNodes counts the nodes written out under n (aliases are not followed). Its recursion is
// bounded by the YAML parser's own nesting limit.
func countNodes(n *yaml.Node, depth int) int {
	c := 1
	if depth > MaxNesting {
		return c // walk reports it
	}
	for _, k := range n.Content {
		c += countNodes(k, depth+1)
	}
	return c
}

// walk visits n at the given nesting depth; inAlias says that n was reached through an alias.
func (b *budget) walk(n *yaml.Node, depth int, inAlias bool) {
	if b.exceeded != nil {
		return
	}
	if inAlias {
		if b.aliased++; b.aliased > b.limit {
			b.fail(n, "aliases expand to more than "+strconv.Itoa(b.limit)+" nodes (alias bomb?); write the values out")
			return
		}
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias != nil {
			b.walk(n.Alias, depth, true)
		}
		return
	}
	if depth > MaxNesting {
		b.fail(n, "nested deeper than "+strconv.Itoa(MaxNesting)+" levels")
		return
	}
	for _, k := range n.Content {
		b.walk(k, depth+1, inAlias)
	}
}

// fail records the first budget exceeded, at n.
func (b *budget) fail(n *yaml.Node, msg string) {
	if b.exceeded == nil {
		b.exceeded = &Error{Pos: Pos{File: b.file, Line: max(n.Line, 1), Col: max(n.Column, 1)}, Msg: msg}
	}
}

// checkUTF8 reports the first byte of data that is not UTF-8, at its line and column (counted in
// characters, as the YAML parser counts them), or nil.
func checkUTF8(file string, data []byte) *Error {
	line, lineStart := 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			col := utf8.RuneCount(data[lineStart:i]) + 1
			return &Error{Pos: Pos{File: file, Line: line, Col: col},
				Msg: "invalid UTF-8: byte " + strconv.QuoteToASCII(string(data[i:i+1])) + " (a spec is UTF-8 text)"}
		}
		if r == '\n' {
			line, lineStart = line+1, i+1
		}
		i += size
	}
	return nil
}
