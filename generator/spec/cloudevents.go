package spec

import (
	"net/url"
	"strings"
)

// CloudEvents says what the CloudEvents of a platform's events carry beyond what the events declare
// (their id and time members are marked on the fields: event_id, event_time).
type CloudEvents struct {
	// Source is the CloudEvents source of the platform's events, a URI reference; default
	// "urn:eventgen:<platform>".
	Source string `yaml:"source"`
	// OpenAPI is the absolute URL where the platform's OpenAPI document is published; each event's
	// dataschema is it and "#/components/schemas/<Event>". Without it events have no dataschema.
	OpenAPI     string `yaml:"openapi"`
	Description string `yaml:"description"`
	Pos         Pos    `yaml:"-"`
	At          Positions
}

// checkCloudEvents checks the URIs of a cloudevents section.
func checkCloudEvents(c *CloudEvents, errs *ErrorList) {
	if c.Source != "" {
		if _, err := url.Parse(c.Source); err != nil || strings.TrimSpace(c.Source) != c.Source {
			errs.Add(c.At.Of("source", c.Pos), "cloudevents: source %q is not a URI reference", c.Source)
		}
	}
	if c.OpenAPI != "" {
		if u, err := url.Parse(c.OpenAPI); err != nil || !u.IsAbs() || u.Fragment != "" {
			errs.Add(c.At.Of("openapi", c.Pos), "cloudevents: openapi %q is not an absolute URL without a fragment", c.OpenAPI)
		}
	}
}
