package wire

import "encoding/json"

// Obj is the state of a generated decoder reading the members of one
// object: which declared members it has seen and stored, and the members
// no field takes. Generated code keeps it on the stack and writes only
// what varies per member: a case of a switch on the name that reads the
// value with the field's reader, between Field (or OptField), which takes
// the field's index (its bit in the struct's bit sets), and Set, which
// stores the value. Done hands the kept members and the presence bits to
// the struct:
//
//	x.omit = [1]uint64{0x1}
//	var o wire.Obj
//	d.Object()
//	for o.Next(d) {
//		switch o.Name {
//		case "id":
//			wire.Field(&o, d, 0, &x.ID).Set(d.ReadInt())
//		case "note":
//			wire.OptField(&o, d, 1, &x.Note).Set(d.ReadString())
//		default:
//			o.Keep(d, "")
//		}
//	}
//	o.Done(&x.extra, x.omit[:])
//
// A second member of a declared name is kept as a duplicate (its value is
// read, and dropped), and a value that does not fit its field is kept
// verbatim with the reader's problem, so that encoding reproduces the
// input and Validate reports it.
//
// Obj holds no pointer to the struct being decoded, the Decoder is passed
// to each call, and readers are called directly rather than through
// function values: so the compiler's escape analysis keeps the Decoder,
// the Obj and the structs that readers return on the stack.
type Obj struct {
	Extra Members // unknown, duplicate and undecodable members, in document order
	Name  string  // the current member's unescaped name
	Raw   string  // the current member's name as it came
	// More holds the bits of the members after the first 128 (generated
	// code sets it for the widest objects only): 2 words per 64 members,
	// the seen bits in its first half and the stored bits in the second.
	More []uint64
	// read and got have a bit per member of the first 128: read already,
	// and stored in a plain field.
	read, got [2]uint64
}

// Next moves to the next member of the object, whose '{' the caller has
// consumed (Decoder.Object), leaving d at its value; it reports false after
// the closing '}', or on an error.
func (o *Obj) Next(d *Decoder) bool {
	var ok bool
	o.Name, o.Raw, ok = d.NextMember()
	return ok
}

// Keep skips the current member's value and keeps it with problem (""
// for an unknown member).
func (o *Obj) Keep(d *Decoder, problem string) { o.Extra.Keep(d, o.Name, o.Raw, problem) }

// Done appends the kept members to extra and clears the omit bit of every
// plain field stored.
func (o *Obj) Done(extra *Members, omit []uint64) {
	if *extra == nil {
		*extra = o.Extra
	} else {
		*extra = append(*extra, o.Extra...)
	}
	for w := range omit {
		if w < len(o.got) {
			omit[w] &^= o.got[w]
		} else {
			omit[w] &^= o.More[len(o.More)/2+w-len(o.got)]
		}
	}
}

// seen marks member i seen and reports whether it was already: a
// duplicate.
func (o *Obj) seen(i int) bool {
	w, b := &o.read[0], uint64(1)<<(i&63)
	if i < 128 {
		w = &o.read[i>>6]
	} else {
		w = &o.More[i>>6-2]
	}
	dup := *w&b != 0
	*w |= b
	return dup
}

// present marks plain field i stored.
func (o *Obj) present(i int) {
	if i < 128 {
		o.got[i>>6] |= 1 << (i & 63)
	} else {
		o.More[len(o.More)/2+i>>6-2] |= 1 << (i & 63)
	}
}

// reject keeps the current member, whose value d has read from start on:
// as a duplicate, or with the reader's problem.
//
//go:noinline
func (o *Obj) reject(d *Decoder, start int, dup bool, problem string) {
	if dup {
		problem = "duplicate member"
	}
	o.Extra.Add(o.Name, o.Raw, d.Since(start), problem)
}

// Slot is a plain field (required, not nullable) whose value is being
// read: Field returns it before the reader runs, and Set takes the
// reader's results.
type Slot[T any] struct {
	o     *Obj
	d     *Decoder
	dst   *T
	i     int
	start int
	dup   bool
}

