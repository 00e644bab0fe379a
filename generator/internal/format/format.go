// Package format checks strings against the JSON Schema formats the OpenAPI documents declare, as
// the tools that assert formats do (ajv with ajv-formats, code generators that decode a uuid into a
// UUID type). The synthesized fixtures use it to respect every declared format.
package format

import (
	"net/mail"
	"net/netip"
	"net/url"
	"regexp"
	"time"
)

var uuid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Valid reports whether s satisfies the format. Formats it does not know (hints such as html or
// json, and int64 or the like, which are not string formats) are satisfied by any string.
func Valid(format, s string) bool {
	switch format {
	case "uuid":
		return uuid.MatchString(s)
	case "uri", "url":
		u, err := url.Parse(s)
		return err == nil && u.Scheme != ""
	case "uri-reference":
		_, err := url.Parse(s)
		return err == nil
	case "email":
		a, err := mail.ParseAddress(s)
		return err == nil && a.Address == s
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, s)
		return err == nil
	case "date":
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	case "ipv4":
		a, err := netip.ParseAddr(s)
		return err == nil && a.Is4()
	case "ipv6":
		a, err := netip.ParseAddr(s)
		return err == nil && a.Is6()
	}
	return true
}
