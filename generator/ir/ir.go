// Package ir resolves a spec into the intermediate representation that every emitter reads. It resolves
// references, assigns every output name (through package naming), and runs the semantic checks:
// duplicate events and discriminator values, unknown types, Go-name clashes, examples that do not match
// their schema. Every collection is ordered deterministically and every node keeps its spec position.
package ir

import (
	"sync/atomic"

	"github.com/eventgen/eventgen/generator/spec"
)

// DefaultImportRoot is the import path of this repository's output root, generated/.
const DefaultImportRoot = "github.com/eventgen/eventgen/generated"

// Platform is one resolved spec.
type Platform struct {
	Name        string // platform key: spec file name, Go package path element, --platform
	Package     string // Go package name
	Title       string
	Version     string
	Description string
	SpecPath    string   // the spec file as given to the generator, for provenance comments
	Pos         spec.Pos // where the platform is declared, as the spec file was named when loaded
	// ImportPath is the import path of the generated package: the import path of the output root and
	// the platform's name. The generator sets it (generator.Config); Build leaves it empty.
	ImportPath    string
	Source        spec.Source
	Discrepancies []string
	Delivery      Delivery
	CloudEvents   CloudEvents
	Envelope      *Envelope // nil: catalogue only, nothing is decoded
	Groups        []*Group  // document order
	Channels      []*Channel
	Types         []*Type  // sorted by name
	Events        []*Event // document order
	// Outputs are the outputs the spec chooses (spec.Outputs, in that order); nil when it chooses none,
	// which means all of them.
	Outputs []string

	index atomic.Pointer[eventIndex] // the typed events by name, built on first use (TypedEvent)
}

// eventIndex maps the discriminator value of every typed event to the event.
type eventIndex struct {
	events []*Event // the Events it was built from
	byName map[string]*Event
}

// TypedEvent returns the first of Typed whose discriminator value is name, or nil: the lookup that
// decoding a body needs, in constant time however large the catalogue. Its index is built on first
// use, and again when Events has been replaced since.
func (p *Platform) TypedEvent(name string) *Event {
	idx := p.index.Load()
	if idx == nil || len(idx.events) != len(p.Events) || len(p.Events) > 0 && &idx.events[0] != &p.Events[0] {
		idx = &eventIndex{events: p.Events, byName: map[string]*Event{}}
		for _, e := range p.Typed() {
			if _, dup := idx.byName[e.Name]; !dup {
				idx.byName[e.Name] = e
			}
		}
		p.index.Store(idx)
	}
	return idx.byName[name]
}

// Wire reports whether the platform's events are decoded (it has an envelope).
func (p *Platform) Wire() bool { return p.Envelope != nil }

// WireEvents returns the events that have a wire name and a payload, in document order.
func (p *Platform) WireEvents() []*Event {
	var evs []*Event
	for _, e := range p.Events {
		if !e.Undocumented && p.Wire() {
			evs = append(evs, e)
		}
	}
	return evs
}

// Delivery says how events reach the consumer and how a receiver verifies them.
type Delivery struct {
	Method, ContentType, Description, Source string
	Discrepancies                            []string
	Handshake                                *spec.Handshake
	// Secret is the path of a body member carrying a shared secret; nil when there is none.
	Secret            []string
	SecretDescription string
	// Signature is the signature scheme ("standard-webhooks"), or "".
	Signature string
	// ID is the path of a body member carrying the delivery's id; nil when there is none.
	ID []string
	// TokenPlaces are where the handshake token may travel, in the order a receiver tries them.
	TokenPlaces []TokenPlace
}

// TokenPlace is one place a handshake token may travel: exactly one field is set.
type TokenPlace struct {
	Header, Query, Form string
	Member              []string
	Body                bool
}

// Envelope is where the discriminator and payload sit. Levels are the objects from the body (or batch
// item) down to the object that holds the discriminator; the payload is the member Payload of the last
// level, or that level itself when Payload is "".
type Envelope struct {
	Batch         string   // member holding the array of envelopes, or ""
	Levels        []string // member names leading from the root to the discriminator's object
	Discriminator string   // member name of the discriminator in the last level
	Payload       string   // member name of the payload in the last level; "" = the last level itself
	Fields        []*Field // members common to every event, in the root object
	Description   string
	// Absent is the event a body stands for when its discriminator member is absent, null or "", or
	// nil. Its name is a label, never matched as a discriminator value (see Event.Absent).
	Absent *Event
}

