package generated_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/wire"
)

// This file holds the adversarial inputs of the decoders: shapes a sender can choose to make a decoder
// do more than linear work (many members, repeated envelope members, escapes, deep nesting, long
// strings, many batch items). The tests check what each decodes to; BenchmarkAdversarial measures them
// at three sizes against encoding/json on the same bytes (see BENCHMARKS.md).

// repeatJoin returns n copies of the text that f returns for 0..n-1, joined by sep.
func repeatJoin(n int, sep string, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(f(i))
	}
	return b.String()
}

// problemCount counts the problems of err (a wire.Problems) with the given pointer and message.
func problemCount(t *testing.T, err error, ptr, msg string) int {
	t.Helper()
	var ps wire.Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatalf("Validate returned %T, want wire.Problems", err)
	}
	n := 0
	for _, p := range ps {
		if p.Pointer == ptr && p.Message == msg {
			n++
		}
	}
	return n
}

// The reproducer of the quadratic scan: the envelope's payload member repeated after many unknown
// members. Every repetition is kept (nothing is lost) and reported.
func TestRepeatedPayloadMember(t *testing.T) {
	const n = 69900
	body := `{"eventType":"SessionStarted"` + strings.Repeat(`,"a":0`, n) + strings.Repeat(`,"data":0`, n) + `}`
	ev, err := mluvii.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ev.(*mluvii.SessionStarted); !ok {
		t.Fatalf("decoded %T, want *mluvii.SessionStarted", ev)
	}
	verr := ev.Validate()
	if got := problemCount(t, verr, "/data", "expected object, got number"); got != n {
		t.Errorf("%d problems \"/data: expected object, got number\", want %d", got, n)
	}
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(body) || strings.Count(string(out), `"data":0`) != n || strings.Count(string(out), `"a":0`) != n {
		t.Errorf("re-encoding lost members: %d bytes, want %d", len(out), len(body))
	}

	// The first object is the payload; the objects after it are duplicates.
	body = `{"eventType":"SessionStarted","data":0` + strings.Repeat(`,"a":0`, n) + strings.Repeat(`,"data":{}`, n) + `}`
	ev, err = mluvii.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	verr = ev.Validate()
	if got := problemCount(t, verr, "/data", "duplicate member"); got != n-1 {
		t.Errorf("%d problems \"/data: duplicate member\", want %d", got, n-1)
	}
	if got := problemCount(t, verr, "/data/id", "required member is missing"); got != 1 {
		t.Errorf("the payload was not read from the first object (%d problems at /data/id)", got)
	}
}

// The same for m-chat, at both levels of its envelope: {"event":{"type","payload"}}.
func TestRepeatedPayloadMemberMChat(t *testing.T) {
	const n = 20000
	bodies := map[string]string{
		// No object: every payload member is kept with its wrong kind.
		"/event/payload": `{"event":{"type":"conversation_create"` + strings.Repeat(`,"a":0`, n) + strings.Repeat(`,"payload":0`, n) + `}}`,
		// After the object that was read, every other is a duplicate, whatever its kind.
		"/event": `{"event":{"type":"conversation_create"}` + strings.Repeat(`,"a":0`, n) + strings.Repeat(`,"event":0`, n) + `}`,
	}
	want := map[string]string{"/event/payload": "expected object, got number", "/event": "duplicate member"}
	for ptr, body := range bodies {
		ev, err := mchat.Decode([]byte(body))
		if err != nil {
			t.Fatalf("%s: %v", ptr, err)
		}
		if _, ok := ev.(*mchat.ConversationCreate); !ok {
			t.Fatalf("%s: decoded %T, want *mchat.ConversationCreate", ptr, ev)
		}
		if got := problemCount(t, ev.Validate(), ptr, want[ptr]); got != n {
			t.Errorf("%s: %d problems %q, want %d", ptr, got, want[ptr], n)
		}
		out, _ := json.Marshal(ev)
		if len(out) != len(body) {
			t.Errorf("%s: re-encoding lost members: %d bytes, want %d", ptr, len(out), len(body))
		}
	}
}

