package spec

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// The name patterns of the language; spec/schema.json says the same (a test proves it).
const (
	// PlatformNamePattern is the form of platform and package names: they name a directory and a Go package.
	PlatformNamePattern = `^[a-z][a-z0-9]*$`
	// GoNamePattern is the form of type names and of what go_name may say: an exported ASCII identifier
	// without underscores. The generator derives its own helper names with underscores, so no name of
	// the spec can collide with them.
	GoNamePattern = `^[A-Z][A-Za-z0-9]*$`
)

var (
	platformName = regexp.MustCompile(PlatformNamePattern)
	goName       = regexp.MustCompile(GoNamePattern)
)

// ReservedPlatforms are the names a platform may not take: its package directory would be one that
// the generator or the runtime uses itself, or one that the go command treats specially.
var ReservedPlatforms = []string{"docs", "internal", "testdata", "vendor", "webhook", "wire"}

// Outputs are the kinds of output eventgen can generate for a platform, in the order it generates them:
// the Go package ("go"), its generated tests and their fixtures ("tests"), the OpenAPI document
// ("openapi") and the platform's pages of the docs site ("docs"). A spec's platform.outputs, or the
// run's --outputs, chooses among them; all of them by default.
var Outputs = []string{"go", "tests", "openapi", "docs"}

// outputNeeds says which output each output needs: the tests are compiled with the package, and the docs
// pages link to the OpenAPI document they are rendered from.
var outputNeeds = map[string]string{"tests": "go", "docs": "openapi"}

// CheckOutputs returns what is wrong with a choice of outputs, one message a problem: none chosen, an
// unknown or repeated name, or an output chosen without the one it needs.
func CheckOutputs(names []string) []string {
	if len(names) == 0 {
		return []string{fmt.Sprintf("choose at least one of %s", strings.Join(Outputs, ", "))}
	}
	var msgs []string
	seen := map[string]bool{}
	for _, n := range names {
		switch {
		case !slicesContains(Outputs, n):
			msgs = append(msgs, fmt.Sprintf("unknown output %q; the outputs are %s", n, strings.Join(Outputs, ", ")))
		case seen[n]:
			msgs = append(msgs, fmt.Sprintf("output %q is listed twice", n))
		}
		seen[n] = true
	}
	for _, n := range Outputs {
		if need, ok := outputNeeds[n]; ok && seen[n] && !seen[need] {
			msgs = append(msgs, fmt.Sprintf("output %q needs %q: add it", n, need))
		}
	}
	return msgs
}

// goKeywords are the words a package may not be named.
var goKeywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
	"struct", "switch", "type", "var"}

// kindKeys lists the keys that only make sense for one kind of named type.
var kindKeys = map[string][]string{
	"object":  {"fields", "include", "all_or_none"},
	"enum":    {"base", "closed", "values"},
	"union":   {"discriminator", "variants"},
	"oneof":   {"kinds"},
	"time":    {"layouts", "fraction_separators", "zone", "unix"},
	"string":  {"min_length", "max_length", "max_bytes", "pattern", "format"},
	"integer": {"minimum", "maximum", "format"},
	"number":  {"minimum", "maximum", "format"},
}

// jsonKinds are the JSON kinds a oneof may list.
var jsonKinds = []string{"array", "boolean", "number", "object", "string"}

