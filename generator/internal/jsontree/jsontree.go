// Package jsontree reads JSON into a tree that keeps what encoding/json's generic decoding loses: the
// order of object members, duplicate members, and the exact text of every scalar (number spelling,
// string escapes). The model's validator (ir.Platform.ValidateJSON) reads bodies with it, so that it
// sees duplicates as the generated decoders do, and the fixture synthesizer edits these trees, so that
// every byte an edit does not touch stays as the vendor wrote it.
package jsontree

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The kinds of nodes.
const (
	Object = '{'
	Array  = '['
	Scalar = 's' // a string, number, true, false or null
)

// Node is one JSON value.
type Node struct {
	Kind    byte      // Object, Array or Scalar
	Members []*Member // Object, in input order, duplicates included
	Items   []*Node   // Array
	Raw     string    // Scalar: the literal as written (a string with its quotes and escapes, a number, true, false, null)
}

// Member is one member of an object: its unescaped name, the name as written, and its value.
type Member struct {
	Name, RawName string
	Value         *Node
}

// Parse reads one JSON value into a tree. It rejects invalid JSON and trailing data.
func Parse(data []byte) (*Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := &parser{data: data, dec: dec}
	n, err := p.value()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF // the input ends before the value does, or is empty
	}
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("unexpected data after the top-level value")
		}
		return nil, err
	}
	return n, nil
}

type parser struct {
	data  []byte
	dec   *json.Decoder
	depth int // containers open
}

// MaxDepth is the deepest nesting of arrays and objects Parse accepts, the limit of encoding/json and
// of the generated decoders.
const MaxDepth = 10000

// token returns the next token and its text as written.
func (p *parser) token() (json.Token, string, error) {
	start := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, "", err
	}
	text := strings.TrimLeft(string(p.data[start:p.dec.InputOffset()]), " \t\r\n,:")
	return tok, text, nil
}

func (p *parser) value() (*Node, error) {
	tok, text, err := p.token()
	if err != nil {
		return nil, err
	}
	if tok == json.Delim('{') || tok == json.Delim('[') {
		if p.depth >= MaxDepth {
			return nil, errors.New("exceeded max depth")
		}
		p.depth++
		defer func() { p.depth-- }()
	}
	switch tok {
	case json.Delim('{'):
		n := &Node{Kind: Object}
		for p.dec.More() {
			_, rawKey, err := p.token()
			if err != nil {
				return nil, err
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			name, _ := Unquote(rawKey)
			n.Members = append(n.Members, &Member{Name: name, RawName: rawKey, Value: v})
		}
		_, _, err := p.token()
		return n, err
	case json.Delim('['):
		n := &Node{Kind: Array}
		for p.dec.More() {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, v)
		}
		_, _, err := p.token()
		return n, err
	}
	return &Node{Kind: Scalar, Raw: text}, nil
}

// NewScalar returns a scalar node holding v encoded as JSON (HTML characters not escaped).
func NewScalar(v any) *Node {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("jsontree: cannot encode %#v: %v", v, err)) // only called with strings, numbers and booleans
	}
	return &Node{Kind: Scalar, Raw: strings.TrimSuffix(b.String(), "\n")}
}

// Literal returns a scalar node with the given JSON text, e.g. "1.0" or `"x"`.
func Literal(raw string) *Node { return &Node{Kind: Scalar, Raw: raw} }

// Null returns a null node.
func Null() *Node { return &Node{Kind: Scalar, Raw: "null"} }

// IsNull reports whether n is the JSON null.
func (n *Node) IsNull() bool { return n != nil && n.Kind == Scalar && n.Raw == "null" }

// Str returns the value of a string scalar, and whether n is one (nil is not). It unescapes as the
// generated decoders do: bytes that are not valid UTF-8 are kept verbatim.
func (n *Node) Str() (string, bool) {
	if n == nil || n.Kind != Scalar || !strings.HasPrefix(n.Raw, `"`) {
		return "", false
	}
	return Unquote(n.Raw)
}

// JSONKind names the JSON kind of n: "object", "array", "string", "number", "integer" (a number
// literal without fraction or exponent), "boolean" or "null".
func (n *Node) JSONKind() string {
	switch {
	case n.Kind == Object:
		return "object"
	case n.Kind == Array:
		return "array"
	case n.Raw == "null":
		return "null"
	case n.Raw == "true" || n.Raw == "false":
		return "boolean"
	case strings.HasPrefix(n.Raw, `"`):
		return "string"
	case strings.ContainsAny(n.Raw, ".eE"):
		return "number"
	}
	return "integer"
}

