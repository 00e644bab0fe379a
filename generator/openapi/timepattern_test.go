package openapi

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
)

// parses mirrors how the model reads a timestamp (ir's parseTime): per layout, a separator of seps right
// after the seconds is read as ".", then time.Parse.
func parses(s string, layouts []string, seps string) bool {
	for _, l := range layouts {
		in := s
		if k := strings.Index(l, "05") + 2; seps != "" && k >= 2 && k < len(in) && strings.IndexByte(seps, in[k]) >= 0 {
			in = in[:k] + "." + in[k+1:]
		}
		if _, err := time.Parse(l, in); err == nil {
			return true
		}
	}
	return false
}

var patternCases = []struct {
	layouts []string
	seps    string
	valid   []string
	invalid []string
}{
	{
		layouts: []string{time.RFC3339},
		valid:   []string{"2024-01-02T03:04:05Z", "2024-01-02T03:04:05.123+02:00", "2024-01-02T3:04:05Z", "2024-01-02T03:04:05,5-07:00"},
		invalid: []string{"2024-01-02 03:04:05Z", "2024-13-02T03:04:05Z", "2024-01-02T03:04:05", "2024-01-02T03:04:05+0200", "x"},
	},
	{
		layouts: []string{"2006-01-02T15:04:05.999999999Z07:00"},
		seps:    ".,:",
		valid:   []string{"2024-05-02T16:05:24.454661+02:00", "2024-05-02T08:58:58:888364+02:00", "2024-05-02T08:58:58,888+02:00", "2024-05-02T08:58:58Z"},
		invalid: []string{"2024-05-02T08:58:58;888+02:00", "2024-05-02T08:58:58.+02:00", "2024-05-02"},
	},
	{
		layouts: []string{"2006-01-02 15:04:05.999999"},
		valid:   []string{"2023-09-01 14:13:32.141788", "2023-09-01 14:13:32", "2023-09-01 14:13:32.1"},
		invalid: []string{"2023-09-01T14:13:32", "2023-09-01 14:13:32.", "2023-09-01 14:13:32+00:00"},
	},
	{
		layouts: []string{"2006-01-02 15:04:05.000", "2006/01/02"},
		valid:   []string{"2024-01-02 03:04:05.123", "2024/01/02"},
		invalid: []string{"2024-01-02 03:04:05", "2024-01-02 03:04:05.1234", "2024/1/02"},
	},
}

// TestLayoutPattern checks the pattern against the model's reading on chosen texts, and that it
// accepts every text the model accepts among many random variations of the valid ones: the schema must
// never be stricter than Validate.
func TestLayoutPattern(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range patternCases {
		p, ok := layoutPattern(c.layouts, c.seps)
		if !ok {
			t.Fatalf("%v: no pattern", c.layouts)
		}
		re := regexp.MustCompile(p)
		for _, s := range c.valid {
			if !parses(s, c.layouts, c.seps) || !re.MatchString(s) {
				t.Errorf("%v %q: parses=%v, pattern matches=%v; want both", c.layouts, s, parses(s, c.layouts, c.seps), re.MatchString(s))
			}
		}
		for _, s := range c.invalid {
			if parses(s, c.layouts, c.seps) || re.MatchString(s) {
				t.Errorf("%v %q: parses=%v, pattern matches=%v; want neither", c.layouts, s, parses(s, c.layouts, c.seps), re.MatchString(s))
			}
		}
		const alphabet = "0123456789:.,-+TZ /;"
		for range 20000 {
			b := []byte(c.valid[rng.IntN(len(c.valid))])
			for range 1 + rng.IntN(3) {
				i := rng.IntN(len(b) + 1)
				ch := alphabet[rng.IntN(len(alphabet))]
				switch rng.IntN(3) {
				case 0:
					if i < len(b) {
						b[i] = ch
					}
				case 1:
					b = append(b[:i], append([]byte{ch}, b[i:]...)...)
				case 2:
					if i < len(b) {
						b = append(b[:i], b[i+1:]...)
					}
				}
			}
			if s := string(b); parses(s, c.layouts, c.seps) && !re.MatchString(s) {
				t.Errorf("%v %q: the model accepts it, the pattern does not", c.layouts, s)
			}
		}
	}
}

// TestLayoutPatternUnknown checks that layouts with elements the translator does not know get no
// pattern rather than a wrong one.
func TestLayoutPatternUnknown(t *testing.T) {
	for _, l := range []string{time.RFC1123, time.Kitchen, "02.01.2006", "2006-01-02 03:04PM", "Jan 2 2006", "2006-002"} {
		if p, ok := layoutPattern([]string{l}, ""); ok {
			t.Errorf("%q: pattern %s, want none", l, p)
		}
	}
}