// Of returns the envelope as event e sees it. For an event whose payload is a value (Event.Value),
// there is no payload object: the payload member is one of the event's fields, in the object that
// holds the discriminator, as on a platform whose envelope has no payload member. For the others
// (and a nil e) it is the envelope itself.
func (env *Envelope) Of(e *Event) *Envelope {
	if e == nil || e.Value == nil {
		return env
	}
	c := *env
	c.Payload = ""
	return &c
}

// DiscriminatorPath returns the member names from the root to the discriminator.
func (e *Envelope) DiscriminatorPath() []string {
	return append(append([]string(nil), e.Levels...), e.Discriminator)
}

// PayloadPath returns the member names from the root to the payload object.
func (e *Envelope) PayloadPath() []string {
	p := append([]string(nil), e.Levels...)
	if e.Payload != "" {
		p = append(p, e.Payload)
	}
	return p
}

// Down returns the member that leads from envelope level k to level k+1: a member of Levels, or the
// payload member from the last level; "" when level k has nothing below it.
func (e *Envelope) Down(k int) string {
	switch {
	case k < len(e.Levels):
		return e.Levels[k]
	case k == len(e.Levels):
		return e.Payload
	}
	return ""
}

// Group is a heading of the catalogue.
type Group struct {
	Name, Title, Description, Source string
	Discrepancies                    []string
	Events                           []*Event
}

// Channel is a channel events may be supported on.
type Channel struct {
	Name, Title, Description, Source string
	GoName                           string
	Inbound                          bool
	Discrepancies                    []string
}

// Kind is the kind of a named type.
type Kind int

// The kinds of named types.
const (
	KindObject Kind = iota
	KindEnum
	KindUnion
	KindOneOf
	KindTime
	KindScalar
)

// Type is a named type.
type Type struct {
	Name          string // spec name, also the Go name
	Kind          Kind
	Description   string
	Source        string
	Discrepancies []string
	Pos           spec.Pos

	// KindObject
	Fields    []*Field
	AllOrNone [][]*Field
	Includes  []*Type // the object types named by include, in order (see usage.go)
	// included and referenced say how the type is used (see usage.go).
	included, referenced bool
	// Implied is set on object types that are the variant of exactly one union value and do not
	// declare the discriminator: the decoder accepts the member and the encoder writes it.
	Implied *Implied

	// KindEnum
	Base   string // "string" or "integer"
	Closed bool
	Values []*EnumValue

	// KindUnion
	Discriminator string
	Variants      []*Variant

	// KindOneOf
	Alternatives []*Alternative

	// KindTime: Layouts for text, Unix ("seconds" or "milliseconds") for numbers. FractionSeparators
	// holds the characters that may stand before the fraction of seconds instead of ".".
	Layouts            []string
	FractionSeparators string
	Zone               string // documentation: the zone of layouts without an offset
	Unix               string

	// KindScalar
	Scalar      string // "string", "integer" or "number"
	Format      string
	Constraints Constraints
}

// Implied is the discriminator member a union variant carries without declaring it.
type Implied struct{ Member, Value string }

// HasTemplates reports whether some value of an enum has a text template.
func (t *Type) HasTemplates() bool {
	for _, v := range t.Values {
		if v.Template != "" {
			return true
		}
	}
	return false
}

// UnknownName is the Go name of a union's variant for discriminator values it does not know.
func (t *Type) UnknownName() string { return t.Name + "Unknown" }

// DecodeName is the Go name of the function that decodes one value of a union on its own, outside an
// event: "DecodeChatEvent". It is claimed in the package namespace.
func (t *Type) DecodeName() string { return "Decode" + t.Name }

// VariantName is the Go name of the function that returns a union value's discriminator value:
// "VariantOfChatEvent". It is claimed in the package namespace.
func (t *Type) VariantName() string { return "VariantOf" + t.Name }

// JSONKind is the JSON kind values of the type have ("object", "string", "number", "integer", …).
func (t *Type) JSONKind() string {
	switch t.Kind {
	case KindObject, KindUnion:
		return "object"
	case KindEnum:
		return t.Base
	case KindTime:
		if t.Unix != "" {
			return "integer"
		}
		return "string"
	case KindScalar:
		return t.Scalar
	}
	return "" // oneof: several
}

// EnumValue is one value of an enum.
type EnumValue struct {
	Value         any    // string or int64
	GoName        string // the constant's full Go name, e.g. ChannelPhone
	Pos           spec.Pos
	Description   string
	Template      string // a text template with %name% placeholders, or ""
	When          string // when the platform uses the value
	Source        string
	Deprecated    string
	Discrepancies []string
}

