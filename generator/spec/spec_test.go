package spec

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/eventgen/eventgen/generator/internal/golden"
)

// TestParse runs the golden cases in testdata/*.txtar: the section "spec.yaml" is parsed; a spec that
// parses must have a "want" section with the summary of the syntax tree (every key that was set, with
// its position), a spec that does not must have a "stderr" section with the exact diagnostics.
// Run with -update to rewrite the output sections.
func TestParse(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, in []txtar.File) []txtar.File {
		f, err := Parse("spec.yaml", golden.Section(t, in, "spec.yaml"))
		if err == nil {
			return []txtar.File{{Name: "want", Data: []byte(summary(f))}}
		}
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("Parse returned %T, want an ErrorList: %v", err, err)
		}
		checkPositioned(t, err.Error())
		return []txtar.File{{Name: "stderr", Data: []byte(err.Error())}}
	})
}

var positioned = regexp.MustCompile(`^[^:]+:\d+:\d+: `)

// checkPositioned fails unless every line of a diagnostic starts with file:line:col and the lines are
// sorted by position.
func checkPositioned(t *testing.T, text string) {
	t.Helper()
	var prev Pos
	for _, line := range strings.Split(text, "\n") {
		if !positioned.MatchString(line) {
			t.Errorf("diagnostic without file:line:col: %q", line)
			continue
		}
		var p Pos
		parts := strings.SplitN(line, ":", 4)
		p.File, p.Line, p.Col = parts[0], atoi(t, parts[1]), atoi(t, parts[2])
		if p.File == prev.File && (p.Line < prev.Line || p.Line == prev.Line && p.Col < prev.Col) {
			t.Errorf("diagnostics are not sorted: %s comes after %s", p, prev)
		}
		prev = p
	}
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// summary renders the syntax tree one set key per line, as path = value @line:col, so that a golden
// file shows both what was decoded and where the loader says it was written.
func summary(f *File) string {
	var b strings.Builder
	dump(&b, "", reflect.ValueOf(*f), Pos{}, false)
	return b.String()
}

// dump writes v; at is the position of its key, header says whether a struct prints its own position
// (map entries have printed their key's already).
func dump(b *strings.Builder, path string, v reflect.Value, at Pos, header bool) {
	switch {
	case v.Type() == valueType:
		if x := v.Interface().(Value); x.IsSet() {
			fmt.Fprintf(b, "%s = %s%s\n", path, nodeJSON(x), posSuffix(x.Pos))
		}
	case v.Kind() == reflect.Pointer && v.Elem().Kind() != reflect.Struct:
		if !v.IsNil() { // a set pointer is printed even when it points to zero
			fmt.Fprintf(b, "%s = %s%s\n", path, scalar(v.Elem()), posSuffix(at))
		}
	case v.Kind() == reflect.Pointer:
		if !v.IsNil() {
			dump(b, path, v.Elem(), at, header)
		}
	case v.Kind() == reflect.Struct:
		if f := v.FieldByName("Pos"); header && f.IsValid() && f.Type() == posType {
			fmt.Fprintf(b, "%s%s\n", path, posSuffix(f.Interface().(Pos)))
		}
		dumpStruct(b, path, v)
	case v.Kind() == reflect.Slice && strings.HasPrefix(v.Type().Name(), "Map["):
		for i := range v.Len() {
			e := v.Index(i)
			p := fmt.Sprintf("%s[%s]", path, e.Field(0).String())
			fmt.Fprintf(b, "%s%s\n", p, posSuffix(e.Field(1).Interface().(Pos)))
			dump(b, p, e.Field(2), e.Field(1).Interface().(Pos), false)
		}
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			dump(b, fmt.Sprintf("%s[%d]", path, i), v.Index(i), Pos{}, true)
		}
	case !v.IsZero():
		fmt.Fprintf(b, "%s = %s%s\n", path, scalar(v), posSuffix(at))
	}
}

func dumpStruct(b *strings.Builder, path string, v reflect.Value) {
	t := v.Type()
	var at Positions
	if f := v.FieldByName("At"); f.IsValid() && f.Type() == positionsType {
		at = f.Interface().(Positions)
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, opts, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if sf.Type == posType || sf.Type == positionsType || name == "-" {
			continue
		}
		if opts == "inline" {
			dumpStruct(b, path, v.Field(i))
			continue
		}
		p := name
		if path != "" {
			p = path + "." + name
		}
		dump(b, p, v.Field(i), at[name], true)
	}
}

func posSuffix(p Pos) string {
	if !p.IsValid() {
		return ""
	}
	return fmt.Sprintf(" @%d:%d", p.Line, p.Col)
}

