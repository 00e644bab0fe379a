package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/eventgen/eventgen/generated/wire"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// owner is an object the spec declares members of: an object type, an event's payload, the envelope,
// or an envelope level that holds nothing declarable.
type owner struct {
	what   string // `type "Bar"`, `event "x"`, "the envelope", "envelope level \"event\""
	pos    spec.Pos
	fields []*ir.Field
	fixed  bool // the spec language cannot declare members here
}

// walker walks one document against the spec's IR, recording the pattern of every pointer it visits
// and the declaration behind it, and reports what Validate accepts but the spec does not list.
type walker struct {
	r     *report
	sp    *reportSpec
	at    string // file:line of the document
	label string // the event's label, as eventdecode prints it

	patterns map[string]string    // pointer → pattern
	objects  map[string]*owner    // pointer of an object → who declares its members
	fields   map[string]*ir.Field // pointer of a member's value → its declaration
}

// batchRoot checks the members of a batch body beside the batch array.
func (w *walker) batchRoot(obj jobject) {
	env := w.sp.p.Envelope
	o := &owner{what: "the batch body", pos: w.envPos("batch"), fixed: true}
	for _, m := range obj {
		if m.name != env.Batch {
			w.undeclared(o, "", "", m.name, m.value)
		}
	}
}

// envelope walks one envelope (the body, or a batch item) at pointer ptr, pattern pat.
func (w *walker) envelope(item any, ptr, pat string, ev decoded) {
	env, p := w.sp.p.Envelope, w.sp.p
	var event *ir.Event
	disc := w.discriminator(item)
	if ev.unknown != "" {
		w.r.Unknown++
		name := ev.unknown
		w.r.add("unknown-event", "Unknown("+name+")", pat+"/"+strings.Join(escapeAll(env.DiscriminatorPath()), "/"), "", w.at, "",
			func(*finding) (string, spec.Pos) {
				return fmt.Sprintf("add event %q", name), w.sp.file.At.Of("events", w.sp.file.Pos)
			})
	} else {
		for _, e := range p.WireEvents() {
			if e.Name == disc && !e.Absent {
				event = e
			}
		}
		if event == nil && disc == "" && env.Absent != nil {
			event = env.Absent // no string event type, or an empty one: the event whose type is absent
		}
	}
	if w.label == "" {
		w.label = disc
	}
	obj, ok := item.(jobject)
	if !ok {
		return
	}
	for k := 0; ; k++ {
		w.patterns[ptr] = pat
		last := k == len(env.Levels)
		var o *owner
		declared := []string{}
		switch {
		case k == 0 && last && env.Payload == "":
			// The payload members sit beside the discriminator, in the root object.
			if event == nil {
				o = &owner{what: "the envelope", pos: w.envPos("fields"), fields: env.Fields}
			} else {
				o = w.eventOwner(event, event.Fields)
			}
		case k == 0:
			o = &owner{what: "the envelope", pos: w.envPos("fields"), fields: env.Fields}
		default:
			o = &owner{what: fmt.Sprintf("envelope level %q", env.Levels[k-1]), pos: w.envPos("discriminator"), fixed: true}
		}
		if last {
			declared = append(declared, env.Discriminator)
		}
		if down := env.Down(k); down != "" {
			declared = append(declared, down)
		}
		skipUndeclared := event == nil && k == 0 && last && env.Payload == ""
		w.object(o, obj, ptr, pat, declared, skipUndeclared)
		if last {
			if env.Payload != "" && event != nil {
				payload, ok := obj.firstObject(env.Payload)
				pp, ppat := ptr+"/"+pointerToken(env.Payload), pat+"/"+pointerToken(env.Payload)
				w.patterns[pp] = ppat
				if ok {
					w.object(w.eventOwner(event, event.PayloadFields(env)), payload, pp, ppat, nil, false)
				}
			}
			return
		}
		next, ok := obj.firstObject(env.Levels[k])
		if !ok {
			return
		}
		obj, ptr, pat = next, ptr+"/"+pointerToken(env.Levels[k]), pat+"/"+pointerToken(env.Levels[k])
	}
}

// discriminator reads the event type of an envelope as the decoder does (the first member of the right
// kind at every step: objects on the way, a string at the end), or "".
func (w *walker) discriminator(item any) string {
	v := item
	path := w.sp.p.Envelope.DiscriminatorPath()
	for i, m := range path {
		obj, ok := v.(jobject)
		if !ok {
			return ""
		}
		v = nil
		for _, mem := range obj {
			if mem.name != m {
				continue
			}
			_, isObj := mem.value.(jobject)
			_, isStr := mem.value.(string)
			if i < len(path)-1 && isObj || i == len(path)-1 && isStr {
				v = mem.value
				break
			}
		}
	}
	s, _ := v.(string)
	return s
}

