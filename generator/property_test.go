package generator_test

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/eventgen/eventgen/generator"
	"github.com/eventgen/eventgen/generator/spec"
)

var (
	propSpecs = flag.Int("prop.specs", 40, "how many random specs TestRandomSpecs tries")
	propSeed  = flag.Uint64("prop.seed", 1, "the seed of TestRandomSpecs (each run of the same seed tries the same specs)")
)

// Hostile names: Go keywords and predeclared identifiers, the generated API's own names, names that
// collide after Go-name mangling, names ending in the suffixes the emitters add, non-ASCII letters.
var (
	hostileTypes = []string{"String", "Int", "Error", "Any", "Nil", "True", "Len", "Append", "Map", "Func", "Type",
		"ListOfString", "ListOfRaw", "MapOfRaw", "Stamp", "StampOf", "TypePath", "EventType", "Unknown", "Decode",
		"Problems", "Opt", "Some", "Null", "Validate", "Event", "Batch", "Invalid", "X", "XUnknown", "XOf", "XValue",
		"Read", "ReadX", "Write", "Check", "Layouts", "TimestampLayouts", "Value", "A", "B", "Payload", "PingPayload",
		"Client", "Events", "Lookup", "Groups", "Time", "Context", "JSON", "Raw", "Number", "Bool"}
	hostileMembers = []string{"type", "func", "string", "len", "omit", "extra", "size", "d", "e", "x", "v", "ok", "err",
		"data", "Data", "DATA", "a-b", "a_b", "a.b", "A B", "ÿ", "日本", "名前", "0", "1a", "event", "eventType", "Type",
		"Validate", "MarshalJSON", "String", "id", "ID", "Id", "url", "URL", "time", "nil", "true", "_", "b$c", "ß",
		"Événement", "interface", "select", "map", "chan", "go", "package", "import", "raw", "start", "prefix", "ps", "p"}
	hostileEvents = []string{"ping", "TypePath", "type", "Unknown", "事件", "événement", "a.b", "A_B", "a-b", "ok",
		"EventType", "Decode", "String", "func", "ping.pong", "PING", "Ping", "batch", "invalid", "x", "y/z", "1st",
		"SessionStarted", "session_started", "Événement", "value", "Lookup", "Events", "ListOfString", "event"}
)

// specGen writes one random spec. It favours valid specs, but draws every name from the hostile
// alphabets above, so that many of them must be refused, with a position.
type specGen struct {
	r     *rand.Rand
	b     strings.Builder
	types []string // names of declared types
	kinds map[string]string
}

