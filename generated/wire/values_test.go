package wire

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestOpt(t *testing.T) {
	type state struct {
		value          int
		ok             bool
		set, null, abs bool
	}
	check := func(name string, o Opt[int], want state) {
		t.Helper()
		v, ok := o.Get()
		got := state{v, ok, o.IsSet(), o.IsNull(), o.IsAbsent()}
		if got != want || o.Value() != want.value {
			t.Errorf("%s: got %+v (Value %d), want %+v", name, got, o.Value(), want)
		}
	}
	var o Opt[int]
	check("zero", o, state{abs: true})
	check("Some", Some(3), state{value: 3, ok: true, set: true})
	check("Some(0)", Some(0), state{ok: true, set: true})
	check("Null", Null[int](), state{null: true})
	o.Set(5)
	check("Set", o, state{value: 5, ok: true, set: true})
	o.SetNull()
	check("SetNull", o, state{null: true})
	o.Set(6)
	o.Clear()
	check("Clear", o, state{abs: true})
}

func TestPath(t *testing.T) {
	var root Path
	data := root.Key("data")
	list := data.Key("call/Script")
	item := list.Index(2)
	label := item.Key("la~bel")
	empty := root.Key("")
	tests := []struct {
		p    *Path
		want string
	}{
		{nil, ""},
		{&root, ""},
		{&data, "/data"},
		{&list, "/data/call~1Script"},
		{&item, "/data/call~1Script/2"},
		{&label, "/data/call~1Script/2/la~0bel"},
		{&empty, "/"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	var nilPath *Path
	if k := nilPath.Key("a"); k.String() != "/a" {
		t.Errorf("Key on a nil Path = %q", k.String())
	}
	if k := nilPath.Index(0); k.String() != "/0" {
		t.Errorf("Index on a nil Path = %q", k.String())
	}
}

func TestProblems(t *testing.T) {
	var root Path
	id := root.Key("id")
	var ps Problems
	ps.Add(&id, "must not be null")
	ps.Add(&root, "whole document")
	if got, want := ps.Error(), "/id: must not be null\nwhole document"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var err error = ps
	var target Problems
	if !errors.As(err, &target) || len(target) != 2 {
		t.Error("Problems is not usable as an error")
	}
	if (Problem{"/a~1b", "bad"}).Error() != "/a~1b: bad" {
		t.Error("Problem.Error")
	}
}

func TestChecks(t *testing.T) {
	var root Path
	p := root.Key("f")
	one, ten := 1.0, 10.0
	re := regexp.MustCompile(`^[a-z]+$`)
	tests := []struct {
		name  string
		check func(*Problems)
		want  string
	}{
		{"max length ok", func(ps *Problems) { CheckMaxLength(ps, &p, "ééé", 3) }, ""},
		{"max length", func(ps *Problems) { CheckMaxLength(ps, &p, strings.Repeat("é", 17), 16) }, "length 17 exceeds 16 characters"},
		{"min length ok", func(ps *Problems) { CheckMinLength(ps, &p, "abc", 3) }, ""},
		{"min length", func(ps *Problems) { CheckMinLength(ps, &p, "ab", 3) }, "length 2 is below 3 characters"},
		{"max bytes ok", func(ps *Problems) { CheckMaxBytes(ps, &p, "ab", 2) }, ""},
		{"max bytes", func(ps *Problems) { CheckMaxBytes(ps, &p, strings.Repeat("x", 17000), 16384) }, "size 17000 exceeds 16384 bytes"},
		{"pattern ok", func(ps *Problems) { CheckPattern(ps, &p, "abc", re) }, ""},
		{"pattern", func(ps *Problems) { CheckPattern(ps, &p, "aB", re) }, `does not match pattern "^[a-z]+$"`},
		{"items ok", func(ps *Problems) { CheckItems(ps, &p, 3, 1, 3) }, ""},
		{"items unbounded", func(ps *Problems) { CheckItems(ps, &p, 1000, -1, -1) }, ""},
		{"items max", func(ps *Problems) { CheckItems(ps, &p, 12, -1, 10) }, "count 12 exceeds 10 items"},
		{"items min", func(ps *Problems) { CheckItems(ps, &p, 0, 1, -1) }, "count 0 is below 1 items"},
		{"range ok", func(ps *Problems) { CheckRange(ps, &p, 10, &one, &ten) }, ""},
		{"range unbounded", func(ps *Problems) { CheckRange(ps, &p, -1e300, nil, nil) }, ""},
		{"range max", func(ps *Problems) { CheckRange(ps, &p, 10.5, nil, &ten) }, "value 10.5 exceeds 10"},
		{"range min", func(ps *Problems) { CheckRange(ps, &p, 1e-7, &one, nil) }, "value 1e-7 is below 1"},
	}
	for _, tt := range tests {
		var ps Problems
		tt.check(&ps)
		var got string
		if len(ps) > 0 {
			got = ps[0].Message
			if len(ps) != 1 || ps[0].Pointer != "/f" {
				t.Errorf("%s: problems %v", tt.name, ps)
			}
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	layouts := []string{time.RFC3339Nano, "2006-01-02 15:04:05", "02.01.2006"}
	tests := []struct {
		in      string
		layouts []string
		want    time.Time
		err     string
	}{
		{"2024-05-01T10:20:30.5Z", layouts, time.Date(2024, 5, 1, 10, 20, 30, 5e8, time.UTC), ""},
		{"2024-05-01 10:20:30", layouts, time.Date(2024, 5, 1, 10, 20, 30, 0, time.UTC), ""},
		{"01.05.2024", layouts, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), ""},
		{"May 1", layouts, time.Time{}, `parsing time "May 1": does not match any of the layouts ` +
			`"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05", "02.01.2006"`},
		{"May 1", []string{"2006"}, time.Time{}, `parsing time "May 1" as "2006": cannot parse "May 1" as "2006"`},
		{"2024", nil, time.Time{}, `parsing time "2024": no layout given`},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in, tt.layouts, "")
		var msg string
		if err != nil {
			msg = err.Error()
		}
		if !got.Equal(tt.want) || msg != tt.err {
			t.Errorf("ParseTime(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestDecodeError(t *testing.T) {
	tests := []struct {
		err  DecodeError
		want string
	}{
		{DecodeError{"SessionStarted", "/data/started", 123, "invalid character 'x' in string literal"},
			`decode SessionStarted event: /data/started: invalid character 'x' in string literal (offset 123)`},
		{DecodeError{"", "/data", 0, "bad"}, `decode event: /data: bad (offset 0)`},
		{DecodeError{"E", "", 5, "bad"}, `decode E event: bad (offset 5)`},
		{DecodeError{"E", "/a", -1, "bad"}, `decode E event: /a: bad`},
		{DecodeError{"", "", -1, "unexpected end of JSON input"}, `decode event: unexpected end of JSON input`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
