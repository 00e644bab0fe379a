package wire

// The fixed steps of a generated decodeEvent, which finds an event's type
// and then decodes the event's struct, chosen by a switch on the type.

// NotObject returns nil when the value at d's position is an object, the
// only JSON an event can be. Otherwise it skips the value and returns why
// it is no event: the syntax error that stopped the skip, or the value's
// kind, at pointer prefix.
func NotObject(d *Decoder, prefix string) *DecodeError {
	k := d.Peek()
	if k == KindObject {
		return nil
	}
	at := d.i
	// Skip records why there is no value at all (the end of the input, a byte that starts none).
	d.Skip()
	if d.Failed() {
		return d.Error("")
	}
	return &DecodeError{Pointer: prefix, Offset: at, Msg: "expected an object, got " + k.String()}
}

// NoType skips the event at d's position and returns the error of an
// event without a type: the member at pointer is missing, or holds no
// string.
func NoType(d *Decoder, pointer string) *DecodeError {
	d.Skip()
	return &DecodeError{Pointer: pointer, Offset: -1, Msg: "event type is missing or not a string"}
}

// SkipEvent skips the rest of the event that starts at offset start and
// returns its text, for an event type the spec does not know: resumed
// says that its '{' and its first member, the type, have been read
// already (FirstMember).
func (d *Decoder) SkipEvent(start int, resumed bool) string {
	if resumed {
		d.SkipRest(true)
	} else {
		d.Skip()
	}
	return d.Since(start)
}
