package wire

import (
	"strconv"
	"strings"
)

// BatchReader reads a request body that carries its events in an array
// member of the root object, {"events": [envelope, ...]}, item by item,
// for a generated DecodeBatch: it finds the array (the first member of its
// name holding an array; the body's other members are kept in Extra) and
// leaves D at each item for the generated decoder of one event:
//
//	var r wire.BatchReader
//	if err := r.Open(data, "events"); err != nil {
//		return nil, err
//	}
//	for r.Next() {
//		ev, err := decodeEvent(&r.D, "")
//		if err != nil {
//			ev = &Invalid{Raw: json.RawMessage(r.Invalid(err)), Err: err}
//		}
//		...
//	}
//	if err := r.Close(); err != nil {
//		return nil, err
//	}
//
// An item that cannot be decoded does not stop the batch: Invalid records
// its error, with the pointer made absolute, in Errs.
type BatchReader struct {
	D      Decoder
	Extra  Members      // the root object's other members, verbatim
	Errs   DecodeErrors // the items that could not be decoded
	member string
	found  bool // the array has been found
	in     bool // D is inside the array
	item   int  // index of the current item
	start  int  // offset of the current item
}

// Open starts reading data, whose array of events is member: it returns
// an error when data is not a JSON object.
func (r *BatchReader) Open(data []byte, member string) *DecodeError {
	r.D.Reset(string(data))
	r.member, r.item = member, -1
	if r.D.Object() {
		return nil
	}
	if r.D.Peek() == KindInvalid {
		r.D.Skip()
		return r.D.Error("")
	}
	return &DecodeError{Offset: -1, Msg: "expected an object, got " + r.D.Peek().String()}
}

// Next moves D to the next item of the array, reading the root object's
// members before it; it reports false at the end of the body, or on a
// syntax error.
func (r *BatchReader) Next() bool {
	d := &r.D
	for !d.Failed() {
		if r.in {
			if d.MoreElements() {
				r.item++
				r.start = d.Start()
				return true
			}
			r.in = false
			continue
		}
		if !d.MoreMembers() {
			return false
		}
		name, raw := d.Key()
		switch {
		case name != r.member || r.found:
			r.Extra.Keep(d, name, raw, DuplicateIf(r.found && name == r.member))
		case d.Peek() != KindArray:
			// The first array of that name is the batch, as for every envelope member.
			r.Extra.Keep(d, name, raw, Mismatch(d.Peek(), "array"))
		default:
			r.found, r.in = true, d.Array()
		}
	}
	return false
}

// Invalid records err, the error of the current item, with its pointer
// made absolute (/events/3/...), and returns the item's text.
func (r *BatchReader) Invalid(err *DecodeError) string {
	err.Pointer = "/" + escapeToken(r.member) + "/" + strconv.Itoa(r.item) + err.Pointer
	r.Errs = append(r.Errs, err)
	return r.D.Since(r.start)
}

// Close checks the end of the body: it returns the syntax error that
// stopped the reading, if any, or an error when the body has no array of
// events.
func (r *BatchReader) Close() *DecodeError {
	r.D.End()
	if r.D.Failed() {
		return r.D.Error("")
	}
	if !r.found {
		return &DecodeError{Pointer: "/" + escapeToken(r.member), Offset: -1, Msg: "missing array of events"}
	}
	return nil
}

// escapeToken escapes a member name as a JSON pointer token.
func escapeToken(name string) string {
	var b strings.Builder
	writeToken(&b, name)
	return b.String()
}
