package jsontree

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestParsePretty(t *testing.T) {
	in := `{"b": [1, 2.50, -0, 1e3], "a": {"x": "\u00e9\n", "x": null}, "e": [], "o": {}, "n": [{"k": true}]}`
	n, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "b": [1, 2.50, -0, 1e3],
  "a": {
    "x": "\u00e9\n",
    "x": null
  },
  "e": [],
  "o": {},
  "n": [
    {
      "k": true
    }
  ]
}
`
	if got := string(n.Pretty()); got != want {
		t.Errorf("Pretty:\n%s\nwant:\n%s", got, want)
	}
	again, err := Parse(n.Pretty())
	if err != nil || !bytes.Equal(again.Pretty(), n.Pretty()) {
		t.Errorf("Pretty is not stable: %v", err)
	}
	if got := string(n.Compact()); got != strings.NewReplacer(" ", "").Replace(in) {
		t.Errorf("Compact: %s", got)
	}
	if s, ok := n.Get("a").Get("x").Str(); !ok || s != "é\n" {
		t.Errorf("Get must return the first of duplicate members, got %q, %t", s, ok)
	}
	for _, bad := range []string{`{"a": 1} x`, `{"a": 1} {}`, `{"a": }`, ``, `{"a":`, `[1,]`} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if _, err := Parse([]byte(deep)); err != nil {
		t.Errorf("Parse at MaxDepth: %v", err)
	}
	if _, err := Parse([]byte("[" + deep + "]")); err == nil {
		t.Error("Parse beyond MaxDepth accepted")
	}
}

func TestKindsAndStrings(t *testing.T) {
	n, err := Parse([]byte(`[{}, [], "s", 1, -0, 1.0, 1e2, true, false, null]`))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, it := range n.Items {
		kinds = append(kinds, it.JSONKind())
	}
	if got := strings.Join(kinds, " "); got != "object array string integer integer number number boolean boolean null" {
		t.Errorf("kinds: %s", got)
	}
	for raw, want := range map[string]string{
		`"plain"`:              "plain",
		`"a\"b\\c\/d"`:         `a"b\c/d`,
		`"\b\f\n\r\t"`:         "\b\f\n\r\t",
		`"\u00e9\ud83d\ude00"`: "é😀",
		`"\ud800x"`:            "\uFFFDx",
		"\"\xff\"":             "\xff", // invalid UTF-8 is kept, as the generated decoders keep it
	} {
		got, ok := Unquote(raw)
		if !ok || got != want {
			t.Errorf("Unquote(%q) = %q, %t; want %q", raw, got, ok, want)
		}
		if raw == "\"\xff\"" {
			continue
		}
		var std string
		if err := json.Unmarshal([]byte(raw), &std); err != nil || std != got {
			t.Errorf("Unquote(%q) = %q, encoding/json reads %q", raw, got, std)
		}
	}
	obj := &Node{Kind: Object}
	obj.Set("k", NewScalar("v<&>"))
	obj.Add("k", Literal("1.0"))
	obj.Set("k", Null())
	if got := string(obj.Compact()); got != `{"k":null,"k":null}` {
		t.Errorf("Set/Add: %s", got)
	}
	obj.Remove("k")
	if len(obj.Members) != 0 {
		t.Errorf("Remove left %d members", len(obj.Members))
	}
	if got := NewScalar("<&>").Raw; got != `"<&>"` {
		t.Errorf("NewScalar escapes HTML: %s", got)
	}
}