func (w *walker) envPos(key string) spec.Pos {
	e := w.sp.file.Envelope
	return e.At.Of(key, e.Pos)
}

func (w *walker) eventOwner(e *ir.Event, fields []*ir.Field) *owner {
	pos := e.Pos
	for _, d := range w.sp.file.Events {
		if d.Key == e.Name {
			pos = d.Value.At.Of("fields", e.Pos)
		}
	}
	return &owner{what: fmt.Sprintf("event %q", e.Name), pos: pos, fields: fields}
}

func (w *walker) typeOwner(t *ir.Type) *owner {
	pos := t.Pos
	for _, d := range w.sp.file.Types {
		if d.Key == t.Name {
			pos = d.Value.At.Of("fields", t.Pos)
		}
	}
	return &owner{what: fmt.Sprintf("type %s", t.Name), pos: pos, fields: t.Fields}
}

// object walks the members of an object that o declares; extra names members that are declared
// elsewhere (envelope paths, a union's implied discriminator). Of a declared member sent twice only the
// first is read, as the decoder does (Validate reports the others); every undeclared one counts.
func (w *walker) object(o *owner, obj jobject, ptr, pat string, extra []string, skipUndeclared bool) {
	w.objects[ptr], w.patterns[ptr] = o, pat
	seen := map[string]bool{}
	for _, m := range obj {
		k := m.name
		f := fieldNamed(o.fields, k)
		mp, mpat := ptr+"/"+pointerToken(k), pat+"/"+pointerToken(k)
		first := !seen[k]
		seen[k] = true
		switch {
		case f != nil:
			if first {
				w.fields[mp] = f
				w.value(f.Type, m.value, mp, mpat)
			}
		case slices.Contains(extra, k):
			w.patterns[mp] = mpat
		case !skipUndeclared:
			w.undeclared(o, ptr, pat, k, m.value)
		}
	}
}

// undeclared counts a member the spec does not declare.
func (w *walker) undeclared(o *owner, ptr, pat, name string, v any) {
	mp, mpat := ptr+"/"+pointerToken(name), pat+"/"+pointerToken(name)
	w.patterns[mp] = mpat
	f := w.r.add("undeclared-member", w.label, mpat, "", w.at, "", func(f *finding) (string, spec.Pos) {
		if o.fixed {
			return fmt.Sprintf("none: the spec language declares no members of %s; %q is kept verbatim", o.what, name), o.pos
		}
		return fmt.Sprintf("add optional member %q (%s) to %s", name, suggestType(f.kinds), o.what), o.pos
	})
	f.kinds[jsonKind(v)] = true
}

// value walks a value of type r.
func (w *walker) value(r *ir.TypeRef, v any, ptr, pat string) {
	w.patterns[ptr] = pat
	if v == nil {
		return
	}
	switch r.Kind {
	case ir.RefArray:
		list, _ := v.([]any)
		for i, x := range list {
			w.value(r.Elem, x, ptr+"/"+strconv.Itoa(i), pat+"/*")
		}
	case ir.RefMap:
		obj, _ := v.(jobject)
		for _, m := range obj {
			w.value(r.Elem, m.value, ptr+"/"+pointerToken(m.name), pat+"/*")
		}
	case ir.RefNamed:
		w.named(r.Named, v, ptr, pat)
	}
}

func (w *walker) named(t *ir.Type, v any, ptr, pat string) {
	switch t.Kind {
	case ir.KindObject:
		if obj, ok := v.(jobject); ok {
			var extra []string
			if t.Implied != nil {
				extra = []string{t.Implied.Member}
			}
			w.object(w.typeOwner(t), obj, ptr, pat, extra, false)
		}
	case ir.KindEnum:
		if !t.Closed { // Validate reports values outside a closed list
			w.enumValue(t, v, pat)
		}
	case ir.KindUnion:
		obj, ok := v.(jobject)
		if !ok {
			return
		}
		disc, _ := obj.first(t.Discriminator).(string)
		for _, vr := range t.Variants {
			if vr.Value == disc {
				w.object(w.typeOwner(vr.Type), obj, ptr, pat, []string{t.Discriminator}, false)
				return
			}
		}
		w.objects[ptr] = w.typeOwner(t)
		if _, ok := obj.first(t.Discriminator).(string); ok {
			w.r.add("unknown-variant", w.label, pat+"/"+pointerToken(t.Discriminator), strconv.Quote(disc), w.at, "",
				func(*finding) (string, spec.Pos) {
					return fmt.Sprintf("add variant %q (an object type) to union %s", disc, t.Name), t.Pos
				})
		}
	case ir.KindOneOf:
		k := jsonKind(v)
		for _, a := range t.Alternatives {
			if a.JSONKind == k || a.JSONKind == "number" && k == "integer" {
				w.value(a.Type, v, ptr, pat)
				return
			}
		}
	}
}

