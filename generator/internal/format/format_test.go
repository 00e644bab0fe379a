package format

import "testing"

func TestValid(t *testing.T) {
	tests := []struct {
		format, s string
		want      bool
	}{
		{"uuid", "afebe607-a007-489d-ba03-dd9deaa17f8d", true},
		{"uuid", "formFieldSetUUID", false},
		{"uri", "https://example.com/", true},
		{"uri", "example.com", false},
		{"email", "user@example.com", true},
		{"email", "[email\u00a0protected]", false},
		{"date-time", "2024-05-06T08:31:13.722852+02:00", true},
		{"date-time", "2024-05-06 08:31:13", false},
		{"date", "2024-05-02", true},
		{"ipv4", "10.0.0.1", true},
		{"ipv6", "10.0.0.1", false},
		{"html", "<p>any</p>", true},
	}
	for _, tt := range tests {
		if got := Valid(tt.format, tt.s); got != tt.want {
			t.Errorf("Valid(%q, %q) = %v, want %v", tt.format, tt.s, got, tt.want)
		}
	}
}
