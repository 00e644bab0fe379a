// Package generator runs the pipeline that turns spec files into generated code:
// load → build the IR → emit → collect the output. Run is the only place that knows the stage order.
package generator

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/eventgen/eventgen/generator/docs"
	"github.com/eventgen/eventgen/generator/fixtures"
	"github.com/eventgen/eventgen/generator/golang"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/openapi"
	"github.com/eventgen/eventgen/generator/output"
	"github.com/eventgen/eventgen/generator/spec"
)

// Config says what to generate.
type Config struct {
	// Specs are the spec files, one per platform.
	Specs []string
	// ImportPath is the import path of the output root: each platform's package is ImportPath/<name>.
	// When it is empty, it is derived from Out (see ImportPathOf); when both are empty, DefaultImportPath
	// is used (lint, which writes nothing, needs no real one).
	ImportPath string
	// Out is the output root, used to derive ImportPath.
	Out string
	// Outputs, when not nil, chooses the outputs of every platform (names of spec.Outputs; see
	// CheckOutputs), overriding what each spec chooses. Nil leaves the choice to the specs, and a spec
	// that chooses nothing gets every output.
	Outputs []string
}

// DefaultImportPath is the import path of this repository's output root, generated/.
const DefaultImportPath = ir.DefaultImportRoot

// Emitter turns one platform's IR into files; each output format is one emitter.
type Emitter func(*ir.Platform) ([]output.File, error)

// Emitters are the per-platform output formats, in the order they run, each under the name of the
// output (spec.Outputs) that chooses it.
var Emitters = []struct {
	Output string
	Emit   Emitter
}{
	{"go", golang.Emit},
	{"openapi", openapi.Emit},
	{"tests", fixtures.Emit},
}

// Site renders the published API docs of the platforms that choose the output "docs" at once, after
// the per-platform emitters; the site owns the directory docs.Dir.
var Site = docs.Emit

// CheckOutputs checks a run's choice of outputs (Config.Outputs) as a spec's platform.outputs is
// checked, and returns its problems as one error, or nil.
func CheckOutputs(names []string) error {
	if msgs := spec.CheckOutputs(names); len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "; "))
	}
	return nil
}

// outputsOf returns the outputs to generate for p: the run's choice, else the spec's, else all.
func outputsOf(cfg Config, p *ir.Platform) []string {
	switch {
	case cfg.Outputs != nil:
		return cfg.Outputs
	case p.Outputs != nil:
		return p.Outputs
	}
	return spec.Outputs
}

// Run loads every spec, builds its IR, runs every emitter, renders the docs site, and returns the
// complete output. It reports the problems of all specs at once: a spec.ErrorList for spec problems,
// sorted by position.
func Run(cfg Config) (*output.Set, error) {
	platforms, err := Load(cfg.Specs)
	if err != nil {
		return nil, err
	}
	prefix := cfg.ImportPath
	switch {
	case prefix == "" && cfg.Out != "":
		if prefix, err = ImportPathOf(cfg.Out); err != nil {
			return nil, err
		}
	case prefix == "":
		prefix = DefaultImportPath
	}
	if cfg.Outputs != nil {
		if err := CheckOutputs(cfg.Outputs); err != nil {
			return nil, err
		}
	}
	set := &output.Set{}
	var documented []*ir.Platform
	for _, p := range platforms {
		p.ImportPath = path.Join(prefix, p.Name)
		outputs := outputsOf(cfg, p)
		set.Add(p.Name) // even with nothing of its own in it: what eventgen wrote there before is stale
		for _, e := range Emitters {
			if !slices.Contains(outputs, e.Output) {
				continue
			}
			files, err := e.Emit(p)
			if err != nil {
				return nil, emitterBug(p, err)
			}
			set.Add(p.Name, files...)
		}
		if slices.Contains(outputs, "docs") {
			documented = append(documented, p)
		}
	}
	// The site lists the platforms that choose docs; without any, there is no site, and what eventgen
	// wrote under docs.Dir before is stale.
	set.Add(docs.Dir)
	if len(documented) > 0 {
		site, err := Site(documented)
		if err != nil {
			return nil, emitterBug(documented[0], err)
		}
		set.Add(docs.Dir, site...)
	}
	return set, nil
}

