package openapi

import "testing"

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"eventType": "<event name>"}`, `{"eventType": "\<event name>"}`},
		{"`a<b>` and <x>", "`a<b>` and \\<x>"},
		{"``a ` <b>`` <c>", "``a ` <b>`` \\<c>"},
		{"unclosed ` <x>", "unclosed ` \\<x>"},
		{`already \<x>`, `already \<x>`},
		{"- item\n\n  ```\n  <raw>\n  ```\n\nafter <y>", "- item\n\n  ```\n  <raw>\n  ```\n\nafter \\<y>"},
	}
	for _, tt := range tests {
		if got := escapeHTML(tt.in); got != tt.want {
			t.Errorf("escapeHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := escapeHTML(escapeHTML(tt.in)); again != tt.want {
			t.Errorf("escapeHTML twice (%q) = %q, want %q", tt.in, again, tt.want)
		}
	}
}
