// Package wire is the runtime under every package that eventgen generates
// from a spec: the JSON reader and writer its decoders and encoders are
// made of, the Opt type for members that may be absent or null, and the
// Problems that its Validate methods report. It is written by hand, not
// generated, imports only the standard library, and is shared by all
// generated packages, which reach JSON only through it.
//
// # Reading
//
// A Decoder reads one JSON value from a string in a single pass, without
// reflection. The input is converted to a string once (string(data)), so
// every string value without escapes, every member name and every raw
// span it returns is a substring of the input: a decode allocates only
// for strings that contain escapes, and for what the caller keeps
// (Members, Problems). (Skip also allocates, once per Decoder, for values
// nested more than 64 levels deep.) A generated decoder for an object
// looks like this:
//
//	var d wire.Decoder
//	d.Reset(string(data))
//	if !d.Object() {
//		// not an object: d.Skip() records a syntax error, if any
//	}
//	for d.MoreMembers() {
//		name, raw := d.Key()
//		switch name {
//		case "id":
//			if v, ok := d.Int(); ok {
//				x.ID = v
//			} else {
//				x.Members.Keep(&d, name, raw, "expected integer, got "+d.Peek().String())
//			}
//		default:
//			x.Members.Keep(&d, name, raw, "")
//		}
//	}
//	d.End()
//	if err := d.Err(); err != nil { ... }
//
// The scalar readers (String, Int, Float, Bool, Null) and Object and Array
// consume the next value only when it is of their kind and fits; otherwise
// they consume nothing, record nothing and report false, so the caller can
// try another reader or keep the value with Skip. Skip consumes any value
// and returns its raw text. Lookup finds a member (such as a discriminator)
// ahead of decoding without moving the read offset; LookupString finds an
// event type the way generated decoders read it (the first member of that
// name that holds a string, through the first objects on the way).
//
// Generated decoders do not spell that loop out per member: Obj holds what
// does not vary between fields (the seen bits that turn a second member of
// a name into a kept duplicate, the presence of plain fields, keeping a
// value that does not fit), and each field is one case that names its
// index, its destination and its reader (see Obj). Problems.Required
// reports the missing required members of an object from its omit bits and
// a table of names, and NotObject, NoType and SkipEvent are the fixed
// steps of finding an event's type.
//
// Messages are bounded whatever the input: Quote and JSONText render at
// most MaxQuoted bytes of a value, BoundPointer elides the middle of long
// pointers, and lists of errors show MaxErrorLines lines.
//
// The first syntax error is recorded and sticks: every later call does
// nothing and reports failure, so a decoder checks Err once, at the end.
// A SyntaxError gives the offset of the offending byte (the input length
// when the input ends too soon) and a message worded like encoding/json's,
// e.g. "invalid character 'x' looking for beginning of value" or
// "unexpected end of JSON input". PointerAt turns an offset into the JSON
// pointer of the value there, for error messages (see DecodeError).
//
// # What the Decoder accepts
//
// Exactly the documents that encoding/json.Valid accepts (RFC 8259),
// nested up to MaxDepth: no leading zeros, no '-' without digits, no "1."
// or ".5" or "1e", no control characters or unknown escapes in strings,
// no trailing commas, nothing but whitespace after the top-level value.
// It never panics, whatever the input, truncated or not. It differs from
// encoding/json in two deliberate ways:
//
//   - Bytes inside strings that are not valid UTF-8 are accepted (as by
//     encoding/json) and kept verbatim, where encoding/json replaces each
//     with U+FFFD; a \u escape of a lone surrogate does become U+FFFD, as
//     in encoding/json. Decoding and encoding again thus gives back the
//     same bytes.
//   - Duplicate member names are not the reader's concern: it reports the
//     members in document order, and the generated code decides what a
//     repeated member means (see Member.Problem).
//
// # Writing
//
// An Encoder appends JSON to a byte slice and places the commas itself.
// Its strings escape only what JSON requires (no HTML escaping) and its
// numbers are written as encoding/json writes them. Members kept by a
// decoder are written back verbatim, names as they came.
//
// # Values that may be absent or null
//
// Opt[T] keeps apart a member that is absent, one that is null, and one
// that holds a value, so that re-encoding reproduces what came.
//
// # Validation
//
// Generated Validate methods describe each failure as a Problem carrying
// the JSON pointer of the value concerned. They build the pointer as a
// Path on the stack while they descend and render it only when a Problem
// is added. The Check functions hold the constraint checks and the wording
// of their messages, which all platforms share.
package wire
