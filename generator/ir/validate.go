package ir

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/eventgen/eventgen/generator/internal/jsontree"
)

// Problem is one validation finding, with the JSON pointer of the value it concerns. The messages are
// worded exactly as the generated Validate methods word them.
type Problem struct{ Pointer, Message string }

func (p Problem) String() string { return p.Pointer + ": " + p.Message }

// ValidateJSON checks a request body against the platform's model, as the generated decoder and
// Validate would: it returns the event of each envelope (in batch order; nil for an event type the
// platform does not define, or an item that cannot be read) and every problem found. err reports what
// the decoder would refuse: invalid JSON, a body without its batch array, or an envelope that is not an
// object or has no readable event type (a *DecodeError; on batch platforms DecodeErrors, with the
// events and problems of the whole batch, those items' included, as DecodeBatch and Validate do).
//
// It reads the body as the generated decoder does. Of the members of an object that share a name, the
// first is the one read; a later one is kept verbatim and, when the name is declared (a field, an
// envelope member, a discriminator), reported as "duplicate member". A value of the wrong JSON kind is
// reported where it is, with what the decoder says; an array or map with an element that cannot be
// read (a wrong kind, or a duplicate key in a map) cannot be read as a whole: the problem is reported
// at the array or map, "item 2: …" or "member \"k\": …", and nothing inside it is checked.
func (p *Platform) ValidateJSON(data []byte) ([]*Event, []Problem, error) {
	if p.Envelope == nil {
		return nil, nil, fmt.Errorf("platform %s is a catalogue only: it has no envelope", p.Name)
	}
	root, err := jsontree.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	v := &validator{p: p}
	env := p.Envelope
	if env.Batch == "" {
		ev, err := v.envelope(root, "")
		if err != nil {
			return nil, nil, err
		}
		return []*Event{ev}, v.problems, nil
	}
	if root.Kind != jsontree.Object {
		return nil, nil, fmt.Errorf("/: expected an object, got %s", gotKind(root))
	}
	// The batch array is the first array of its name; members of that name before it are kept with
	// their wrong kind, and the ones after it are duplicates. Without an array the body has no batch.
	bptr := "/" + ptrEscape(env.Batch)
	var items *jsontree.Node
	for _, m := range root.Members {
		switch {
		case m.Name != env.Batch:
		case items != nil:
			v.add(bptr, "duplicate member")
		case m.Value.Kind == jsontree.Array:
			items = m.Value
		default:
			v.add(bptr, "%s", mismatch(m.Value, "array"))
		}
	}
	if items == nil {
		return nil, nil, fmt.Errorf("%s: missing array of events", bptr)
	}
	// An item that cannot be read is kept as it came; the decoder reports it, and so does Validate.
	var evs []*Event
	var errs DecodeErrors
	for i, item := range items.Items {
		ev, err := v.envelope(item, bptr+"/"+strconv.Itoa(i))
		if err != nil {
			errs = append(errs, err)
			v.add(bptr+"/"+strconv.Itoa(i), "%s", err.Msg)
		}
		evs = append(evs, ev)
	}
	if len(errs) > 0 {
		return evs, v.problems, errs
	}
	return evs, v.problems, nil
}

// DecodeError is an envelope the decoder cannot read: not an object, or without a readable event type.
// Pointer is where the decoder looked (for a missing event type, the discriminator's pointer).
type DecodeError struct{ Pointer, Msg string }

func (e *DecodeError) Error() string { return cmpOr(e.Pointer, "/") + ": " + e.Msg }

// DecodeErrors lists the items of a batch that cannot be read. The other items are still read: on a
// batch platform, ValidateJSON returns their events and every problem, the unreadable items' included.
type DecodeErrors []*DecodeError

