// Package naming turns spec words (JSON member names, event names, enum values) into Go identifiers.
// It is pure string manipulation, with no knowledge of the IR.
package naming

import (
	"strings"
	"unicode"
)

// initialisms are written in upper case inside Go names, as Go code review asks.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CRM": true, "CSS": true, "DNS": true, "DTMF": true,
	"EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true, "JSON": true,
	"LHS": true, "MIME": true, "QPS": true, "RAM": true, "RHS": true, "RPC": true, "SLA": true, "SMS": true,
	"SMTP": true, "SQL": true, "SSH": true, "STS": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true,
	"UI": true, "UID": true, "URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true,
	"XMPP": true, "XSRF": true, "XSS": true,
}

// Words splits a spec word into its parts: at every non-alphanumeric character, at lower→upper case
// changes and before the last capital of an upper-case run that is followed by lower case
// ("HTTPServer" → HTTP, Server). Digits stay with the word before them.
func Words(s string) []string {
	var words []string
	rs := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(rs[start:end]))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush(i)
			start = i
		case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return words
}

// GoName turns a spec word into an exported Go identifier: "tenantId" → "TenantID",
// "system_message_type" → "SystemMessageType", "calendly.response" → "CalendlyResponse",
// "ONAPPINSTALL" → "Onappinstall", "CRM_SUCCESS_EVENT" → "CRMSuccessEvent". A leading digit gets a "V"
// prefix. An empty result (no letters or digits) is returned as "".
func GoName(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		if up := strings.ToUpper(w); initialisms[up] {
			b.WriteString(up)
			continue
		}
		rs := []rune(strings.ToLower(w))
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	name := b.String()
	if name != "" && unicode.IsDigit([]rune(name)[0]) {
		name = "V" + name
	}
	return name
}

// LowerFirst returns name with its first word in lower case, for unexported identifiers:
// "SessionStarted" → "sessionStarted", "ID" → "id", "URLPreview" → "urlPreview".
func LowerFirst(name string) string {
	rs := []rune(name)
	n := 0
	for n < len(rs) && unicode.IsUpper(rs[n]) {
		n++
	}
	switch {
	case n == 0:
		return name
	case n == 1 || n == len(rs):
		n = min(n, len(rs))
	default:
		n-- // the last capital starts the next word
	}
	for i := range n {
		rs[i] = unicode.ToLower(rs[i])
	}
	return string(rs)
}