func (g *specGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// name draws from a hostile alphabet one time in five, and otherwise makes a plain name of the form
// safe, so that enough specs are valid to test the output.
func (g *specGen) name(hostile []string, safe string) string {
	if g.r.IntN(5) == 0 {
		return g.pick(hostile)
	}
	return fmt.Sprintf(safe, g.r.IntN(50))
}

func (g *specGen) line(indent int, format string, args ...any) {
	g.b.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

// typeExpr returns a random type expression, nested up to depth.
func (g *specGen) typeExpr(depth int) string {
	switch n := g.r.IntN(10); {
	case n < 4 || depth == 0:
		if len(g.types) > 0 && g.r.IntN(2) == 0 {
			return g.pick(g.types)
		}
		return g.pick([]string{"string", "integer", "number", "boolean", "raw"})
	case n < 7:
		return "[]" + g.typeExpr(depth-1)
	default:
		return "map[" + g.typeExpr(depth-1) + "]"
	}
}

func (g *specGen) fields(indent int, count int) {
	if count == 0 {
		g.line(indent, "fields: {}")
		return
	}
	g.line(indent, "fields:")
	used := map[string]bool{}
	for range count {
		m := g.name(hostileMembers, "member%d")
		if used[m] {
			continue
		}
		used[m] = true
		extra := ""
		if g.r.IntN(4) == 0 {
			extra += ", nullable: true"
		}
		if g.r.IntN(6) == 0 {
			extra += ", go_name: " + g.pick([]string{"Omit", "Extra", "Size", "Value", "X", "Validate", "Field", "F1"})
		}
		g.line(indent+1, "%s: {type: %s, required: %t%s}", strconv.Quote(m), strconv.Quote(g.typeExpr(3)), g.r.IntN(3) == 0, extra)
	}
}

func (g *specGen) spec(name string) string {
	g.b.Reset()
	g.types, g.kinds = nil, map[string]string{}
	g.line(0, "platform: {name: %s, title: T, version: \"1\", source: {title: Docs}}", name)
	g.line(0, "envelope: {discriminator: %s, payload: %s}", g.pick([]string{"type", "eventType", "event.type"}), "data")
	if strings.Contains(g.b.String(), "event.type") {
		g.b.Reset()
		g.line(0, "platform: {name: %s, title: T, version: \"1\", source: {title: Docs}}", name)
		g.line(0, "envelope: {discriminator: event.type, payload: event.data}")
	}
	seen := map[string]bool{}
	for range 1 + g.r.IntN(6) {
		t := g.name(hostileTypes, "Type%d")
		if seen[t] {
			continue
		}
		seen[t] = true
		g.types = append(g.types, t)
	}
	g.line(0, "types:")
	for _, t := range g.types {
		g.line(1, "%s:", t)
		switch k := g.r.IntN(6); k {
		case 0:
			g.kinds[t] = "enum"
			g.line(2, "kind: enum")
			g.line(2, "values:")
			for i, v := range []string{"a", "B", "c-d", "ok", "type", "é"}[:1+g.r.IntN(6)] {
				_ = i
				g.line(3, "- {value: %s}", strconv.Quote(v))
			}
		case 1:
			g.kinds[t] = "time"
			g.line(2, "kind: time")
			g.line(2, "layouts: [rfc3339]")
		case 2:
			g.kinds[t] = "string"
			g.line(2, "kind: string")
			g.line(2, "max_length: 8")
		default:
			g.kinds[t] = "object"
			g.line(2, "kind: object")
			g.fields(2, 1+g.r.IntN(4))
		}
	}
	g.line(0, "events:")
	used := map[string]bool{}
	for range 1 + g.r.IntN(4) {
		e := g.name(hostileEvents, "event%d")
		if used[e] {
			continue
		}
		used[e] = true
		g.line(1, "%s:", strconv.Quote(e))
		if g.r.IntN(5) == 0 {
			g.line(2, "go_name: %s", g.pick([]string{"Ping", "Event", "TypePath", "Custom", "Unknown", "X1"}))
		}
		if g.r.IntN(4) == 0 {
			g.line(2, "payload: {type: %s, nullable: %t}", strconv.Quote(g.typeExpr(3)), g.r.IntN(3) == 0)
			continue
		}
		g.fields(2, g.r.IntN(4))
	}
	return g.b.String()
}

// TestRandomSpecs is the property behind "lint succeeds ⇔ generate succeeds ⇔ the output compiles": it
// generates random specs whose names come from hostile alphabets, runs the whole pipeline on each, and
// requires that a refused spec is refused with positioned problems only, and that everything accepted
// builds, vets and passes its generated tests (every synthesized fixture decodes as the spec says) in a
// scratch module. -prop.specs and -prop.seed choose how many specs and which.
func TestRandomSpecs(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("the go command is needed to build generated code: %v", err)
	}
	count := *propSpecs
	if testing.Short() {
		count = min(count, 10)
	}
	dir := t.TempDir()
	g := &specGen{r: rand.New(rand.NewPCG(*propSeed, 0x5eed))}
	var accepted []string
	refused := 0
	for i := range count {
		name := fmt.Sprintf("p%d", i)
		path := filepath.Join(dir, name+".yaml")
		text := g.spec(name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := generator.Run(generator.Config{Specs: []string{path}})
		var list spec.ErrorList
		switch {
		case err == nil:
			accepted = append(accepted, path)
		case errors.As(err, &list):
			refused++
			if testing.Verbose() {
				t.Logf("spec %d refused:\n%v", i, list)
			}
			for _, e := range list {
				if !positioned.MatchString(e.Error()) || strings.Contains(e.Msg, "a bug in eventgen") {
					t.Errorf("spec %d: an unpositioned problem or an emitter failure: %v\n%s", i, e, text)
				}
			}
		default:
			t.Errorf("spec %d: Run failed without spec problems: %v\n%s", i, err, text)
		}
	}
	t.Logf("%d random specs (seed %d): %d accepted, %d refused with positioned problems", count, *propSeed, len(accepted), refused)
	if len(accepted) == 0 {
		t.Fatal("no random spec was accepted: the generator of specs is too hostile to test the output")
	}
	// The packages go into a module of their own that requires eventgen (replaced by this working
	// tree), as a user's would.
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	set, err := generator.Run(generator.Config{Specs: accepted, ImportPath: "example.com/prop/gen"})
	if err != nil {
		t.Fatalf("Run of the accepted specs together: %v", err)
	}
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "module example.com/prop\n\ngo 1.26\n\nrequire github.com/eventgen/eventgen v0.0.0\n\nreplace github.com/eventgen/eventgen => "+repo+"\n")
	if _, err := set.Write(filepath.Join(root, "gen")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOSUMDB=off", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s of %d generated packages: %v\n%s", strings.Join(args, " "), len(accepted), err, out)
		}
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
