package main

// --report: run the generated decoder over a corpus of captured payloads and print what the corpus says
// about the spec, aggregated: each kind of finding once per event type and JSON-pointer pattern (array
// indexes and map keys folded to *), with its count, one example and the spec edit it suggests.
//
// The generated decoder decides what each document is (its event type, Unknown, undecodable) and its
// Validate reports the problems it knows (missing required members, null, wrong kinds, constraints,
// values outside closed lists). What Validate deliberately accepts — members the spec does not declare,
// values of open enums and union discriminators it does not list — is found by walking the JSON
// against the spec's IR (--spec), which also gives every finding the position where the spec declares
// the member, type or event concerned.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/eventgen/eventgen/generated/wire"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// The kinds of findings, in the order the report lists them.
var findingKinds = []string{
	"undecodable", "unknown-event", "undeclared-member", "unknown-enum-value", "unknown-variant",
	"required-missing", "null-not-nullable", "wrong-kind", "duplicate-member", "constraint", "time-format",
	"all-or-none", "problem",
}

// finding is one line of the report: a kind of finding at one pointer pattern of one event type.
type finding struct {
	Kind       string   `json:"kind"`
	Event      string   `json:"event"`
	Pointer    string   `json:"pointer"`
	Value      string   `json:"value,omitempty"` // the unknown value, for unknown-enum-value and unknown-variant
	Count      int      `json:"count"`
	Example    string   `json:"example"`           // file:line of the first document it was found in
	Message    string   `json:"message,omitempty"` // the first problem, as Validate words it
	Suggestion string   `json:"suggestion"`
	Spec       string   `json:"spec,omitempty"` // where the spec declares what the suggestion edits
	Kinds      []string `json:"json_kinds,omitempty"`

	kinds map[string]bool
	sug   func(f *finding) (string, spec.Pos)
}

// report is the aggregate over a corpus.
type report struct {
	Files       int        `json:"files"`
	Documents   int        `json:"documents"`
	Events      int        `json:"events"`
	Unknown     int        `json:"unknown_events"`
	Undecodable int        `json:"undecodable"`
	Findings    []*finding `json:"findings"`

	byKey map[string]*finding
}

// reportSpec is the spec the corpus is checked against.
type reportSpec struct {
	file *spec.File
	p    *ir.Platform
}

// loadReportSpec loads the spec the generated package was generated from.
func loadReportSpec(path, platform string) (*reportSpec, error) {
	f, err := spec.Load(path)
	if err != nil {
		return nil, err
	}
	p, err := ir.Build(f)
	if err != nil {
		return nil, err
	}
	if p.Name != platform {
		return nil, fmt.Errorf("%s is the spec of %q, not of %q", path, p.Name, platform)
	}
	if p.Envelope == nil {
		return nil, fmt.Errorf("%s: %s has no envelope: nothing is decoded", path, p.Name)
	}
	return &reportSpec{file: f, p: p}, nil
}

// runReport builds and prints the report; it returns the exit status.
func runReport(p platform, name string, inputs []string, specPath, format string, stdout, stderr io.Writer) int {
	if specPath == "" {
		specPath = filepath.Join("spec", name+".yaml")
		if _, err := os.Stat(specPath); err != nil {
			fmt.Fprintf(stderr, "eventdecode: --report needs --spec (the spec of %s; %s not found)\n", name, specPath)
			return 2
		}
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "eventdecode: --format must be text or json, not %q\n", format)
		return 2
	}
	sp, err := loadReportSpec(specPath, name)
	if err != nil {
		fmt.Fprintln(stderr, "eventdecode:", err)
		return 2
	}
	files, err := expandInputs(inputs)
	if err != nil {
		fmt.Fprintln(stderr, "eventdecode:", err)
		return 1
	}
	r := &report{byKey: map[string]*finding{}}
	status := 0
	for _, file := range files {
		data, err := readInput(file)
		if err != nil {
			fmt.Fprintf(stderr, "eventdecode: %s: %v\n", displayName(file), err)
			status = 1
			continue
		}
		r.Files++
		r.addFile(p, sp, displayName(file), data)
	}
	if r.Undecodable > 0 {
		status = 1
	}
	r.finish()
	if format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			fmt.Fprintln(stderr, "eventdecode:", err)
			return 1
		}
		return status
	}
	r.writeText(stdout)
	return status
}

// payloadExts are the file name extensions a directory argument expands to.
var payloadExts = []string{".json", ".jsonl", ".ndjson"}

// expandInputs replaces each directory with the payload files under it (recursively, sorted).
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, a)
			continue
		}
		n := len(out)
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && slices.Contains(payloadExts, filepath.Ext(path)) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: no payload files (%s)", a, strings.Join(payloadExts, ", "))
		}
	}
	return out, nil
}

// maxReportInput bounds what one input may hold.
const maxReportInput = 64 << 20

func readInput(file string) ([]byte, error) {
	var r io.Reader = os.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxReportInput+1))
	if err == nil && len(data) > maxReportInput {
		err = fmt.Errorf("larger than %d bytes", maxReportInput)
	}
	return data, err
}

// addFile adds every document of one input.
func (r *report) addFile(p platform, sp *reportSpec, file string, data []byte) {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		start := dec.InputOffset()
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			return
		}
		at := file + ":" + strconv.Itoa(lineAt(data, start))
		if err != nil {
			r.Documents++
			r.undecodable(p, bytes.TrimSpace(data[start:]), err, at)
			return
		}
		r.Documents++
		r.addDocument(p, sp, raw, at)
	}
}

