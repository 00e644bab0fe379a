// Package cloudevent is the runtime under the CloudEvents conversions that eventgen generates, one per
// platform (generated/<platform>.ToCloudEvent and FromCloudEvent). It holds what does not vary between
// platforms: the CloudEvents 1.0 envelope in structured JSON mode, the checks of its attributes, how an
// event's id and time are read from its JSON, and the id derived when a platform declares none. The
// generated code holds what varies: each event's type, its id and time members, its schema. Like
// packages wire and webhook, it is written by hand and imports only the standard library (and wire).
//
// # Attributes
//
// A generated package fills the attributes from its spec:
//
//   - specversion: "1.0".
//   - type: "eventgen.<platform>.<event>", with <event> the event type as on the wire (the discriminator
//     value; for an event without one, such as JAICP's text request, the spec's label): e.g.
//     "eventgen.mluvii.SessionStarted", "eventgen.mchat.message". An event type the package does not
//     know gets the same scheme with the type it was sent with, so a later version of the package that
//     knows it gives it the same CloudEvents type.
//   - source: the spec's cloudevents.source, "urn:eventgen:<platform>" when the spec declares none;
//     Options.Source replaces it (a receiver names itself, e.g. "https://hooks.example.com/mluvii").
//   - id: the member the spec marks event_id (a string, or an integer written in decimal) after the
//     event type and a slash ("message/0affb00a-…": a vendor may number each event type on its own, and
//     its documents reuse one id in the samples of several types), else Options.ID (the delivery id a
//     receiver knows), else Derive: the hexadecimal SHA-256 of the platform name, a zero byte and data. A
//     redelivered event therefore keeps its id, which is what a log deduplicates on.
//   - time: the member the spec marks event_time, in RFC 3339 (UTC kept as sent by the offset); absent
//     when the spec marks none, the member is absent or null, or its text is not a time.
//   - datacontenttype: "application/json".
//   - dataschema: the event's schema in the platform's published OpenAPI document (the spec's
//     cloudevents.openapi and "#/components/schemas/<Event>").
//   - data: the event as the platform sent it (re-encoded losslessly by its MarshalJSON), one event per
//     CloudEvent: a batch item is an event of its own.
package cloudevent

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/eventgen/eventgen/generated/wire"
)

// SpecVersion is the CloudEvents version of the events this package writes and reads.
const SpecVersion = "1.0"

// ContentType is the datacontenttype of every event's data, and MediaType the media type of a
// CloudEvent in structured JSON mode (the Content-Type of an HTTP request or a message carrying one).
const (
	ContentType = "application/json"
	MediaType   = "application/cloudevents+json"
)

// Event is a CloudEvents 1.0 event whose data is JSON. Marshal it with MarshalJSON (structured mode)
// and read one with Parse; both check the attributes.
type Event struct {
	ID              string
	Source          string
	Type            string
	Subject         string // optional
	Time            string // RFC 3339, or "" when the event has no time
	DataContentType string // "application/json", or "" (which means the same)
	DataSchema      string // an absolute URI, or ""
	Data            json.RawMessage
	// Extensions are the other attributes, by name, each a JSON value as sent (string, number or
	// boolean). Parse keeps them, so that a CloudEvent written by others round-trips.
	Extensions map[string]json.RawMessage
}

// Options change what a generated ToCloudEvent writes.
type Options struct {
	// Source replaces the platform's source URI (the spec's cloudevents.source).
	Source string
	// ID is the id to use when the spec declares no id member for the event, or the event lacks it:
	// e.g. the platform's delivery id (webhook.Delivery.ID, with the item index appended for a batch).
	// Empty: the id is derived from the data (Derive).
	ID string
}

// Facts are what a spec says about one event's attributes; generated packages hold one per event.
type Facts struct {
	Platform string
	// Type is the CloudEvents type.
	Type string
	// Source is the platform's default source URI.
	Source string
	// Schema is the dataschema URI.
	Schema string
	// ID is the path of the member holding the event's id, from the event's root object; nil: none.
	ID []string
	// Time is the member holding the time the event occurred; nil: none.
	Time *TimeMember
}

// TimeMember is where an event's time is and how it is written: text in one of Layouts (Go layouts;
// Seps are the characters written instead of "." before the fraction of seconds), or a number of Unix
// "seconds" or "milliseconds".
type TimeMember struct {
	Path    []string
	Layouts []string
	Seps    string
	Unix    string
}

// TypePrefix returns the prefix of the CloudEvents types of a platform's events: "eventgen.<platform>.".
func TypePrefix(platform string) string { return "eventgen." + platform + "." }

