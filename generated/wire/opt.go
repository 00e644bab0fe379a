package wire

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
