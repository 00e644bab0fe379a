package ir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Problem is one validation finding, with the JSON pointer of the value it concerns. The messages are
// worded exactly as the generated Validate methods word them.
type Problem struct{ Pointer, Message string }

func (p Problem) String() string { return p.Pointer + ": " + p.Message }

// ValidateJSON checks a request body against the platform's model, as the generated decoder and
// Validate would: it returns the event of each envelope (in batch order) and every problem found.
// err reports what the decoder would refuse: invalid JSON or a wrong envelope.
func (p *Platform) ValidateJSON(data []byte) ([]*Event, []Problem, error) {
	if p.Envelope == nil {
		return nil, nil, fmt.Errorf("platform %s is a catalogue only: it has no envelope", p.Name)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, nil, err
	}
	v := &validator{p: p}
	if p.Envelope.Batch == "" {
		ev, err := v.envelope(root, "")
		return []*Event{ev}, v.problems, err
	}
	obj, ok := root.(map[string]any)
	items, ok2 := obj[p.Envelope.Batch].([]any)
	if !ok || !ok2 {
		return nil, nil, fmt.Errorf("want an object with an array member %q", p.Envelope.Batch)
	}
	var evs []*Event
	for i, item := range items {
		ev, err := v.envelope(item, fmt.Sprintf("/%s/%d", ptrEscape(p.Envelope.Batch), i))
		if err != nil {
			return evs, v.problems, err
		}
		evs = append(evs, ev)
	}
	return evs, v.problems, nil
}

type validator struct {
	p        *Platform
	problems []Problem
}

