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
// A second member of a declared name is kept verbatim as a duplicate (the
// field's reader reads its value, which is not stored), and a value that
// does not fit its field is kept verbatim with the reader's problem, so
// that encoding reproduces the input and Validate reports it. Every value
// is read once, so decoding stays linear in the input.
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
	// code sets it for the widest objects only, and reads those members with
	// WideField and WideOptField): 2 words per 64 members, the read bits in
	// its first half and the bad bits in the second.
	More []uint64
	// read and bad have a bit per member of the first 128: read already,
	// and (for its first occurrence) not stored, being of the wrong kind.
	read, bad [2]uint64
	// start is the offset of the current member's value, which Next
	// records for Slot.Set. (The Decoder is not kept here: a pointer to it in
	// the Obj, which keeps the members it takes, would move it to the heap.)
	start int
}

// Next moves to the next member of the object, whose '{' the caller has
// consumed (Decoder.Object), leaving d at its value; it reports false after
// the closing '}', or on an error.
func (o *Obj) Next(d *Decoder) bool {
	var ok bool
	o.Name, o.Raw, ok = d.NextMember()
	o.start = d.i
	return ok
}

// Keep skips the current member's value and keeps it with problem (""
// for an unknown member).
func (o *Obj) Keep(d *Decoder, problem string) { o.Extra.Keep(d, o.Name, o.Raw, problem) }

// Done appends the kept members to extra and clears the omit bit of every
// plain field stored: read, and not bad.
func (o *Obj) Done(extra *Members, omit []uint64) {
	// Most objects keep nothing: storing a nil slice into the struct would
	// still cost a write barrier while the collector runs.
	if len(o.Extra) > 0 {
		if *extra == nil {
			*extra = o.Extra
		} else {
			*extra = append(*extra, o.Extra...)
		}
	}
	for w := range omit {
		if w < len(o.read) {
			omit[w] &^= o.read[w] &^ o.bad[w]
		} else {
			k := w - len(o.read)
			omit[w] &^= o.More[k] &^ o.More[len(o.More)/2+k]
		}
	}
}

// seen marks member i, one of the first 128, read and reports whether it
// was already: a duplicate. It is small enough to be inlined into Field
// and OptField, which run for every member.
func (o *Obj) seen(i int) bool {
	w, b := &o.read[i>>6&1], uint64(1)<<(i&63)
	dup := *w&b != 0
	*w |= b
	return dup
}

// seenAny is seen for any member.
func (o *Obj) seenAny(i int) bool {
	if i < 128 {
		return o.seen(i)
	}
	w, b := &o.More[i>>6-2], uint64(1)<<(i&63)
	dup := *w&b != 0
	*w |= b
	return dup
}

// spoil marks member i bad: its first occurrence was not stored.
func (o *Obj) spoil(i int) {
	if i < 128 {
		o.bad[i>>6] |= 1 << (i & 63)
	} else {
		o.More[len(o.More)/2+i>>6-2] |= 1 << (i & 63)
	}
}

// A Slot is built before the reader runs and used after it, so it is
// live across the reader's call: it has at most four fields, which lets
// the compiler keep it in registers (a larger struct lives in memory,
// stored and loaded on every member). Where the member's value starts is
// in the Obj (Next records it), and whether the member is a duplicate is
// folded into its index.

// Slot is a member whose value is being read: Field (or WideField) returns
// it before the reader runs, and Set takes the reader's results.
type Slot[T any] struct {
	o   *Obj
	d   *Decoder
	dst *T
	// k is the member's index, or ^index (negative) when the member is a
	// duplicate of one read already.
	k int
}

// slotIndex is the k of a Slot for member i: ^i when dup.
func slotIndex(i int, dup bool) int {
	if dup {
		return ^i
	}
	return i
}

// Field marks plain field i (required, not nullable; one of the first 128)
// read, before its value is read into dst.
func Field[T any](o *Obj, d *Decoder, i int, dst *T) Slot[T] {
	return Slot[T]{o, d, dst, slotIndex(i, o.seen(i))}
}

