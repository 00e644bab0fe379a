package wire

// Skip consumes the next value, whatever its kind, and returns its raw
// text, a substring of the input. It validates the value fully: strings
// and their escapes, numbers, literals, and nesting up to MaxDepth
// (counting the containers that Object and Array have open). It loops
// instead of recursing, so deep input costs no Go stack; it allocates only
// for values nested more than 64 levels deep, once per Decoder. On error
// it returns "".
func (d *Decoder) Skip() string {
	if d.err != nil {
		return ""
	}
	s := d.s
	start := skipSpace(s, d.i)
	var end int
	var code scanErr
	if start < len(s) && (s[start] == '{' || s[start] == '[') {
		end, code = d.skipContainer(s, start)
	} else {
		end, code = skipScalar(s, start)
	}
	if code != errNone {
		d.failAt(end, code)
		return ""
	}
	d.i = end
	return s[start:end]
}

// skipContainer scans the array or object that opens at s[i] and returns
// the offset just past it. level counts the containers open inside it; the
// kind of each is recorded (see setObject) so that its closing bracket and the
// separators inside it can be checked.
func (d *Decoder) skipContainer(s string, i int) (int, scanErr) {
	limit := MaxDepth - max(d.depth, 0)
	level := 0
	for {
		var code scanErr
		var empty bool
		if i >= len(s) {
			return i, errBeginValue
		}
		if c := s[i]; c != '{' && c != '[' {
			i, code = skipScalar(s, i)
		} else if i, empty, code = d.openNested(s, i, level, limit); !empty && code == errNone {
			level++
			continue // i is at the value of the first member, or the first element
		}
		if code != errNone {
			return i, code
		}
		if i, level, code = d.nextValue(s, i, level); code != errNone || level == 0 {
			return i, code
		}
	}
}

// openNested opens the container at s[i] as the level-th one open inside
// skipContainer. It returns the offset of its first value (past the name
// of its first member), or, when the container is empty, the offset just
// past it.
func (d *Decoder) openNested(s string, i, level, limit int) (next int, empty bool, code scanErr) {
	if level >= limit {
		return i, false, errMaxDepth
	}
	c := s[i]
	obj := c == '{'
	d.setObject(level, obj)
	i = skipSpace(s, i+1)
	switch {
	case i < len(s) && s[i] == c+2: // '{'+2 is '}', '['+2 is ']'
		return i + 1, true, errNone
	case obj:
		i, code = scanKey(s, i)
		return i, false, code
	}
	return i, false, errNone
}

// setObject records whether the container open at level (counted from 0
// within one Skip) is an object.
func (d *Decoder) setObject(level int, obj bool) {
	w := &d.shallow
	if level >= 64 {
		k := level>>6 - 1
		for len(d.deep) <= k {
			d.deep = append(d.deep, 0)
		}
		w = &d.deep[k]
	}
	if bit := uint64(1) << (level & 63); obj {
		*w |= bit
	} else {
		*w &^= bit
	}
}

// isObject reports whether the container open at level is an object.
func (d *Decoder) isObject(level int) bool {
	w := d.shallow
	if k := level>>6 - 1; k >= 0 && k < len(d.deep) {
		w = d.deep[k]
	}
	return w&(1<<(level&63)) != 0
}

// nextValue follows the value that ends at i with the open containers'
// separators and closing brackets, up to the start of the next value, and
// returns its offset and the number of containers still open. With none
// open, the offset is just past the outermost container.
func (d *Decoder) nextValue(s string, i, level int) (int, int, scanErr) {
	for level > 0 {
		i = skipSpace(s, i)
		obj := d.isObject(level - 1)
		switch {
		case i >= len(s):
			return i, level, errAfterElement
		case s[i] == ',' && obj:
			i, code := scanKey(s, skipSpace(s, i+1))
			return i, level, code
		case s[i] == ',':
			return skipSpace(s, i+1), level, errNone
		case obj && s[i] == '}', !obj && s[i] == ']':
			i++
			level--
		case obj:
			return i, level, errAfterMember
		default:
			return i, level, errAfterElement
		}
	}
	return i, 0, errNone
}

// Lookup finds a member in the object that comes next, without moving the
// read offset. path names one member per nesting level: Lookup("data",
// "type") looks for "type" in the object that is the value of "data". It
// returns the kind of the member found and, when it is a string, its
// unescaped value (else ""). found is false when a member on the path is
// absent or a value on the way is not an object. Scanning stops at the
// first member that matches, so a later duplicate is not seen and the rest
// of the input is not validated. An empty path names the next value
// itself. Syntax errors met on the way are recorded as by any other
// method.
func (d *Decoder) Lookup(path ...string) (kind Kind, value string, found bool) {
	i, depth, first := d.i, d.depth, d.first
	kind, value, found = d.lookup(path)
	d.i, d.depth, d.first = i, depth, first
	return kind, value, found
}

// lookup does the work of Lookup, moving the read offset.
func (d *Decoder) lookup(path []string) (Kind, string, bool) {
	for _, name := range path {
		if !d.Object() || !d.findMember(name) {
			return KindInvalid, "", false
		}
	}
	kind := d.Peek()
	var value string
	switch kind {
	case KindString:
		value, _ = d.String()
	case KindInvalid:
		d.Skip() // records why there is no value
	}
	if d.err != nil {
		return KindInvalid, "", false
	}
	return kind, value, true
}

// findMember reads the members of the object just opened up to the one
// called name, and reports whether there is one.
func (d *Decoder) findMember(name string) bool {
	for d.MoreMembers() {
		if n, _ := d.Key(); n == name && d.err == nil {
			return true
		}
		d.Skip()
	}
	return false
}

// LookupString finds an event's type the way generated decoders read it,
// without moving the read offset: path names one member per nesting level,
// and at each level the first member of that name whose value is of the
// kind needed counts (an object on the way, a string at the end); members
// of the same name but another kind are passed over, as the decoders keep
// them verbatim with a problem. So {"type":1,"type":"a"} has the type "a".
// It returns the unescaped string and whether there is one. The scan stops
// at the member found, so the rest of the input is not validated. Syntax
// errors met on the way are recorded as by any other method.
func (d *Decoder) LookupString(path ...string) (value string, found bool) {
	i, depth, first := d.i, d.depth, d.first
	value, found = d.lookupString(path)
	d.i, d.depth, d.first = i, depth, first
	return value, found && d.err == nil
}

// lookupString does the work of LookupString, moving the read offset.
func (d *Decoder) lookupString(path []string) (string, bool) {
	if len(path) == 0 || !d.Object() {
		return "", false
	}
	want, last := KindObject, len(path)-1
	if last == 0 {
		want = KindString
	}
	for d.MoreMembers() {
		if n, _ := d.Key(); n != path[0] || d.Peek() != want {
			d.Skip()
			continue
		}
		if last == 0 {
			return d.String()
		}
		return d.lookupString(path[1:])
	}
	return "", false
}