// lineAt returns the line of the first non-space byte at or after off.
func lineAt(data []byte, off int64) int {
	i := int(off)
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// undecodable records a document the generated decoder cannot read at all.
func (r *report) undecodable(p platform, doc []byte, err error, at string) {
	r.Undecodable++
	if _, _, derr := p.decode(doc); derr != nil {
		err = derr
	}
	ptr, msg, event := "", err.Error(), ""
	var de *wire.DecodeError
	if errors.As(err, &de) {
		ptr, msg, event = de.Pointer, de.Msg, de.EventType
	}
	r.add("undecodable", event, foldDigits(ptr), "", at, msg, func(*finding) (string, spec.Pos) {
		return "none: the payload is not JSON or has no readable event type", spec.Pos{}
	})
}

// addDocument decodes one document with the generated package and walks it against the spec.
func (r *report) addDocument(p platform, sp *reportSpec, doc []byte, at string) {
	evs, _, err := p.decode(doc)
	if err != nil {
		r.undecodable(p, doc, err, at)
		return
	}
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	root, err := parseJSON(d)
	if err != nil {
		r.undecodable(p, doc, err, at)
		return
	}
	w := &walker{r: r, sp: sp, at: at, patterns: map[string]string{}, objects: map[string]*owner{}, fields: map[string]*ir.Field{}}
	env := sp.p.Envelope
	items, prefixes := []any{root}, []string{""}
	if env.Batch != "" {
		obj, _ := root.(jobject)
		list, _ := obj.first(env.Batch).([]any)
		items, prefixes = list, nil
		for i := range list {
			prefixes = append(prefixes, "/"+pointerToken(env.Batch)+"/"+strconv.Itoa(i))
		}
		w.patterns["/"+pointerToken(env.Batch)] = "/" + pointerToken(env.Batch)
		w.batchRoot(obj)
	}
	for i, item := range items {
		var ev decoded
		if i < len(evs) {
			ev = evs[i]
		}
		r.Events++
		if ev.label == "Invalid" { // a batch item whose envelope cannot be read; the others decode
			for _, pr := range ev.found {
				r.add("undecodable", "Invalid", foldDigits(pr.Pointer), "", at, pr.Message, func(*finding) (string, spec.Pos) {
					return "none: the item is not an object or has no readable event type", spec.Pos{}
				})
			}
			continue
		}
		w.label = ev.label
		pat := ""
		if env.Batch != "" {
			pat = "/" + pointerToken(env.Batch) + "/*"
		}
		w.envelope(item, prefixes[i], pat, ev)
		for _, pr := range ev.found {
			w.problem(pr)
		}
	}
}

// add counts one occurrence of a finding.
func (r *report) add(kind, event, pattern, value, at, msg string, sug func(*finding) (string, spec.Pos)) *finding {
	key := strings.Join([]string{kind, event, pattern, value}, "\x00")
	f, ok := r.byKey[key]
	if !ok {
		f = &finding{Kind: kind, Event: event, Pointer: pattern, Value: value, Example: at, Message: msg, sug: sug, kinds: map[string]bool{}}
		r.byKey[key] = f
		r.Findings = append(r.Findings, f)
	}
	f.Count++
	return f
}

// finish sorts the findings and words their suggestions.
func (r *report) finish() {
	for _, f := range r.Findings {
		for k := range f.kinds {
			f.Kinds = append(f.Kinds, k)
		}
		slices.Sort(f.Kinds)
		var pos spec.Pos
		f.Suggestion, pos = f.sug(f)
		if pos.IsValid() {
			f.Spec = pos.String()
			f.Suggestion += " at " + f.Spec
		}
	}
	slices.SortFunc(r.Findings, func(a, b *finding) int {
		return cmp.Or(cmp.Compare(slices.Index(findingKinds, a.Kind), slices.Index(findingKinds, b.Kind)),
			strings.Compare(a.Event, b.Event), strings.Compare(a.Pointer, b.Pointer), strings.Compare(a.Value, b.Value))
	})
	if r.Findings == nil {
		r.Findings = []*finding{}
	}
}

func (r *report) writeText(w io.Writer) {
	fmt.Fprintf(w, "%d documents in %d files: %d events, %d of unknown types; %d undecodable; %d findings\n",
		r.Documents, r.Files, r.Events, r.Unknown, r.Undecodable, len(r.Findings))
	for _, f := range r.Findings {
		fmt.Fprintf(w, "\n%s %s %s", f.Kind, termSafe(cmp.Or(f.Event, "-")), termSafe(cmp.Or(f.Pointer, "/")))
		if f.Value != "" {
			fmt.Fprintf(w, " %s", termSafe(f.Value))
		}
		fmt.Fprintf(w, ": %d× (e.g. %s)\n", f.Count, termSafe(f.Example))
		if f.Message != "" {
			fmt.Fprintf(w, "  %s\n", termSafe(f.Message))
		}
		fmt.Fprintf(w, "  suggest: %s\n", termSafe(f.Suggestion))
	}
}

// termSafe escapes what payloads may smuggle into a terminal: control characters, invalid UTF-8 and
// other runes that do not print are written as Go escapes; everything else is kept as it is.
func termSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unicode.IsGraphic(r):
			q := strconv.QuoteRuneToGraphic(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// pointerToken escapes a member name as a JSON-pointer token.
func pointerToken(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

// foldDigits folds the all-digit tokens of a pointer (array indexes, as far as can be told) to *.
func foldDigits(ptr string) string {
	if ptr == "" {
		return ""
	}
	toks := strings.Split(ptr, "/")
	for i, t := range toks {
		if t != "" && strings.Trim(t, "0123456789") == "" {
			toks[i] = "*"
		}
	}
	return strings.Join(toks, "/")
}
