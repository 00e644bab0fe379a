package ir

import (
	"encoding/json"
	"strconv"
	"strings"
)

// checkExamples proves every example against the model: it must be JSON the decoder accepts, its
// envelopes must carry this event, and it must validate, unless it is marked invalid (a vendor sample
// that breaks the vendor's own rules), in which case it must not.
func (b *builder) checkExamples() {
	if b.p.Envelope == nil || b.badEnv {
		return // the model is incomplete; problems would be noise
	}
	for _, ev := range b.p.Events {
		if !b.complete(ev) {
			continue // its model is incomplete: the problem is reported where it is
		}
		for _, x := range ev.Examples {
			if !json.Valid([]byte(x.JSON)) {
				continue // reported by spec
			}
			where := "event \"" + ev.Name + "\": example \"" + x.Name + "\""
			evs, problems, err := b.p.ValidateJSON([]byte(x.JSON))
			if err != nil {
				b.errs.Add(x.Pos, "%s: %v", where, err)
				continue
			}
			if !containsEvent(evs, ev) {
				b.errs.Add(x.Pos, "%s: carries %s, not a %q event", where, eventList(evs), ev.Name)
			}
			switch {
			case x.Invalid && len(problems) == 0:
				b.errs.Add(x.Pos, "%s: marked invalid, but it validates", where)
			case !x.Invalid:
				for _, p := range problems {
					b.errs.Add(x.Pos, "%s: %s", where, p)
				}
			}
		}
	}
}

// eventList names the events an example carries.
func eventList(evs []*Event) string {
	var names []string
	for _, e := range evs {
		if e == nil {
			names = append(names, "an event type the spec does not define")
		} else {
			names = append(names, strconv.Quote(e.Name))
		}
	}
	if len(names) == 0 {
		return "no event"
	}
	return strings.Join(names, ", ")
}

func containsEvent(evs []*Event, ev *Event) bool {
	for _, e := range evs {
		if e == ev {
			return true
		}
	}
	return false
}

// complete reports whether an event's model had no problem: the event itself, its fields and every type
// reachable from them were resolved without errors.
func (b *builder) complete(ev *Event) bool {
	if b.badEvents[ev] {
		return false
	}
	seen := map[*Type]bool{}
	var ok func(r *TypeRef) bool
	fieldsOK := func(fs []*Field) bool {
		for _, f := range fs {
			if !ok(f.Type) {
				return false
			}
		}
		return true
	}
	ok = func(r *TypeRef) bool {
		switch {
		case r == nil:
			return false
		case r.Kind != RefNamed:
			return r.Elem == nil || ok(r.Elem)
		case seen[r.Named]:
			return true
		}
		t := r.Named
		seen[t] = true
		if b.badTypes[t] || !fieldsOK(t.Fields) {
			return false
		}
		for _, a := range t.Alternatives {
			if !ok(a.Type) {
				return false
			}
		}
		for _, v := range t.Variants {
			if v.Type == nil || !ok(&TypeRef{Kind: RefNamed, Named: v.Type}) {
				return false
			}
		}
		return true
	}
	return fieldsOK(ev.Fields)
}
