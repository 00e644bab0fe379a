// Command eventdecode decodes webhook payloads with the generated packages, for debugging: it prints
// each event's type as on the wire and every validation problem, or with --encode the re-encoded JSON.
//
//	eventdecode --platform P [--type UNION] [--encode] [--max-input SIZE] [FILE...|-]
//	eventdecode --platform P --report [--spec SPEC] [--format text|json] [FILE|DIR...|-]
//	eventdecode --platform P --post URL [--signing-secret S] FILE|DIR...
//
// Each input may hold several JSON documents one after another (e.g. one sample per line), and at most
// --max-input bytes (64 MiB unless raised). Event types, pointers and messages come from the input, so
// the tool prints them with control characters escaped (strconv.Quote's escapes): a payload cannot
// drive the terminal. Exit status:
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
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/eventgen/eventgen/cmd/internal/maxinput"
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
	typ := fs.String("type", "", "decode each document as one value of this union of the platform's package instead of a request\nbody: a value the vendor's other APIs return outside an event (the unions are listed above)")
	maxInput := maxinput.Size(defaultMaxInput)
	fs.Var(&maxInput, "max-input", "the most bytes to read from one input, e.g. 64MiB or 1G")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: eventdecode --platform P [--type UNION] [--encode] [--max-input SIZE] [FILE...|-]\n"+
			"       eventdecode --platform P --report [--spec SPEC] [--format text|json] [FILE|DIR...|-]\n"+
			"       eventdecode --platform P --post URL [--signing-secret S] FILE|DIR...\n\n"+
			"Decodes webhook payloads (from the files, or standard input) and prints one line per event: its\n"+
			"type as on the wire (nested unions joined by \"/\", unknown types as Unknown(<type>)), then each\n"+
			"validation problem as \"  /json/pointer: message\". With --encode it prints the re-encoded payload.\n"+
			"With --type the documents are values of a union, each printed as its discriminator value.\n\n"+
			"Unions (--type) by platform:\n%s\nFlags:\n%s",
			unionList(), fs.FlagUsages())
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
		fmt.Fprintf(stderr, "eventdecode: --platform must be one of %s\n", strings.Join(platformNames(), ", "))
		return 2
	}
	if *typ != "" {
		if *post != "" || *report {
			fmt.Fprintln(stderr, "eventdecode: --type goes with decoding and --encode, not with --report or --post")
			return 2
		}
		decode, ok := p.values[*typ]
		if !ok {
			fmt.Fprintf(stderr, "eventdecode: --type: %s has no union %q; its unions: %s\n", *name, *typ, orNone(slices.Sorted(maps.Keys(p.values))))
			return 2
		}
		p = platform{decode: decode}
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
		if err := decodeInput(p, in, *encode, int64(maxInput), stdin, stdout); err != nil {
			fmt.Fprintln(stderr, escape(fmt.Sprintf("eventdecode: %s: %v", displayName(in), err)))
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

// unionList lists, a line per platform that has any, the unions --type takes.
func unionList() string {
	var b strings.Builder
	for _, n := range platformNames() {
		if vs := platforms[n].values; len(vs) > 0 {
			fmt.Fprintf(&b, "  %-18s %s\n", n, strings.Join(slices.Sorted(maps.Keys(vs)), ", "))
		}
	}
	return b.String()
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func displayName(in string) string {
	if in == "-" {
		return "standard input"
	}
	return in
}

// defaultMaxInput is the default of --max-input: 64 MiB, far beyond any webhook body.
const defaultMaxInput = 64 << 20

// decodeInput decodes every JSON document of one input, printing as it goes; it returns the first
// document that could not be decoded. It reads at most limit bytes.
func decodeInput(p platform, in string, encode bool, limit int64, stdin io.Reader, stdout io.Writer) error {
	var data []byte
	var err error
	if in == "-" {
		data, err = maxinput.ReadAll(stdin, displayName(in), limit)
	} else {
		data, err = maxinput.ReadFile(in, limit)
	}
	var tooLarge *maxinput.TooLargeError
	if errors.As(err, &tooLarge) {
		return fmt.Errorf("larger than %s, the limit on an input (raise it with --max-input)", maxinput.Format(limit))
	}
	if err != nil {
		return err
	}
	if err := checkStart(data); err != nil {
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
			fmt.Fprintf(stdout, "%s\n", out) // JSON as encoded: control characters are escaped in it
			continue
		}
		for _, ev := range evs {
			fmt.Fprintln(stdout, escape(ev.label)) // quoted already where needed (see describe)
			for _, pr := range ev.problems {
				fmt.Fprintln(stdout, escape(pr))
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

// checkStart explains inputs that hold no JSON document at all, with the offset where the reading
// stopped: an empty input, one of whitespace only, and one that starts with a byte order mark (which
// JSON does not allow; editors on Windows add it).
func checkStart(data []byte) error {
	switch rest := bytes.TrimLeft(data, " \t\r\n"); {
	case len(data) == 0:
		return errors.New("empty input (offset 0): no JSON document")
	case bytes.HasPrefix(rest, []byte("\uFEFF")):
		return fmt.Errorf("byte order mark (U+FEFF) at offset %d: JSON text must not start with one; remove it", len(data)-len(rest))
	case len(rest) == 0:
		return fmt.Errorf("only whitespace up to offset %d: no JSON document", len(data))
	}
	return nil
}

// quoteIfNeeded returns s, or s quoted with strconv.Quote's escapes when it holds a character that is
// not printable (a control character such as ESC, or invalid UTF-8).
func quoteIfNeeded(s string) string {
	if printable(s) {
		return s
	}
	return strconv.Quote(s)
}

// escape returns s with every character that is not printable written as strconv.Quote writes it
// (\x1b, \u2028, \n ...), and the rest unchanged.
func escape(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || !strconv.IsPrint(r) {
			q := strconv.Quote(s[i : i+size])
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// printable reports whether s is valid UTF-8 made of printable characters only (spaces included).
func printable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			return false
		}
	}
	return true
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
