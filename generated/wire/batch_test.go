package wire

import (
	"fmt"
	"strings"
	"testing"
)

// readBatch reads a batch whose items must be objects with BatchReader, as a generated DecodeBatch
// does, and renders what it found.
func readBatch(in string) string {
	var r BatchReader
	if err := r.Open([]byte(in), "a/b"); err != nil {
		return "open: " + err.Error()
	}
	var items []string
	for r.Next() {
		if err := NotObject(&r.D, ""); err != nil {
			items = append(items, "invalid "+r.Invalid(err))
			continue
		}
		items = append(items, r.D.Skip())
	}
	if err := r.Close(); err != nil {
		return "close: " + err.Error()
	}
	return fmt.Sprintf("items %s; extra %s; errs %v", strings.Join(items, " "), kept(r.Extra), r.Errs)
}

func TestBatchReader(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a/b":[]}`, "items ; extra ; errs "},
		{`{"x":1,"a/b":{},"a/b":[{"k":1}, 2 ,{}],"a/b":[],"y":[]}`,
			`items {"k":1} invalid 2 {}; extra x=1 (); a/b={} (expected array, got object); a/b=[] (duplicate member); y=[] (); ` +
				`errs decode event: /a~1b/1: expected an object, got number (offset 32)`},
		{`{"x":1}`, "close: decode event: /a~1b: missing array of events"},
		{`[]`, "open: decode event: expected an object, got array"},
		{``, "open: decode event: unexpected end of JSON input (offset 0)"},
		{`{"a/b":[{},]}`, "close: decode event: /a~1b: invalid character ']' looking for beginning of value (offset 11)"},
	} {
		if got := readBatch(tc.in); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