// enumValue counts a value of an open enum that the spec does not list.
func (w *walker) enumValue(t *ir.Type, v any, pat string) {
	var key any
	switch x := v.(type) {
	case string:
		if t.Base != "string" {
			return
		}
		key = x
	case json.Number:
		i, err := strconv.ParseInt(string(x), 10, 64)
		if t.Base != "integer" || err != nil {
			return
		}
		key = i
	default:
		return
	}
	for _, ev := range t.Values {
		if ev.Value == key {
			return
		}
	}
	text := fmt.Sprint(key)
	if s, ok := key.(string); ok {
		text = strconv.Quote(s)
	}
	w.r.add("unknown-enum-value", w.label, pat, text, w.at, "", func(*finding) (string, spec.Pos) {
		return fmt.Sprintf("add value %s to enum %s", text, t.Name), t.Pos
	})
}

// problem classifies one problem Validate reported and counts it where the spec declares its member.
func (w *walker) problem(pr wire.Problem) {
	pat, o, f := w.locate(pr.Pointer)
	msg := pr.Message
	// Problems of array items and map members are reported at the array or map, prefixed.
	for strings.HasPrefix(msg, "item ") || strings.HasPrefix(msg, "member \"") {
		i := strings.Index(msg, ": ")
		if i < 0 {
			break
		}
		msg = msg[i+2:]
	}
	member := "the value"
	if f != nil {
		member = fmt.Sprintf("member %q", f.JSONName)
	}
	where := func(key string) spec.Pos {
		if f == nil {
			if o != nil {
				return o.pos
			}
			return spec.Pos{}
		}
		if sf := w.specField(f); sf != nil {
			return sf.At.Of(key, f.Pos)
		}
		return f.Pos
	}
	kind, value := "problem", ""
	var sug func(*finding) (string, spec.Pos)
	switch {
	case msg == "required member is missing":
		kind = "required-missing"
		sug = func(*finding) (string, spec.Pos) {
			return fmt.Sprintf("make %s optional (required: false)", member), where("required")
		}
	case msg == "must not be null":
		kind = "null-not-nullable"
		sug = func(*finding) (string, spec.Pos) { return fmt.Sprintf("make %s nullable", member), where("nullable") }
	case strings.HasPrefix(msg, "expected "):
		kind = "wrong-kind"
		sug = func(*finding) (string, spec.Pos) {
			return fmt.Sprintf("change the type of %s (%s), or make it a oneof", member, msg), where("type")
		}
	case strings.HasPrefix(msg, "duplicate member"):
		kind = "duplicate-member"
		sug = func(*finding) (string, spec.Pos) {
			return "none: the payload repeats a member; the first one is decoded", spec.Pos{}
		}
	case strings.HasPrefix(msg, "value ") && strings.Contains(msg, " is not one of "):
		kind = "unknown-enum-value"
		value = strings.TrimPrefix(msg[:strings.Index(msg, " is not one of ")], "value ")
		sug = func(*finding) (string, spec.Pos) { return w.closedValueSuggestion(f, value, member, where) }
	case strings.Contains(msg, " is not a time in the layout "):
		kind = "time-format"
		sug = func(*finding) (string, spec.Pos) {
			if t := namedOf(f); t != nil {
				return fmt.Sprintf("add the layout of the value to time type %s", t.Name), t.Pos
			}
			return fmt.Sprintf("add a layout for %s", member), where("type")
		}
	case strings.Contains(msg, " present without "):
		kind = "all-or-none"
		sug = func(*finding) (string, spec.Pos) {
			return fmt.Sprintf("drop or relax the all_or_none set of %s", ownerWhat(o)), ownerPos(o)
		}
	case isConstraint(msg):
		kind = "constraint"
		sug = func(*finding) (string, spec.Pos) {
			if t := namedOf(f); t != nil && t.Kind == ir.KindScalar {
				return fmt.Sprintf("relax the constraint of type %s", t.Name), t.Pos
			}
			return fmt.Sprintf("relax the constraint of %s", member), where("type")
		}
	default:
		sug = func(*finding) (string, spec.Pos) { return fmt.Sprintf("check %s", member), where("type") }
	}
	w.r.add(kind, w.label, pat, value, w.at, pr.Message, sug)
}

func (w *walker) closedValueSuggestion(f *ir.Field, value, member string, where func(string) spec.Pos) (string, spec.Pos) {
	if t := namedOf(f); t != nil && t.Kind == ir.KindEnum {
		return fmt.Sprintf("add value %s to enum %s (closed)", value, t.Name), t.Pos
	}
	return fmt.Sprintf("add %s to the values of %s", value, member), where("values")
}

