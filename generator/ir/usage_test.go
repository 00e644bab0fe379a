package ir_test

import (
	"slices"
	"testing"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// TestIncludeOnly checks how types are told apart by use: only included, included and referenced,
// only referenced, and included by an include-only type.
func TestIncludeOnly(t *testing.T) {
	src := `
platform: {version: "1", name: u, title: U, source: {title: Docs}}
envelope: {discriminator: type}
types:
  Base: {kind: object, include: [Root], fields: {a: {type: string}}}
  Root: {kind: object, fields: {r: {type: string}}}
  Both: {kind: object, fields: {b: {type: string}}}
  Used: {kind: object, fields: {u: {type: string}}}
events:
  e:
    include: [Base, Both]
    fields:
      list: {type: "[]Both"}
      used: {type: "map[Used]"}
`
	f, err := spec.Parse("spec.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]bool{ // IncludeOnly, Included
		"Base": {true, true}, "Root": {true, true}, "Both": {false, true}, "Used": {false, false},
	}
	for _, typ := range p.Types {
		if got := [2]bool{typ.IncludeOnly(), typ.Included()}; got != want[typ.Name] {
			t.Errorf("%s: IncludeOnly, Included = %v, want %v", typ.Name, got, want[typ.Name])
		}
	}
	var names []string
	for _, typ := range ir.AllIncludes(p.Events[0].Includes) {
		names = append(names, typ.Name)
	}
	if !slices.Equal(names, []string{"Base", "Root", "Both"}) {
		t.Errorf("AllIncludes = %v, want [Base Root Both]", names)
	}
}