func scalar(v reflect.Value) string {
	if v.Kind() == reflect.String {
		return strconv.Quote(v.String())
	}
	return fmt.Sprint(v.Interface())
}

// nodeJSON renders a kept YAML value as JSON, which shows its kind (1 and "1" differ).
func nodeJSON(v Value) string {
	var x any
	if err := v.Node.Decode(&x); err != nil {
		return "<" + err.Error() + ">"
	}
	data, err := json.Marshal(x)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(data)
}

func TestParseTypeExpr(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{in: "string", want: "string"},
		{in: "raw", want: "raw"},
		{in: "Item", want: "Item"},
		{in: "[]Item", want: "[]Item"},
		{in: "map[integer]", want: "map[integer]"},
		{in: "[]map[string]", want: "[]map[string]"},
		{in: "map[[]Item]", want: "map[[]Item]"},
		{in: "map[map[Item]]", want: "map[map[Item]]"},
		{in: "", err: "empty type expression"},
		{in: "[]", err: `type expression "[]": empty element type`},
		{in: "map[]", err: `type expression "map[]": empty element type`},
		{in: "map[string", err: `type expression "map[string": map[...] is not closed`},
		{in: "datetime", err: `invalid type expression "datetime" (want string, integer, number, boolean, raw, a TypeName, []T or map[T])`},
		{in: "[]item", err: `type expression "[]item": invalid element type "item" (want string, integer, number, boolean, raw, a TypeName, []T or map[T])`},
		{in: "Item[]", err: `invalid type expression "Item[]" (want string, integer, number, boolean, raw, a TypeName, []T or map[T])`},
		{in: strings.Repeat("[]", MaxTypeNesting) + "Item", want: strings.Repeat("[]", MaxTypeNesting) + "Item"},
		{in: strings.Repeat("[]", MaxTypeNesting+1) + "Item", err: `type expression "` + strings.Repeat("[]", MaxTypeNesting+1) + `Item" nests 17 levels, more than 16`},
		{in: strings.Repeat("map[", 10000) + "Item" + strings.Repeat("]", 10000),
			err: `type expression "` + strings.Repeat("map[", 16) + `"... (50004 bytes) nests 10000 levels, more than 16`},
		{in: "[]" + strings.Repeat("x", 1000), err: `type expression "[]` + strings.Repeat("x", 62) + `"... (1002 bytes): invalid element type "` +
			strings.Repeat("x", 64) + `"... (1000 bytes) (want string, integer, number, boolean, raw, a TypeName, []T or map[T])`},
	} {
		te, err := ParseTypeExpr(tc.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.err {
			t.Errorf("ParseTypeExpr(%q) error = %q, want %q", tc.in, got, tc.err)
			continue
		}
		if err == nil && te.String() != tc.want {
			t.Errorf("ParseTypeExpr(%q) = %s, want %s", tc.in, te, tc.want)
		}
	}
}

func TestErrorListSort(t *testing.T) {
	var l ErrorList
	l.Add(Pos{File: "b.yaml", Line: 1, Col: 1}, "b")
	l.Add(Pos{File: "a.yaml", Line: 10, Col: 2}, "late")
	l.Add(Pos{File: "a.yaml", Line: 2, Col: 9}, "second")
	l.Add(Pos{File: "a.yaml", Line: 2, Col: 3}, "z")
	l.Add(Pos{File: "a.yaml", Line: 2, Col: 3}, "a")
	l.Add(Pos{File: "a.yaml", Line: 2, Col: 3}, "a") // exact duplicates are dropped
	want := []string{
		"a.yaml:2:3: a",
		"a.yaml:2:3: z",
		"a.yaml:2:9: second",
		"a.yaml:10:2: late",
		"b.yaml:1:1: b",
	}
	got := strings.Split(l.Err().Error(), "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted ErrorList (-want +got):\n%s", diff)
	}
	if err := (ErrorList{}).Err(); err != nil {
		t.Errorf("empty ErrorList.Err() = %v, want nil", err)
	}
}

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		p    Pos
		want string
	}{
		{Pos{File: "spec/x.yaml", Line: 4, Col: 7}, "spec/x.yaml:4:7"},
		{Pos{File: "spec/x.yaml"}, "spec/x.yaml"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// TestLoadMissingFile checks that an unreadable file is an I/O error, not a spec problem.
func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/no-such-spec.yaml")
	var list ErrorList
	if err == nil || errors.As(err, &list) {
		t.Fatalf("Load(missing file) = %v, want an I/O error", err)
	}
}
