// Command eventgen generates Go packages (and the other outputs) from event catalogue specs.
//
//	eventgen generate [--out DIR] [--import-path PATH] [--outputs LIST] [--check] SPEC...
//	eventgen lint SPEC...
//	eventgen events SPEC...
//	eventgen diff [--format text|json] [--fail-on breaking|warning|any] OLD NEW
//	eventgen --version
//
// Exit status: 0 success, 1 failure (spec problems, stale output), 2 usage.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/eventgen/eventgen/generator"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `Usage: eventgen <command> [flags] SPEC...

Commands:
  generate  generate code from specs (--out DIR, --check); a directory stands for its *.yaml
  lint      check specs and report every problem
  events    list the events of specs: name, group, summary (tab-separated); with several
            specs each line starts with the platform
  diff      list the changes between two versions of a spec, by severity (OLD NEW; REF:path reads git)

Flags:
  --version  print eventgen's version and exit

Run 'eventgen <command> --help' for a command's flags and arguments.
`

// errUsage marks errors that exit with status 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "version") {
		fmt.Fprintln(stdout, version())
		return 0
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 0 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmds := map[string]func([]string, io.Writer, io.Writer) error{"generate": generate, "lint": lint, "events": events, "diff": diffCmd}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "eventgen: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, pflag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintln(stderr, err)
	return 1
}

// version is the module version eventgen was built from, as the go command recorded it: a release
// tag when installed with go install or go get -tool, "(devel)" in a checkout.
func version() string {
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	return "eventgen " + v + " " + runtime.Version()
}

// flags makes a command's flag set; its usage (synopsis, what the command does and its arguments,
// then the flags) goes to stdout for --help and stderr otherwise.
func flags(name, synopsis, about string, stdout, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: eventgen %s\n\n%s", synopsis, about)
		if fs.HasFlags() {
			fmt.Fprintf(fs.Output(), "\nFlags:\n%s", fs.FlagUsages())
		}
	}
	return fs
}

// parse parses args; bad flags and a wrong number of arguments are usage errors.
func parse(fs *pflag.FlagSet, args []string, stdout io.Writer, minArgs, maxArgs int) error {
	for _, a := range args {
		if a == "-h" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return pflag.ErrHelp
		}
	}
	if err := fs.Parse(args); err != nil {
		fmt.Fprintln(fs.Output(), "eventgen:", err)
		fs.Usage()
		return errUsage
	}
	if n := fs.NArg(); n < minArgs || maxArgs >= 0 && n > maxArgs {
		fmt.Fprintf(fs.Output(), "eventgen %s: want %s\n", fs.Name(), argCount(minArgs, maxArgs))
		fs.Usage()
		return errUsage
	}
	return nil
}

func argCount(lo, hi int) string {
	if lo == hi {
		return fmt.Sprintf("exactly %d spec file", lo)
	}
	return "at least one spec file"
}

func generate(args []string, stdout, stderr io.Writer) error {
	fs := flags("generate", "generate [--out DIR] [--import-path PATH] [--outputs LIST] [--check] SPEC...", `Generates, for every SPEC (a spec file; a directory stands for the *.yaml files in it), the Go
package DIR/<platform> (types, decoders, encoders, Validate, the catalogue), its OpenAPI document,
fixtures and generated tests, and the docs site DIR/docs for all of them. It lists what it created,
updated or removed.

