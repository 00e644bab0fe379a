package golang

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generated/wire"
)

// TestRuntimeDocs checks that the comment of each runtime alias names every method of the type it
// stands for: go doc shows the alias's comment, not those methods.
func TestRuntimeDocs(t *testing.T) {
	var buf strings.Builder
	f := jen.NewFile("p")
	runtimeDecls(f)
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[wire.Opt[int]](), reflect.TypeFor[*wire.Opt[int]](),
		reflect.TypeFor[wire.Problem](), reflect.TypeFor[wire.Problems](), reflect.TypeFor[*wire.DecodeError]()} {
		for i := range typ.NumMethod() {
			if name := typ.Method(i).Name; !strings.Contains(buf.String(), "\t"+name+"(") && !strings.Contains(buf.String(), ") "+name+"(") {
				t.Errorf("the comment of %s does not list its method %s", typ, name)
			}
		}
	}
}
