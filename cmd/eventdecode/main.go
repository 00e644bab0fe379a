// Command eventdecode decodes webhook payloads with the generated packages, for debugging: it prints
// each event's type as on the wire and every validation problem, or with --encode the re-encoded JSON.
//
//	eventdecode --platform P [--encode] [FILE...|-]
//	eventdecode --platform P --report [--spec SPEC] [--format text|json] [FILE|DIR...|-]
//
// Each input may hold several JSON documents one after another (e.g. one sample per line). Exit status:
// 0 when every document decodes (problems are printed, not fatal), 1 when some document cannot be
// decoded at all (not JSON, no readable event type), 2 for usage errors. With --report it prints an
// aggregate over all inputs instead (see report.go); an unreadable input also exits with 1.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/eventgen/eventgen/generated/mluvii"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("eventdecode", pflag.ContinueOnError)
	// With ContinueOnError pflag prints nothing but the usage for --help, which belongs on stdout;
	// errors are printed below.
	fs.SetOutput(stdout)
	name := fs.String("platform", "", "the platform whose events to decode: "+strings.Join(platformNames(), ", "))
	encode := fs.Bool("encode", false, "print each payload re-encoded (lossless) instead of its events")
	report := fs.Bool("report", false, "print each finding (unknown type, undeclared member, unknown value, problem) once per event type and\nJSON-pointer pattern, with its count, an example and the spec edit it suggests; directories expand to\ntheir *.json, *.jsonl and *.ndjson files")
	specPath := fs.String("spec", "", "with --report: the spec the package was generated from (default spec/<platform>.yaml)")
	format := fs.String("format", "text", "with --report: text or json")
	post := fs.String("post", "", "POST each file (a directory: its *.json files) to `URL` as the platform would, and print the status")
	signing := fs.StringArray("signing-secret", nil, "with --post: sign the requests (Standard Webhooks) with this whsec_ secret")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: eventdecode --platform P [--encode] [FILE...|-]\n"+
			"       eventdecode --platform P --report [--spec SPEC] [--format text|json] [FILE|DIR...|-]\n"+
			"       eventdecode --platform P --post URL [--signing-secret S] FILE|DIR...\n\n"+
			"Decodes webhook payloads (from the files, or standard input) and prints one line per event: its\n"+
			"type as on the wire (nested unions joined by \"/\", unknown types as Unknown(<type>)), then each\n"+
			"validation problem as \"  /json/pointer: message\". With --encode it prints the re-encoded payload.\n\nFlags:\n%s",
			fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0 // pflag printed the usage
		}
		fmt.Fprintln(stderr, "eventdecode:", err)
		return 2
	}
	p, ok := platforms[*name]
	if !ok {
		if why, ok := catalogueOnly[*name]; ok {
			fmt.Fprintf(stderr, "eventdecode: %s has nothing to decode: %s\n", *name, why)
			return 1
		}
		fmt.Fprintf(stderr, "eventdecode: --platform must be one of %s\n", strings.Join(platformNames(), ", "))
		return 2
	}
	if *post != "" {
		return postFiles(*name, *post, *signing, fs.Args(), stdout, stderr)
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	if !*report && (*specPath != "" || *format != "text") {
		fmt.Fprintln(stderr, "eventdecode: --spec and --format go with --report")
		return 2
	}
	if *report {
		return runReport(p, *name, inputs, *specPath, *format, stdout, stderr)
	}
	status := 0
	for _, in := range inputs {
		if err := decodeInput(p, in, *encode, stdin, stdout); err != nil {
			fmt.Fprintf(stderr, "eventdecode: %s: %v\n", displayName(in), err)
			status = 1
		}
	}
	return status
}

func platformNames() []string {
	var names []string
	for n := range platforms {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func displayName(in string) string {
	if in == "-" {
		return "standard input"
	}
	return in
}

// decodeInput decodes every JSON document of one input, printing as it goes; it returns the first
// document that could not be decoded.
func decodeInput(p platform, in string, encode bool, stdin io.Reader, stdout io.Writer) error {
	var data []byte
	var err error
	if in == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(in)
	}
	if err != nil {
		return err
	}
	docs, err := splitDocuments(p, data)
	var failed error
	for _, doc := range docs {
		evs, out, derr := p.decode(doc)
		if derr != nil {
			failed = cmpErr(failed, derr)
			continue
		}
		if encode {
			fmt.Fprintf(stdout, "%s\n", out)
			continue
		}
		for _, ev := range evs {
			fmt.Fprintln(stdout, ev.label)
			for _, pr := range ev.problems {
				fmt.Fprintln(stdout, pr)
			}
		}
	}
	if err != nil {
		return err
	}
	return failed
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// splitDocuments cuts data into its top-level JSON documents. A document that is not JSON ends the
// split: the documents before it are returned with the error, which the platform's generated decoder
// words.
func splitDocuments(p platform, data []byte) ([][]byte, error) {
	var docs [][]byte
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var raw json.RawMessage
		start := dec.InputOffset()
		err := dec.Decode(&raw)
		if err == io.EOF {
			if len(docs) == 0 {
				return nil, errors.New("no JSON document in input")
			}
			return docs, nil
		}
		if err != nil {
			// Let the generated decoder describe the problem, with its JSON pointer.
			_, _, derr := p.decode(bytes.TrimSpace(data[start:]))
			if derr == nil {
				derr = err
			}
			return docs, derr
		}
		docs = append(docs, raw)
	}
}

// problemsOf renders a Validate error as "/pointer: message" lines.
func problemsOf(err error) []string {
	var ps mluvii.Problems
	if errors.As(err, &ps) {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Error()
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}
