package docs

import "html/template"

// The view model: what the templates render. Everything is computed here, from the OpenAPI document
// only, in a deterministic order, so that the templates stay dumb (loops, conditionals and fields).

// Index is the view of the site's index page.
type Index struct {
	Platforms []*Platform
}

// Platform is the view of one platform's page.
type Platform struct {
	Name        string // the platform key: its page is Name + ".html"
	Title       string
	Version     string
	Spec        string // the spec file the document comes from (x-eventgen-spec)
	SourceURL   string // the vendor document (externalDocs)
	SourceTitle string
	Excerpt     string // the first paragraph of the description, as plain text, shortened
	Description template.HTML
	Catalogue   bool // catalogue only: no wire format, nothing is decoded

	Delivery *Delivery // nil for a catalogue
	Groups   []*Group  // document order; one untitled group when the document has none
	Channels []*Channel
	Support  []*SupportRow // the channel × event table, when there are channels
	Types    []*Type       // sorted by name

	Events, Examples int // counts, for the index
}

// Page is the file name of the platform's page.
func (p *Platform) Page() string { return p.Name + ".html" }

// Delivery describes the request that carries the events.
type Delivery struct {
	Method, ContentType string
	Description         template.HTML // the operation
	Body                template.HTML // the request body
	BodySchema          *Type         // Batch, when events come in batches
	Event               *Type         // the union of the envelopes
	Unknown             *Type         // the envelope of an event type the catalogue does not document
	Discriminator       string        // JSON pointer of the event type in an envelope
}

// Group is a heading of the catalogue.
type Group struct {
	ID, Name, Title string
	Description     template.HTML
	Events          []*Event
}

// Channel is a channel events may be supported on.
type Channel struct {
	ID, Name, Title string
	Inbound         bool
	Description     template.HTML
	events          map[string]bool
}

// SupportRow is one event's row of the channel support table.
type SupportRow struct {
	Group     *Group // set on the first row of each group
	Event     *Event
	Supported []bool // by channel, in the order of Platform.Channels
}

// Event is one documented event.
type Event struct {
	ID, Name      string
	Summary       string // the first paragraph, as plain text
	Description   template.HTML
	Schema        string // the envelope's component name, "" for a catalogue
	Discriminator string // JSON pointer of the event type in the envelope
	Subtype       string // JSON pointer of the member that further qualifies the event (x-eventgen-subtype)
	Channels      []*Channel
	Fields        []*Field // envelope and payload, depth first
	Examples      []*Example
}

// Example is one example request body.
type Example struct {
	ID, Key, Name string // Key is "<event>/<name>", as in the document
	Summary       string
	Description   template.HTML
	JSON          string // pretty-printed, two-space indent
}

// Field is one member of an object, possibly nested (Path "data.id", Depth 1).
type Field struct {
	ID, Name, Path, Parent string // Parent is the path prefix, "data." or ""
	Depth                  int
	Type                   TypeExpr
	Required, Nullable     bool
	Deprecated             bool
	Enum                   *Enum
	Constraints            []Constraint
	Example                string // compact JSON
	Description            template.HTML
}

// TypeExpr is a type as a sequence of words, some of them links to a named type's section.
type TypeExpr []TypePart

// TypePart is one word of a type expression.
type TypePart struct {
	Text string
	Href string // "#type-Name" for a named type, else ""
}

// Enum is the set of values a field admits. The values of a long enum type are not repeated at each
// member that uses it: Values is then empty, and Count and Type say where they are.
type Enum struct {
	Values []string
	Open   bool // values not listed are valid too
	Count  int
	Type   TypeExpr // the enum type, when the values are its
}

// Constraint is one validation keyword, e.g. {"maxLength", "255"}; Values is set instead of Value
// for a keyword with a list of values.
type Constraint struct {
	Name, Value string
	Values      []string
}

// Type is the section of one named type (components.schemas).
type Type struct {
	ID, Name    string
	Kind        string // "object", "enum", "union", "one of", or the JSON type of a scalar
	Description template.HTML

	Fields []*Field // objects

	Values []*Value // enums
	Open   bool

	Discriminator string     // unions: the member naming the variant
	Variants      []*Variant // unions, in the order of oneOf
	Unknown       TypeExpr   // unions: the variant of undocumented values

	Alternatives []*Alternative // one-ofs

	Base        TypeExpr // scalars
	Constraints []Constraint
}

// Value is one value of an enum.
type Value struct {
	Value       string
	Description template.HTML
}

// Variant maps discriminator values of a union to a type.
type Variant struct {
	Values []string
	Type   TypeExpr
}

// Alternative is one branch of a oneOf without discriminator.
type Alternative struct {
	Type        TypeExpr
	Description template.HTML
}

// NamedGroups counts the groups the document names (not the list of events of a document without groups).
func (p *Platform) NamedGroups() int {
	n := 0
	for _, g := range p.Groups {
		if g.Name != "" {
			n++
		}
	}
	return n
}

// SupportColumns is the number of columns of the channel support table.
func (p *Platform) SupportColumns() int { return len(p.Channels) + 1 }
