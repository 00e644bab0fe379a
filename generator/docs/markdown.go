package docs

import (
	"html"
	"html/template"
	"strings"
)

// The descriptions of the OpenAPI documents are Markdown of a small, regular kind (package openapi's
// prose): paragraphs, "- " lists whose continuation lines are indented, "1. " lists, fenced code, and
// inline `code` and **bold**. markdown renders exactly that subset. Every piece of text is escaped; the
// only markup in the result is the markup this file writes, so the result is safe as template.HTML.
//
// Two labels the document uses get a class of their own, so that readers can tell a vendor fact from a
// recorded contradiction: a paragraph "**Discrepancies in the vendor document:**" is boxed together with
// the list that follows it, and a "**Source:** …" paragraph is set apart as provenance.

// discrepancyLabel starts the paragraph that introduces the discrepancies recorded in the spec.
const discrepancyLabel = "**Discrepancies in the vendor document:**"

// mdOptions tunes the rendering of one description.
type mdOptions struct {
	// omitList drops a top-level "- " list whose items start, in order, with exactly these values as
	// inline code: the list of an enum's values, which the page shows as a table instead.
	omitList []string
}

// markdown renders a description as HTML blocks.
func markdown(text string) template.HTML { return renderMarkdown(text, mdOptions{}) }

func renderMarkdown(text string, opt mdOptions) template.HTML {
	var b strings.Builder
	blocks(&b, splitLines(text), opt, true)
	return template.HTML(b.String()) //nolint:gosec // every text is escaped by inline or codeBlock
}

func splitLines(text string) []string {
	return strings.Split(strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n"), "\n")
}

// blocks renders a sequence of lines; top says whether they are a whole description (not a list item).
func blocks(b *strings.Builder, lines []string, opt mdOptions, top bool) {
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case strings.TrimSpace(line) == "":
			i++
		case fenceOf(line) != "":
			i = fenced(b, lines, i)
		case listMarker(line) != "":
			var items [][]string
			items, i = listItems(lines, i)
			if top && omitted(items, opt.omitList) {
				continue
			}
			list(b, items, opt, listMarker(line) != "- ")
		default:
			var para []string
			para, i = paragraph(lines, i)
			if strings.TrimSpace(strings.Join(para, " ")) == discrepancyLabel && i < len(lines) {
				i = discrepancies(b, lines, i, opt)
				continue
			}
			paragraphHTML(b, para)
		}
	}
}

// discrepancies renders the label and the block after it in one box; it returns the index after them.
func discrepancies(b *strings.Builder, lines []string, i int, opt mdOptions) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	var end int
	switch {
	case i == len(lines):
		end = i
	case listMarker(lines[i]) != "":
		_, end = listItems(lines, i)
	default:
		_, end = paragraph(lines, i)
	}
	b.WriteString(`<div class="discrepancies" role="note"><p class="label">Discrepancies in the vendor document</p>`)
	blocks(b, lines[i:end], mdOptions{}, false)
	b.WriteString("</div>\n")
	return end
}

func paragraphHTML(b *strings.Builder, para []string) {
	text := strings.TrimSpace(strings.Join(para, "\n"))
	if strings.HasPrefix(text, "**Source:**") {
		b.WriteString(`<p class="source">` + inline(text) + "</p>\n")
		return
	}
	b.WriteString("<p>" + inline(text) + "</p>\n")
}

// paragraph collects the lines of a paragraph starting at i; a blank line, a fence or a list ends it.
func paragraph(lines []string, i int) ([]string, int) {
	start := i
	for i < len(lines) {
		l := lines[i]
		if strings.TrimSpace(l) == "" || i > start && (fenceOf(l) != "" || listMarker(l) != "") {
			break
		}
		i++
	}
	return lines[start:i], i
}

// fenceOf returns the backtick fence a line opens (three or more backticks), or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	n := len(t) - len(strings.TrimLeft(t, "`"))
	if n < 3 {
		return ""
	}
	return t[:n]
}

// fenced renders a fenced code block starting at i and returns the index after its closing fence.
func fenced(b *strings.Builder, lines []string, i int) int {
	fence := fenceOf(lines[i])
	indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
	var body []string
	j := i + 1
	for ; j < len(lines); j++ {
		if t := strings.TrimSpace(lines[j]); strings.HasPrefix(t, fence) && strings.Trim(t, "`") == "" {
			j++
			break
		}
		body = append(body, trimIndent(lines[j], indent))
	}
	b.WriteString(`<pre class="code"><code>` + html.EscapeString(strings.Join(body, "\n")) + "</code></pre>\n")
	return j
}

func trimIndent(line string, n int) string {
	for n > 0 && strings.HasPrefix(line, " ") {
		line, n = line[1:], n-1
	}
	return line
}

// listMarker returns the marker a list item line starts with ("- " or "12. "), or "".
func listMarker(line string) string {
	if strings.HasPrefix(line, "- ") {
		return "- "
	}
	digits := len(line) - len(strings.TrimLeft(line, "0123456789"))
	if digits > 0 && digits < 4 && strings.HasPrefix(line[digits:], ". ") {
		return line[:digits+2]
	}
	return ""
}