// Variant maps a discriminator value of a union to an object type.
type Variant struct {
	Value         string
	Type          *Type
	Description   string
	Discrepancies []string
}

// Alternative is the type used for one JSON kind of a oneof.
type Alternative struct {
	JSONKind    string // "string", "number", "boolean", "object", "array"
	GoName      string // field name in the Go struct: String, Number, Boolean, Object, Array
	Type        *TypeRef
	Description string
}

// RefKind is the kind of a type reference.
type RefKind int

// The kinds of type references.
const (
	RefBuiltin RefKind = iota
	RefNamed
	RefArray
	RefMap
)

// TypeRef is a resolved type expression.
type TypeRef struct {
	Kind    RefKind
	Builtin string // RefBuiltin: string, integer, number, boolean, raw
	Named   *Type  // RefNamed
	Elem    *TypeRef
}

// String renders the reference in spec syntax.
func (r *TypeRef) String() string {
	switch r.Kind {
	case RefNamed:
		return r.Named.Name
	case RefArray:
		return "[]" + r.Elem.String()
	case RefMap:
		return "map[" + r.Elem.String() + "]"
	}
	return r.Builtin
}

// JSONKind is the JSON kind of the values the reference admits ("" when several: a oneof or raw).
func (r *TypeRef) JSONKind() string {
	switch r.Kind {
	case RefNamed:
		return r.Named.JSONKind()
	case RefArray:
		return "array"
	case RefMap:
		return "object"
	}
	if r.Builtin == "raw" {
		return ""
	}
	return r.Builtin
}

// Constraints are validation bounds; nil pointers are unbounded.
type Constraints struct {
	MinLength, MaxLength, MaxBytes, MinItems, MaxItems *int
	Minimum, Maximum                                   *float64
	Pattern                                            string
}

// IsZero reports whether no constraint is set.
func (c Constraints) IsZero() bool { return c == Constraints{} }

// Field is one member of an object or event.
type Field struct {
	JSONName        string
	GoName          string
	Index           int // position among the fields of its struct (bit index for presence tracking)
	Type            *TypeRef
	Required        bool
	Nullable        bool
	Description     string
	Example         any // JSON-compatible value, nil when none
	Default         any
	Deprecated      string
	ServerGenerated bool
	EventID         bool // the member holds the event's id (CloudEvents id)
	EventTime       bool // the member holds the time the event occurred (CloudEvents time)
	Format          string
	Values          []any // a closed one-off list of allowed values
	Constraints     Constraints
	Source          string
	Discrepancies   []string
	Pos             spec.Pos
}

// Plain reports whether the Go field is a plain value (required and not nullable) rather than an Opt.
func (f *Field) Plain() bool { return f.Required && !f.Nullable }

// Event is one event of the catalogue.
type Event struct {
	Name        string // discriminator value on the wire (or a label when Undocumented)
	GoName      string // struct name
	ConstName   string // EventType constant, e.g. EventTypeSessionStarted
	Group       *Group
	Summary     string
	Description string
	Fields      []*Field // envelope fields first, then included, then own
	Includes    []*Type  // the object types named by include, in order
	AllOrNone   [][]*Field
	Subtype     *Field // a union-typed payload field that qualifies the event name, or nil
	// Value is set when the event's payload is one value (an array, a string…) rather than an object
	// of members: it is the envelope's payload member as a field, and the event's only payload field.
	// Envelope.Of(e) describes the wire as this event sees it.
	Value         *Field
	Channels      []*Channel
	Support       string
	Undocumented  bool
	Absent        bool // the envelope's Absent event: its discriminator is absent, null or "", and Name is a label
	Source        string
	Discrepancies []string
	Examples      []*Example
	Pos           spec.Pos
	// CloudEvent is where the event's id and time are (see cloudevents.go).
	CloudEvent CloudEventFacts
}

// Typed returns the events that are decoded by their discriminator value: the wire events but the
// envelope's Absent event.
func (p *Platform) Typed() []*Event {
	var evs []*Event
	for _, e := range p.WireEvents() {
		if !e.Absent {
			evs = append(evs, e)
		}
	}
	return evs
}

// PayloadFields returns the fields that sit in the payload object (not the envelope's common ones).
func (e *Event) PayloadFields(env *Envelope) []*Field { return e.Fields[len(env.Fields):] }

// Example is a vendor sample.
type Example struct {
	Name, Summary, JSON, Published string
	Corrections                    []string
	Invalid                        bool
	Discrepancies                  []string
	Pos                            spec.Pos
}
