package docs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Extensions of the documents the site reads (written by package openapi).
const (
	extOpenEnum         = "x-eventgen-open-enum"
	extExtensibleEnum   = "x-extensible-enum"
	extEnumDescriptions = "x-enumDescriptions"
	extGroups           = "x-eventgen-groups"
	extChannels         = "x-eventgen-channels"
	extMapping          = "x-eventgen-discriminator-mapping"
	extDiscriminator    = "x-eventgen-discriminator-path"
	extPayload          = "x-eventgen-payload-path"
	extDefaultMapping   = "x-eventgen-default-mapping"
	extSubtype          = "x-eventgen-subtype"
	extAbsent           = "x-eventgen-absent-event"
	extSpec             = "x-eventgen-spec"
	extMaxBytes         = "x-eventgen-max-bytes"
	extServerGenerated  = "x-eventgen-server-generated"
	extTimeLayouts      = "x-eventgen-time-layouts"
	extUnix             = "x-eventgen-unix"
	extZone             = "x-eventgen-time-zone"
)

// ext decodes the extension key into out, through JSON, so that a document built in memory (Go values
// such as openapi3.MappingRef) and one loaded from JSON (generic values) read alike. It reports whether
// the extension is present and decodes.
func ext(exts map[string]any, key string, out any) bool {
	v, ok := exts[key]
	if !ok {
		return false
	}
	data, err := json.Marshal(v)
	return err == nil && json.Unmarshal(data, out) == nil
}

// sortedKeys returns the keys of a map in order: the documents' maps carry no order of their own.
func sortedKeys[M ~map[string]V, V any](m M) []string {
	return slices.Sorted(maps.Keys(m))
}

const schemaPrefix = "#/components/schemas/"

// refName returns the component name of a schema reference.
func refName(ref string) string { return strings.TrimPrefix(ref, schemaPrefix) }

// anchor makes an element id: prefix and name, with characters other than letters, digits, '_', '-'
// and '.' replaced, so that ids are also plain URL fragments.
func anchor(prefix, name string) string {
	return prefix + "-" + strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			return r
		}
		return '_'
	}, name)
}

// plain renders Markdown inline text as plain text: without ** and backticks, whitespace collapsed.
func plain(md string) string {
	md = strings.ReplaceAll(md, "**", "")
	md = strings.ReplaceAll(md, "`", "")
	return strings.Join(strings.Fields(md), " ")
}

// firstParagraph returns the first paragraph of a Markdown text as plain text.
func firstParagraph(md string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(md), "\n\n")
	return plain(first)
}

// excerpt shortens text to at most n bytes, at a word boundary, marking the cut with an ellipsis.
func excerpt(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return strings.TrimRight(text[:cut], " ,;:.") + " …"
}

// prettyJSON renders a value as indented JSON, keeping "<", ">" and "&" as they are (the template
// escapes them for HTML).
func prettyJSON(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(asRead(v)); err != nil {
		return "", err
	}
	return strings.TrimRight(buf.String(), "\n"), nil
}

// asRead returns v as a reader of the published document sees it: every number a float64, as the
// document loader decodes it. A document built in memory keeps the literals (1583767519.497000000 in a
// JAICP example); reading them the same way keeps the site a function of the published document.
func asRead(v any) any {
	switch x := v.(type) {
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = asRead(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = asRead(e)
		}
		return out
	}
	return v
}

// compactJSON renders a value as one line of JSON.
func compactJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(asRead(v)); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimRight(buf.String(), "\n")
}

// valueText renders an enum value or a constant: strings as they are, anything else as JSON.
func valueText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return compactJSON(v)
}

// number renders a float keyword without a needless fraction.
func number(f float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%g", f), ".0")
}
