package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// decodeJSON stands in for a generated handler: a body is one event when it is a JSON object with a
// string "type"; the type "fail" makes the function fail, "panic" panic, "reject" reject.
func decodeJSON(got *[]*Delivery) Func {
	return func(ctx context.Context, d *Delivery) error {
		var v struct{ Type string }
		if err := json.Unmarshal(d.Body, &v); err != nil || v.Type == "" {
			return Undecodable(errors.New("decode event: no type"))
		}
		if FromContext(ctx) != d {
			panic("FromContext does not return the delivery")
		}
		switch v.Type {
		case "fail":
			return errors.New("database down")
		case "panic":
			panic("boom")
		case "reject":
			return Reject(http.StatusUnprocessableEntity, errors.New("never"))
		}
		d.Events++
		c := *d
		c.Body = bytes.Clone(d.Body)
		*got = append(*got, &c)
		return nil
	}
}

func newTestReceiver(t *testing.T, spec Spec, opts Options) (*Receiver, *[]*Delivery, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	opts.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	got := new([]*Delivery)
	r, err := New(spec, opts, decodeJSON(got))
	if err != nil {
		t.Fatal(err)
	}
	return r, got, &logs
}

func serve(r http.Handler, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	return w
}

func post(body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

var plain = Spec{Platform: "demo", Method: "POST", ContentType: "application/json"}

func TestRules(t *testing.T) {
	r, got, logs := newTestReceiver(t, plain, Options{MaxBody: 64})
	chunked := post(`{"type":"a","pad":"` + strings.Repeat("x", 64) + `"}`)
	chunked.ContentLength = -1
	noType := post(`{"type":"a"}`)
	noType.Header.Del("Content-Type")
	charset := post(`{"type":"a"}`)
	charset.Header.Set("Content-Type", "Application/JSON; charset=utf-8")
	tests := []struct {
		name   string
		req    *http.Request
		status int
		detail string
	}{
		{"ok", post(`{"type":"a"}`), 200, ""},
		{"no content type", noType, 200, ""},
		{"charset", charset, 200, ""},
		{"GET", httptest.NewRequest(http.MethodGet, "/", nil), 405, "method GET"},
		{"text", func() *http.Request { q := post(`{}`); q.Header.Set("Content-Type", "text/plain"); return q }(), 415, "content type"},
		{"too long", post(`{"type":"a","pad":"` + strings.Repeat("x", 64) + `"}`), 413, "body too large"},
		{"too long chunked", chunked, 413, "body too large"},
		{"at the cap", post(`{"type":"a","pad":"` + strings.Repeat("x", 64-21) + `"}`), 200, ""},
		{"not JSON", post(`{"type":`), 400, "decode event"},
		{"error", post(`{"type":"fail"}`), 500, ""},
		{"panic", post(`{"type":"panic"}`), 500, ""},
		{"reject", post(`{"type":"reject"}`), 422, "never"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(r, tt.req)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			if tt.status == 405 && w.Header().Get("Allow") != "POST" {
				t.Errorf("Allow = %q", w.Header().Get("Allow"))
			}
			if tt.status >= 400 {
				var p struct {
					Status int
					Title  string
					Detail string
				}
				if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != tt.status || p.Title == "" {
					t.Fatalf("problem body %q: %v", w.Body, err)
				}
				if !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("detail %q does not contain %q", p.Detail, tt.detail)
				}
				if tt.status == 500 && p.Detail != "" {
					t.Errorf("a consumer's error must stay in the log, got detail %q", p.Detail)
				}
			}
		})
	}
	if n := len(*got); n != 4 {
		t.Errorf("%d events delivered, want 4", n)
	}
	if !strings.Contains(logs.String(), "panic=boom") || !strings.Contains(logs.String(), "stack=") {
		t.Errorf("the panic is not logged with its stack:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "database down") {
		t.Errorf("the function's error is not logged:\n%s", logs)
	}
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestBodyCapReads(t *testing.T) {
	r, _, _ := newTestReceiver(t, plain, Options{MaxBody: 100})
	cr := &countingReader{r: strings.NewReader(strings.Repeat(" ", 1<<20))}
	req := httptest.NewRequest(http.MethodPost, "/", cr)
	req.ContentLength = -1
	if w := serve(r, req); w.Code != 413 {
		t.Fatalf("status %d", w.Code)
	}
	if cr.n > 101 {
		t.Errorf("read %d bytes of a body capped at 100", cr.n)
	}
}

func TestNewRequiresDeclaredSecrets(t *testing.T) {
	for _, spec := range []Spec{
		{Platform: "a", BodySecret: []string{"secret_key"}},
		{Platform: "b", Signature: StandardWebhooks},
	} {
		if _, err := New(spec, Options{}, nil); err == nil {
			t.Errorf("%s: New accepted options without the declared secret", spec.Platform)
		}
		if _, err := New(spec, Options{Insecure: true}, nil); err != nil {
			t.Errorf("%s: Insecure: %v", spec.Platform, err)
		}
	}
	if _, err := New(plain, Options{SigningSecrets: []string{"whsec_!!"}}, nil); err == nil {
		t.Error("a secret that is not base64 was accepted")
	}
}

func TestBodySecret(t *testing.T) {
	spec := plain
	spec.BodySecret = []string{"secret_key"}
	spec.DeliveryID = []string{"webhook_id"}
	r, got, _ := newTestReceiver(t, spec, Options{Secret: "s3cret"})
	for body, status := range map[string]int{
		`{"webhook_id":"w1","secret_key":"s3cret","type":"a"}`:      200,
		`{"webhook_id":"w1","secret_key":"s3cre\u0074","type":"a"}`: 200,
		`{"secret_key":"other","type":"a"}`:                         401,
		`{"secret_key":"s3cret!","type":"a"}`:                       401,
		`{"secret_key":1,"type":"a"}`:                               401,
		`{"type":"a"}`:                                              401,
		`{"type":"a","x":{"secret_key":"s3cret"}}`:                  401,
		`not json`: 401,
	} {
		if w := serve(r, post(body)); w.Code != status {
			t.Errorf("%s: status %d, want %d", body, w.Code, status)
		}
	}
	for _, d := range *got {
		if d.ID != "w1" {
			t.Errorf("delivery id %q, want w1", d.ID)
		}
	}
}

const testSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

func signed(t *testing.T, body string, at time.Time, secrets ...string) *http.Request {
	req := post(body)
	if err := Sign(req.Header, "msg_1", at, []byte(body), secrets...); err != nil {
		t.Fatal(err)
	}
	return req
}

func TestStandardWebhooks(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	spec := plain
	spec.Signature = StandardWebhooks
	other := "whsec_" + "c2Vjb25kIGtleQ=="
	r, got, _ := newTestReceiver(t, spec, Options{SigningSecrets: []string{testSecret}, Now: func() time.Time { return now }})
	body := `{"type":"a"}`
	tamper := signed(t, body, now, testSecret)
	tamper.Body = io.NopCloser(strings.NewReader(`{"type":"b"}`))
	noSig := post(body)
	badTS := signed(t, body, now, testSecret)
	badTS.Header.Set("webhook-timestamp", "soon")
	v2 := signed(t, body, now, testSecret)
	v2.Header.Set("webhook-signature", strings.Replace(v2.Header.Get("webhook-signature"), "v1,", "v2,", 1))
	rotated := signed(t, body, now, other, testSecret)
	tests := []struct {
		name   string
		req    *http.Request
		status int
	}{
		{"valid", signed(t, body, now, testSecret), 200},
		{"rotation", rotated, 200},
		{"4m59s old", signed(t, body, now.Add(-299*time.Second), testSecret), 200},
		{"5m1s old", signed(t, body, now.Add(-301*time.Second), testSecret), 401},
		{"5m1s ahead", signed(t, body, now.Add(301*time.Second), testSecret), 401},
		{"other key", signed(t, body, now, other), 401},
		{"tampered", tamper, 401},
		{"no headers", noSig, 401},
		{"bad timestamp", badTS, 401},
		{"unknown version", v2, 401},
	}
	for _, tt := range tests {
		if w := serve(r, tt.req); w.Code != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, w.Code, tt.status, w.Body)
		}
	}
	if len(*got) != 3 || (*got)[0].ID != "msg_1" {
		t.Errorf("deliveries %v: want 3 with id msg_1", *got)
	}
}

