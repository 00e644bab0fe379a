package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the cmp files inside the test scripts with the actual output")

// TestMain makes the test binary double as eventgen: testscript puts it on the scripts' PATH under that
// name, and running it as eventgen calls main (which calls run and exits with its status).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"eventgen": main})
}

// TestScripts runs testdata/script/*.txtar. $SPECDIR is the repository's spec directory, for scripts
// that copy a real spec into their work directory. Run with -update to rewrite cmp files.
func TestScripts(t *testing.T) {
	specDir, err := filepath.Abs("../../spec")
	if err != nil {
		t.Fatal(err)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SPECDIR", specDir)
			env.Setenv("REPO", repo) // the working tree, for scripts that use eventgen as a module
			for _, v := range []string{"HOME", "GOPATH", "GOMODCACHE", "GOCACHE", "PATH"} {
				if val, ok := os.LookupEnv(v); ok {
					env.Setenv(v, val)
				}
			}
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){"exitcode": exitcode},
	})
}

// exitcode runs a program like exec and requires its exact exit status: `exitcode 2 eventgen bogus`.
// Its stdout and stderr are then checked with the usual stdout and stderr commands.
func exitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode STATUS program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: status %q is not a number", args[0])
	}
	got := 0
	var exit *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case errors.As(err, &exit):
		got = exit.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
