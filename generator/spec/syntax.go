package spec

import "go.yaml.in/yaml/v4"

// File is one spec file as written: the syntax tree of spec/<platform>.yaml. Every node keeps its
// position; nothing is resolved yet (that is the ir package's job).
type File struct {
	Path     string        `yaml:"-"`
	Platform Platform      `yaml:"platform,required"`
	Delivery *Delivery     `yaml:"delivery"`
	Envelope *Envelope     `yaml:"envelope"`
	Groups   Map[Group]    `yaml:"groups"`
	Channels Map[Channel]  `yaml:"channels"`
	Types    Map[TypeDef]  `yaml:"types"`
	Events   Map[EventDef] `yaml:"events,required"`
	Pos      Pos           `yaml:"-"`
	At       Positions     `yaml:"-"`

	// CloudEvents says what the CloudEvents of the platform's events carry (cloudevents.go).
	CloudEvents *CloudEvents `yaml:"cloudevents"`
}

// Platform is the platform's metadata.
type Platform struct {
	Name          string   `yaml:"name,required"`
	Title         string   `yaml:"title,required"`
	Version       string   `yaml:"version,required"`
	Package       string   `yaml:"package"`
	Description   string   `yaml:"description"`
	Source        Source   `yaml:"source,required"`
	Discrepancies []string `yaml:"discrepancies"`
	// Outputs chooses what eventgen generates for the platform (see Outputs); absent means all.
	Outputs []string `yaml:"outputs"`
	Pos     Pos      `yaml:"-"`
	At      Positions
}

// Source names the vendor document a spec was transcribed from.
type Source struct {
	Title    string `yaml:"title,required"`
	Document string `yaml:"document"`
	URL      string `yaml:"url"`
	Language string `yaml:"language"`
	Pos      Pos    `yaml:"-"`
}

// Delivery says how the platform delivers events and how a receiver verifies them.
type Delivery struct {
	Method        string      `yaml:"method"`
	ContentType   string      `yaml:"content_type"`
	Description   string      `yaml:"description"`
	Secret        *BodySecret `yaml:"secret"`
	Signature     string      `yaml:"signature"`
	ID            string      `yaml:"id"`
	Handshake     *Handshake  `yaml:"handshake"`
	Source        string      `yaml:"source"`
	Discrepancies []string    `yaml:"discrepancies"`
	Pos           Pos         `yaml:"-"`
	At            Positions
}

// BodySecret is a shared secret the platform carries in every request body, at a member path.
type BodySecret struct {
	Member      string `yaml:"member,required"`
	Description string `yaml:"description"`
	Pos         Pos    `yaml:"-"`
	At          Positions
}

// Handshake is what the platform does when a subscription is saved.
type Handshake struct {
	Description    string       `yaml:"description,required"`
	Request        string       `yaml:"request"`
	ResponseStatus int          `yaml:"response_status"`
	Response       string       `yaml:"response"`
	Token          []TokenPlace `yaml:"token"`
	Pos            Pos          `yaml:"-"`
}

// TokenPlace is one place the handshake token may travel in a request: exactly one key is set.
type TokenPlace struct {
	Header string `yaml:"header"`
	Query  string `yaml:"query"`
	Member string `yaml:"member"`
	Form   string `yaml:"form"`
	Body   bool   `yaml:"body"`
	Pos    Pos    `yaml:"-"`
}

// Envelope says where the discriminator, the payload and the common members sit on the wire.
type Envelope struct {
	Discriminator string     `yaml:"discriminator,required"`
	Payload       string     `yaml:"payload"`
	Batch         string     `yaml:"batch"`
	Absent        string     `yaml:"absent"` // the event a body stands for when the discriminator is absent, null or ""
	Description   string     `yaml:"description"`
	Fields        Map[Field] `yaml:"fields"`
	Pos           Pos        `yaml:"-"`
	At            Positions
}

// Group is a heading events are filed under.
type Group struct {
	Title         string   `yaml:"title,required"`
	Description   string   `yaml:"description"`
	Source        string   `yaml:"source"`
	Discrepancies []string `yaml:"discrepancies"`
	Pos           Pos      `yaml:"-"`
}

// Channel is a channel events may be supported on.
type Channel struct {
	Title         string   `yaml:"title,required"`
	Description   string   `yaml:"description"`
	Inbound       bool     `yaml:"inbound"`
	Source        string   `yaml:"source"`
	Discrepancies []string `yaml:"discrepancies"`
	Pos           Pos      `yaml:"-"`
}

// Constraints are the validation keys shared by fields and named scalar types.
type Constraints struct {
	MinLength *int     `yaml:"min_length"`
	MaxLength *int     `yaml:"max_length"`
	MaxBytes  *int     `yaml:"max_bytes"`
	Pattern   string   `yaml:"pattern"`
	Minimum   *float64 `yaml:"minimum"`
	Maximum   *float64 `yaml:"maximum"`
	MinItems  *int     `yaml:"min_items"`
	MaxItems  *int     `yaml:"max_items"`
}

