package diff

// Rule is one kind of change between two versions of a spec, with a fixed severity and the reason for
// it, judged from the receiving side: a consumer of the generated Go package and of the events the
// platform sends, as an API client reads a response.
type Rule struct {
	ID       string
	Severity Severity
	Why      string
}

// Rules lists every rule, in the order of the documentation table (generator/diff/README.md, which a
// test keeps in step with this list).
var Rules = []Rule{
	// platform
	{"platform-name-changed", Breaking, "the platform key names the generated directory, the import path and `--platform`"},
	{"platform-package-changed", Breaking, "the Go package name changes: every importing file must be edited"},
	{"platform-version-changed", Info, "the catalogue version is documentation"},
	{"platform-prose-changed", Info, "title, description, source and discrepancies are documentation"},
	// delivery
	{"delivery-method-changed", Breaking, "a receiver routed on the old method no longer receives the events"},
	{"delivery-content-type-changed", Breaking, "a receiver that checks the content type rejects the requests"},
	{"delivery-handshake-added", Breaking, "a receiver that does not answer the handshake cannot be subscribed"},
	{"delivery-handshake-removed", Info, "a receiver that answers a handshake that never comes loses nothing"},
	{"delivery-handshake-changed", Breaking, "the response status the platform expects changed: old receivers answer wrongly"},
	{"delivery-prose-changed", Info, "descriptions of delivery and handshake are documentation"},
	// envelope
	{"envelope-added", Info, "a catalogue-only package gains decoders; nothing it had goes away"},
	{"envelope-removed", Breaking, "Decode and the event structs disappear: the package becomes a catalogue"},
	{"envelope-discriminator-changed", Breaking, "old decoders read the event type where it no longer is: every event decodes as Unknown or fails"},
	{"envelope-payload-changed", Breaking, "old decoders read the payload where it no longer is"},
	{"envelope-batch-changed", Breaking, "batched and single bodies need different decode calls (Decode or DecodeBatch)"},
	{"envelope-prose-changed", Info, "the envelope's description is documentation"},
	// groups and channels
	{"group-added", Info, "the catalogue gains a group"},
	{"group-removed", Warning, "EventsInGroup with the old key silently returns nothing"},
	{"group-changed", Info, "a group's title and description are documentation"},
	{"channel-added", Info, "the catalogue gains a channel"},
	{"channel-removed", Warning, "SupportedOn and EventsOnChannel with the old key silently return nothing"},
	{"channel-changed", Info, "a channel's title, description and inbound flag are documentation (event support changes are reported per event)"},
	// events
	{"event-added", Info, "old packages decode the new type as Unknown, losing nothing; regenerated ones get a struct"},
	{"event-removed", Breaking, "the event's Go type and EventType constant disappear; its payloads decode as Unknown"},
	{"event-wire-name-changed", Breaking, "the Go name stays, but the old package decodes the new wire name as Unknown, and the constant's value changes"},
	{"event-go-name-changed", Breaking, "the event's Go struct and EventType constant are renamed"},
	{"event-became-undocumented", Breaking, "the event's struct disappears; its payloads decode as Unknown"},
	{"event-became-documented", Warning, "payloads that decoded as Unknown now decode as a struct: code matching Unknown for this type stops seeing them"},
	{"event-group-changed", Info, "the catalogue files the event elsewhere"},
	{"event-payload-kind-changed", Breaking, "the payload became one value (an array, a string…) or an object of members: the struct's fields change, and old decoders report the new payload as of the wrong kind"},
	{"event-subtype-changed", Warning, "TypePath labels of the event change (e.g. message/text becomes message)"},
	{"event-channel-added", Info, "SupportedOn reports one more channel"},
	{"event-channel-removed", Warning, "SupportedOn stops reporting a channel the event was supported on"},
	{"event-prose-changed", Info, "summary, description, support, source and discrepancies are documentation"},
	{"example-added", Info, "examples are documentation and fixtures"},
	{"example-removed", Info, "examples are documentation and fixtures"},
	{"example-changed", Info, "examples are documentation and fixtures"},
	{"all-or-none-added", Warning, "Validate reports payloads that send only part of the set: a strict receiver rejects what it accepted"},
	{"all-or-none-removed", Warning, "Validate stops reporting partial sets: a receiver may now see them"},
	// types
	{"type-added", Info, "a new Go type"},
	{"type-removed", Breaking, "the Go type disappears"},
	{"type-kind-changed", Breaking, "the Go type changes shape (struct, string, int64, interface…)"},
	{"type-prose-changed", Info, "description, source, discrepancies and format hints are documentation"},
	// members
	{"member-added", Info, "an optional member: old packages keep it as an unknown member, lossless"},
	{"member-added-required", Warning, "payloads without it (older traffic, replays from a log) now fail Validate; the Go struct only gains a field"},
	{"member-removed", Breaking, "the Go field disappears; the member, if still sent, is kept as unknown"},
	{"member-json-name-changed", Breaking, "the Go field stays, but old packages read the new JSON name as an unknown member and the field as absent"},
	{"member-go-name-changed", Breaking, "the Go field is renamed"},
	{"member-type-changed", Breaking, "the Go field's type changes, and old decoders keep new values verbatim as problems"},
	{"member-opt-changed", Breaking, "the Go field changes between Opt[T] and T (a member is a plain value only when required and not nullable)"},
	{"member-became-required", Warning, "Validate now reports the member's absence: a strict receiver rejects what it accepted"},
	{"member-became-optional", Warning, "Validate stops reporting absence: a reader can no longer rely on the member"},
	{"member-became-nullable", Warning, "null is now valid: a reader may see null where it never did"},
	{"member-became-non-nullable", Warning, "Validate now reports null: a strict receiver rejects what it accepted"},
	{"member-value-added", Warning, "the member's closed list of values grew: old Validate reports the new value"},
	{"member-value-removed", Warning, "the member's closed list of values shrank: Validate reports values it accepted"},
	{"member-deprecation-changed", Info, "deprecation is documentation"},
	{"member-prose-changed", Info, "description, example, default, format, server_generated, source and discrepancies are documentation"},
	{"constraint-tightened", Warning, "Validate reports values it accepted: a strict receiver rejects them"},
	{"constraint-loosened", Warning, "Validate accepts values old versions report: old strict receivers reject what is now sent"},
	{"constraint-pattern-changed", Warning, "the accepted strings change in a way that may go either direction"},
	// enums
	{"enum-value-added", Info, "the enum is open: old packages keep the new value and Known reports false"},
	{"closed-enum-value-added", Warning, "the enum is closed: old Validate reports the new value"},
	{"enum-value-removed", Breaking, "the value's Go constant disappears"},
	{"enum-value-go-name-changed", Breaking, "the value's Go constant is renamed"},
	{"enum-became-closed", Warning, "Validate now reports values outside the list"},
	{"enum-became-open", Warning, "Validate stops reporting values outside the list: a reader may see values it never did"},
	{"enum-templates-removed", Breaking, "no value has a template any more: the Template and Render methods disappear"},
	{"enum-value-prose-changed", Info, "description, template text, when, deprecation, source and discrepancies are documentation"},
	// unions
	{"union-discriminator-changed", Breaking, "old decoders read the variant from a member that is no longer sent: every value becomes the Unknown variant"},
	{"union-variant-added", Info, "unions are open: old packages keep the new variant as the Unknown variant, verbatim"},
	{"union-variant-removed", Breaking, "its values now decode as the Unknown variant; code matching the variant type stops seeing them"},
	{"union-variant-value-changed", Warning, "no Go identifier changes (the variant type stays); old packages keep the renamed value as the Unknown variant, verbatim, and TypePath labels change"},
	{"union-variant-type-changed", Breaking, "the value decodes into a different Go type"},
	{"union-variant-prose-changed", Info, "variant descriptions are documentation"},
	// oneof
	{"oneof-kind-added", Warning, "old packages keep values of the new JSON kind verbatim and Validate reports them"},
	{"oneof-kind-removed", Breaking, "the Go field for that JSON kind disappears"},
	{"oneof-kind-type-changed", Breaking, "the Go field for that JSON kind changes type"},
	// time
	{"time-unix-changed", Breaking, "seconds and milliseconds, or text and numbers, read the same JSON differently"},
	{"time-layout-added", Warning, "values in the new layout fail Time() and Validate in old packages"},
	{"time-layout-removed", Warning, "values in the old layout now fail Time() and Validate"},
	{"time-layout-order-changed", Warning, "the first layout formats new values: encoders write a different text"},
	{"time-fraction-separators-changed", Warning, "the accepted texts change"},
	{"time-zone-changed", Info, "the zone of offset-less text is documentation (Time reads it as UTC)"},
}

// ruleSeverity maps a rule id to its severity.
var ruleSeverity = func() map[string]Severity {
	m := make(map[string]Severity, len(Rules))
	for _, r := range Rules {
		m[r.ID] = r.Severity
	}
	return m
}()
