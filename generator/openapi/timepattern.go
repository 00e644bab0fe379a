package openapi

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// timeToken is one element of a Go reference-time layout that layoutPattern can translate.
type timeToken struct {
	layout, pattern string
}

// timeTokens are the layout elements layoutPattern knows, longest first where one is a prefix of
// another. Each pattern accepts what time.Parse accepts for the element (ranges included where
// time.Parse checks them; day-of-month against the month is left to time.Parse).
var timeTokens = []timeToken{
	{"2006", "[0-9]{4}"},
	{"01", "(?:0[1-9]|1[0-2])"},
	{"02", "(?:0[1-9]|[12][0-9]|3[01])"},
	{"15", "(?:[01]?[0-9]|2[0-3])"}, // time.Parse reads one or two digits for "15"
	{"04", "[0-5][0-9]"},
	{"Z07:00", "(?:Z|[+-][0-9]{2}:[0-9]{2})"},
	{"-07:00", "[+-][0-9]{2}:[0-9]{2}"},
	{"Z0700", "(?:Z|[+-][0-9]{4})"},
	{"-0700", "[+-][0-9]{4}"},
}

// layoutPattern returns a regular expression (valid in RE2 and ECMA-262) matching the texts
// time.Parse accepts for the layouts, after a character of seps standing before the fraction of
// seconds has been read as "." (as ir.Platform.ValidateJSON and the generated Validate do). It is
// at least as permissive as time.Parse, never stricter. ok is false when a layout uses an element it
// does not know (month names, 12-hour clocks, zone names, …); the schema then carries no pattern.
func layoutPattern(layouts []string, seps string) (pattern string, ok bool) {
	var alts []string
	for _, l := range layouts {
		p, ok := onePattern(l, fractionClass(seps))
		if !ok {
			return "", false
		}
		alts = append(alts, p)
	}
	if len(alts) == 0 {
		return "", false
	}
	return "^(?:" + strings.Join(alts, "|") + ")$", true
}

// fractionClass is the character class of the separators that may stand before a fraction of seconds:
// time.Parse takes "." and ",", and seps adds more.
func fractionClass(seps string) string {
	class := ".,"
	for _, r := range seps {
		if !strings.ContainsRune(class, r) {
			class += string(r)
		}
	}
	return "[" + strings.NewReplacer(`\`, `\\`, `]`, `\]`, `[`, `\[`, `^`, `\^`, `-`, `\-`).Replace(class) + "]"
}

func onePattern(layout, frac string) (string, bool) {
	var b strings.Builder
	for rest := layout; rest != ""; {
		if strings.HasPrefix(rest, "05") {
			b.WriteString("[0-5][0-9]")
			rest = rest[2:]
			// time.Parse reads a fraction right after the seconds whether or not the layout has one;
			// a layout fraction of zeros makes it mandatory with exactly that many digits.
			n, zeros := fraction(rest)
			switch {
			case n > 0 && zeros:
				// time.Parse reads the n characters after the separator as a number, and its atoi takes a
				// sign: "+" and n-1 digits, or "-" and zeros (a negative fraction is out of range).
				m := strconv.Itoa(n - 1)
				b.WriteString(frac + "(?:[0-9]{" + strconv.Itoa(n) + "}|\\+[0-9]{" + m + "}|-0{" + m + "})")
			default:
				b.WriteString("(?:" + frac + "[0-9]+)?")
			}
			if n > 0 {
				rest = rest[n+1:]
			}
			continue
		}
		if t, ok := tokenAt(rest); ok {
			b.WriteString(t.pattern)
			rest = rest[len(t.layout):]
			continue
		}
		c := rest[0]
		if c == ' ' { // time.Parse matches a run of spaces in the layout with a run of one or more
			b.WriteString(" +")
			rest = strings.TrimLeft(rest, " ")
			continue
		}
		if !strings.ContainsRune("-:/T", rune(c)) {
			return "", false // an element this translator does not know
		}
		b.WriteString(regexp.QuoteMeta(string(c)))
		rest = rest[1:]
	}
	return b.String(), true
}

func tokenAt(s string) (timeToken, bool) {
	for _, t := range timeTokens {
		if strings.HasPrefix(s, t.layout) {
			return t, true
		}
	}
	return timeToken{}, false
}

// fraction reports the digits of a fractional-seconds element at the start of s (".000", ",999", …):
// their count (0 when there is none) and whether they are zeros (a mandatory, fixed-width fraction).
func fraction(s string) (n int, zeros bool) {
	if len(s) < 2 || (s[0] != '.' && s[0] != ',') || (s[1] != '0' && s[1] != '9') {
		return 0, false
	}
	d := s[1]
	for n = 1; n+1 < len(s) && s[n+1] == d; n++ {
	}
	if n+1 < len(s) && s[n+1] >= '0' && s[n+1] <= '9' {
		return 0, false // not a fraction element in time.Parse's reading either
	}
	return n, d == '0'
}

// isRFC3339 reports whether every layout is RFC 3339 as JSON Schema's date-time format means it,
// with no extra fraction separators.
func isRFC3339(layouts []string, seps string) bool {
	if len(layouts) == 0 || strings.Trim(seps, ".") != "" {
		return false
	}
	for _, l := range layouts {
		if l != time.RFC3339 && l != time.RFC3339Nano {
			return false
		}
	}
	return true
}