// TypeDef is a named type; Kind says which of the kind-specific keys apply.
type TypeDef struct {
	Kind          string   `yaml:"kind,required"`
	Description   string   `yaml:"description"`
	Source        string   `yaml:"source"`
	Discrepancies []string `yaml:"discrepancies"`

	// object
	Fields    Map[Field] `yaml:"fields"`
	Include   []string   `yaml:"include"`
	AllOrNone [][]string `yaml:"all_or_none"`
	// enum
	Base   string      `yaml:"base"`
	Closed bool        `yaml:"closed"`
	Values []EnumValue `yaml:"values"`
	// union
	Discriminator string    `yaml:"discriminator"`
	Variants      []Variant `yaml:"variants"`
	// oneof
	Kinds Map[KindDef] `yaml:"kinds"`
	// time
	Layouts            []string `yaml:"layouts"`
	FractionSeparators []string `yaml:"fraction_separators"`
	Zone               string   `yaml:"zone"`
	Unix               string   `yaml:"unix"`
	// string, integer, number
	Constraints `yaml:",inline"`
	Format      string `yaml:"format"`

	Pos Pos `yaml:"-"`
	At  Positions
}

// EnumValue is one value of an enum.
type EnumValue struct {
	Value         Value    `yaml:"value,required"`
	Description   string   `yaml:"description"`
	Template      string   `yaml:"template"`
	When          string   `yaml:"when"`
	GoName        string   `yaml:"go_name"`
	Source        string   `yaml:"source"`
	Deprecated    Value    `yaml:"deprecated"`
	Discrepancies []string `yaml:"discrepancies"`
	Pos           Pos      `yaml:"-"`
	At            Positions
}

// Variant maps one discriminator value of a union to its object type.
type Variant struct {
	Value         string   `yaml:"value,required"`
	Type          string   `yaml:"type,required"`
	Description   string   `yaml:"description"`
	Discrepancies []string `yaml:"discrepancies"`
	Pos           Pos      `yaml:"-"`
	At            Positions
}

// KindDef is the type used for one JSON kind of a oneof.
type KindDef struct {
	Type        string `yaml:"type,required"`
	Description string `yaml:"description"`
	Pos         Pos    `yaml:"-"`
	At          Positions
}

// Field is one member of an object, an event payload or the envelope.
type Field struct {
	Type            string   `yaml:"type,required"`
	Required        bool     `yaml:"required"`
	Nullable        bool     `yaml:"nullable"`
	Description     string   `yaml:"description"`
	Example         Value    `yaml:"example"`
	Default         Value    `yaml:"default"`
	Deprecated      Value    `yaml:"deprecated"`
	ServerGenerated bool     `yaml:"server_generated"`
	Format          string   `yaml:"format"`
	Values          []Value  `yaml:"values"`
	GoName          string   `yaml:"go_name"`
	Source          string   `yaml:"source"`
	Discrepancies   []string `yaml:"discrepancies"`
	Constraints     `yaml:",inline"`
	Pos             Pos `yaml:"-"`
	At              Positions

	// EventID and EventTime mark the member holding the event's id and the time it occurred.
	EventID   bool `yaml:"event_id"`
	EventTime bool `yaml:"event_time"`
}

// EventDef is one event of the catalogue; its key is the discriminator value.
type EventDef struct {
	Summary        string     `yaml:"summary"`
	Description    string     `yaml:"description"`
	Group          string     `yaml:"group"`
	Fields         Map[Field] `yaml:"fields"`
	Payload        *Field     `yaml:"payload"` // the payload member holds this value instead of an object of Fields
	Include        []string   `yaml:"include"`
	AllOrNone      [][]string `yaml:"all_or_none"`
	Subtype        string     `yaml:"subtype"`
	Channels       []string   `yaml:"channels"`
	ExceptChannels []string   `yaml:"except_channels"`
	Support        string     `yaml:"support"`
	Undocumented   bool       `yaml:"undocumented"`
	GoName         string     `yaml:"go_name"`
	Source         string     `yaml:"source"`
	Discrepancies  []string   `yaml:"discrepancies"`
	Examples       []Example  `yaml:"examples"`
	Pos            Pos        `yaml:"-"`
	At             Positions
}

// Example is a sample request body, verbatim from the vendor document.
type Example struct {
	Name          string   `yaml:"name,required"`
	Summary       string   `yaml:"summary"`
	JSON          string   `yaml:"json,required"`
	Published     string   `yaml:"published"`
	Corrections   []string `yaml:"corrections"`
	Invalid       bool     `yaml:"invalid"`
	Discrepancies []string `yaml:"discrepancies"`
	Pos           Pos      `yaml:"-"`
	At            Positions
}

// Value is a YAML value kept as written (an example, a default, an enum value).
type Value struct {
	Node *yaml.Node
	Pos  Pos
}

// IsSet reports whether the key was present.
func (v Value) IsSet() bool { return v.Node != nil }

// Map is a YAML mapping keyed by name that keeps the order it was written in.
type Map[T any] []Entry[T]

// Entry is one key of a Map with its position.
type Entry[T any] struct {
	Key   string
	Pos   Pos
	Value T
}

// Positions records where each key of a mapping was written, for precise diagnostics.
type Positions map[string]Pos

// Of returns the position of key, or fallback when the key was not written.
func (p Positions) Of(key string, fallback Pos) Pos {
	if pos, ok := p[key]; ok {
		return pos
	}
	return fallback
}

// Keys returns the keys of m in written order.
func (m Map[T]) Keys() []string {
	keys := make([]string, len(m))
	for i, e := range m {
		keys[i] = e.Key
	}
	return keys
}