func (e DecodeErrors) Error() string {
	lines := make([]string, len(e))
	for i, err := range e {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// ValueProblems checks one JSON value as ValidateJSON checks the value of a member of type r; f, when
// not nil, adds the field's nullability, constraints and closed list of values. Pointers are relative to
// the value. It lets tools (the fixture synthesizer) pick values the model accepts.
func (p *Platform) ValueProblems(data []byte, r *TypeRef, f *Field) ([]Problem, error) {
	val, err := jsontree.Parse(data)
	if err != nil {
		return nil, err
	}
	v := &validator{p: p}
	switch {
	case f == nil:
		v.value(val, "", r, &Field{Type: r}) // as an element: null is read as a value of r (raw takes it)
	case val.IsNull() && !f.Nullable:
		v.add("", "must not be null")
	case !val.IsNull():
		v.value(val, "", r, f)
	}
	return v.problems, nil
}

type validator struct {
	p        *Platform
	problems []Problem
}

func (v *validator) add(ptr, format string, args ...any) {
	v.problems = append(v.problems, Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// envelope walks one envelope; it returns the event, or nil for an unknown event type.
func (v *validator) envelope(item *jsontree.Node, ptr string) (*Event, *DecodeError) {
	env := v.p.Envelope
	if item.Kind != jsontree.Object {
		return nil, &DecodeError{Pointer: ptr, Msg: "expected an object, got " + gotKind(item)}
	}
	noType := &DecodeError{Pointer: ptr + "/" + joinPointer(env.DiscriminatorPath()), Msg: "event type is missing or not a string"}
	// The event type is found through the first object of each name, then the first string, as the
	// decoder's lookup does.
	levels := []*jsontree.Node{item}
	for _, name := range env.Levels {
		next := firstOfKind(levels[len(levels)-1], name, "object")
		if next == nil {
			return nil, noType
		}
		levels = append(levels, next)
	}
	// The first member of the right kind is the event type (as the decoder reads it); with no string
	// event type, or an empty one, the body is the absent event where the envelope names one.
	disc, ok := firstOfKind(levels[len(levels)-1], env.Discriminator, "string").Str()
	var ev *Event
	switch {
	case env.Absent != nil && (!ok || disc == ""):
		ev = env.Absent
	case !ok:
		return nil, noType
	}
	if ev == nil {
		ev = v.p.TypedEvent(disc)
	}
	if ev == nil {
		return nil, nil // kept verbatim as Unknown: nothing is checked
	}
	env = env.Of(ev)
	lptr := ptr
	payload, pptr := (*jsontree.Node)(nil), ""
	for k, obj := range levels {
		last := k == len(levels)-1
		var fs []*Field
		if k == 0 {
			fs = append(fs, env.Fields...)
		}
		if last && env.Payload == "" {
			fs = append(fs, ev.PayloadFields(env)...)
		}
		names := fieldNames(fs)
		down := env.Payload
		if !last {
			down = env.Levels[k]
		}
		kinds := map[string]string{}
		if down != "" {
			names[down], kinds[down] = true, "object"
		}
		if last {
			names[env.Discriminator], kinds[env.Discriminator] = true, "string"
			if ev.Absent {
				kinds[env.Discriminator] = "string?" // null says "no event type" too
			}
		}
		first, occurs := v.firstsOfKinds(obj, lptr, names, kinds)
		v.fields(first, lptr, fs)
		switch {
		case !last:
			lptr += "/" + ptrEscape(down)
		case env.Payload == "":
			v.allOrNone(first, lptr, ev.AllOrNone)
		default:
			// When the payload is missing or not an object, that is the problem; its members are not
			// reported one by one.
			pptr = lptr + "/" + ptrEscape(down)
			switch pl, present := first[down]; {
			case !present && !occurs[down]:
				v.add(pptr, "required member is missing")
			case present:
				payload = pl
			}
		}
	}
	if env.Payload != "" && payload != nil {
		fs := ev.PayloadFields(env)
		first := v.firsts(payload, pptr, fieldNames(fs))
		v.fields(first, pptr, fs)
		v.allOrNone(first, pptr, ev.AllOrNone)
	}
	return ev, nil
}

func fieldNames(fs []*Field) map[string]bool {
	names := map[string]bool{}
	for _, f := range fs {
		names[f.JSONName] = true
	}
	return names
}

// firsts returns the first member of obj of each declared name, and reports the later ones as
// duplicates. Members the object does not declare are kept by the decoder without a problem.
func (v *validator) firsts(obj *jsontree.Node, ptr string, declared map[string]bool) map[string]*jsontree.Node {
	first, _ := v.firstsOfKinds(obj, ptr, declared, nil)
	return first
}

// firstsOfKinds is firsts where kinds names, for some members (the envelope's), the JSON kind that
// counts: the first member of that kind is read, those of another kind before it are reported with
// their kind, and every one after it is a duplicate. occurs tells the names that occur at all.
func (v *validator) firstsOfKinds(obj *jsontree.Node, ptr string, declared map[string]bool, kinds map[string]string) (first map[string]*jsontree.Node, occurs map[string]bool) {
	first, occurs = map[string]*jsontree.Node{}, map[string]bool{}
	for _, m := range obj.Members {
		if !declared[m.Name] {
			continue
		}
		occurs[m.Name] = true
		mptr := ptr + "/" + ptrEscape(m.Name)
		if _, dup := first[m.Name]; dup {
			v.add(mptr, "duplicate member")
			continue
		}
		// A kind ending in "?" admits null too.
		if want, ok := kinds[m.Name]; ok && m.Value.JSONKind() != strings.TrimSuffix(want, "?") &&
			!(strings.HasSuffix(want, "?") && m.Value.IsNull()) {
			v.add(mptr, "%s", mismatch(m.Value, strings.TrimSuffix(want, "?")))
			continue
		}
		first[m.Name] = m.Value
	}
	return first, occurs
}

// object checks an object of the object type t.
func (v *validator) object(obj *jsontree.Node, ptr string, t *Type) {
	names := fieldNames(t.Fields)
	kinds := map[string]string{}
	if t.Implied != nil {
		names[t.Implied.Member], kinds[t.Implied.Member] = true, "string"
	}
	first, _ := v.firstsOfKinds(obj, ptr, names, kinds)
	v.fields(first, ptr, t.Fields)
	v.allOrNone(first, ptr, t.AllOrNone)
}

func (v *validator) fields(first map[string]*jsontree.Node, ptr string, fs []*Field) {
	for _, f := range fs {
		fptr := ptr + "/" + ptrEscape(f.JSONName)
		val, present := first[f.JSONName]
		switch {
		case !present && f.Required:
			v.add(fptr, "required member is missing")
		case !present:
		case val.IsNull() && !f.Nullable:
			v.add(fptr, "must not be null")
		case !val.IsNull():
			v.value(val, fptr, f.Type, f)
		}
	}
}

func (v *validator) allOrNone(first map[string]*jsontree.Node, ptr string, sets [][]*Field) {
	for _, set := range sets {
		var have, miss []string
		for _, f := range set {
			if _, ok := first[f.JSONName]; ok {
				have = append(have, f.JSONName)
			} else {
				miss = append(miss, f.JSONName)
			}
		}
		if len(have) > 0 && len(miss) > 0 {
			v.add(ptr, "%s present without %s", quoteList(have), quoteList(miss))
		}
	}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// value checks one non-null member value against a type reference; f carries field-level constraints.
// A value the decoder cannot read is reported, and nothing else about it.
func (v *validator) value(val *jsontree.Node, ptr string, r *TypeRef, f *Field) {
	if r == nil {
		return
	}
	if p := readProblem(val, r); p != "" {
		v.add(ptr, "%s", p)
		return
	}
	v.check(val, ptr, r)
	kind := r.JSONKind()
	v.constraints(val, ptr, kind, f.Constraints)
	if len(f.Values) > 0 && !containsValue(f.Values, val, kind) {
		v.add(ptr, "value %s is not one of %s", valueText(val, kind), valueList(f.Values))
	}
}

// readProblem is what the generated decoder says of a value it cannot read as r, or "". It mirrors the
// generated read functions: a wrong JSON kind, an integer with a fraction or beyond int64, a number
// beyond float64, a union without its discriminator, and for arrays and maps the first element that
// cannot be read (or the first repeated key), prefixed with where it is.
func readProblem(val *jsontree.Node, r *TypeRef) string {
	switch r.Kind {
	case RefArray:
		if val.Kind != jsontree.Array {
			return mismatch(val, "array")
		}
		for i, it := range val.Items {
			if p := readProblem(it, r.Elem); p != "" {
				return "item " + strconv.Itoa(i) + ": " + p
			}
		}
		return ""
	case RefMap:
		if val.Kind != jsontree.Object {
			return mismatch(val, "object")
		}
		seen := map[string]bool{}
		for _, m := range val.Members {
			if p := readProblem(m.Value, r.Elem); p != "" {
				return "member " + quoteBounded(m.Name) + ": " + p
			}
			if seen[m.Name] {
				return "duplicate member " + quoteBounded(m.Name)
			}
			seen[m.Name] = true
		}
		return ""
	case RefNamed:
		t := r.Named
		switch t.Kind {
		case KindObject:
			if val.Kind != jsontree.Object {
				return mismatch(val, "object")
			}
			return ""
		case KindUnion:
			if val.Kind != jsontree.Object {
				return mismatch(val, "object")
			}
			if _, ok := firstOfKind(val, t.Discriminator, "string").Str(); !ok {
				return "discriminator " + jsonLiteral(t.Discriminator) + " is missing or not a string"
			}
			return ""
		case KindOneOf:
			for _, a := range t.Alternatives {
				if kindMatches(val, a.JSONKind) {
					return readProblem(val, a.Type)
				}
			}
			return mismatch(val, oneofKinds(t))
		}
		return scalarProblem(val, t.JSONKind())
	}
	return scalarProblem(val, r.Builtin)
}

// scalarProblem is what the decoder says of a value it reads as a scalar of JSON kind want.
func scalarProblem(val *jsontree.Node, want string) string {
	switch want {
	case "raw", "":
		return ""
	case "integer":
		if _, ok := intValue(val); ok {
			return ""
		}
	case "number":
		if k := val.JSONKind(); k == "integer" || k == "number" { // kept as written: any literal
			return ""
		}
	default:
		if val.JSONKind() == want {
			return ""
		}
	}
	return mismatch(val, want)
}

// intValue returns the value of an integer literal that fits int64 (what the decoder reads as one).
func intValue(val *jsontree.Node) (int64, bool) {
	if val.JSONKind() != "integer" {
		return 0, false
	}
	n, err := strconv.ParseInt(val.Raw, 10, 64)
	return n, err == nil
}

// floatValue returns the value of a number literal for range checks, as wire.NumberFloat does: the
// nearest float64, ±Inf beyond its range (ok is false then, or when val is not a number).
func floatValue(val *jsontree.Node) (float64, bool) {
	if k := val.JSONKind(); k != "integer" && k != "number" {
		return 0, false
	}
	f, err := strconv.ParseFloat(val.Raw, 64)
	return f, err == nil
}

// check validates a value the decoder has read as r: what the generated Validate checks beyond kinds.
func (v *validator) check(val *jsontree.Node, ptr string, r *TypeRef) {
	switch r.Kind {
	case RefArray:
		for i, it := range val.Items {
			v.check(it, ptr+"/"+strconv.Itoa(i), r.Elem)
		}
	case RefMap:
		for _, m := range val.Members {
			v.check(m.Value, ptr+"/"+ptrEscape(m.Name), r.Elem)
		}
	case RefNamed:
		v.named(val, ptr, r.Named)
	}
}

func (v *validator) named(val *jsontree.Node, ptr string, t *Type) {
	switch t.Kind {
	case KindObject:
		v.object(val, ptr, t)
	case KindEnum:
		if t.Closed && !enumHas(t, val) {
			v.add(ptr, "value %s is not one of %s", valueText(val, t.Base), enumList(t))
		}
	case KindUnion:
		disc, _ := firstOfKind(val, t.Discriminator, "string").Str()
		for _, vr := range t.Variants {
			if vr.Value == disc {
				v.object(val, ptr, vr.Type)
				return
			}
		}
	case KindOneOf:
		for _, a := range t.Alternatives {
			if kindMatches(val, a.JSONKind) {
				v.check(val, ptr, a.Type)
				return
			}
		}
	case KindTime:
		if t.Unix == "" {
			s, _ := val.Str()
			if _, err := parseTime(s, t.Layouts, t.FractionSeparators); err != nil {
				v.add(ptr, "%s is not a time in the layout %s", quoteBounded(s), t.Layouts[0])
			}
		}
	case KindScalar:
		v.constraints(val, ptr, t.Scalar, t.Constraints)
	}
}

// constraints checks the bounds of a value of JSON kind kind.
func (v *validator) constraints(val *jsontree.Node, ptr, kind string, c Constraints) {
	switch kind {
	case "string":
		x, _ := val.Str()
		n := utf8.RuneCountInString(x)
		if c.MaxLength != nil && n > *c.MaxLength {
			v.add(ptr, "length %d exceeds %d characters", n, *c.MaxLength)
		}
		if c.MinLength != nil && n < *c.MinLength {
			v.add(ptr, "length %d is below %d characters", n, *c.MinLength)
		}
		if c.MaxBytes != nil && len(x) > *c.MaxBytes {
			v.add(ptr, "size %d exceeds %d bytes", len(x), *c.MaxBytes)
		}
		if c.Pattern != "" && !compiled(c.Pattern).MatchString(x) {
			v.add(ptr, `does not match pattern "%s"`, c.Pattern)
		}
	case "array":
		n := len(val.Items)
		switch {
		case c.MinItems != nil && n < *c.MinItems:
			v.add(ptr, "count %d is below %d items", n, *c.MinItems)
		case c.MaxItems != nil && n > *c.MaxItems:
			v.add(ptr, "count %d exceeds %d items", n, *c.MaxItems)
		}
	case "integer", "number":
		f, _ := floatValue(val)
		text := textBounded(val.Raw) // a number is kept as written, and worded so (a prefix of a long one)
		if i, ok := intValue(val); ok && kind == "integer" {
			f, text = float64(i), fmtNum(float64(i)) // as the generated code converts an int64
		}
		switch {
		case c.Minimum != nil && f < *c.Minimum:
			v.add(ptr, "value %s is below %s", text, fmtNum(*c.Minimum))
		case c.Maximum != nil && f > *c.Maximum:
			v.add(ptr, "value %s exceeds %s", text, fmtNum(*c.Maximum))
		}
	}
}

// patterns caches the compiled patterns of constraints (checked when the IR is built).
var patterns sync.Map // string → *regexp.Regexp

func compiled(pattern string) *regexp.Regexp {
	if re, ok := patterns.Load(pattern); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(pattern)
	patterns.Store(pattern, re)
	return re
}

// fmtNum writes f as the generated encoder does (and encoding/json): decimal notation from 1e-6 up to
// 1e21, exponent notation beyond, with the shortest digits that read back as f.
func fmtNum(f float64) string {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	s := strconv.FormatFloat(f, format, -1, 64)
	if n := len(s); format == 'e' && n >= 4 && s[n-4] == 'e' && s[n-3] == '-' && s[n-2] == '0' {
		s = s[:n-2] + s[n-1:] // "1e-07" becomes "1e-7"
	}
	return s
}

// gotKind names the JSON kind of a value as the decoder's messages do: every number is a "number".
func gotKind(val *jsontree.Node) string {
	if k := val.JSONKind(); k != "integer" {
		return k
	}
	return "number"
}

// kindMatches reports whether a value is of JSON kind want; an integer literal is a number too.
func kindMatches(val *jsontree.Node, want string) bool {
	got := val.JSONKind()
	return got == want || want == "number" && got == "integer"
}

// mismatch words a value the decoder cannot read as kind want, as the generated decoder does.
func mismatch(val *jsontree.Node, want string) string {
	if val.IsNull() {
		return "must not be null"
	}
	return "expected " + want + ", got " + gotKind(val)
}

func oneofKinds(t *Type) string {
	var ks []string
	for _, a := range t.Alternatives {
		ks = append(ks, a.JSONKind)
	}
	return strings.Join(ks, " or ")
}

// goValue returns the Go value the decoder reads from a scalar of JSON kind kind: a string, an int64,
// a float64 or a bool.
func goValue(val *jsontree.Node, kind string) any {
	switch kind {
	case "string":
		s, _ := val.Str()
		return s
	case "integer":
		i, _ := intValue(val)
		return i
	case "number":
		f, _ := floatValue(val)
		return f
	case "boolean":
		return val.Raw == "true"
	}
	return nil
}

// valueText renders a value as the generated Validate does in messages (wire.JSONText of the Go value,
// which renders at most a prefix of a long one).
func valueText(val *jsontree.Node, kind string) string {
	if s, ok := goValue(val, kind).(string); ok && len(s) > maxQuoted {
		return jsonLiteral(cutPrefix(s, maxQuoted)) + "... (" + strconv.Itoa(len(s)) + " bytes)"
	}
	return textBounded(jsonLiteral(goValue(val, kind)))
}

func enumHas(t *Type, val *jsontree.Node) bool {
	got := goValue(val, t.Base)
	for _, ev := range t.Values {
		if sameValue(ev.Value, got) {
			return true
		}
	}
	return false
}

func enumList(t *Type) string {
	vals := make([]any, len(t.Values))
	for i, ev := range t.Values {
		vals[i] = ev.Value
	}
	return valueList(vals)
}

func valueList(vals []any) string {
	s := make([]string, len(vals))
	for i, x := range vals {
		s[i] = jsonLiteral(x)
	}
	return strings.Join(s, ", ")
}

func containsValue(vals []any, val *jsontree.Node, kind string) bool {
	got := goValue(val, kind)
	for _, x := range vals {
		if sameValue(x, got) {
			return true
		}
	}
	return false
}

// sameValue compares a spec value (string, bool, int64, float64 or another integer type) with a value
// read from JSON, as the generated code compares Go values of the field's type.
func sameValue(spec, got any) bool {
	switch g := got.(type) {
	case float64:
		f, ok := toFloat(spec)
		return ok && f == g
	case int64:
		f, ok := toFloat(spec)
		return ok && f == float64(g) && f == math.Trunc(f)
	}
	return spec == got
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// jsonLiteral renders a Go value as JSON, as the generated code's messages do.
func jsonLiteral(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

// parseTime parses s with the first layout that accepts it. A character of seps found right after the
// seconds is read as the decimal point. It mirrors wire.ParseTime in the generated packages.
func parseTime(s string, layouts []string, seps string) (time.Time, error) {
	var err error
	for _, l := range layouts {
		in := s // the separator is replaced for this layout only
		if k := strings.Index(l, "05") + 2; seps != "" && k >= 2 && k < len(in) && strings.IndexByte(seps, in[k]) >= 0 {
			in = in[:k] + "." + in[k+1:]
		}
		var t time.Time
		if t, err = time.Parse(l, in); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

func ptrEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func joinPointer(names []string) string {
	esc := make([]string, len(names))
	for i, n := range names {
		esc[i] = ptrEscape(n)
	}
	return strings.Join(esc, "/")
}