// TestStandardWebhooksVector checks the signature against the example of the Standard Webhooks
// specification.
func TestStandardWebhooksVector(t *testing.T) {
	h := http.Header{}
	body := `{"test": 2432232314}`
	if err := Sign(h, "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(body), testSecret); err != nil {
		t.Fatal(err)
	}
	if got, want := h.Get("webhook-signature"), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
}

func TestHandshake(t *testing.T) {
	spec := plain
	spec.Handshake = &Handshake{Places: []Place{{Header: "X-Token"}, {Query: "token"}, {Member: []string{"token"}}, {Form: "token"}, {Body: true}}}
	open, got, logs := newTestReceiver(t, spec, Options{})
	locked, _, _ := newTestReceiver(t, spec, Options{HandshakeToken: "t0k"})
	inQuery := post(`{}`)
	inQuery.URL.RawQuery = "token=t0k"
	inHeader := post(``)
	inHeader.Header.Set("X-Token", "t0k")
	eventWithToken := post(`{"type":"a"}`)
	eventWithToken.Header.Set("X-Token", "t0k")
	eventWrongToken := post(`{"type":"a"}`)
	eventWrongToken.Header.Set("X-Token", "nope")
	form := post(`token=t0k&x=1`)
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	text := post("t0k\n")
	text.Header.Set("Content-Type", "text/plain")
	formWrong := post(`token=t0ken`)
	formWrong.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	textEvent := post(`{"type":"a"}`)
	textEvent.Header.Set("Content-Type", "text/plain")
	tests := []struct {
		name   string
		r      *Receiver
		req    *http.Request
		status int
		body   string
	}{
		{"form", open, form, 200, "t0k"},
		{"plain text", open, text, 200, "t0k"},
		{"locked: form, wrong token", locked, formWrong, 401, ""},
		{"an event as text/plain", open, textEvent, 415, ""},
		{"member", open, post(`{"token":"t0k"}`), 200, "t0k"},
		{"bare body", open, post(`t0k`), 200, "t0k"},
		{"quoted body", open, post(`"t0k"`), 200, "t0k"},
		{"query", open, inQuery, 200, "t0k"},
		{"header", open, inHeader, 200, "t0k"},
		{"locked: right token", locked, post(`{"token":"t0k"}`), 200, "t0k"},
		{"locked: wrong token", locked, post(`{"token":"t0ken"}`), 401, ""},
		{"event with the token", locked, eventWithToken, 200, ""},
		{"event with another token", locked, eventWrongToken, 401, ""},
		{"no token", open, post(`{"x":1}`), 400, ""},
	}
	for _, tt := range tests {
		w := serve(tt.r, tt.req)
		if w.Code != tt.status || (tt.body != "" && w.Body.String() != tt.body) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, w.Code, w.Body, tt.status, tt.body)
		}
	}
	if len(*got) != 0 {
		t.Errorf("a handshake reached the functions: %v", *got)
	}
	if !strings.Contains(logs.String(), "handshake answered") {
		t.Errorf("the handshake is not logged:\n%s", logs)
	}
}
