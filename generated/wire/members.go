package wire

// Member is a member of a JSON object that a generated struct keeps
// verbatim beside its declared fields: an unknown member, or a known one
// whose value could not be decoded into its field. Encoding writes it back
// unchanged, so decoding and encoding again loses nothing.
type Member struct {
	Name    string // unescaped member name
	RawName string // quoted name exactly as it came
	Value   string // raw JSON text of the value
	Problem string // "" for an unknown member (not a problem); else what is wrong, e.g. "duplicate member", "expected integer, got string", "must not be null"
}

// Members is the list of members a struct keeps, in document order.
type Members []Member

// Keep skips the value that comes next in d and appends it to m as member
// name (raw as it came) with the given problem. Nothing is appended when
// the value is not valid JSON: the error is in d.
func (m *Members) Keep(d *Decoder, name, raw, problem string) {
	if v := d.Skip(); !d.Failed() {
		*m = append(*m, Member{Name: name, RawName: raw, Value: v, Problem: problem})
	}
}
