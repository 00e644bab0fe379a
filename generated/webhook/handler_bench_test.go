package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
)

// The benchmarks of this file measure a whole request through a generated handler (httptest style, no
// network: a reused request whose body is rewound, a ResponseWriter that discards) against the handler
// consumers write today, in the same run:
//
//   - Handler: mluvii.NewHandler with a function that sees every event (it does nothing);
//   - StdHandler: the hand-written http.HandlerFunc of the old README: io.ReadAll of a LimitReader,
//     encoding/json in two passes (the envelope with a json.RawMessage payload, a switch on the event
//     type, the payload into a typed struct), 200;
//   - Decode: the generated decoder alone, on the same bodies: Handler minus Decode is the handler's own
//     overhead (request rules, body read, context, dispatch).
//
// Besides ns/op, each reports cpu-ns/op, the process's CPU time per operation: on a shared machine the
// wall time measures the scheduler as much as the code. Each runs over every vendor sample of mluvii in turn; Mchat* and Livechat* compare the handler with the
// decoder for the other platforms.

// body is a request body that can be rewound without allocating.
type body struct{ strings.Reader }

func (*body) Close() error { return nil }

// sink is a ResponseWriter that keeps the status only.
type sink struct {
	h      http.Header
	status int
}

func (s *sink) Header() http.Header         { return s.h }
func (s *sink) Write(p []byte) (int, error) { return len(p), nil }
func (s *sink) WriteHeader(status int)      { s.status = status }

