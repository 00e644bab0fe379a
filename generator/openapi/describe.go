package openapi

import (
	"fmt"
	"strings"
)

// prose builds a Markdown description: the spec's text, then notes the generator adds (layouts,
// byte limits, open-enum and unknown-variant semantics), then the spec's discrepancies and source,
// each under a bold label so that a reader can tell vendor facts from recorded contradictions.
type prose struct {
	text          string
	notes         []string
	discrepancies []string
	source        string
}

// note appends a paragraph; empty paragraphs are dropped.
func (p *prose) note(format string, args ...any) {
	if s := strings.TrimSpace(fmt.Sprintf(format, args...)); s != "" {
		p.notes = append(p.notes, s)
	}
}

// String renders the description; it is "" when there is nothing to say.
func (p prose) String() string {
	var parts []string
	if t := strings.TrimSpace(p.text); t != "" {
		parts = append(parts, t)
	}
	parts = append(parts, p.notes...)
	if len(p.discrepancies) > 0 {
		parts = append(parts, "**Discrepancies in the vendor document:**\n\n"+bullets(p.discrepancies))
	}
	if s := strings.TrimSpace(p.source); s != "" {
		parts = append(parts, "**Source:** "+s)
	}
	return escapeHTML(strings.Join(parts, "\n\n"))
}

// escapeHTML makes text Markdown-safe: outside code spans and fenced blocks, a "<" is escaped with a
// backslash, so that renderers that pass HTML through (Redocly, Swagger UI) show the text, e.g.
// {"eventType": "<event name>"}, instead of taking <event name> for a tag and dropping it. A "<"
// already escaped is left alone, so that nested descriptions are not escaped twice.
func escapeHTML(text string) string {
	lines := strings.Split(text, "\n")
	fenced := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		if fenced != "" {
			if strings.HasPrefix(trimmed, fenced) && strings.Trim(trimmed, "`") == "" {
				fenced = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") {
			fenced = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, "`"))]
			continue
		}
		lines[i] = escapeLine(line)
	}
	return strings.Join(lines, "\n")
}

// escapeLine escapes "<" outside the code spans of one line.
func escapeLine(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '`':
			n := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
			run := line[i : i+n]
			if end := closingRun(line[i+n:], n); end >= 0 {
				b.WriteString(line[i : i+n+end+n])
				i += n + end + n
				continue
			}
			b.WriteString(run)
			i += n
		case c == '\\' && i+1 < len(line):
			b.WriteString(line[i : i+2])
			i += 2
		case c == '<':
			b.WriteString(`\<`)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// closingRun returns where a run of exactly n backticks starts in s, or -1.
func closingRun(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		m := len(s[i:]) - len(strings.TrimLeft(s[i:], "`"))
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// bullets renders items as a Markdown list, indenting continuation lines under their bullet.
func bullets(items []string) string {
	lines := make([]string, len(items))
	for i, it := range items {
		sub := strings.Split(strings.TrimSpace(it), "\n")
		for j := 1; j < len(sub); j++ {
			if sub[j] != "" {
				sub[j] = "  " + sub[j]
			}
		}
		lines[i] = "- " + strings.Join(sub, "\n")
	}
	return strings.Join(lines, "\n")
}

// code quotes s as Markdown inline code.
func code(s string) string {
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}

// codeList renders values as comma-separated inline code.
func codeList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = code(v)
	}
	return strings.Join(q, ", ")
}

// deprecation words a spec deprecation ("Deprecated." or a sentence) for a description.
func deprecation(text string) string {
	if text == "" {
		return ""
	}
	if text == "Deprecated." {
		return "**Deprecated.**"
	}
	return "**Deprecated:** " + text
}

// item renders a list entry: a label, then the full description, which bullets indents under it.
func item(label string, d prose) string {
	if text := d.String(); text != "" {
		return label + ": " + text
	}
	return label
}
