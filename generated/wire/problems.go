package wire

import (
	"errors"
	"math/bits"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Problem is one validation failure: where it is and what is wrong.
type Problem struct {
	Pointer string // JSON pointer of the value concerned; "" for the whole document
	Message string // e.g. "must not be null"
}

// Error returns the pointer and the message, e.g.
// "/data/id: must not be null", or the message alone for the root. The
// middle of a long pointer is elided (see BoundPointer).
func (p Problem) Error() string {
	if p.Pointer == "" {
		return p.Message
	}
	return BoundPointer(p.Pointer) + ": " + p.Message
}

// Problems lists the validation failures of a value in document order.
// It is an error; generated Validate methods return it only when it is
// not empty.
type Problems []Problem

// Error returns the problems one per line, the first MaxErrorLines of
// them; a last line counts the others.
func (p Problems) Error() string {
	return joinLines(len(p), func(i int) string { return p[i].Error() })
}

// Add appends a problem with message msg at path.
func (p *Problems) Add(path *Path, msg string) {
	*p = append(*p, Problem{Pointer: path.String(), Message: msg})
}

// Path is the location of a value being validated, kept as a linked list
// of JSON pointer segments so that Validate methods can build it on the
// stack as they descend; it is rendered only when a problem is added. The
// zero Path (and a nil *Path) is the root.
type Path struct {
	parent *Path
	key    string
	index  int // -1 for a member segment
	set    bool
}

// Key returns the path of member name of the object at p.
func (p *Path) Key(name string) Path {
	return Path{parent: p, key: name, index: -1, set: true}
}

// Index returns the path of element i of the array at p.
func (p *Path) Index(i int) Path {
	return Path{parent: p, index: i, set: true}
}

// String returns the JSON pointer of p (RFC 6901: '~' is written "~0"
// and '/' "~1"); the root is "".
func (p *Path) String() string {
	var b strings.Builder
	p.writeTo(&b)
	return b.String()
}

// writeTo writes the pointer of p to b. It recurses rather than collect
// the segments, so that no Path escapes to the heap.
func (p *Path) writeTo(b *strings.Builder) {
	if p == nil || !p.set {
		return
	}
	p.parent.writeTo(b)
	b.WriteByte('/')
	if p.index < 0 {
		writeToken(b, p.key)
	} else {
		b.WriteString(strconv.Itoa(p.index))
	}
}

// Required adds "required member is missing" at the path of each member
// of the object at path that is required but absent: names[i] is the JSON
// name of the field of index i, and omit has its bit set when the field
// did not decode; a member kept in members was present (with a problem of
// its own), not missing. Only the fields from index from on are checked.
func (p *Problems) Required(path *Path, omit []uint64, names []string, from int, members Members) {
	for w, set := range omit {
		for set != 0 {
			i := w*64 + bits.TrailingZeros64(set)
			set &= set - 1
			if i < from || i >= len(names) || members.Has(names[i]) {
				continue
			}
			fp := path.Key(names[i])
			p.Add(&fp, "required member is missing")
		}
	}
}

// CheckTime adds a problem when s is not a time in any of layouts (see
// ParseTime): "\"noon\" is not a time in the layout 2006-01-02".
func CheckTime(ps *Problems, path *Path, s string, layouts []string, seps string) {
	if _, err := ParseTime(s, layouts, seps); err != nil {
		ps.Add(path, Quote(s)+" is not a time in the layout "+layouts[0])
	}
}

// CheckMaxLength adds a problem when s has more than n characters
// (Unicode code points): "length 17 exceeds 16 characters".
func CheckMaxLength(ps *Problems, path *Path, s string, n int) {
	if l := utf8.RuneCountInString(s); l > n {
		ps.Add(path, "length "+strconv.Itoa(l)+" exceeds "+strconv.Itoa(n)+" characters")
	}
}

// CheckMinLength adds a problem when s has fewer than n characters
// (Unicode code points): "length 2 is below 3 characters".
func CheckMinLength(ps *Problems, path *Path, s string, n int) {
	if l := utf8.RuneCountInString(s); l < n {
		ps.Add(path, "length "+strconv.Itoa(l)+" is below "+strconv.Itoa(n)+" characters")
	}
}

// CheckMaxBytes adds a problem when s is longer than n bytes:
// "size 17000 exceeds 16384 bytes".
func CheckMaxBytes(ps *Problems, path *Path, s string, n int) {
	if len(s) > n {
		ps.Add(path, "size "+strconv.Itoa(len(s))+" exceeds "+strconv.Itoa(n)+" bytes")
	}
}

// CheckPattern adds a problem when s does not match re:
// `does not match pattern "^[a-z]+$"`.
func CheckPattern(ps *Problems, path *Path, s string, re *regexp.Regexp) {
	if !re.MatchString(s) {
		ps.Add(path, `does not match pattern "`+re.String()+`"`)
	}
}

// CheckItems adds a problem when the item count n is below min or above
// max; a negative bound is no bound: "count 12 exceeds 10 items",
// "count 0 is below 1 items".
func CheckItems(ps *Problems, path *Path, n, min, max int) {
	switch {
	case min >= 0 && n < min:
		ps.Add(path, "count "+strconv.Itoa(n)+" is below "+strconv.Itoa(min)+" items")
	case max >= 0 && n > max:
		ps.Add(path, "count "+strconv.Itoa(n)+" exceeds "+strconv.Itoa(max)+" items")
	}
}

// CheckRange adds a problem when v is below *min or above *max; a nil
// bound is no bound. Numbers are written as the Encoder writes them:
// "value 120 exceeds 100", "value -1 is below 0".
func CheckRange(ps *Problems, path *Path, v float64, min, max *float64) {
	switch {
	case min != nil && v < *min:
		ps.Add(path, "value "+formatFloat(v)+" is below "+formatFloat(*min))
	case max != nil && v > *max:
		ps.Add(path, "value "+formatFloat(v)+" exceeds "+formatFloat(*max))
	}
}

// formatFloat writes v as Encoder.Float does.
func formatFloat(v float64) string {
	return string(appendFloat(nil, v))
}

// ParseTime parses s with the first of layouts (time package layouts,
// e.g. time.RFC3339) that accepts it. With a single layout the error is
// time.Parse's; with several it names them all.
//
// seps lists characters a vendor writes instead of the decimal point
// before the fraction of seconds (time.Parse accepts '.' and ','): one of
// them found right after the seconds field is read as '.'.
//
// Text longer than MaxTimeText is no time in any layout; it is refused
// without parsing, and the error quotes a prefix of it.
func ParseTime(s string, layouts []string, seps string) (time.Time, error) {
	if len(s) > MaxTimeText {
		return time.Time{}, errors.New("parsing time " + Quote(s) + ": too long for a time")
	}
	var first error
	for _, layout := range layouts {
		in := s
		if k := strings.Index(layout, "05") + 2; seps != "" && k >= 2 && k < len(in) && strings.IndexByte(seps, in[k]) >= 0 {
			in = in[:k] + "." + in[k+1:]
		}
		t, err := time.Parse(layout, in)
		if err == nil {
			return t, nil
		}
		if first == nil {
			first = err
		}
	}
	switch len(layouts) {
	case 0:
		return time.Time{}, errors.New("parsing time " + Quote(s) + ": no layout given")
	case 1:
		return time.Time{}, first
	}
	return time.Time{}, errors.New("parsing time " + Quote(s) +
		": does not match any of the layouts " + quoteAll(layouts))
}

// MaxTimeText is the longest text ParseTime tries to parse: longer than any
// layout with a fraction of nanoseconds and a zone name.
const MaxTimeText = 256

// quoteAll quotes each of list and joins them with ", ".
func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