func (v *validator) add(ptr, format string, args ...any) {
	v.problems = append(v.problems, Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// envelope walks one envelope; it returns the event, or nil for an unknown event type.
func (v *validator) envelope(root any, ptr string) (*Event, error) {
	env := v.p.Envelope
	obj, ok := root.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: want an object", cmpOr(ptr, "/"))
	}
	level, lptr := obj, ptr
	for _, name := range env.Levels {
		next, ok := level[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s/%s: want an object", lptr, ptrEscape(name))
		}
		level, lptr = next, lptr+"/"+ptrEscape(name)
	}
	disc, ok := level[env.Discriminator].(string)
	if !ok {
		return nil, fmt.Errorf("%s/%s: missing discriminator or not a string", lptr, ptrEscape(env.Discriminator))
	}
	var ev *Event
	for _, e := range v.p.WireEvents() {
		if e.Name == disc {
			ev = e
		}
	}
	if ev == nil {
		return nil, nil
	}
	v.fields(obj, ptr, env.Fields)
	payload, pptr := level, lptr
	if env.Payload != "" {
		pptr = lptr + "/" + ptrEscape(env.Payload)
		raw, present := level[env.Payload]
		payload, ok = raw.(map[string]any)
		switch {
		case !present:
			v.add(pptr, "required member is missing")
			return ev, nil
		case !ok:
			v.add(pptr, "%s", mismatch(raw, "object"))
			return ev, nil
		}
	}
	v.fields(payload, pptr, ev.PayloadFields(env))
	v.allOrNone(payload, pptr, ev.AllOrNone)
	return ev, nil
}

func (v *validator) fields(obj map[string]any, ptr string, fs []*Field) {
	for _, f := range fs {
		fptr := ptr + "/" + ptrEscape(f.JSONName)
		val, present := obj[f.JSONName]
		switch {
		case !present && f.Required:
			v.add(fptr, "required member is missing")
		case !present:
		case val == nil && !f.Nullable:
			v.add(fptr, "must not be null")
		case val != nil:
			v.value(val, fptr, f.Type, f)
		}
	}
}

func (v *validator) allOrNone(obj map[string]any, ptr string, sets [][]*Field) {
	for _, set := range sets {
		var have, miss []string
		for _, f := range set {
			if _, ok := obj[f.JSONName]; ok {
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

// value checks one non-null value against a type reference; f carries field-level constraints (or nil).
func (v *validator) value(val any, ptr string, r *TypeRef, f *Field) {
	if r == nil {
		return
	}
	if want := r.JSONKind(); want != "" && !kindMatches(val, want) {
		v.add(ptr, "%s", mismatch(val, want))
		return
	}
	switch r.Kind {
	case RefArray:
		items := val.([]any)
		for i, it := range items {
			v.elem(it, fmt.Sprintf("%s/%d", ptr, i), r.Elem)
		}
	case RefMap:
		for k, it := range val.(map[string]any) {
			v.elem(it, ptr+"/"+ptrEscape(k), r.Elem)
		}
	case RefNamed:
		v.named(val, ptr, r.Named)
	}
	if f != nil {
		v.constraints(val, ptr, f.Constraints)
		if len(f.Values) > 0 && !containsValue(f.Values, val) {
			v.add(ptr, "value %s is not one of %s", jsonText(val), valueList(f.Values))
		}
	}
}

func (v *validator) elem(val any, ptr string, r *TypeRef) {
	if val == nil && r.Kind == RefBuiltin && r.Builtin == "raw" {
		return // raw keeps any JSON value verbatim, null included
	}
	if val == nil {
		v.add(ptr, "must not be null")
		return
	}
	v.value(val, ptr, r, nil)
}

func (v *validator) named(val any, ptr string, t *Type) {
	switch t.Kind {
	case KindObject:
		obj := val.(map[string]any)
		v.fields(obj, ptr, t.Fields)
		v.allOrNone(obj, ptr, t.AllOrNone)
	case KindEnum:
		if t.Closed && !enumHas(t, val) {
			v.add(ptr, "value %s is not one of %s", jsonText(val), enumList(t))
		}
	case KindUnion:
		obj := val.(map[string]any)
		disc, ok := obj[t.Discriminator].(string)
		if !ok {
			v.add(ptr+"/"+ptrEscape(t.Discriminator), "discriminator is missing or not a string")
			return
		}
		for _, vr := range t.Variants {
			if vr.Value == disc {
				v.named(val, ptr, vr.Type)
			}
		}
	case KindOneOf:
		for _, a := range t.Alternatives {
			if kindMatches(val, a.JSONKind) {
				v.value(val, ptr, a.Type, nil)
				return
			}
		}
		v.add(ptr, "%s", mismatch(val, oneofKinds(t)))
	case KindTime:
		if t.Unix == "" {
			if _, err := parseTime(val.(string), t.Layouts, t.FractionSeparators); err != nil {
				v.add(ptr, "%q is not a time in the layout %s", val, t.Layouts[0])
			}
		}
	case KindScalar:
		v.constraints(val, ptr, t.Constraints)
	}
}

func (v *validator) constraints(val any, ptr string, c Constraints) {
	switch x := val.(type) {
	case string:
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
		if c.Pattern != "" && !regexp.MustCompile(c.Pattern).MatchString(x) {
			v.add(ptr, `does not match pattern "%s"`, c.Pattern)
		}
	case []any:
		switch {
		case c.MinItems != nil && len(x) < *c.MinItems:
			v.add(ptr, "count %d is below %d items", len(x), *c.MinItems)
		case c.MaxItems != nil && len(x) > *c.MaxItems:
			v.add(ptr, "count %d exceeds %d items", len(x), *c.MaxItems)
		}
	case json.Number:
		f, _ := x.Float64()
		switch {
		case c.Minimum != nil && f < *c.Minimum:
			v.add(ptr, "value %s is below %s", fmtNum(f), fmtNum(*c.Minimum))
		case c.Maximum != nil && f > *c.Maximum:
			v.add(ptr, "value %s exceeds %s", fmtNum(f), fmtNum(*c.Maximum))
		}
	}
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

// kindOf names the JSON kind of a decoded value.
func kindOf(val any) string {
	switch x := val.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if isInteger(x) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	}
	return "object"
}

// isInteger reports whether a number literal is what the generated decoder reads as an integer: no
// fraction, no exponent, within int64.
func isInteger(n json.Number) bool {
	_, err := strconv.ParseInt(string(n), 10, 64)
	return err == nil
}

func kindMatches(val any, want string) bool {
	got := kindOf(val)
	return got == want || want == "number" && got == "integer"
}

// mismatch words a kind mismatch as the generated decoder does.
func mismatch(val any, want string) string {
	if val == nil {
		return "must not be null"
	}
	got := kindOf(val)
	if got == "integer" {
		got = "number" // a fraction, an exponent, or too large for int64: the decoder reads a number
	}
	return "expected " + want + ", got " + got
}

func oneofKinds(t *Type) string {
	var ks []string
	for _, a := range t.Alternatives {
		ks = append(ks, a.JSONKind)
	}
	return strings.Join(ks, " or ")
}

func enumHas(t *Type, val any) bool {
	for _, ev := range t.Values {
		if valueEqual(ev.Value, val) {
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
		s[i] = jsonText(x)
	}
	return strings.Join(s, ", ")
}

func containsValue(vals []any, val any) bool {
	for _, x := range vals {
		if valueEqual(x, val) {
			return true
		}
	}
	return false
}

func valueEqual(a, b any) bool { return jsonText(a) == jsonText(b) }

func jsonText(v any) string {
	if n, ok := v.(json.Number); ok {
		if f, err := n.Float64(); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e15 {
			return strconv.FormatInt(int64(f), 10)
		}
		return string(n)
	}
	b, _ := json.Marshal(v)
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