// Decode decodes the event a CloudEvent of platform carries, as a generated FromCloudEvent does: it
// fails when ce's type does not start with TypePrefix(platform), when decode cannot decode ce.Data,
// or when the decoded event's CloudEvents type (typeOf) is not ce's type.
func Decode[E any](ce *Event, platform string, decode func([]byte) (E, error), typeOf func(E) string) (E, error) {
	var zero E
	if prefix := TypePrefix(platform); !strings.HasPrefix(ce.Type, prefix) {
		return zero, fmt.Errorf("%s: CloudEvent type %q is not one of this platform's (%s*)", platform, ce.Type, prefix)
	}
	ev, err := decode(ce.Data)
	if err != nil {
		return zero, err
	}
	if t := typeOf(ev); t != ce.Type {
		return zero, fmt.Errorf("%s: CloudEvent type %q, but its data holds an event of type %q", platform, ce.Type, t)
	}
	return ev, nil
}

// DefaultSource is the source of a platform's events when its spec declares none.
func DefaultSource(platform string) string { return "urn:eventgen:" + platform }

// Derive returns the id of an event whose platform declares none: the hexadecimal SHA-256 of the
// platform name, a zero byte and the event's JSON.
func Derive(platform string, data []byte) string {
	h := sha256.New()
	h.Write([]byte(platform))
	h.Write([]byte{0})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// New builds the CloudEvent of one event from its facts and its JSON (data, which it keeps).
func New(f *Facts, data []byte, opts Options) (*Event, error) {
	ev := &Event{Type: f.Type, Source: f.Source, DataContentType: ContentType, DataSchema: f.Schema, Data: data}
	if opts.Source != "" {
		ev.Source = opts.Source
	}
	if f.ID != nil {
		if id := lookupID(data, f.ID); id != "" {
			ev.ID = strings.TrimPrefix(f.Type, TypePrefix(f.Platform)) + "/" + id
		}
	}
	if ev.ID == "" {
		ev.ID = opts.ID
	}
	if ev.ID == "" {
		ev.ID = Derive(f.Platform, data)
	}
	if f.Time != nil {
		ev.Time = lookupTime(data, f.Time)
	}
	if err := ev.Validate(); err != nil {
		return nil, err
	}
	return ev, nil
}

// lookupID reads the id member: a non-empty string, or an integer written in decimal; "" otherwise.
func lookupID(data []byte, path []string) string {
	d, ok := at(data, path)
	if !ok {
		return ""
	}
	switch d.Peek() {
	case wire.KindString:
		s, _ := d.String()
		return s
	case wire.KindNumber:
		if n, ok := d.Int(); ok {
			return strconv.FormatInt(n, 10)
		}
	}
	return ""
}

// lookupTime reads the time member and writes it in RFC 3339; "" when there is none.
func lookupTime(data []byte, tm *TimeMember) string {
	d, ok := at(data, tm.Path)
	if !ok {
		return ""
	}
	var t time.Time
	switch d.Peek() {
	case wire.KindString:
		s, _ := d.String()
		if tm.Unix != "" || d.Failed() {
			return ""
		}
		var err error
		if t, err = wire.ParseTime(s, tm.Layouts, tm.Seps); err != nil {
			return ""
		}
	case wire.KindNumber:
		n, ok := d.Int()
		switch {
		case !ok || tm.Unix == "":
			return ""
		case tm.Unix == "milliseconds":
			t = time.UnixMilli(n).UTC()
		default:
			t = time.Unix(n, 0).UTC()
		}
	default:
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// at returns a decoder at the value of the member at path (the first member of each name, as the
// generated decoders read them), and whether there is one.
func at(data []byte, path []string) (*wire.Decoder, bool) {
	d := new(wire.Decoder)
	d.Reset(string(data))
	for _, name := range path {
		if !d.Object() || !member(d, name) {
			return nil, false
		}
	}
	return d, !d.Failed()
}

// member reads the members of the object just opened up to the one called name.
func member(d *wire.Decoder, name string) bool {
	for d.MoreMembers() {
		if n, _ := d.Key(); n == name {
			return !d.Failed()
		}
		d.Skip()
	}
	return false
}

// The attributes this package knows; the others are extensions.
var known = map[string]bool{"specversion": true, "id": true, "source": true, "type": true, "subject": true,
	"time": true, "datacontenttype": true, "dataschema": true, "data": true, "data_base64": true}

// Validate checks the attributes against the CloudEvents 1.0 specification: id, source and type
// present; source a URI reference, dataschema an absolute URI, time RFC 3339, datacontenttype JSON
// (the only data this package carries); extension names of 1 to 20 lower-case letters or digits.
func (e *Event) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("cloudevent: "+format, args...)) }
	if e.ID == "" {
		bad("id is empty")
	}
	if e.Type == "" {
		bad("type is empty")
	}
	if e.Source == "" {
		bad("source is empty")
	} else if !uriReference(e.Source) {
		bad("source %s is not a URI reference", wire.Quote(e.Source))
	}
	if e.DataSchema != "" && !absoluteURI(e.DataSchema) {
		bad("dataschema %s is not an absolute URI", wire.Quote(e.DataSchema))
	}
	if e.Time != "" {
		if _, err := time.Parse(time.RFC3339Nano, e.Time); err != nil {
			bad("time %s is not an RFC 3339 time", wire.Quote(e.Time))
		}
	}
	if ct := e.DataContentType; ct != "" && !isJSON(ct) {
		bad("datacontenttype %s is not JSON", wire.Quote(ct))
	}
	if len(e.Data) > 0 && !json.Valid(e.Data) {
		bad("data is not JSON")
	}
	names := make([]string, 0, len(e.Extensions))
	for name := range e.Extensions {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if v := e.Extensions[name]; len(v) == 0 || v[0] == '{' || v[0] == '[' || string(v) == "null" {
			bad("extension %s is not a string, number or boolean", wire.Quote(name))
		}
		if known[name] || !extensionName(name) {
			bad("%s is not an extension attribute name (1 to 20 lower-case letters or digits, not a context attribute)", wire.Quote(name))
		}
	}
	return errors.Join(errs...)
}