// listItems collects the items of a list starting at i, each as its lines with the marker and the
// continuation indent removed, and returns the index after the list. A continuation line is indented
// by the marker's width or, directly after a text line, not indented at all (a lazy continuation).
func listItems(lines []string, i int) ([][]string, int) {
	ordered := listMarker(lines[i]) != "- "
	var items [][]string
	for i < len(lines) {
		l := lines[i]
		if sameList(l, ordered) {
			items = append(items, []string{l[len(listMarker(l)):]})
			i++
			continue
		}
		cur := &items[len(items)-1]
		switch {
		case strings.TrimSpace(l) == "":
			j := i
			for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if j == len(lines) || !strings.HasPrefix(lines[j], "  ") && !sameList(lines[j], ordered) {
				return items, i
			}
			*cur = append(*cur, lines[i:j]...)
			i = j
		case strings.HasPrefix(l, "  "):
			*cur = append(*cur, trimIndent(l, countIndent(l, ordered)))
			i++
		case strings.TrimSpace((*cur)[len(*cur)-1]) != "" && fenceOf(l) == "":
			*cur = append(*cur, l)
			i++
		default:
			return items, i
		}
	}
	return items, i
}

// sameList reports whether a line starts an item of a list of the given kind.
func sameList(line string, ordered bool) bool {
	m := listMarker(line)
	return m != "" && (m != "- ") == ordered
}

// countIndent is how much of a continuation line's indent belongs to the list: two spaces for "- "
// lists, three for numbered ones (or all of it, if less).
func countIndent(l string, ordered bool) int {
	w := 2
	if ordered {
		w = 3
	}
	return min(w, len(l)-len(strings.TrimLeft(l, " ")))
}

// list renders list items; an item that is a single paragraph is rendered without <p>.
func list(b *strings.Builder, items [][]string, opt mdOptions, ordered bool) {
	tag := "ul"
	if ordered {
		tag = "ol"
	}
	b.WriteString("<" + tag + ">\n")
	for _, it := range items {
		b.WriteString("<li>")
		if simple(it) {
			b.WriteString(inline(strings.TrimSpace(strings.Join(it, "\n"))))
		} else {
			b.WriteString("\n")
			blocks(b, it, opt, false)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</" + tag + ">\n")
}

// simple reports whether an item is one paragraph of text.
func simple(item []string) bool {
	for i, l := range item {
		if strings.TrimSpace(l) == "" || fenceOf(l) != "" || i > 0 && listMarker(l) != "" {
			return false
		}
	}
	return true
}

// omitted reports whether a list is the list of the given values.
func omitted(items [][]string, values []string) bool {
	if len(values) == 0 || len(items) != len(values) {
		return false
	}
	for i, it := range items {
		code, ok := leadingCode(it[0])
		if !ok || code != values[i] {
			return false
		}
	}
	return true
}

// leadingCode returns the content of the inline code a line starts with.
func leadingCode(line string) (string, bool) {
	n := len(line) - len(strings.TrimLeft(line, "`"))
	if n == 0 {
		return "", false
	}
	fence := line[:n]
	end := strings.Index(line[n:], fence)
	if end < 0 {
		return "", false
	}
	return codeContent(line[n : n+end]), true
}

// codeContent strips the space that pads inline code on each side when the code itself holds backticks.
func codeContent(s string) string {
	if len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.TrimSpace(s) != "" {
		return s[1 : len(s)-1]
	}
	return s
}

// inline renders the text of a paragraph: `code` spans (any number of backticks) and **bold**; the
// rest is escaped text. Bold markers pair up in order across code spans; an unpaired one stays text.
func inline(text string) string {
	spans := codeSpans(text)
	pairs := 0
	for _, s := range spans {
		if !s.code {
			pairs += strings.Count(s.text, "**")
		}
	}
	pairs -= pairs % 2 // markers left to turn into tags; an odd last one stays text
	var b strings.Builder
	for _, s := range spans {
		if s.code {
			b.WriteString("<code>" + html.EscapeString(s.text) + "</code>")
			continue
		}
		for j, part := range strings.Split(s.text, "**") {
			if j > 0 {
				b.WriteString(boldMarker(pairs))
				pairs = max(pairs-1, 0)
			}
			b.WriteString(html.EscapeString(unescapePunct(part)))
		}
	}
	return b.String()
}

// unescapePunct reads Markdown's backslash escapes: a backslash before an ASCII punctuation character
// stands for that character (the documents escape "<" so that HTML-passing renderers show it).
func unescapePunct(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// boldMarker renders a "**" given how many markers are left to pair: an even number opens, odd closes.
func boldMarker(left int) string {
	switch {
	case left == 0:
		return "**"
	case left%2 == 0:
		return "<strong>"
	}
	return "</strong>"
}

// span is a piece of inline text: code, or text that may hold bold markers.
type span struct {
	text string
	code bool
}

// codeSpans splits text into code spans and the text between them. A run of backticks without a
// closing run of the same length is text.
func codeSpans(text string) []span {
	var spans []span
	for text != "" {
		i := strings.IndexByte(text, '`')
		if i < 0 {
			return append(spans, span{text: text})
		}
		n := len(text[i:]) - len(strings.TrimLeft(text[i:], "`"))
		end := closingTicks(text[i+n:], n)
		if end < 0 {
			spans = append(spans, span{text: text[:i+n]})
			text = text[i+n:]
			continue
		}
		spans = append(spans, span{text: text[:i]}, span{text: codeContent(text[i+n : i+n+end]), code: true})
		text = text[i+n+end+n:]
	}
	return spans
}

// closingTicks returns the index in s of a run of exactly n backticks, or -1.
func closingTicks(s string, n int) int {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		j += i
		k := j + len(s[j:]) - len(strings.TrimLeft(s[j:], "`"))
		if k-j == n {
			return j
		}
		i = k
	}
	return -1
}
