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
// the offset are left out when there are none.
func (e *DecodeError) Error() string {
	b := make([]byte, 0, 32+len(e.EventType)+len(e.Pointer)+len(e.Msg))
	b = append(b, "decode "...)
	if e.EventType != "" {
		b = append(b, e.EventType...)
		b = append(b, ' ')
	}
	b = append(b, "event: "...)
	if e.Pointer != "" {
		b = append(b, e.Pointer...)
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
