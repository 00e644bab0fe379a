package scalespec_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/eventgen/eventgen/generator"
	"github.com/eventgen/eventgen/generator/internal/scalespec"
)

// TestSpecGenerates proves that a synthetic spec passes every check and generates: n events, each with
// its example.
func TestSpecGenerates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scale.yaml")
	if err := os.WriteFile(path, scalespec.Spec("scale", 3), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := generator.Load([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(ps[0].WireEvents()); got != 3 {
		t.Fatalf("%d events, want 3", got)
	}
	for _, ev := range ps[0].WireEvents() {
		if len(ev.Examples) != 1 || len(ev.PayloadFields(ps[0].Envelope)) != 5 {
			t.Errorf("event %s: %d examples, %d members; want 1 and 5", ev.Name, len(ev.Examples), len(ev.PayloadFields(ps[0].Envelope)))
		}
	}
	if _, err := generator.Run(generator.Config{Specs: []string{path}}); err != nil {
		t.Fatal(err)
	}
}
