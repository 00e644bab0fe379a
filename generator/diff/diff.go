// Package diff compares two versions of a spec and lists what changed, each change with a stable rule
// id, a severity judged from the receiving side (see Rules), and the positions of both sides.
//
// The comparison runs over the IR, with the syntax tree beside it for positions: the IR is what
// consumers get (includes flattened, Go names assigned, references resolved), so moving members into
// an include or reordering types reports nothing, while a change to an included type is reported once,
// at the type, naming every struct that copies it. The syntax tree gives the position of the very key
// that changed (`required`, `max_length`, a variant) where the IR keeps only the entry's.
package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// Severity is how much a change matters to a receiver.
type Severity int

// The severities, in increasing order.
const (
	Info     Severity = iota // safe: documentation, additions old packages handle
	Warning                  // a strict validator accepts or rejects differently
	Breaking                 // code using the generated package breaks, or old packages misread new traffic
)

// String returns "info", "warning" or "breaking".
func (s Severity) String() string {
	switch s {
	case Breaking:
		return "breaking"
	case Warning:
		return "warning"
	}
	return "info"
}

// ParseSeverity reads a severity name; "any" is Info.
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "breaking":
		return Breaking, true
	case "warning":
		return Warning, true
	case "info", "any":
		return Info, true
	}
	return 0, false
}

// Change is one difference between the old and the new spec.
type Change struct {
	Rule     string
	Severity Severity
	Old, New spec.Pos // where on each side; the zero Pos for the side an addition or removal lacks
	Subject  string   // what changed: `type "Bar"`, `event "x"`, `envelope`, `platform`
	Message  string
	Also     []string // other subjects with the same change: structs that copy a member by include

	decl string // for member changes: the subject that declares the member
}

// String renders the change as one line: severity, rule, old and new position ("-" for none),
// subject and message.
func (c Change) String() string {
	msg := c.Subject + ": " + c.Message
	if len(c.Also) > 0 {
		msg += " (also in " + strings.Join(c.Also, ", ") + ")"
	}
	return fmt.Sprintf("%-8s %s %s %s %s", c.Severity, c.Rule, posText(c.Old), posText(c.New), msg)
}

func posText(p spec.Pos) string {
	if p.File == "" {
		return "-"
	}
	return p.String()
}

// Spec is one side of a comparison: the syntax tree and its IR.
type Spec struct {
	File *spec.File
	IR   *ir.Platform

	fields map[spec.Pos]*spec.Field // syntax of every field, by the position of its key
	owner  map[spec.Pos]string      // subject that declares the field at a position
	types  map[string]*spec.TypeDef
	events map[string]*spec.EventDef
}

// Parse parses and resolves one spec; name is used in positions (a path, or REF:path).
func Parse(name string, data []byte) (*Spec, error) {
	f, err := spec.Parse(name, data)
	if err != nil {
		return nil, err
	}
	p, err := ir.Build(f)
	if err != nil {
		return nil, err
	}
	s := &Spec{File: f, IR: p, fields: map[spec.Pos]*spec.Field{}, owner: map[spec.Pos]string{},
		types: map[string]*spec.TypeDef{}, events: map[string]*spec.EventDef{}}
	own := func(subject string, fs spec.Map[spec.Field]) {
		for i := range fs {
			s.fields[fs[i].Pos] = &fs[i].Value
			s.owner[fs[i].Pos] = subject
		}
	}
	if f.Envelope != nil {
		own("envelope", f.Envelope.Fields)
	}
	for i := range f.Types {
		s.types[f.Types[i].Key] = &f.Types[i].Value
		own(typeSubject(f.Types[i].Key), f.Types[i].Value.Fields)
	}
	for i := range f.Events {
		s.events[f.Events[i].Key] = &f.Events[i].Value
		own(eventSubject(f.Events[i].Key), f.Events[i].Value.Fields)
	}
	return s, nil
}

func typeSubject(name string) string  { return fmt.Sprintf("type %q", name) }
func eventSubject(name string) string { return fmt.Sprintf("event %q", name) }

// Compare lists the changes from old to new, merged and sorted: by the new side's position (the old
// side's for removals), then by rule id.
func Compare(old, new *Spec) []Change {
	d := &differ{o: old, n: new}
	d.platform()
	d.delivery()
	d.envelope()
	d.groups()
	d.channels()
	d.types()
	d.events()
	return d.result()
}

// differ collects the changes of one comparison.
type differ struct {
	o, n *Spec
	out  []Change
	decl string // subject declaring the member being compared, for merging copies
}

// add records a change; its severity is the rule's.
func (d *differ) add(rule string, old, new spec.Pos, subject, format string, args ...any) {
	sev, ok := ruleSeverity[rule]
	if !ok {
		sev = Breaking // an undocumented rule is a bug; TestRulesDocumented catches it
	}
	d.out = append(d.out, Change{Rule: rule, Severity: sev, Old: old, New: new, Subject: subject,
		Message: fmt.Sprintf(format, args...), decl: d.decl})
}

// result merges changes that are the same edit seen through several structs (a member copied by
// include: same rule, same positions, same message) into one, reported at the struct that declares
// the member, and sorts them.
func (d *differ) result() []Change {
	type key struct {
		rule, msg string
		old, new  spec.Pos
	}
	groups := map[key][]Change{}
	var order []key
	for _, c := range d.out {
		k := key{c.Rule, c.Message, c.Old, c.New}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	var out []Change
	for _, k := range order {
		g := groups[k]
		if len(g) == 1 {
			out = append(out, g[0])
			continue
		}
		decl := g[0].decl
		slices.SortFunc(g, func(a, b Change) int {
			return cmp.Or(-cmp.Compare(btoi(a.Subject == decl), btoi(b.Subject == decl)), strings.Compare(a.Subject, b.Subject))
		})
		c := g[0]
		for _, x := range g[1:] {
			if x.Subject != c.Subject && !slices.Contains(c.Also, x.Subject) {
				c.Also = append(c.Also, x.Subject)
			}
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Change) int {
		pa, pb := primary(a), primary(b)
		return cmp.Or(strings.Compare(pa.File, pb.File), cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Col, pb.Col),
			strings.Compare(a.Rule, b.Rule), strings.Compare(a.Subject, b.Subject), strings.Compare(a.Message, b.Message))
	})
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// primary is the position a change sorts by: the new side's, or the old side's for a removal.
func primary(c Change) spec.Pos {
	if c.New.File != "" {
		return c.New
	}
	return c.Old
}

// Count returns how many changes are at or above severity min.
func Count(changes []Change, min Severity) int {
	n := 0
	for _, c := range changes {
		if c.Severity >= min {
			n++
		}
	}
	return n
}
