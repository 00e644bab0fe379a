package main

import (
	"errors"
	"strconv"

	"github.com/eventgen/eventgen/generated/jaicp"
	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/livechatwebhooks"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/wire"
)

// decoded is one event of an input, as the tool prints it.
type decoded struct {
	label    string        // TypePath, or Unknown(<type>), or Invalid
	problems []string      // "  /pointer: message"
	unknown  string        // the event type when the package does not know it
	found    wire.Problems // the problems, pointers from the document's root (for --report)
}

// platform adapts one generated package to the tool.
type platform struct {
	// decode returns the events of one request body and its re-encoding.
	decode decodeFunc
	// values decode one value of a union of the package, by the union's Go name (--type).
	values map[string]decodeFunc
}

// decodeFunc returns the events (or the union value) of one document and its re-encoding.
type decodeFunc func(data []byte) ([]decoded, []byte, error)

// platforms lists the generated packages that decode events.
var platforms = map[string]platform{
	"jaicp": {decode: single(jaicp.Decode, jaicp.TypePath)},
	"livechat": {decode: single(livechat.Decode, livechat.TypePath), values: map[string]decodeFunc{
		"FormField": value[livechat.FormField, livechat.FormFieldUnknown](livechat.DecodeFormField, livechat.VariantOfFormField),
	}},
	"livechatwebhooks": {decode: single(livechatwebhooks.Decode, livechatwebhooks.TypePath), values: map[string]decodeFunc{
		"ChatEvent":       value[livechatwebhooks.ChatEvent, livechatwebhooks.ChatEventUnknown](livechatwebhooks.DecodeChatEvent, livechatwebhooks.VariantOfChatEvent),
		"FilledFormField": value[livechatwebhooks.FilledFormField, livechatwebhooks.FilledFormFieldUnknown](livechatwebhooks.DecodeFilledFormField, livechatwebhooks.VariantOfFilledFormField),
	}},
	"mluvii": {decode: single(mluvii.Decode, mluvii.TypePath)},
	"mchat": {decode: mchatBatch, values: map[string]decodeFunc{
		"MessageContent": value[mchat.MessageContent, mchat.MessageContentUnknown](mchat.DecodeMessageContent, mchat.VariantOfMessageContent),
		"UploadedFile":   value[mchat.UploadedFile, mchat.UploadedFileUnknown](mchat.DecodeUploadedFile, mchat.VariantOfUploadedFile),
	}},
}

// event is what every generated Event offers.
type event interface {
	Validate() error
	MarshalJSON() ([]byte, error)
}

// single adapts a platform that sends one event per body.
func single[E event](decode func([]byte) (E, error), typePath func(E) string) decodeFunc {
	return adapt(decode, typePath, func(ev E) string { return isUnknown(ev) })
}

// value adapts the decoder of one value of a union U, whose unknown variant is *X: its label is its
// discriminator value, or Unknown(<value>) for *X.
func value[U event, X any](decode func([]byte) (U, error), variant func(U) string) decodeFunc {
	return adapt(decode, variant, func(v U) string {
		if _, ok := any(v).(*X); ok {
			return variant(v)
		}
		return ""
	})
}

// adapt turns a decoder of one value into a decodeFunc: the value's label, its unknown type ("" when
// the package knows it) and its problems, and its re-encoding.
func adapt[V event](decode func([]byte) (V, error), label, unknown func(V) string) decodeFunc {
	return func(data []byte) ([]decoded, []byte, error) {
		v, err := decode(data)
		if err != nil {
			return nil, nil, err
		}
		out, err := v.MarshalJSON()
		if err != nil {
			return nil, nil, err
		}
		return []decoded{describe(label(v), unknown(v), v.Validate(), "")}, out, nil
	}
}

func isUnknown(ev any) string {
	switch u := ev.(type) {
	case *mluvii.Unknown:
		return string(u.Type)
	case *jaicp.Unknown:
		return string(u.Type)
	case *livechat.Unknown:
		return string(u.Type)
	case *livechatwebhooks.Unknown:
		return string(u.Type)
	case *mchat.Unknown:
		return string(u.Type)
	}
	return ""
}

func mchatBatch(data []byte) ([]decoded, []byte, error) {
	b, err := mchat.DecodeBatch(data)
	var items mchat.DecodeErrors
	if err != nil && !errors.As(err, &items) {
		return nil, nil, err
	}
	out, err := b.MarshalJSON()
	if err != nil {
		return nil, nil, err
	}
	var evs []decoded
	for i, ev := range b.Events {
		prefix := "/events/" + strconv.Itoa(i)
		if inv, ok := ev.(*mchat.Invalid); ok {
			evs = append(evs, decoded{label: "Invalid", problems: []string{"  " + inv.Err.Error()},
				found: wire.Problems{{Pointer: inv.Err.Pointer, Message: inv.Err.Msg}}})
			continue
		}
		evs = append(evs, describe(mchat.TypePath(ev), isUnknown(ev), ev.Validate(), prefix))
	}
	return evs, out, nil
}

// describe builds the printed form of an event: its label and its problems, pointers prefixed.
func describe(typePath, unknown string, err error, prefix string) decoded {
	d := decoded{label: quoteIfNeeded(typePath), unknown: unknown}
	if unknown != "" {
		d.label = "Unknown(" + quoteIfNeeded(unknown) + ")"
	}
	if err != nil {
		for _, p := range problemsOf(err) {
			d.problems = append(d.problems, "  "+prefix+p)
		}
		var ps wire.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				d.found = append(d.found, wire.Problem{Pointer: prefix + p.Pointer, Message: p.Message})
			}
		}
	}
	return d
}