// samples reads the vendor samples of a platform's package.
func samples(tb testing.TB, platform string) []string {
	files, err := filepath.Glob(filepath.Join("..", platform, "testdata", "examples", "*", "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no samples for %s: %v", platform, err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// serveAll runs b.N requests through h, cycling over the samples.
func serveAll(b *testing.B, h http.Handler, bodies []string) {
	req, err := http.NewRequest(http.MethodPost, "/webhook", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	rb := new(body)
	req.Body = rb
	w := &sink{h: http.Header{}}
	size := 0
	for _, s := range bodies {
		size += len(s)
	}
	b.SetBytes(int64(size / len(bodies)))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	i := 0
	for b.Loop() {
		s := bodies[i%len(bodies)]
		i++
		rb.Reset(s)
		req.ContentLength = int64(len(s))
		h.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

func BenchmarkHandler(b *testing.B) {
	h, err := mluvii.NewHandler(webhook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	h.OnEvent(func(context.Context, mluvii.Event) error { return nil })
	serveAll(b, h, samples(b, "mluvii"))
}

func BenchmarkStdHandler(b *testing.B) {
	serveAll(b, http.HandlerFunc(stdHandler), samples(b, "mluvii"))
}

func BenchmarkDecode(b *testing.B) {
	decodeAll(b, samples(b, "mluvii"), func(d []byte) error { _, err := mluvii.Decode(d); return err })
}

// The same comparison for m-chat (batches) and LiveChat. The names have no sub-benchmarks, which keeps
// them out of cmd/benchtab's per-fixture tables.

func BenchmarkMchatHandler(b *testing.B) {
	h, err := mchat.NewHandler(webhook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	serveAll(b, h, samples(b, "mchat"))
}

func BenchmarkMchatDecode(b *testing.B) {
	decodeAll(b, samples(b, "mchat"), func(d []byte) error { _, err := mchat.DecodeBatch(d); return err })
}

func BenchmarkLivechatHandler(b *testing.B) {
	h, err := livechat.NewHandler(webhook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	serveAll(b, h, samples(b, "livechat"))
}

func BenchmarkLivechatDecode(b *testing.B) {
	decodeAll(b, samples(b, "livechat"), func(d []byte) error { _, err := livechat.Decode(d); return err })
}

// The Overhead benchmarks settle the handler's own cost where separate benchmarks cannot: on a shared
// machine two benchmarks run at different moments see different loads, and their difference is noise.
// Here every iteration decodes one sample and puts the same sample through the handler, timing each,
// so both halves see the same moments; the order alternates, so neither always finds the caches warm.
// They report decode-ns/op and handler-ns/op, and overhead-%: what the handler adds to the decode, in
// percent of the decode time, from each sample's median times.

func BenchmarkOverheadMluvii(b *testing.B) {
	h, err := mluvii.NewHandler(webhook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	h.OnEvent(func(context.Context, mluvii.Event) error { return nil })
	overhead(b, h, samples(b, "mluvii"), func(d []byte) error { _, err := mluvii.Decode(d); return err })
}

func BenchmarkOverheadMchat(b *testing.B) {
	h, err := mchat.NewHandler(webhook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	overhead(b, h, samples(b, "mchat"), func(d []byte) error { _, err := mchat.DecodeBatch(d); return err })
}

func BenchmarkOverheadLivechat(b *testing.B) {
	h, err := livechat.NewHandler(webhook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	overhead(b, h, samples(b, "livechat"), func(d []byte) error { _, err := livechat.Decode(d); return err })
}

// overhead runs b.N pairs (a decode and a request through h of the same sample), cycling over the
// samples, and reports the time of each half and the handler's overhead in percent of the decode.
func overhead(b *testing.B, h http.Handler, bodies []string, decode func([]byte) error) {
	req, err := http.NewRequest(http.MethodPost, "/webhook", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	rb := new(body)
	req.Body = rb
	w := &sink{h: http.Header{}}
	data := make([][]byte, len(bodies))
	for i, s := range bodies {
		data[i] = []byte(s)
	}
	serve := func(i int) time.Duration {
		start := time.Now()
		rb.Reset(bodies[i])
		req.ContentLength = int64(len(bodies[i]))
		h.ServeHTTP(w, req)
		d := time.Since(start)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
		return d
	}
	dec := func(i int) time.Duration {
		start := time.Now()
		err := decode(data[i])
		d := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	decTimes := make([][]time.Duration, len(bodies))
	hTimes := make([][]time.Duration, len(bodies))
	n := 0
	for b.Loop() {
		i := n % len(bodies)
		if n%2 == 0 {
			decTimes[i] = append(decTimes[i], dec(i))
			hTimes[i] = append(hTimes[i], serve(i))
		} else {
			hTimes[i] = append(hTimes[i], serve(i))
			decTimes[i] = append(decTimes[i], dec(i))
		}
		n++
	}
	// A preemption lands in one half or the other and costs more than a whole request, so sums and
	// means measure the scheduler; the median of each sample's times does not. The figures are the
	// sums over the samples of those medians.
	var inDecode, inHandler time.Duration
	for i := range bodies {
		if len(decTimes[i]) == 0 {
			return
		}
		inDecode += median(decTimes[i])
		inHandler += median(hTimes[i])
	}
	if inDecode == 0 {
		return
	}
	k := float64(len(bodies))
	b.ReportMetric(float64(inDecode)/k, "decode-ns/op")
	b.ReportMetric(float64(inHandler)/k, "handler-ns/op")
	b.ReportMetric(100*float64(inHandler-inDecode)/float64(inDecode), "overhead-%")
}

// median returns the median of ds, which it sorts.
func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// decodeAll runs b.N decodes, cycling over the samples (converted to []byte beforehand).
func decodeAll(b *testing.B, bodies []string, decode func([]byte) error) {
	data := make([][]byte, len(bodies))
	for i, s := range bodies {
		data[i] = []byte(s)
	}
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	i := 0
	for b.Loop() {
		if err := decode(data[i%len(data)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// reportCPU reports the CPU time per operation since start (cpu-ns/op), which a loaded machine disturbs
// less than the wall time. It includes the garbage collector's work on other threads.
func reportCPU(b *testing.B, start time.Duration) {
	if start == 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// stdHandler is the receiver consumers write by hand today, with encoding/json.
func stdHandler(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var env struct {
		EventType string          `json:"eventType"`
		Data      json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var payload any
	switch {
	case strings.HasPrefix(env.EventType, "SessionActivity"):
		payload = new(stdActivity)
	case strings.HasPrefix(env.EventType, "Session"):
		payload = new(stdSession)
	default:
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := json.Unmarshal(env.Data, payload); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := stdHandle(payload); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

var errNoPayload = errors.New("no payload")

func stdHandle(p any) error {
	if p == nil {
		return errNoPayload
	}
	return nil
}

// stdSession is the payload of mluvii's session events, written by hand.
type stdSession struct {
	ID       int64   `json:"id"`
	TenantID int64   `json:"tenantId"`
	Channel  string  `json:"channel"`
	Source   string  `json:"source"`
	Started  *string `json:"started"`
	Ended    *string `json:"ended"`
	Guest    *struct {
		ID int64 `json:"id"`
	} `json:"guest"`
}

// stdActivity is the payload of mluvii's activity events, written by hand: the members every activity
// may carry, pointers where they may be null.
type stdActivity struct {
	SessionID  int64  `json:"sessionId"`
	ActivityID int64  `json:"activityId"`
	Time       string `json:"time"`
	Type       string `json:"type"`
	HeroCard   []struct {
		InputType string `json:"inputType"`
		Label     string `json:"label"`
		Key       string `json:"key"`
		Required  *bool  `json:"required"`
		Ordinal   int64  `json:"ordinal"`
	} `json:"heroCard"`
	HeroCardParams json.RawMessage `json:"heroCardParams"`
	CallScript     json.RawMessage `json:"callScript"`
	Client         string          `json:"client"`
	Text           *string         `json:"text"`
	PreviewURL     *struct {
		Title              string `json:"title"`
		ImageURL           string `json:"imageUrl"`
		ContentType        int64  `json:"contentType"`
		OriginalURL        string `json:"originalUrl"`
		OriginalActivityID int64  `json:"originalActivityId"`
	} `json:"previewUrl"`
	File                           json.RawMessage `json:"file"`
	AssociatedSharedFileURL        *string         `json:"associatedSharedFileUrl"`
	ToOperatorUserID               *int64          `json:"toOperatorUserId"`
	ToOperatorFullName             *string         `json:"toOperatorFullName"`
	ToGroupID                      *int64          `json:"toGroupId"`
	ToGroupName                    *string         `json:"toGroupName"`
	ToPhoneNumber                  *string         `json:"toPhoneNumber"`
	Note                           *string         `json:"note"`
	ChatbotMessageContent          json.RawMessage `json:"chatbotMessageContent"`
	SubmissionIdentification       json.RawMessage `json:"submissionIdentification"`
	UserID                         *int64          `json:"userId"`
	ChatbotID                      *int64          `json:"chatbotId"`
	ChatbotHeroCardSubmissionKey   *string         `json:"chatbotHeroCardSubmissionKey"`
	ChatbotHeroCardSubmissionValue *string         `json:"chatbotHeroCardSubmissionValue"`
	FormFieldSetUUID               *string         `json:"formFieldSetUUID"`
	TerminationReason              *string         `json:"terminationReason"`
}

// TestStdHandlerAgrees makes sure the baseline does the work: every sample decodes in both passes.
func TestStdHandlerAgrees(t *testing.T) {
	for _, s := range samples(t, "mluvii") {
		req, _ := http.NewRequest(http.MethodPost, "/", strings.NewReader(s))
		w := &sink{h: http.Header{}}
		stdHandler(w, req)
		if w.status != http.StatusOK {
			t.Errorf("status %d for %.60s", w.status, s)
		}
	}
}
