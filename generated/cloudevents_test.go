package generated_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	cloudevents "github.com/cloudevents/sdk-go/v2/event"

	"github.com/eventgen/eventgen/generated/cloudevent"
	"github.com/eventgen/eventgen/generated/jaicp"
	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/livechatwebhooks"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
)

// ceCodec is one platform's CloudEvents conversion, on events seen as any.
type ceCodec struct {
	name string
	// events decodes a fixture into its events (the items of a batch, invalid items left out); nil when
	// the fixture does not decode.
	events func(data []byte) []any
	to     func(ev any) (*cloudevent.Event, error)
	from   func(ce *cloudevent.Event) (any, error)
}

// codec builds a ceCodec from a generated package's functions.
func codec[E any](name string, events func([]byte) []E, to func(E, cloudevent.Options) (*cloudevent.Event, error),
	from func(*cloudevent.Event) (E, error)) ceCodec {
	return ceCodec{
		name: name,
		events: func(data []byte) []any {
			var out []any
			for _, ev := range events(data) {
				out = append(out, ev)
			}
			return out
		},
		to:   func(ev any) (*cloudevent.Event, error) { return to(ev.(E), cloudevent.Options{}) },
		from: func(ce *cloudevent.Event) (any, error) { return from(ce) },
	}
}

func single[E any](decode func([]byte) (E, error)) func([]byte) []E {
	return func(data []byte) []E {
		ev, err := decode(data)
		if err != nil {
			return nil
		}
		return []E{ev}
	}
}

var ceCodecs = []ceCodec{
	codec("jaicp", single(jaicp.Decode), jaicp.ToCloudEvent, jaicp.FromCloudEvent),
	codec("livechat", single(livechat.Decode), livechat.ToCloudEvent, livechat.FromCloudEvent),
	codec("livechatwebhooks", single(livechatwebhooks.Decode), livechatwebhooks.ToCloudEvent, livechatwebhooks.FromCloudEvent),
	codec("mchat", func(data []byte) []mchat.Event {
		b, _ := mchat.DecodeBatch(data)
		if b == nil {
			return nil
		}
		var out []mchat.Event
		for _, ev := range b.Events {
			if _, invalid := ev.(*mchat.Invalid); !invalid {
				out = append(out, ev)
			}
		}
		return out
	}, mchat.ToCloudEvent, mchat.FromCloudEvent),
	codec("mluvii", single(mluvii.Decode), mluvii.ToCloudEvent, mluvii.FromCloudEvent),
}

// TestCloudEvents converts every event of every fixture to a CloudEvent and proves that the CloudEvents
// Go SDK accepts it (its Validate checks the attributes of the 1.0 specification), that the SDK reads
// the attributes and data we wrote, and that the round trip is lossless: the CloudEvent parsed back,
// FromCloudEvent, and ToCloudEvent again give the same bytes, and the event re-encodes as its data.
func TestCloudEvents(t *testing.T) {
	for _, c := range ceCodecs {
		t.Run(c.name, func(t *testing.T) {
			var files, events, withID, withTime int
			types := map[string]bool{}
			err := filepath.WalkDir(filepath.Join(c.name, "testdata"), func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
					return err
				}
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				files++
				for i, ev := range c.events(data) {
					events++
					ce := checkCloudEvent(t, c, path, i, ev)
					if ce == nil {
						continue
					}
					types[ce.Type] = true
					if ce.ID != cloudevent.Derive(c.name, ce.Data) {
						withID++
					}
					if ce.Time != "" {
						withTime++
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if events == 0 {
				t.Fatal("no event in the fixtures")
			}
			t.Logf("%d fixtures: %d CloudEvents valid and lossless (%d types; id from a member %d, time %d)",
				files, events, len(types), withID, withTime)
		})
	}
}

// checkCloudEvent checks one event's CloudEvent; it returns it, or nil after reporting a failure.
func checkCloudEvent(t *testing.T, c ceCodec, path string, i int, ev any) *cloudevent.Event {
	t.Helper()
	fail := func(format string, args ...any) *cloudevent.Event {
		t.Errorf("%s: event %d: "+format, append([]any{path, i}, args...)...)
		return nil
	}
	ce, err := c.to(ev)
	if err != nil {
		return fail("ToCloudEvent: %v", err)
	}
	b, err := ce.MarshalJSON() // json.Marshal would escape <, > and & in data for HTML
	if err != nil {
		return fail("marshal: %v", err)
	}
	var sdk cloudevents.Event
	if err := json.Unmarshal(b, &sdk); err != nil {
		return fail("the SDK cannot read %s: %v", b, err)
	}
	if err := sdk.Validate(); err != nil {
		return fail("the SDK rejects %s: %v", b, err)
	}
	if sdk.SpecVersion() != "1.0" || sdk.ID() != ce.ID || sdk.Source() != ce.Source || sdk.Type() != ce.Type ||
		sdk.DataContentType() != ce.DataContentType || sdk.DataSchema() != ce.DataSchema || !bytes.Equal(sdk.Data(), ce.Data) {
		return fail("the SDK reads other attributes: %s", sdk.String())
	}
	if ce.Time != "" {
		if want, _ := time.Parse(time.RFC3339Nano, ce.Time); !sdk.Time().Equal(want) {
			return fail("the SDK reads the time %v, want %s", sdk.Time(), ce.Time)
		}
	}
	// Back through the SDK's own encoding, then ours.
	sdkJSON, err := json.Marshal(sdk)
	if err != nil {
		return fail("the SDK cannot marshal: %v", err)
	}
	for pass, in := range [][]byte{b, sdkJSON} {
		back, err := cloudevent.Parse(in)
		if err != nil {
			return fail("Parse %s: %v", in, err)
		}
		ev2, err := c.from(back)
		if err != nil {
			return fail("FromCloudEvent: %v", err)
		}
		enc, err := ev2.(json.Marshaler).MarshalJSON()
		if err != nil {
			return fail("re-encode: %v", err)
		}
		// The SDK re-encodes data (compacted, <, > and & escaped): through it the event is the same JSON,
		// not the same bytes.
		if pass == 0 && !bytes.Equal(enc, ce.Data) || pass == 1 && !sameJSON(enc, ce.Data) {
			return fail("pass %d: the event re-encodes as\n%s\nwant\n%s", pass, enc, ce.Data)
		}
		if pass == 1 {
			continue
		}
		ce2, err := c.to(ev2)
		if err != nil {
			return fail("ToCloudEvent after the round trip: %v", err)
		}
		b2, err := ce2.MarshalJSON()
		if err != nil || !bytes.Equal(b2, b) {
			return fail("round trip:\n got %s\nwant %s (%v)", b2, b, err)
		}
	}
	return ce
}

// sameJSON reports whether a and b hold the same JSON value (numbers compared as written).
func sameJSON(a, b []byte) bool {
	var va, vb any
	da, db := json.NewDecoder(bytes.NewReader(a)), json.NewDecoder(bytes.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	return da.Decode(&va) == nil && db.Decode(&vb) == nil && reflect.DeepEqual(va, vb)
}
