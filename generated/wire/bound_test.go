package wire

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxMessage is the longest line any error or problem may take, whatever the input.
const maxMessage = 1024

func TestQuote(t *testing.T) {
	if got, want := Quote("a\"b\x01"), `"a\"b\x01"`; got != want {
		t.Errorf("Quote(short) = %s, want %s (as strconv.Quote)", got, want)
	}
	long := strings.Repeat("\xff", 16<<20)
	got := Quote(long)
	if len(got) > maxMessage || !strings.HasSuffix(got, "... (16777216 bytes)") {
		t.Errorf("Quote(16 MB) = %d bytes: %.200s", len(got), got)
	}
	// A cut never splits a character.
	got = Quote(strings.Repeat("é", 100))
	if !utf8.ValidString(got) || !strings.HasPrefix(got, `"`+strings.Repeat("é", MaxQuoted/2)+`"...`) {
		t.Errorf("Quote(é×100) = %s", got)
	}
}

func TestBoundPointer(t *testing.T) {
	if p := "/data/a~1b/0"; BoundPointer(p) != p {
		t.Errorf("BoundPointer(%q) = %q", p, BoundPointer(p))
	}
	p := "/data" + strings.Repeat("/0", 10000) + "/last"
	got := BoundPointer(p)
	if len(got) > MaxPointer+64 || !strings.HasPrefix(got, "/data/0/0/") || !strings.HasSuffix(got, "/0/0/last") ||
		!strings.Contains(got, " bytes elided)") {
		t.Errorf("BoundPointer(10,000 segments) = %q", got)
	}
	// One huge segment: cut by bytes.
	p = "/" + strings.Repeat("k", 1<<20)
	if got := BoundPointer(p); len(got) > MaxPointer+64 {
		t.Errorf("BoundPointer(1 MB segment) = %d bytes", len(got))
	}
}

// A syntax error 10,000 levels deep has a 20 KB pointer; its message stays short.
func TestDecodeErrorBounded(t *testing.T) {
	in := strings.Repeat("[", MaxDepth-1) + "x"
	var d Decoder
	d.Reset(in)
	d.Skip()
	err := d.Error(strings.Repeat("T", 1<<20))
	if len(err.Pointer) < 2*(MaxDepth-2) {
		t.Fatalf("pointer %d bytes, want the whole pointer kept in the field", len(err.Pointer))
	}
	if msg := err.Error(); len(msg) > maxMessage || !strings.Contains(msg, "invalid character 'x'") {
		t.Errorf("DecodeError.Error() = %d bytes: %.300s", len(msg), msg)
	}
	errs := make(DecodeErrors, 5000)
	for i := range errs {
		errs[i] = err
	}
	msg := errs.Error()
	if n := strings.Count(msg, "\n") + 1; n != MaxErrorLines+1 || !strings.HasSuffix(msg, "... and 4900 more") {
		t.Errorf("DecodeErrors.Error() has %d lines, ending %q", n, msg[max(0, len(msg)-40):])
	}
}

// Every message that quotes a received value quotes a bounded prefix of it.
func TestProblemsBounded(t *testing.T) {
	big := strings.Repeat("\x01", 16<<20)
	var ps Problems
	var root Path
	key := root.Key(big)
	ps.Add(&key, DuplicateKey(big))
	ps.Add(&root, MemberProblem(big, "must not be null"))
	ps.Add(&root, "value "+JSONText(big)+" is not one of \"a\"")
	CheckNumberRange(&ps, &root, json.Number("1"+strings.Repeat("0", 1<<20)), nil, Bound(100))
	if _, err := ParseTime(big, []string{"2006-01-02", "2006"}, ""); err != nil {
		ps.Add(&root, err.Error())
	}
	if _, err := ParseTime(big, []string{"2006-01-02"}, ""); err != nil {
		ps.Add(&root, err.Error())
	}
	if len(ps) != 6 {
		t.Fatalf("%d problems, want 6: %v", len(ps), ps)
	}
	for _, p := range ps {
		if len(p.Message) > maxMessage || len(p.Error()) > maxMessage {
			t.Errorf("problem of %d bytes: %.200s", len(p.Error()), p.Error())
		}
	}
	many := make(Problems, 70000)
	for i := range many {
		many[i] = Problem{Pointer: "/data", Message: "duplicate member"}
	}
	if msg := many.Error(); strings.Count(msg, "\n") != MaxErrorLines || !strings.HasSuffix(msg, "... and 69900 more") {
		t.Errorf("Problems.Error() of 70,000: %d lines", strings.Count(msg, "\n")+1)
	}
}