// Field marks plain field i seen, before its value is read into dst.
func Field[T any](o *Obj, d *Decoder, i int, dst *T) Slot[T] {
	return Slot[T]{o: o, d: d, dst: dst, i: i, start: d.i, dup: o.seen(i)}
}

// Set stores the value a reader returned, or keeps the member verbatim:
// when the reader reported a problem, or when the member is a duplicate.
func (s Slot[T]) Set(v T, problem string) {
	if problem == "" && !s.dup {
		*s.dst = v
		s.o.present(s.i)
		return
	}
	s.o.reject(s.d, s.start, s.dup, problem)
}

// OptSlot is a field that may be null or absent, whose value is being
// read: OptField returns it before the reader runs, and Set takes the
// reader's results.
type OptSlot[T any] struct {
	o     *Obj
	d     *Decoder
	dst   *Opt[T]
	start int
	dup   bool
	null  bool
}

// OptField marks field i seen, before its value is read into dst. A null
// is read by the field's reader too (as a mismatch, or as raw JSON) and
// Set makes dst null.
func OptField[T any](o *Obj, d *Decoder, i int, dst *Opt[T]) OptSlot[T] {
	return OptSlot[T]{o: o, d: d, dst: dst, start: d.i, dup: o.seen(i), null: d.Peek() == KindNull}
}

// Set stores the value a reader returned, or null, or keeps the member
// verbatim: when the reader reported a problem, or when the member is a
// duplicate.
func (s OptSlot[T]) Set(v T, problem string) {
	switch {
	case s.dup:
	case s.null:
		s.dst.SetNull()
		return
	case problem == "":
		s.dst.Set(v)
		return
	}
	s.o.reject(s.d, s.start, s.dup, problem)
}

// Object reports whether plain field i, an object, is to be decoded in
// place by the caller: the first member of its name holding an object.
// Others are kept, as duplicates or with their kind.
func (o *Obj) Object(d *Decoder, i int) bool {
	if o.seen(i) {
		o.Keep(d, "duplicate member")
		return false
	}
	if k := d.Peek(); k != KindObject {
		o.Keep(d, Mismatch(k, "object"))
		return false
	}
	o.present(i)
	return true
}

// PlainRaw reads plain field i, raw JSON: any value but null, which a
// required, non-nullable member does not admit.
func (o *Obj) PlainRaw(d *Decoder, i int, dst *json.RawMessage) {
	if o.seen(i) {
		o.Keep(d, "duplicate member")
		return
	}
	if d.Null() {
		o.Extra.Add(o.Name, o.Raw, "null", "must not be null")
		return
	}
	*dst = json.RawMessage(d.Skip())
	o.present(i)
}

// Discriminator reads a member holding the discriminator, which the
// dispatch has read already: the first one that is a string is the
// event's or variant's type (*seen records it); the others are kept, as
// duplicates or with their wrong kind. With keep (the event whose type is
// absent, null or ""), the member itself is kept as it came, so that it is
// encoded again, and a null counts as the type.
func (o *Obj) Discriminator(d *Decoder, seen *bool, keep bool) {
	switch k := d.Peek(); {
	case *seen:
		o.Keep(d, "duplicate member")
	case keep && k == KindNull:
		*seen = true
		o.Keep(d, "")
	case k != KindString:
		o.Keep(d, Mismatch(k, "string"))
	default:
		*seen = true
		if keep {
			o.Keep(d, "")
		} else {
			d.Skip()
		}
	}
}

// Level reports whether the current member is the object of the envelope
// level whose bit *missing has set until it is found: the first object of
// the level's name. A later one is kept as a duplicate, and a value of
// another kind with its kind, as LookupString passes over them.
func (o *Obj) Level(d *Decoder, missing *uint8, bit uint8) bool {
	if *missing&bit == 0 {
		o.Keep(d, "duplicate member")
		return false
	}
	if k := d.Peek(); k != KindObject {
		o.Keep(d, Mismatch(k, "object"))
		return false
	}
	*missing &^= bit
	return true
}