// check runs the syntax checks that need no name resolution.
func check(f *File, errs *ErrorList) {
	p := &f.Platform
	_, named := p.At["name"]
	switch {
	case !named: // reported as a missing key
	case !platformName.MatchString(p.Name):
		errs.Add(p.At.Of("name", p.Pos), "platform name %q: want lower-case letters and digits, starting with a letter", p.Name)
	case slicesContains(ReservedPlatforms, p.Name):
		errs.Add(p.At.Of("name", p.Pos), "platform name %q is reserved (the generator uses %s/ itself); set another name", p.Name, p.Name)
	case len(p.Name) > 64:
		errs.Add(p.At.Of("name", p.Pos), "platform name %q: longer than 64 characters", p.Name)
	}
	if _, set := p.At["package"]; set {
		switch {
		case !platformName.MatchString(p.Package):
			errs.Add(p.At.Of("package", p.Pos), "package %q: want lower-case letters and digits, starting with a letter", p.Package)
		case slicesContains(goKeywords, p.Package) || p.Package == "main":
			errs.Add(p.At.Of("package", p.Pos), "package %q: a Go keyword or main cannot name an importable package", p.Package)
		}
	}
	if _, set := p.At["outputs"]; set {
		for _, msg := range CheckOutputs(p.Outputs) {
			errs.Add(p.At.Of("outputs", p.Pos), "platform outputs: %s", msg)
		}
	}
	if _, set := p.At["version"]; set && strings.TrimSpace(p.Version) == "" {
		errs.Add(p.At.Of("version", p.Pos), "platform version is empty")
	}
	if d := f.Delivery; d != nil {
		checkDelivery(d, errs)
	}
	if c := f.CloudEvents; c != nil {
		checkCloudEvents(c, errs)
	}
	if e := f.Envelope; e != nil {
		for _, key := range []string{"discriminator", "payload", "batch"} {
			path := map[string]string{"discriminator": e.Discriminator, "payload": e.Payload, "batch": e.Batch}[key]
			if path != "" && slicesContains(strings.Split(path, "."), "") {
				errs.Add(e.At.Of(key, e.Pos), "envelope %s %q: empty path segment", key, path)
			}
		}
		checkFields(e.Fields, errs)
	}
	for _, t := range f.Types {
		checkType(t.Key, t.Pos, &t.Value, errs)
	}
	for _, ev := range f.Events {
		checkGoName(ev.Value.At, ev.Pos, ev.Value.GoName, fmt.Sprintf("event %q", ev.Key), errs)
		checkFields(ev.Value.Fields, errs)
		if pl := ev.Value.Payload; pl != nil {
			checkFields(Map[Field]{{Key: "payload", Value: *pl, Pos: ev.Value.At.Of("payload", ev.Pos)}}, errs)
		}
		for _, ex := range ev.Value.Examples {
			if err := jsonSyntax(ex.JSON); err != "" {
				errs.Add(ex.At.Of("json", ex.Pos), "event %q: example %q: json is not valid JSON: %s", ev.Key, ex.Name, err)
			}
		}
	}
}

// jsonSyntax returns why text is not one JSON value, with the line and column inside text, or "".
func jsonSyntax(text string) string {
	var v any
	err := json.Unmarshal([]byte(text), &v)
	var serr *json.SyntaxError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &serr):
		at := max(int(serr.Offset)-1, 0) // the offending byte: the error comes after reading it
		line := 1 + strings.Count(text[:at], "\n")
		col := at - strings.LastIndex(text[:at], "\n")
		return fmt.Sprintf("%v (line %d, column %d of the json)", err, line, col)
	}
	return err.Error()
}

func checkType(name string, pos Pos, t *TypeDef, errs *ErrorList) {
	if !isTypeName(name) {
		errs.Add(pos, "type name %q: want UpperCamelCase letters and digits", name)
	}
	own, ok := kindKeys[t.Kind]
	if t.Kind == "" {
		return // reported as a missing key
	}
	if !ok {
		errs.Add(t.At.Of("kind", t.Pos), "type %q: unknown kind %q (want object, enum, union, oneof, time, string, integer or number)", name, t.Kind)
		return
	}
	for kind, keys := range kindKeys {
		for _, key := range keys {
			if _, set := t.At[key]; set && kind != t.Kind && !slicesContains(own, key) {
				errs.Add(t.At[key], "type %q: key %q does not apply to kind %s", name, key, t.Kind)
			}
		}
	}
	switch t.Kind {
	case "object":
		checkFields(t.Fields, errs)
	case "enum":
		if t.Base != "" && t.Base != "string" && t.Base != "integer" {
			errs.Add(t.At.Of("base", t.Pos), "enum %q: base %q: want string or integer", name, t.Base)
		}
		if len(t.Values) == 0 {
			errs.Add(t.Pos, "enum %q has no values", name)
		}
		for _, v := range t.Values {
			checkGoName(v.At, v.Pos, v.GoName, fmt.Sprintf("enum %q value", name), errs)
		}
	case "union":
		if t.Discriminator == "" {
			errs.Add(t.Pos, "union %q: missing discriminator", name)
		}
		if len(t.Variants) == 0 {
			errs.Add(t.Pos, "union %q has no variants", name)
		}
	case "string":
		if t.Pattern != "" {
			if _, err := regexp.Compile(t.Pattern); err != nil {
				errs.Add(t.At.Of("pattern", t.Pos), "type %q: pattern: %v", name, err)
			}
		}
	case "oneof":
		for _, k := range t.Kinds {
			if !slicesContains(jsonKinds, k.Key) {
				errs.Add(k.Pos, "oneof %q: unknown JSON kind %q (want %s)", name, k.Key, strings.Join(jsonKinds, ", "))
			}
			checkTypeExpr(k.Value.Type, k.Value.At.Of("type", k.Value.Pos), errs)
		}
		if len(t.Kinds) < 2 {
			errs.Add(t.Pos, "oneof %q: list at least two JSON kinds", name)
		}
	case "time":
		switch {
		case len(t.Layouts) > 0 && t.Unix != "":
			errs.Add(t.Pos, "time %q: give layouts or unix, not both", name)
		case len(t.Layouts) == 0 && t.Unix == "":
			errs.Add(t.Pos, "time %q: give layouts or unix", name)
		case t.Unix != "" && t.Unix != "seconds" && t.Unix != "milliseconds":
			errs.Add(t.At.Of("unix", t.Pos), "time %q: unix %q: want seconds or milliseconds", name, t.Unix)
		case t.Unix != "" && len(t.FractionSeparators) > 0:
			errs.Add(t.At.Of("fraction_separators", t.Pos), "time %q: fraction_separators apply to layouts only", name)
		}
		for _, sep := range t.FractionSeparators {
			if len(sep) != 1 || !strings.Contains(".,:", sep) {
				errs.Add(t.At.Of("fraction_separators", t.Pos), "time %q: fraction separator %q: want one of \".\", \",\" or \":\"", name, sep)
			}
		}
	}
}

