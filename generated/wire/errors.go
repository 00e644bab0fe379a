package wire

import "strconv"

// DecodeError reports why a payload could not be decoded: invalid JSON,
// or a value that the event's type cannot hold.
type DecodeError struct {
	EventType string // discriminator value when known, else ""
	Pointer   string // JSON pointer of the failing value; "" when not known
	Offset    int    // byte offset in the input, -1 if not applicable
	Msg       string
}

// Error returns the message in the form
// `decode SessionStarted event: /data/started: invalid character 'x' in string literal (offset 123)`;
// without an event type it starts "decode event: ", and the pointer and
// the offset are left out when there are none. The message stays short
// whatever the input: a long event type is cut, and the middle of a long
// pointer elided (see BoundPointer); the fields keep them whole.
func (e *DecodeError) Error() string {
	typ, ptr := boundType(e.EventType), BoundPointer(e.Pointer)
	b := make([]byte, 0, 32+len(typ)+len(ptr)+len(e.Msg))
	b = append(b, "decode "...)
	if typ != "" {
		b = append(b, typ...)
		b = append(b, ' ')
	}
	b = append(b, "event: "...)
	if ptr != "" {
		b = append(b, ptr...)
		b = append(b, ": "...)
	}
	b = append(b, e.Msg...)
	if e.Offset >= 0 {
		b = append(b, " (offset "...)
		b = strconv.AppendInt(b, int64(e.Offset), 10)
		b = append(b, ')')
	}
	return string(b)
}