// WideField is Field for the members after the first 128.
func WideField[T any](o *Obj, d *Decoder, i int, dst *T) Slot[T] {
	return Slot[T]{o, d, dst, slotIndex(i, o.seenAny(i))}
}

// Set stores the value a reader returned, or keeps the member verbatim:
// when the reader reported a problem, or when the member is a duplicate.
func (s Slot[T]) Set(v T, problem string) {
	if problem == "" && s.k >= 0 {
		*s.dst = v
		return
	}
	s.o.reject(s.d, s.k, problem)
}

// reject keeps the current member, whose value has been read: as a
// duplicate (k < 0), or with the reader's problem, member k being bad
// then. It is kept out of line, so that Set stays small enough to be
// inlined.
//
//go:noinline
func (o *Obj) reject(d *Decoder, k int, problem string) {
	if k < 0 {
		problem = "duplicate member"
	} else {
		o.spoil(k)
	}
	o.Extra.Add(o.Name, o.Raw, d.Since(o.start), problem)
}

// OptField marks field i (which may be null or absent; one of the first
// 128) read, before its value is read into dst. The field's reader reads a
// null as a mismatch (raw JSON with ReadOptRaw), and Set makes dst null.
func OptField[T any](o *Obj, d *Decoder, i int, dst *Opt[T]) OptSlot[T] {
	return OptSlot[T]{o, d, dst, slotIndex(i, o.seen(i))}
}

// WideOptField is OptField for the members after the first 128.
func WideOptField[T any](o *Obj, d *Decoder, i int, dst *Opt[T]) OptSlot[T] {
	return OptSlot[T]{o, d, dst, slotIndex(i, o.seenAny(i))}
}

// OptSlot is a member that may be null or absent whose value is being
// read: OptField returns it before the reader runs, and Set takes the
// reader's results.
type OptSlot[T any] Slot[Opt[T]]

// Set stores the value a reader returned, or null (which the reader
// reported as a mismatch), or keeps the member verbatim: when the reader
// reported another problem, or when the member is a duplicate. It is too
// large to be inlined, so it does all of it in one call.
func (s OptSlot[T]) Set(v T, problem string) {
	switch {
	case problem == "" && s.k >= 0:
		s.dst.v, s.dst.state = v, optSet
	case s.k >= 0 && problem == nullProblem && s.o.null(s.d):
		s.dst.state = optNull // its value is still the zero value
	default:
		s.o.reject(s.d, s.k, problem)
	}
}

// null reports whether the current member's value, read already, is null.
func (o *Obj) null(d *Decoder) bool { return d.s[skipSpace(d.s, o.start):d.i] == "null" }

// ReadOptRaw reads raw JSON for an Opt member, as OptSlot.Set takes it: a
// null is reported as a mismatch, for Set to make the member null.
func (d *Decoder) ReadOptRaw() (json.RawMessage, string) {
	if d.Peek() == KindNull {
		return nil, d.Mismatch("raw JSON")
	}
	return json.RawMessage(d.Skip()), ""
}

// Object reports whether plain field i, an object, is to be decoded in
// place by the caller: the first member of its name holding an object.
// Others are kept, as duplicates or with their kind.
func (o *Obj) Object(d *Decoder, i int) bool {
	if o.seenAny(i) {
		o.Keep(d, "duplicate member")
		return false
	}
	if k := d.Peek(); k != KindObject {
		o.spoil(i)
		o.Keep(d, Mismatch(k, "object"))
		return false
	}
	return true
}

// PlainRaw reads plain field i, raw JSON: any value but null, which a
// required, non-nullable member does not admit.
func (o *Obj) PlainRaw(d *Decoder, i int, dst *json.RawMessage) {
	if o.seenAny(i) {
		o.Keep(d, "duplicate member")
		return
	}
	if d.Null() {
		o.spoil(i)
		o.Extra.Add(o.Name, o.Raw, "null", "must not be null")
		return
	}
	*dst = json.RawMessage(d.Skip())
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