func checkFields(fields Map[Field], errs *ErrorList) {
	for _, f := range fields {
		checkTypeExpr(f.Value.Type, f.Value.At.Of("type", f.Pos), errs)
		checkGoName(f.Value.At, f.Pos, f.Value.GoName, fmt.Sprintf("field %q", f.Key), errs)
		if f.Value.Pattern != "" {
			if _, err := regexp.Compile(f.Value.Pattern); err != nil {
				errs.Add(f.Value.At.Of("pattern", f.Pos), "field %q: pattern: %v", f.Key, err)
			}
		}
	}
}

// checkGoName checks a go_name key where it is set.
func checkGoName(at Positions, pos Pos, name, what string, errs *ErrorList) {
	if _, set := at["go_name"]; set && !goName.MatchString(name) {
		errs.Add(at.Of("go_name", pos), "%s: go_name %q: want an exported Go identifier of ASCII letters and digits (UpperCamelCase)", what, name)
	}
}

func checkTypeExpr(s string, pos Pos, errs *ErrorList) {
	if s == "" {
		return // reported as a missing key
	}
	if _, err := ParseTypeExpr(s); err != nil {
		errs.Add(pos, "%v", err)
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// signatures are the signature schemes a delivery may declare.
var signatures = []string{"standard-webhooks"}

// checkDelivery checks the verification a delivery declares: member paths, the signature scheme, and that
// each handshake token place names exactly one place.
func checkDelivery(d *Delivery, errs *ErrorList) {
	if d.Signature != "" && !slicesContains(signatures, d.Signature) {
		errs.Add(d.At.Of("signature", d.Pos), "delivery signature %q: want one of %s", d.Signature, strings.Join(signatures, ", "))
	}
	if d.ID != "" && slicesContains(strings.Split(d.ID, "."), "") {
		errs.Add(d.At.Of("id", d.Pos), "delivery id %q: empty path segment", d.ID)
	}
	if s := d.Secret; s != nil && slicesContains(strings.Split(s.Member, "."), "") {
		errs.Add(s.At.Of("member", s.Pos), "delivery secret member %q: empty path segment", s.Member)
	}
	if h := d.Handshake; h != nil {
		for _, p := range h.Token {
			n := 0
			for _, set := range []bool{p.Header != "", p.Query != "", p.Member != "", p.Form != "", p.Body} {
				if set {
					n++
				}
			}
			if n != 1 {
				errs.Add(p.Pos, "handshake token place: set exactly one of header, query, member, form, body")
			}
			if p.Member != "" && slicesContains(strings.Split(p.Member, "."), "") {
				errs.Add(p.Pos, "handshake token member %q: empty path segment", p.Member)
			}
		}
	}
}