func isConstraint(msg string) bool {
	for _, p := range []string{"length ", "size ", "count ", "value "} {
		if strings.HasPrefix(msg, p) && (strings.Contains(msg, " exceeds ") || strings.Contains(msg, " is below ")) {
			return true
		}
	}
	return strings.HasPrefix(msg, "does not match pattern")
}

func namedOf(f *ir.Field) *ir.Type {
	if f == nil || f.Type == nil {
		return nil
	}
	r := f.Type
	for r.Kind == ir.RefArray || r.Kind == ir.RefMap {
		r = r.Elem
	}
	if r.Kind == ir.RefNamed {
		return r.Named
	}
	return nil
}

func ownerWhat(o *owner) string {
	if o == nil {
		return "the object"
	}
	return o.what
}

func ownerPos(o *owner) spec.Pos {
	if o == nil {
		return spec.Pos{}
	}
	return o.pos
}

// locate returns the pattern of a problem's pointer, the object owning the member concerned and the
// member's declaration. A member that is absent was never visited: its object was.
func (w *walker) locate(ptr string) (string, *owner, *ir.Field) {
	if pat, ok := w.patterns[ptr]; ok {
		parent := ptr[:max(strings.LastIndex(ptr, "/"), 0)]
		return pat, w.objects[parent], w.fields[ptr]
	}
	i := strings.LastIndex(ptr, "/")
	if i < 0 {
		return ptr, nil, nil
	}
	parent, tok := ptr[:i], ptr[i+1:]
	if ppat, ok := w.patterns[parent]; ok {
		o := w.objects[parent]
		var f *ir.Field
		if o != nil {
			f = fieldNamed(o.fields, unescape(tok))
		}
		return ppat + "/" + tok, o, f
	}
	return foldDigits(ptr), nil, nil
}

// specField finds the syntax of a member, for the position of one of its keys.
func (w *walker) specField(f *ir.Field) *spec.Field {
	find := func(m spec.Map[spec.Field]) *spec.Field {
		for i := range m {
			if m[i].Pos == f.Pos {
				return &m[i].Value
			}
		}
		return nil
	}
	if e := w.sp.file.Envelope; e != nil {
		if sf := find(e.Fields); sf != nil {
			return sf
		}
	}
	for _, t := range w.sp.file.Types {
		if sf := find(t.Value.Fields); sf != nil {
			return sf
		}
	}
	for _, e := range w.sp.file.Events {
		if sf := find(e.Value.Fields); sf != nil {
			return sf
		}
	}
	return nil
}

func fieldNamed(fs []*ir.Field, name string) *ir.Field {
	for _, f := range fs {
		if f.JSONName == name {
			return f
		}
	}
	return nil
}

func escapeAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = pointerToken(n)
	}
	return out
}

func unescape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// jsonKind names the JSON kind of a decoded value: null, boolean, integer, number, string, array, object.
func jsonKind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		if _, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

// suggestType words the type to declare for the JSON kinds a member was seen with.
func suggestType(kinds map[string]bool) string {
	var ks []string
	for k := range kinds {
		if k != "null" {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	if slices.Contains(ks, "integer") && slices.Contains(ks, "number") {
		ks = slices.DeleteFunc(ks, func(k string) bool { return k == "integer" })
	}
	var t string
	switch len(ks) {
	case 0:
		t = "raw"
	case 1:
		t = map[string]string{"object": "an object type", "array": "[]…"}[ks[0]]
		if t == "" {
			t = ks[0]
		}
	default:
		t = "a oneof of " + strings.Join(ks, ", ")
	}
	if kinds["null"] {
		t += ", nullable"
	}
	return t
}

// jobject is a JSON object as sent: its members in order, duplicates included.
type jobject []jmember

type jmember struct {
	name  string
	value any
}

// first returns the value of the first member called name (the one the decoder reads), or nil.
func (o jobject) first(name string) any {
	for _, m := range o {
		if m.name == name {
			return m.value
		}
	}
	return nil
}

// firstObject returns the first member of that name that is an object: the one the decoder reads as an
// envelope level or payload (members of another kind are kept with a problem).
func (o jobject) firstObject(name string) (jobject, bool) {
	for _, m := range o {
		if v, ok := m.value.(jobject); ok && m.name == name {
			return v, true
		}
	}
	return nil, false
}

// parseJSON reads one JSON value: objects as jobject, arrays as []any, numbers as json.Number,
// strings, booleans and nil. Nesting is bounded by encoding/json's own limit.
func parseJSON(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := jobject{}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			name, _ := key.(string)
			v, err := parseJSON(dec)
			if err != nil {
				return nil, err
			}
			obj = append(obj, jmember{name, v})
		}
		_, err := dec.Token()
		return obj, err
	case json.Delim('['):
		list := []any{}
		for dec.More() {
			v, err := parseJSON(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token()
		return list, err
	}
	return tok, nil
}
