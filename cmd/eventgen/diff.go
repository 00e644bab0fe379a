package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/eventgen/eventgen/generator/diff"
)

// diffCmd compares two versions of a spec: eventgen diff [--format text|json] [--fail-on S] OLD NEW.
func diffCmd(args []string, stdout, stderr io.Writer) error {
	fs := flags("diff", "diff [--format text|json] [--fail-on breaking|warning|any] OLD NEW",
		"OLD and NEW are spec files, or REF:path to read a file from git (git show REF:path, in the current\n"+
			"directory's repository). Prints one line per change: severity, rule id, the old and the new\n"+
			"position (- for the side an addition or removal lacks), and what changed. The rules and their\n"+
			"severities are listed in generator/diff/README.md.\n\n"+
			"Exit status: 0 when no change is at or above --fail-on, 1 when some is, 2 for usage or load errors.\n",
		stdout, stderr)
	format := fs.String("format", "text", "output format: text or json")
	failOn := fs.String("fail-on", "breaking", "lowest severity that makes the exit status 1: breaking, warning or any")
	if err := parse(fs, args, stdout, 2, 2); err != nil {
		return err
	}
	min, ok := diff.ParseSeverity(*failOn)
	if !ok || *failOn == "info" {
		fmt.Fprintf(stderr, "eventgen diff: --fail-on must be breaking, warning or any, not %q\n", *failOn)
		return errUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "eventgen diff: --format must be text or json, not %q\n", *format)
		return errUsage
	}
	var sides [2]*diff.Spec
	for i, arg := range fs.Args() {
		data, err := readSpec(arg)
		if err == nil {
			sides[i], err = diff.Parse(arg, data)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			return errUsage
		}
	}
	changes := diff.Compare(sides[0], sides[1])
	write := diff.WriteText
	if *format == "json" {
		write = diff.WriteJSON
	}
	if err := write(stdout, changes); err != nil {
		return err
	}
	if n := diff.Count(changes, min); n > 0 {
		return fmt.Errorf("eventgen diff: %d of %d changes at or above %s", n, len(changes), *failOn)
	}
	return nil
}

// readSpec reads a spec file, or REF:path from git when no file of that name exists.
func readSpec(arg string) ([]byte, error) {
	data, err := os.ReadFile(arg)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return data, err
	}
	ref, path, ok := strings.Cut(arg, ":")
	if !ok || ref == "" || path == "" {
		return nil, err
	}
	cmd := exec.Command("git", "show", ref+":"+path)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errOut.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%s: git show: %s", arg, msg)
	}
	return out.Bytes(), nil
}
