package wire

import (
	"strconv"
	"strings"
)

// PointerAt returns the JSON pointer (RFC 6901) of the innermost value of
// s that contains offset, or that was being read there when s turned out
// to be invalid: for `{"data":{"callScript":[1,2,{"label":x}]}}` and the
// offset of the x, "/data/callScript/2/label". An offset in a container's
// own text (a member name, a separator, a bracket) belongs to the
// container; an offset outside the top-level value gives "", the root.
// PointerAt rescans s from the start, so it is meant for error paths.
func PointerAt(s string, offset int) string {
	var w pointerWalk
	w.d.Reset(s)
	for w.value(offset) && w.advance(offset) {
	}
	return w.result
}

// pointerWalk walks a document value by value, keeping the path of the
// value being read, until it reaches a given offset.
type pointerWalk struct {
	d      Decoder
	stack  []segment // one per open container: which of its values is being read
	result string
}

// segment is one open container in a pointerWalk.
type segment struct {
	object bool
	key    string
	index  int
}

// value reads the value that comes next. It reports false, with the
// result set, when the value contains offset or comes after it.
func (w *pointerWalk) value(offset int) bool {
	d := &w.d
	kind := d.Peek()
	if d.i > offset {
		return w.stop(len(w.stack) - 1)
	}
	if kind == KindObject || kind == KindArray {
		object := kind == KindObject
		if object && !d.Object() || !object && !d.Array() {
			return w.stop(len(w.stack)) // nested too deep
		}
		w.stack = append(w.stack, segment{object: object, index: -1})
		return true
	}
	d.Skip()
	if d.err != nil || d.i > offset {
		return w.stop(len(w.stack))
	}
	return true
}

// advance moves to the next value, closing the containers that end
// before it. It reports false, with the result set, when the offset lies
// in the text of a container before that value, or the walk is over.
func (w *pointerWalk) advance(offset int) bool {
	d := &w.d
	for len(w.stack) > 0 {
		n := len(w.stack)
		top := &w.stack[n-1]
		var more bool
		if top.object {
			more = d.MoreMembers()
		} else {
			more = d.MoreElements()
		}
		switch {
		case d.err != nil || d.i > offset:
			return w.stop(n - 1)
		case !more:
			w.stack = w.stack[:n-1]
			continue
		case top.object:
			top.key, _ = d.Key()
			if d.err != nil || d.i > offset {
				return w.stop(n - 1)
			}
		default:
			top.index++
		}
		return true
	}
	return w.stop(0)
}

// stop sets the result to the pointer made of the first n segments, and
// returns false.
func (w *pointerWalk) stop(n int) bool {
	var b strings.Builder
	for _, seg := range w.stack[:max(n, 0)] {
		b.WriteByte('/')
		if seg.object {
			writeToken(&b, seg.key)
		} else {
			b.WriteString(strconv.Itoa(seg.index))
		}
	}
	w.result = b.String()
	return false
}

// writeToken writes a pointer reference token, escaping '~' as "~0" and
// '/' as "~1".
func writeToken(b *strings.Builder, tok string) {
	for i := 0; i < len(tok); i++ {
		switch c := tok[i]; c {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(c)
		}
	}
}