// Load parses and resolves specs, collecting every problem of every spec.
func Load(paths []string) ([]*ir.Platform, error) {
	var errs spec.ErrorList
	var platforms []*ir.Platform
	names := map[string]spec.Pos{} // platform name → where it is defined
	for _, path := range paths {
		p, at, err := loadOne(path)
		var list spec.ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
			continue
		case err != nil:
			return nil, err
		}
		if prev, dup := names[p.Name]; dup {
			errs.Add(at, "platform %q is also defined at %s", p.Name, prev)
			continue
		}
		names[p.Name] = at
		platforms = append(platforms, p)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return platforms, nil
}

// loadOne loads one spec; it also returns where the platform's name is written. When the spec has
// syntax problems but could be read, its IR is still built, so that one run reports the problems of
// every pass (an unknown key, an unknown type and an example that does not match, together).
func loadOne(path string) (*ir.Platform, spec.Pos, error) {
	f, err := spec.Load(path)
	var syntax spec.ErrorList
	switch {
	case errors.As(err, &syntax) && f != nil:
		if _, err := ir.Build(f); err != nil {
			var semantic spec.ErrorList
			if errors.As(err, &semantic) {
				syntax = append(syntax, semantic...)
			}
		}
		return nil, spec.Pos{}, syntax.Err()
	case err != nil:
		return nil, spec.Pos{}, err
	}
	p, err := ir.Build(f)
	if err != nil {
		return nil, spec.Pos{}, err
	}
	p.SpecPath = moduleRelative(path)
	return p, f.Platform.At.Of("name", f.Platform.Pos), nil
}

// moduleRelative names a spec by its path from the module root (the directory holding go.mod), so that
// provenance comments do not depend on where the generator was started; it falls back to the base name.
func moduleRelative(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Base(path)
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			rel, err := filepath.Rel(dir, abs)
			if err == nil {
				return filepath.ToSlash(rel)
			}
		}
		if filepath.Dir(dir) == dir {
			return filepath.Base(path)
		}
	}
}

// emitterBug positions an emitter's failure at the spec of its platform. Every check that a spec can
// fail runs while the IR is built, so an emitter that fails has a bug: the message says so, and keeps
// what the emitter said.
func emitterBug(p *ir.Platform, err error) error {
	return spec.ErrorList{{Pos: p.Pos,
		Msg: fmt.Sprintf("platform %q: the generator failed on a spec that passed its checks (a bug in eventgen; please report it with the spec): %v", p.Name, err)}}
}

// ImportPathOf returns the import path of directory dir: the path of the module whose go.mod encloses
// it, joined with dir's path inside the module. dir need not exist yet.
func ImportPathOf(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for root := abs; ; root = filepath.Dir(root) {
		mod, err := modulePath(filepath.Join(root, "go.mod"))
		switch {
		case err == nil:
			rel, err := filepath.Rel(root, abs)
			if err != nil {
				return "", err
			}
			return path.Join(mod, filepath.ToSlash(rel)), nil
		case !errors.Is(err, os.ErrNotExist):
			return "", err
		}
		if filepath.Dir(root) == root {
			return "", fmt.Errorf("no go.mod encloses %s: generate inside a Go module, or give the import path of the output directory with --import-path", dir)
		}
	}
}

// modulePath reads the module path of a go.mod file.
func modulePath(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '"') {
			continue
		}
		rest = strings.TrimSpace(rest)
		if unq, err := strconv.Unquote(rest); err == nil {
			rest = unq
		}
		if rest != "" {
			return rest, nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}