// uriReference reports whether s can be a URI reference: no white space or control characters, and
// what net/url can parse. The common case, printable ASCII without the characters URIs never hold, is
// decided without parsing.
func uriReference(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == 0x7f {
			return false
		}
		if c >= 0x80 || strings.IndexByte(`"<>\^`+"`"+`{|}%[]`, c) >= 0 {
			_, err := url.Parse(s)
			return err == nil
		}
	}
	return true
}

// absoluteURI reports whether s is a URI reference with a scheme.
func absoluteURI(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 1 || !uriReference(s) {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || j > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

func isJSON(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}

func extensionName(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// MarshalJSON writes the event in structured JSON mode: the attributes, then data as the JSON it is.
// It fails when the attributes are not valid.
func (e Event) MarshalJSON() ([]byte, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(len(e.Data) + 256)
	b.WriteString(`{"specversion":"1.0"`)
	attr := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString(`,"`)
		b.WriteString(name)
		b.WriteString(`":`)
		writeString(&b, value)
	}
	attr("id", e.ID)
	attr("source", e.Source)
	attr("type", e.Type)
	attr("subject", e.Subject)
	attr("time", e.Time)
	attr("datacontenttype", e.DataContentType)
	attr("dataschema", e.DataSchema)
	names := make([]string, 0, len(e.Extensions))
	for name := range e.Extensions {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b.WriteString(`,"` + name + `":`)
		if err := json.Compact(&b, e.Extensions[name]); err != nil {
			return nil, fmt.Errorf("cloudevent: extension %s: %w", name, err)
		}
	}
	if len(e.Data) > 0 {
		b.WriteString(`,"data":`)
		b.Write(e.Data)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an event in structured JSON mode; see Parse.
func (e *Event) UnmarshalJSON(b []byte) error {
	ev, err := Parse(b)
	if err != nil {
		return err
	}
	*e = *ev
	return nil
}

// Parse reads a CloudEvent in structured JSON mode and checks it: specversion "1.0", the attributes of
// Validate, and data as JSON (data_base64 is accepted and decoded when it holds JSON). Data keeps the
// bytes as sent.
func Parse(b []byte) (*Event, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("cloudevent: not a JSON object: %w", err)
	}
	str := func(name string) (string, error) {
		raw, ok := m[name]
		if !ok {
			return "", nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("cloudevent: %s is not a string", name)
		}
		if s == "" {
			return "", fmt.Errorf("cloudevent: %s is empty", name)
		}
		return s, nil
	}
	sv, err := str("specversion")
	if err != nil {
		return nil, err
	}
	if sv != SpecVersion {
		return nil, fmt.Errorf("cloudevent: specversion %s, want %q", wire.Quote(sv), SpecVersion)
	}
	e := &Event{}
	for _, a := range []struct {
		name string
		dst  *string
	}{{"id", &e.ID}, {"source", &e.Source}, {"type", &e.Type}, {"subject", &e.Subject}, {"time", &e.Time},
		{"datacontenttype", &e.DataContentType}, {"dataschema", &e.DataSchema}} {
		if *a.dst, err = str(a.name); err != nil {
			return nil, err
		}
	}
	if raw, ok := m["data"]; ok {
		e.Data = raw
	}
	if raw, ok := m["data_base64"]; ok {
		if e.Data != nil {
			return nil, errors.New("cloudevent: both data and data_base64")
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, errors.New("cloudevent: data_base64 is not a string")
		}
		data, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("cloudevent: data_base64: %w", err)
		}
		e.Data = data
	}
	for name, raw := range m {
		if known[name] {
			continue
		}
		if e.Extensions == nil {
			e.Extensions = map[string]json.RawMessage{}
		}
		e.Extensions[name] = raw
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	return e, nil
}

// writeString writes s as a JSON string: as it is when it needs no escape (the common case), else as
// encoding/json writes it.
func writeString(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f || c == '<' || c == '>' || c == '&' {
			v, _ := json.Marshal(s) // a string always marshals
			b.Write(v)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}