// A repeated batch member: the first array is the batch, members of another kind are kept.
func TestRepeatedBatchMember(t *testing.T) {
	const n = 20000
	item := `{"event":{"type":"conversation_create"}}`
	body := `{` + strings.Repeat(`"events":0,`, n) + `"events":[` + item + `],"events":[]}`
	b, err := mchat.DecodeBatch([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Events) != 1 {
		t.Fatalf("%d events, want 1", len(b.Events))
	}
	verr := b.Validate()
	if got := problemCount(t, verr, "/events", "expected array, got number"); got != n {
		t.Errorf("%d problems \"expected array, got number\", want %d", got, n)
	}
	if got := problemCount(t, verr, "/events", "duplicate member"); got != 1 {
		t.Errorf("%d problems \"duplicate member\", want 1", got)
	}
}

// The repeated discriminator: the first member holding a string is the event type, wherever it is;
// the others are kept verbatim and reported.
func TestRepeatedDiscriminator(t *testing.T) {
	cases := []struct {
		body, want string
		problems   []string
	}{
		{`{"eventType":1,"eventType":"SessionEnded"}`, "SessionEnded", []string{"/eventType: expected string, got number"}},
		{`{"eventType":"SessionEnded","eventType":"SessionStarted"}`, "SessionEnded", []string{"/eventType: duplicate member"}},
		{`{"eventType":null,"data":{},"eventType":"SessionEnded","eventType":2}`, "SessionEnded",
			[]string{"/eventType: must not be null", "/eventType: duplicate member"}},
	}
	for _, c := range cases {
		ev, err := mluvii.Decode([]byte(c.body))
		if err != nil {
			t.Errorf("Decode(%s): %v", c.body, err)
			continue
		}
		if string(ev.EventType()) != c.want {
			t.Errorf("Decode(%s) = %s, want %s", c.body, ev.EventType(), c.want)
		}
		msg := ""
		if err := ev.Validate(); err != nil {
			msg = err.Error()
		}
		for _, p := range c.problems {
			if !strings.Contains(msg, p) {
				t.Errorf("Decode(%s).Validate() = %q, want it to report %q", c.body, msg, p)
			}
		}
		out, _ := json.Marshal(ev)
		if len(out) != len(c.body) {
			t.Errorf("Decode(%s) re-encodes as %s: not lossless", c.body, out)
		}
	}
	// Nested envelopes: the first object on the way, then the first string.
	body := `{"event":"x","event":{"type":5,"type":"conversation_create"}}`
	ev, err := mchat.Decode([]byte(body))
	if err != nil || ev.EventType() != "conversation_create" {
		t.Errorf("mchat.Decode(%s) = %v, %v; want conversation_create", body, ev, err)
	}
	// LiveChat's discriminator sits beside the payload's members.
	body = `{"type":false,"type":"custom"}`
	if ev, err := livechat.Decode([]byte(body)); err != nil || ev.EventType() != "custom" {
		t.Errorf("livechat.Decode(%s) = %v, %v; want custom", body, ev, err)
	}
	// No readable type at all is still an error.
	for _, body := range []string{`{"eventType":1,"eventType":null}`, `{"data":{}}`} {
		if _, err := mluvii.Decode([]byte(body)); err == nil {
			t.Errorf("mluvii.Decode(%s) succeeded; want an error", body)
		}
	}
}

// Unknown members in every costly shape decode and re-encode verbatim.
func TestAdversarialShapesRoundTrip(t *testing.T) {
	for _, p := range adversarialPlatforms {
		for _, s := range adversarialShapes {
			decode := p.decode
			if s.batchOnly {
				if p.decodeBatch == nil {
					continue
				}
				decode = p.decodeBatch
			}
			body := s.build(p, 4)
			v, err := decode(body)
			if err == nil {
				err = checkRoundTrip(body, v)
			}
			if err != nil {
				t.Errorf("%s %s: %v", p.name, s.name, err)
			}
		}
	}
}

// adversarialPlatform says how to wrap a payload for one platform and how to decode it.
type adversarialPlatform struct {
	name        string
	open, close string // around the payload's members
	// dup is the envelope with n unknown members, then n repetitions of the payload member.
	dup         func(n int) string
	decode      func([]byte) (json.Marshaler, error)
	decodeBatch func([]byte) (json.Marshaler, error)
}

// checkRoundTrip encodes a decoded value again and checks that no byte is lost (the shapes below have
// no whitespace and keep the envelope's members in the order the encoder writes them).
func checkRoundTrip(body []byte, v json.Marshaler) error {
	out, err := v.MarshalJSON()
	if err != nil {
		return err
	}
	if len(out) != len(body) {
		return errors.New("re-encoded as " + strconv.Itoa(len(out)) + " bytes, not " + strconv.Itoa(len(body)))
	}
	return nil
}

var adversarialPlatforms = []adversarialPlatform{
	{
		name: "livechat", open: `{"type":"custom",`, close: `}`,
		dup: func(n int) string {
			return `{"type":"custom"` + strings.Repeat(`,"a":0`, n) + strings.Repeat(`,"type":0`, n) + `}`
		},
		decode: func(b []byte) (json.Marshaler, error) { return livechat.Decode(b) },
	},
	{
		name: "mchat", open: `{"event":{"type":"conversation_create","payload":{`, close: `}}}`,
		dup: func(n int) string {
			return `{"event":{"type":"conversation_create"` + strings.Repeat(`,"a":0`, n) + strings.Repeat(`,"payload":0`, n) + `}}`
		},
		decode:      func(b []byte) (json.Marshaler, error) { return mchat.Decode(b) },
		decodeBatch: func(b []byte) (json.Marshaler, error) { return mchat.DecodeBatch(b) },
	},
	{
		name: "mluvii", open: `{"eventType":"SessionStarted","data":{`, close: `}}`,
		dup: func(n int) string {
			return `{"eventType":"SessionStarted"` + strings.Repeat(`,"a":0`, n) + strings.Repeat(`,"data":0`, n) + `}`
		},
		decode: func(b []byte) (json.Marshaler, error) { return mluvii.Decode(b) },
	},
}

// adversarialShape builds a body of about 64 KiB times scale.
type adversarialShape struct {
	name      string
	batchOnly bool
	build     func(p adversarialPlatform, scale int) []byte
}

var adversarialShapes = []adversarialShape{
	{name: "members", build: func(p adversarialPlatform, scale int) []byte {
		return []byte(p.open + repeatJoin(6000*scale, ",", func(i int) string { return `"u` + strconv.Itoa(i) + `":0` }) + p.close)
	}},
	{name: "duplicates", build: func(p adversarialPlatform, scale int) []byte {
		return []byte(p.dup(4300 * scale))
	}},
	{name: "escapes", build: func(p adversarialPlatform, scale int) []byte {
		return []byte(p.open + repeatJoin(1600*scale, ",", func(i int) string {
			return `"\u0075` + strconv.Itoa(i) + `":"\u00e9\n\"\\\/\ud83d\ude00"`
		}) + p.close)
	}},
	{name: "deep", build: func(p adversarialPlatform, scale int) []byte {
		n := 500 * scale // ×16 stays under wire.MaxDepth and encoding/json's limit
		return []byte(p.open + `"x":` + strings.Repeat("[", n) + strings.Repeat("]", n) + p.close)
	}},
	{name: "long-string", build: func(p adversarialPlatform, scale int) []byte {
		return []byte(p.open + `"x":"` + strings.Repeat("abcdefgh", 8192*scale) + `"` + p.close)
	}},
	{name: "batch-items", batchOnly: true, build: func(p adversarialPlatform, scale int) []byte {
		item := `{"event":{"type":"conversation_create","payload":{"title":"t"}}}`
		return []byte(`{"events":[` + repeatJoin(1000*scale, ",", func(int) string { return item }) + `]}`)
	}},
}

// BenchmarkAdversarial decodes every adversarial shape at three sizes (×1 about 64 KiB, ×4, ×16) with
// the generated decoder and, on the same bytes, with json.Unmarshal into an any (maps and slices).
// Linear decoding shows as a constant ns per byte (MB/s) across the sizes.
func BenchmarkAdversarial(b *testing.B) {
	for _, p := range adversarialPlatforms {
		for _, s := range adversarialShapes {
			decode := p.decode
			if s.batchOnly {
				if p.decodeBatch == nil {
					continue
				}
				decode = p.decodeBatch
			}
			for _, scale := range []int{1, 4, 16} {
				body := s.build(p, scale)
				name := p.name + "/" + s.name + "/x" + strconv.Itoa(scale)
				b.Run(name+"/eventgen", func(b *testing.B) {
					b.SetBytes(int64(len(body)))
					for b.Loop() {
						if _, err := decode(body); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run(name+"/encoding-json", func(b *testing.B) {
					b.SetBytes(int64(len(body)))
					for b.Loop() {
						var v any
						if err := json.Unmarshal(body, &v); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// Errors and problems stay short whatever the input: a syntax error under 10,000 levels of nesting, a
// 16 MB value that is not a time, a long event type.
func TestBoundedErrors(t *testing.T) {
	const maxLine = 1024
	deep := `{"eventType":"SessionStarted","data":{"x":` + strings.Repeat("[", 9990) + `x`
	_, err := mluvii.Decode([]byte(deep))
	var de *mluvii.DecodeError
	if !errors.As(err, &de) || len(de.Pointer) < 19980 {
		t.Fatalf("Decode(deep) = %v, want a DecodeError with the whole pointer", err)
	}
	if msg := err.Error(); len(msg) > maxLine {
		t.Errorf("Decode(deep) error is %d bytes: %.300s", len(msg), msg)
	}

	long := `{"eventType":"` + strings.Repeat("T", 1<<20) + `","data":x}`
	if _, err := mluvii.Decode([]byte(long)); err == nil || len(err.Error()) > maxLine {
		t.Errorf("Decode(long type) error: %.300v", err)
	}

	big := strings.Repeat(`\u0001`, 16<<20/6)
	body := `{"eventType":"SessionEnded","data":{"sessionId":1,"started":"` + big + `","ended":"` + big + `"}}`
	ev, err := mluvii.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	verr := ev.Validate()
	if verr == nil {
		t.Fatal("Validate accepted a 16 MB time")
	}
	for _, line := range strings.Split(verr.Error(), "\n") {
		if len(line) > maxLine {
			t.Errorf("problem of %d bytes: %.300s", len(line), line)
		}
	}
	if !strings.Contains(verr.Error(), "/data/started: \"\\x01") {
		t.Errorf("Validate() = %.500s, want the time problem at /data/started", verr)
	}
}
