package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// comment renders a doc comment: paragraphs wrapped at 100 columns, "Discrepancies in the vendor
// document" as a list, and the provenance line. Every generated exported identifier gets one.
func comment(first string, paras []string, discrepancies []string, source string) jen.Code {
	var b strings.Builder
	b.WriteString(wrap(first))
	for _, p := range paras {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("\n\n" + wrap(p))
		}
	}
	if len(discrepancies) > 0 {
		b.WriteString("\n\nDiscrepancies in the vendor document:")
		for _, d := range discrepancies {
			b.WriteString("\n  - " + strings.ReplaceAll(wrap(d), "\n", "\n    "))
		}
	}
	if source != "" {
		b.WriteString("\n\nSource: " + source)
	}
	return lineComment(b.String())
}

// lineComment renders text as "//" line comments: jennifer's own Comment switches to a /* */ block
// for multi-line text, which is not how Go doc comments are written.
func lineComment(text string) jen.Code {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l = strings.TrimRight(l, " "); l == "" {
			lines[i] = "//"
		} else {
			lines[i] = "// " + l
		}
	}
	return jen.Op(strings.Join(lines, "\n"))
}

// sentence makes "X is the ..." style openings: it returns desc with the name prepended when desc
// does not start with it already.
func sentence(name, fallback, desc string) string {
	desc = strings.TrimSpace(desc)
	if desc == "" {
		return fmt.Sprintf("%s %s", name, fallback)
	}
	first, rest, _ := strings.Cut(desc, "\n\n")
	if strings.HasPrefix(first, name+" ") {
		return desc
	}
	out := name + ": " + first
	if rest != "" {
		out += "\n\n" + rest
	}
	return out
}

// wrap folds text at 100 columns, keeping existing paragraph breaks; comment markers are added by
// jennifer. Lines are trimmed of trailing space so gofmt has nothing to do.
func wrap(text string) string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		words := strings.Fields(para)
		var line strings.Builder
		var lines []string
		for _, w := range words {
			if line.Len() > 0 && line.Len()+1+len(w) > 100 {
				lines = append(lines, line.String())
				line.Reset()
			}
			if line.Len() > 0 {
				line.WriteByte(' ')
			}
			line.WriteString(w)
		}
		if line.Len() > 0 {
			lines = append(lines, line.String())
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	return strings.Join(out, "\n\n")
}