// Get returns the value of the first member called name (the one the generated decoders read), or nil.
func (n *Node) Get(name string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, m := range n.Members {
		if m.Name == name {
			return m.Value
		}
	}
	return nil
}

// Has reports whether the object n has a member called name.
func (n *Node) Has(name string) bool { return n.Get(name) != nil }

// Set replaces the value of every member called name, or appends the member when there is none.
func (n *Node) Set(name string, v *Node) {
	found := false
	for _, m := range n.Members {
		if m.Name == name {
			m.Value, found = v, true
		}
	}
	if !found {
		n.Add(name, v)
	}
}

// Add appends a member, whether or not one of that name exists.
func (n *Node) Add(name string, v *Node) {
	n.Members = append(n.Members, &Member{Name: name, RawName: NewScalar(name).Raw, Value: v})
}

// Remove deletes every member called name.
func (n *Node) Remove(name string) {
	kept := n.Members[:0]
	for _, m := range n.Members {
		if m.Name != name {
			kept = append(kept, m)
		}
	}
	n.Members = kept
}

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	c := &Node{Kind: n.Kind, Raw: n.Raw}
	for _, m := range n.Members {
		c.Members = append(c.Members, &Member{Name: m.Name, RawName: m.RawName, Value: m.Value.Clone()})
	}
	for _, it := range n.Items {
		c.Items = append(c.Items, it.Clone())
	}
	return c
}

// scalars reports whether every item of the array n is a scalar (true for an empty array).
func (n *Node) scalars() bool {
	for _, it := range n.Items {
		if it.Kind != Scalar {
			return false
		}
	}
	return true
}

// Pretty renders n indented by two spaces per level, arrays of scalars on one line, with a final
// newline. Scalars and member names are written as they were read, so the output depends only on the
// tree.
func (n *Node) Pretty() []byte {
	var b bytes.Buffer
	n.write(&b, "")
	b.WriteByte('\n')
	return b.Bytes()
}

func (n *Node) write(b *bytes.Buffer, indent string) {
	inner := indent + "  "
	switch {
	case n.Kind == Object && len(n.Members) == 0:
		b.WriteString("{}")
	case n.Kind == Object:
		b.WriteString("{\n")
		for i, m := range n.Members {
			b.WriteString(inner + m.RawName + ": ")
			m.Value.write(b, inner)
			if i < len(n.Members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case n.Kind == Array && n.scalars():
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(it.Raw)
		}
		b.WriteByte(']')
	case n.Kind == Array:
		b.WriteString("[\n")
		for i, it := range n.Items {
			b.WriteString(inner)
			it.write(b, inner)
			if i < len(n.Items)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		b.WriteString(n.Raw)
	}
}

// Compact renders n without any whitespace.
func (n *Node) Compact() []byte {
	var b bytes.Buffer
	n.compact(&b)
	return b.Bytes()
}

func (n *Node) compact(b *bytes.Buffer) {
	switch n.Kind {
	case Object:
		b.WriteByte('{')
		for i, m := range n.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(m.RawName)
			b.WriteByte(':')
			m.Value.compact(b)
		}
		b.WriteByte('}')
	case Array:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.compact(b)
		}
		b.WriteByte(']')
	default:
		b.WriteString(n.Raw)
	}
}

// Unquote returns the value of a JSON string literal (quotes included) that the parser has accepted,
// unescaped as the generated decoders do it: bytes that are not valid UTF-8 are kept verbatim, and an
// escaped surrogate that is not part of a pair becomes U+FFFD.
func Unquote(raw string) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	s := raw[1 : len(raw)-1]
	if !strings.Contains(s, `\`) {
		return s, true
	}
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
	return b.String(), true
}

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

// unescapeRune decodes the \u escape at s[i] and, when it is a high surrogate followed by an escaped
// low surrogate, that one too. It returns the rune and the number of bytes used.
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

func hex4(s string, i int) rune {
	if i < 0 || i+4 > len(s) {
		return -1
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(v)
	}
	return r
}