The outputs are go (the package), tests (its generated tests and their fixtures), openapi (the
OpenAPI document) and docs (the platform's pages of the docs site); tests need go, and docs need
openapi. A spec chooses among them with platform.outputs, and --outputs chooses for every spec of
the run instead; by default all of them are generated. Files of an output no longer chosen that
eventgen wrote before are removed (and --check lists them).

The generated packages import DIR's import path, derived from the go.mod that encloses DIR, and the
runtime github.com/eventgen/eventgen/generated/wire. Only files eventgen wrote are ever overwritten
or removed (they are listed in each directory's eventgen.manifest, or are Go files with its header);
a run that fails changes nothing.

Exit status: 0 done (or, with --check, current); 1 spec problems, a failed write, or stale output.
`, stdout, stderr)
	out := fs.String("out", "generated", "the output root; each platform is written to DIR/<platform>")
	importPath := fs.String("import-path", "", "the import path of the output root (default: derived from the go.mod enclosing --out)")
	check := fs.Bool("check", false, "write nothing; fail, listing the differences, if the output root is not what would be generated")
	outputs := fs.StringSlice("outputs", nil, "the outputs to generate for every spec, comma-separated: go, tests, openapi, docs (default: what each spec's platform.outputs chooses, else all)")
	maxInput := maxInputFlag(fs)
	if err := parse(fs, args, stdout, 1, -1); err != nil {
		return err
	}
	maxInput()
	var chosen []string
	if fs.Changed("outputs") {
		chosen = *outputs
		if err := generator.CheckOutputs(chosen); err != nil {
			fmt.Fprintf(stderr, "eventgen generate: --outputs: %v\n", err)
			return errUsage
		}
	}
	specs, err := expand(fs.Args())
	if err != nil {
		return err
	}
	set, err := generator.Run(generator.Config{Specs: specs, Out: *out, ImportPath: *importPath, Outputs: chosen})
	if err != nil {
		return err
	}
	if *check {
		return set.Check(*out)
	}
	changes, err := set.Write(*out)
	if err != nil {
		return err
	}
	for _, c := range changes {
		fmt.Fprintln(stdout, c)
	}
	return nil
}

func lint(args []string, stdout, stderr io.Writer) error {
	fs := flags("lint", "lint SPEC...", `Checks every SPEC (a spec file; a directory stands for the *.yaml files in it) as generate would,
writing nothing, and prints every problem of every spec at once, sorted, in compiler style
(spec/x.yaml:12:5: message). A spec that lints clean generates, and its output compiles.

Exit status: 0 no problems; 1 problems.
`, stdout, stderr)
	maxInput := maxInputFlag(fs)
	if err := parse(fs, args, stdout, 1, -1); err != nil {
		return err
	}
	maxInput()
	specs, err := expand(fs.Args())
	if err != nil {
		return err
	}
	// lint runs the whole pipeline in memory, writing nothing: a spec that lints clean generates.
	_, err = generator.Run(generator.Config{Specs: specs})
	return err
}

func events(args []string, stdout, stderr io.Writer) error {
	fs := flags("events", "events SPEC...", `Lists the catalogue of each SPEC (a spec file; a directory stands for the *.yaml files in it) in
document order, one event a line: its name (the discriminator value on the wire), its group and its
summary, separated by tabs. With several specs each line starts with the platform's name.

Exit status: 0 listed; 1 spec problems.
`, stdout, stderr)
	maxInput := maxInputFlag(fs)
	if err := parse(fs, args, stdout, 1, -1); err != nil {
		return err
	}
	maxInput()
	specs, err := expand(fs.Args())
	if err != nil {
		return err
	}
	ps, err := generator.Load(specs)
	if err != nil {
		return err
	}
	for _, p := range ps {
		platform := ""
		if len(ps) > 1 {
			platform = p.Name + "\t"
		}
		for _, e := range p.Events {
			if e.Absent {
				continue // a label for bodies without an event type, not an event of the catalogue
			}
			group := ""
			if e.Group != nil {
				group = e.Group.Name
			}
			fmt.Fprintf(stdout, "%s%s\t%s\t%s\n", platform, e.Name, group, oneLine(e.Summary))
		}
	}
	return nil
}

// expand replaces each directory argument with the spec files (*.yaml) in it, sorted.
func expand(args []string) ([]string, error) {
	var specs []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			specs = append(specs, a)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(a, "*.yaml"))
		if err != nil {
			return nil, err
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no spec files (*.yaml)", a)
		}
		specs = append(specs, matches...) // Glob sorts
	}
	return specs, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
