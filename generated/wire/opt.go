package wire

import (
	"fmt"
	"io"
)

// Opt is a member that may be absent, null, or hold a value of type T; it
// keeps the three apart so that re-encoding writes back what came. Its
// zero value is absent.
type Opt[T any] struct {
	v     T
	state optState
}

// optState tells which of its three states an Opt is in.
type optState uint8

const (
	optAbsent optState = iota
	optNull
	optSet
)

// Some returns an Opt holding v.
func Some[T any](v T) Opt[T] { return Opt[T]{v: v, state: optSet} }

// Null returns an Opt that is null.
func Null[T any]() Opt[T] { return Opt[T]{state: optNull} }

// Get returns the value and whether there is one (neither null nor
// absent).
func (o Opt[T]) Get() (T, bool) { return o.v, o.state == optSet }

// Value returns the value, or the zero T when there is none.
func (o Opt[T]) Value() T { return o.v }

// IsSet reports whether o holds a value.
func (o Opt[T]) IsSet() bool { return o.state == optSet }

// IsNull reports whether o is null.
func (o Opt[T]) IsNull() bool { return o.state == optNull }

// IsAbsent reports whether o is absent.
func (o Opt[T]) IsAbsent() bool { return o.state == optAbsent }

// Set makes o hold v.
func (o *Opt[T]) Set(v T) { *o = Opt[T]{v: v, state: optSet} }

// SetNull makes o null.
func (o *Opt[T]) SetNull() { *o = Opt[T]{state: optNull} }

// Clear makes o absent.
func (o *Opt[T]) Clear() { *o = Opt[T]{} }

// IsZero reports whether o is absent. encoding/json calls it for a field
// tagged `json:",omitzero"`, which is how generated structs tag their Opt
// fields: an absent member is left out, a null one is written as null.
func (o Opt[T]) IsZero() bool { return o.state == optAbsent }

// MarshalJSON writes the value, or null when o is null or absent (an
// absent member is left out only when its field is tagged omitzero).
// Values of generated types are written by their own MarshalJSON; strings,
// integers, numbers, booleans and raw JSON as the Encoder writes them;
// anything else with encoding/json.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if o.state != optSet {
		return []byte("null"), nil
	}
	return marshalValue(o.v)
}

// UnmarshalJSON makes o null for the JSON null and holds the value
// otherwise; encoding/json does not call it for an absent member, which
// leaves o absent. Values of generated types are read by their own
// UnmarshalJSON (the generated decoder), scalars and raw JSON by the
// Decoder, anything else by encoding/json. On an error o is unchanged.
func (o *Opt[T]) UnmarshalJSON(data []byte) error {
	if string(trimSpace(data)) == "null" {
		o.SetNull()
		return nil
	}
	var v T
	if err := unmarshalValue(data, &v); err != nil {
		return err
	}
	o.Set(v)
	return nil
}

// Format prints o for the fmt package: the value as the verb formats it
// when there is one, null when it is null, and <absent> when it is absent.
// With %#v it prints Go syntax: wire.Some(value), wire.Null[T]() or
// wire.Opt[T]{}.
func (o Opt[T]) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		switch o.state {
		case optSet:
			fmt.Fprintf(f, "wire.Some(%#v)", o.v)
		case optNull:
			fmt.Fprintf(f, "wire.Null[%T]()", o.v)
		default:
			fmt.Fprintf(f, "wire.Opt[%T]{}", o.v)
		}
		return
	}
	switch o.state {
	case optSet:
		fmt.Fprintf(f, fmt.FormatString(f, verb), o.v)
	case optNull:
		io.WriteString(f, "null")
	default:
		io.WriteString(f, "<absent>")
	}
}

// OptKey writes the key of an Opt member of an object being encoded,
// quoted as Encoder.Key takes it, when the member is present: followed by
// null when o is null, and when o holds a value it returns the value, for
// the caller to write, and true. An absent member writes nothing.
func OptKey[T any](e *Encoder, quoted string, o *Opt[T]) (T, bool) {
	if o.state == optAbsent {
		var zero T
		return zero, false
	}
	e.Key(quoted)
	if o.state == optNull {
		e.Null()
	}
	return o.v, o.state == optSet
}
