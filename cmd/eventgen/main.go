// Command eventgen generates Go packages (and the other outputs) from event catalogue specs.
//
//	eventgen generate [--out DIR] [--check] SPEC...
//	eventgen lint SPEC...
//	eventgen events SPEC
//
// Exit status: 0 success, 1 failure (spec problems, stale output), 2 usage.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/eventgen/eventgen/generator"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `Usage: eventgen <command> [flags] SPEC...

Commands:
  generate  generate code from specs (--out DIR, --check); a directory stands for its *.yaml
  lint      check specs and report every problem
  events    list the events of one spec: name, group, summary (tab-separated)

Run 'eventgen <command> --help' for a command's flags.
`

// errUsage marks errors that exit with status 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 0 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmds := map[string]func([]string, io.Writer, io.Writer) error{"generate": generate, "lint": lint, "events": events}
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

// flags makes a command's flag set; its usage goes to stdout for --help and stderr otherwise.
func flags(name, synopsis string, stdout, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: eventgen %s\n", synopsis)
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
	fs := flags("generate", "generate [--out DIR] [--check] SPEC...", stdout, stderr)
	out := fs.String("out", "generated", "the output root; each platform is written to DIR/<platform>")
	check := fs.Bool("check", false, "write nothing; fail if the output root differs from what would be generated")
	if err := parse(fs, args, stdout, 1, -1); err != nil {
		return err
	}
	specs, err := expand(fs.Args())
	if err != nil {
		return err
	}
	set, err := generator.Run(generator.Config{Specs: specs})
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
	fs := flags("lint", "lint SPEC...", stdout, stderr)
	if err := parse(fs, args, stdout, 1, -1); err != nil {
		return err
	}
	specs, err := expand(fs.Args())
	if err != nil {
		return err
	}
	_, err = generator.Load(specs)
	return err
}

func events(args []string, stdout, stderr io.Writer) error {
	fs := flags("events", "events SPEC", stdout, stderr)
	if err := parse(fs, args, stdout, 1, 1); err != nil {
		return err
	}
	ps, err := generator.Load(fs.Args())
	if err != nil {
		return err
	}
	for _, e := range ps[0].Events {
		if e.Absent {
			continue // a label for bodies without an event type, not an event of the catalogue
		}
		group := ""
		if e.Group != nil {
			group = e.Group.Name
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", e.Name, group, oneLine(e.Summary))
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
