package docs

import (
	"strings"
	"testing"
)

// TestMarkdown covers the Markdown the documents use: every case is a description and its HTML.
func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"escaped", `a <script>alert("x")</script> & 'b'`,
			"<p>a &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;b&#39;</p>\n"},
		{"backslash escapes", `{"eventType": "\<event name>"} \*not bold\* \d`,
			"<p>{&#34;eventType&#34;: &#34;&lt;event name&gt;&#34;} *not bold* \\d</p>\n"},
		{"soft breaks and paragraphs", "one\ntwo\n\nthree",
			"<p>one\ntwo</p>\n<p>three</p>\n"},
		{"inline code and bold", "**Group:** `a<b>` and ``x ` y``, **bold `code`** end",
			"<p><strong>Group:</strong> <code>a&lt;b&gt;</code> and <code>x ` y</code>, <strong>bold <code>code</code></strong> end</p>\n"},
		{"unpaired markers stay text", "a ** b and `c",
			"<p>a ** b and `c</p>\n"},
		{"list with continuation", "- one\n  more\n- two",
			"<ul>\n<li>one\nmore</li>\n<li>two</li>\n</ul>\n"},
		{"list item with paragraphs", "- `v`: text\n\n  **Template:** `%a%`\n- w",
			"<ul>\n<li>\n<p><code>v</code>: text</p>\n<p><strong>Template:</strong> <code>%a%</code></p>\n</li>\n<li>w</li>\n</ul>\n"},
		{"nested list", "- a\n  - b\n  - c\n- d",
			"<ul>\n<li>\n<p>a</p>\n<ul>\n<li>b</li>\n<li>c</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n"},
		{"lazy continuation", "- a\nb\n\nc",
			"<ul>\n<li>a\nb</li>\n</ul>\n<p>c</p>\n"},
		{"ordered list", "Three:\n\n1. one\n   cont\n2. two",
			"<p>Three:</p>\n<ol>\n<li>one\ncont</li>\n<li>two</li>\n</ol>\n"},
		{"list interrupts a paragraph", "Values:\n- a",
			"<p>Values:</p>\n<ul>\n<li>a</li>\n</ul>\n"},
		{"fence", "As published:\n\n```\n{\n\t\"a\": 1 // <x>\n}\n```\n\nafter",
			"<p>As published:</p>\n<pre class=\"code\"><code>{\n\t&#34;a&#34;: 1 // &lt;x&gt;\n}</code></pre>\n<p>after</p>\n"},
		{"fence in a list item", "- x:\n\n  ````\n  a ``` b\n\n  c\n  ````\n- y",
			"<ul>\n<li>\n<p>x:</p>\n<pre class=\"code\"><code>a ``` b\n\nc</code></pre>\n</li>\n<li>y</li>\n</ul>\n"},
		{"discrepancies", "Text.\n\n**Discrepancies in the vendor document:**\n\n- one\n- two\n\n**Source:** Section 2",
			"<p>Text.</p>\n<div class=\"discrepancies\" role=\"note\"><p class=\"label\">Discrepancies in the vendor document</p><ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</div>\n<p class=\"source\"><strong>Source:</strong> Section 2</p>\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(markdown(tt.in)); got != tt.want {
				t.Errorf("markdown(%q)\n got: %q\nwant: %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestMarkdownOmitList checks that an enum's list of its values is left out, and only that list.
func TestMarkdownOmitList(t *testing.T) {
	in := "Open: the values below.\n\n- `a`: A.\n- `b`\n\nOther:\n\n- `a`\n\n**Discrepancies in the vendor document:**\n\n- `a` and `b` are listed twice."
	got := string(renderMarkdown(in, mdOptions{omitList: []string{"a", "b"}}))
	if strings.Contains(got, "A.") {
		t.Errorf("the list of the values is still there:\n%s", got)
	}
	for _, want := range []string{"<li><code>a</code></li>", "listed twice"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q is missing: only the list of all values, in order, is left out:\n%s", want, got)
		}
	}
}
