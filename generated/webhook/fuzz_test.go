package webhook_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
)

const (
	fuzzSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	fuzzCap    = 512
)

// countingBody counts what the handler reads.
type countingBody struct {
	r io.Reader
	n int
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *countingBody) Close() error { return nil }

// panicLog fails the fuzz run when the handler logs a recovered panic: the consumer's functions here
// never panic, so a panic would be the runtime's or the decoder's.
type panicLog struct{ t *testing.T }

func (p panicLog) Write(b []byte) (int, error) {
	if bytes.Contains(b, []byte("panic")) {
		p.t.Errorf("recovered panic: %s", b)
	}
	return len(b), nil
}

// FuzzHandler posts arbitrary bodies and headers to mluvii's and m-chat's generated handlers with
// Standard Webhooks signatures required: the handler never panics, never answers 2xx unless the request
// was signed with the right key over the very bytes sent, and never reads more than one byte past the
// body cap. sign chooses how the test signs: 0 not at all (the fuzzed header is sent as is), 1 with the
// right key, 2 with another key, 3 with the right key over other bytes.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{
		`{"eventType":"SessionStarted","data":{"id":1,"tenantId":2,"channel":"Chat","source":"Default","started":"2024-05-02T16:05:24.454661+02:00"}}`,
		`{"events":[{"event":{"type":"message","payload":{"message":{"type":"text","payload":{"text":"hi"}}}}}]}`,
		`{"eventType":`, `[]`, ``, strings.Repeat(" ", fuzzCap+1),
	} {
		for sign := range 4 {
			f.Add([]byte(s), uint8(sign), "v1,abc", int64(0), int64(-1), false)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, sign uint8, sigHeader string, skew, declared int64, batch bool) {
		now := time.Unix(1_700_000_000, 0)
		opts := webhook.Options{
			MaxBody: fuzzCap, SigningSecrets: []string{fuzzSecret}, Now: func() time.Time { return now },
			Logger: slog.New(slog.NewTextHandler(panicLog{t}, nil)),
		}
		// The generated handlers declare no signature: an outer Receiver requires one and hands the
		// verified body to the generated handler, whose answer becomes the outer one.
		var inner http.Handler
		spec := mluvii.DeliverySpec()
		if batch {
			spec = mchat.DeliverySpec()
			mh, err := mchat.NewHandler(webhook.Options{MaxBody: fuzzCap})
			if err != nil {
				t.Fatal(err)
			}
			inner = mh
		} else {
			mh, err := mluvii.NewHandler(webhook.Options{MaxBody: fuzzCap})
			if err != nil {
				t.Fatal(err)
			}
			inner = mh
		}
		spec.Signature = webhook.StandardWebhooks
		h, err := webhook.New(spec, opts, func(ctx context.Context, d *webhook.Delivery) error {
			w := httptest.NewRecorder()
			r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/", bytes.NewReader(d.Body))
			r.Header.Set("Content-Type", "application/json")
			inner.ServeHTTP(w, r)
			if w.Code/100 != 2 {
				return webhook.Reject(w.Code, nil)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodPost, "/", nil)
		req.Header.Set("Content-Type", "application/json")
		cb := &countingBody{r: bytes.NewReader(data)}
		req.Body = cb
		req.ContentLength = declared
		if declared < -1 {
			req.ContentLength = -1
		}
		signedRight := false
		at := now.Add(time.Duration(skew%1000) * time.Second)
		switch sign % 4 {
		case 0:
			req.Header.Set("webhook-id", "msg_1")
			req.Header.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
			req.Header.Set("webhook-signature", sigHeader)
		case 1:
			_ = webhook.Sign(req.Header, "msg_1", at, data, fuzzSecret)
			signedRight = skew%1000 >= -300 && skew%1000 <= 300
		case 2:
			_ = webhook.Sign(req.Header, "msg_1", at, data, "whsec_b3RoZXIga2V5")
		case 3:
			_ = webhook.Sign(req.Header, "msg_1", at, append([]byte("x"), data...), fuzzSecret)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code/100 == 2 && !signedRight {
			t.Fatalf("status %d for a request not signed right (sign=%d, skew=%d)", w.Code, sign%4, skew%1000)
		}
		if cb.n > fuzzCap+1 {
			t.Fatalf("read %d bytes of a body capped at %d", cb.n, fuzzCap)
		}
		if req.ContentLength > fuzzCap && cb.n > 0 {
			t.Fatalf("read %d bytes of a body declared %d bytes long, above the cap", cb.n, req.ContentLength)
		}
	})
}
