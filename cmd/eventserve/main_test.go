package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/spec"
)

// received are the platforms eventserve receives; their specs' examples are the vendor samples.
var received = []string{"livechat", "mchat", "mluvii"}

// sample is one request body with the lines eventserve must print when it accepts it.
type sample struct {
	platform, name string
	body           []byte
	lines          []string
}

// vendorSamples returns every example of the platform's spec, with the lines worked out from the spec
// alone (not from the generated code): the event's name, "/" and the subtype's value for nested unions,
// and no problems (the spec's examples are valid).
func vendorSamples(t testing.TB, name string) []sample {
	t.Helper()
	f, err := spec.Load(filepath.Join("..", "..", "spec", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	for _, ev := range p.Events {
		for _, x := range ev.Examples {
			if x.Invalid {
				continue
			}
			var buf bytes.Buffer
			if err := json.Compact(&buf, []byte(x.JSON)); err != nil {
				t.Fatal(err)
			}
			labels, err := typeLines(p, buf.Bytes())
			if err != nil {
				t.Fatalf("%s: example %q of %s: %v", name, x.Name, ev.Name, err)
			}
			var lines []string
			for _, l := range labels {
				lines = append(lines, fmt.Sprintf(`{"platform":%q,"type":%q,"problems":[]}`, name, l))
			}
			out = append(out, sample{platform: name, name: ev.Name + "/" + x.Name, body: buf.Bytes(), lines: lines})
		}
	}
	if len(out) == 0 {
		t.Fatalf("spec/%s.yaml has no examples", name)
	}
	return out
}

// typeLines works out, from the spec, the type of each event of a body as eventdecode prints it.
func typeLines(p *ir.Platform, doc []byte) ([]string, error) {
	evs, problems, err := p.ValidateJSON(doc)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("the spec's own validator reports %v", problems)
	}
	var root any
	if err := json.Unmarshal(doc, &root); err != nil {
		return nil, err
	}
	envelopes := []any{root}
	if b := p.Envelope.Batch; b != "" {
		envelopes = root.(map[string]any)[b].([]any)
	}
	var out []string
	for i, ev := range evs {
		if ev == nil {
			return nil, fmt.Errorf("envelope %d is not of a documented event", i)
		}
		label := ev.Name
		if sub := ev.Subtype; sub != nil {
			payload := envelopes[i]
			for _, member := range p.Envelope.PayloadPath() {
				payload = payload.(map[string]any)[member]
			}
			value := payload.(map[string]any)[sub.JSONName].(map[string]any)[sub.Type.Named.Discriminator]
			label += "/" + value.(string)
		}
		out = append(out, label)
	}
	return out, nil
}

// syncBuffer is a bytes.Buffer safe for the server's writes and the test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listening = regexp.MustCompile(`(?m)^listening on (http://\S+)$`)

// startInProcess runs eventserve's run in a goroutine and returns its base URL and a stop function that
// shuts it down and returns its exit status.
func startInProcess(t *testing.T, args ...string) (url string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = new(syncBuffer), new(syncBuffer)
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), stdout, stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case status := <-done:
			t.Fatalf("eventserve exited with %d: %s", status, stderr)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("eventserve did not print its listening line: %s", stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop = func() int {
		cancel()
		select {
		case s := <-done:
			return s
		case <-time.After(30 * time.Second):
			t.Fatal("eventserve did not stop")
			return -1
		}
	}
	t.Cleanup(func() { cancel() })
	return url, stdout, stderr, stop
}

func send(t *testing.T, method, url, contentType string, body io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServe posts every vendor sample, then requests that break each rule, to each platform, and
// compares the statuses and the printed lines.
func TestServe(t *testing.T) {
	for _, name := range received {
		t.Run(name, func(t *testing.T) {
			url, stdout, stderr, stop := startInProcess(t, "--platform", name, "--max-body", "65536")
			var want []string
			for _, s := range vendorSamples(t, name) {
				if status, body := send(t, "POST", url+"/hooks/"+s.name, "application/json", bytes.NewReader(s.body)); status != 200 {
					t.Errorf("%s: status %d: %s", s.name, status, body)
				}
				want = append(want, s.lines...)
			}
			for _, c := range []struct {
				name, method, contentType string
				body                      io.Reader
				status                    int
			}{
				{"not JSON", "POST", "application/json", strings.NewReader(`{"eventType": `), 400},
				{"no event type", "POST", "application/json", strings.NewReader(`[1, 2]`), 400},
				{"empty", "POST", "application/json", strings.NewReader(``), 400},
				{"oversized", "POST", "application/json", strings.NewReader(`{"x":"` + strings.Repeat("a", 70000) + `"}`), 413},
				{"oversized, no length", "POST", "application/json", io.MultiReader(strings.NewReader(`{"x":"`), strings.NewReader(strings.Repeat("a", 70000))), 413},
				{"GET", "GET", "", nil, 405},
				{"PUT", "PUT", "application/json", strings.NewReader(`{}`), 405},
				{"text", "POST", "text/plain", strings.NewReader(`{}`), 415},
			} {
				status, body := send(t, c.method, url+"/", c.contentType, c.body)
				if status != c.status {
					t.Errorf("%s: status %d, want %d: %s", c.name, status, c.status, body)
				}
				if !json.Valid([]byte(body)) || !strings.Contains(body, `"status":`) {
					t.Errorf("%s: the answer is not a JSON problem: %q", c.name, body)
				}
			}
			if s := stop(); s != 0 {
				t.Fatalf("exit status %d: %s", s, stderr)
			}
			got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			if !slices.Equal(got, want) {
				t.Errorf("printed lines differ:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestUnknownAndProblems checks the lines of an unknown event type and of an invalid event.
func TestUnknownAndProblems(t *testing.T) {
	url, stdout, _, stop := startInProcess(t, "--platform", "mluvii")
	for _, body := range []string{
		`{"eventType":"SessionTeleported","data":{"id":1}}`,
		`{"eventType":"SessionStarted","data":{"id":"7"}}`,
	} {
		if status, answer := send(t, "POST", url, "application/json; charset=utf-8", strings.NewReader(body)); status != 200 {
			t.Errorf("%s: %d %s", body, status, answer)
		}
	}
	stop()
	sc := bufio.NewScanner(strings.NewReader(stdout.String()))
	var lines []map[string]any
	for sc.Scan() {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%q: %v", sc.Text(), err)
		}
		lines = append(lines, v)
	}
	if len(lines) != 2 || lines[0]["type"] != "Unknown(SessionTeleported)" || len(lines[0]["problems"].([]any)) != 0 {
		t.Fatalf("lines %v", lines)
	}
	if lines[1]["type"] != "SessionStarted" || !slices.Contains(lines[1]["problems"].([]any), any("/data/id: expected integer, got string")) {
		t.Errorf("problems of an invalid event: %v", lines[1])
	}
}

func TestContentTypeFlag(t *testing.T) {
	url, stdout, _, stop := startInProcess(t, "--platform", "mluvii", "--content-type", "*/*")
	if status, body := send(t, "POST", url, "application/x-www-form-urlencoded", strings.NewReader(`{"eventType":"SessionPaused","data":{}}`)); status != 200 {
		t.Errorf("--content-type */*: %d %s", status, body)
	}
	stop()
	if want := `{"platform":"mluvii","type":"Unknown(SessionPaused)","problems":[]}` + "\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
}

func TestHandshake(t *testing.T) {
	url, stdout, stderr, stop := startInProcess(t, "--platform", "mchat", "--handshake-token", "t0k")
	if status, body := send(t, "POST", url, "application/json", strings.NewReader(`{"token":"t0k"}`)); status != 200 || body != "t0k" {
		t.Errorf("handshake: %d %q", status, body)
	}
	if status, body := send(t, "POST", url+"?token=other", "application/json", strings.NewReader(`{}`)); status != 401 {
		t.Errorf("handshake with another token: %d %q", status, body)
	}
	stop()
	if stdout.String() != "" {
		t.Errorf("a handshake printed %q", stdout)
	}
	if !strings.Contains(stderr.String(), "handshake answered") {
		t.Errorf("the handshake is not logged: %s", stderr)
	}
}

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"--platform", "nope"}, 2, "--platform must be one of jaicp, livechat, livechatwebhooks, mchat, mluvii"},
		{[]string{"--platform", "mluvii", "extra"}, 2, "unexpected arguments"},
		{[]string{"--platform", "mluvii", "--max-body", "0"}, 2, "--max-body must be positive"},
		{[]string{"--platform", "mluvii", "--signing-secret", "whsec_!"}, 1, "base64"},
		{[]string{"--help"}, 0, ""},
	} {
		var stdout, stderr bytes.Buffer
		// Every case ends before serving; should one start to serve, the
		// deadline stops it and the status tells.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		s := run(ctx, c.args, &stdout, &stderr)
		cancel()
		if s != c.status || !strings.Contains(stderr.String(), c.stderr) {
			t.Errorf("%v: status %d, stderr %q; want %d, %q", c.args, s, stderr.String(), c.status, c.stderr)
		}
	}
}
