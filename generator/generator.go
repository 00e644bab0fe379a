// Package generator runs the pipeline that turns spec files into generated code:
// load → build the IR → emit → collect the output. Run is the only place that knows the stage order.
package generator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

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
}

// Emitter turns one platform's IR into files; each output format is one emitter.
type Emitter func(*ir.Platform) ([]output.File, error)

// Emitters are the output formats, in the order they run.
var Emitters = []Emitter{golang.Emit, openapi.Emit, fixtures.Emit}

// Site renders the published API docs of all platforms at once, after the per-platform emitters; the
// site owns the directory docs.Dir.
var Site = docs.Emit

// Run loads every spec, builds its IR, runs every emitter, renders the docs site, and returns the
// complete output. It reports the problems of all specs at once: a spec.ErrorList for spec problems,
// sorted by position.
func Run(cfg Config) (*output.Set, error) {
	platforms, err := Load(cfg.Specs)
	if err != nil {
		return nil, err
	}
	set := &output.Set{}
	for _, p := range platforms {
		for _, emit := range Emitters {
			files, err := emit(p)
			if err != nil {
				return nil, emitterBug(p, err)
			}
			set.Add(p.Name, files...)
		}
	}
	site, err := Site(platforms)
	if err != nil {
		return nil, emitterBug(platforms[0], err)
	}
	set.Add(docs.Dir, site...)
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
