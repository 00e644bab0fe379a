package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/eventgen/eventgen/generated/cloudevent"
	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
)

// The forwarding test runs the load of TestLoad through `eventserve --forward` into an embedded NATS
// server with JetStream (on 127.0.0.1, a free port, its store in a temporary directory), with an
// eventconsume process per platform reading the stream meanwhile. A third of the way through the load
// the consumers are killed (SIGKILL: no ack of what they had in hand) and started again. It then counts:
// every event of every request answered 2xx is in the stream exactly once (by CloudEvent id, which is
// the message id), nothing else is, each message is a valid CloudEvent whose data re-decodes to an
// event posted with that id; the consumers handled every event at least once.

// startNATS starts an embedded NATS server with JetStream on loopback.
func startNATS(t testing.TB) *natsserver.Server {
	t.Helper()
	return startNATSAt(t, -1, t.TempDir())
}

// startNATSAt starts an embedded NATS server with JetStream on a port of loopback (-1: a free one),
// storing its streams in dir.
func startNATSAt(t testing.TB, port int, dir string) *natsserver.Server {
	t.Helper()
	ns, err := natsserver.NewServer(&natsserver.Options{Host: "127.0.0.1", Port: port, JetStream: true,
		StoreDir: dir, NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("the NATS server did not start")
	}
	t.Cleanup(func() {
		ns.Shutdown()
		ns.WaitForShutdown()
	})
	return ns
}

var consumeBuild struct {
	sync.Once
	path string
	err  error
}

// consumeBinary builds eventconsume once per test run, beside eventserve.
func consumeBinary(t *testing.T) string {
	t.Helper()
	consumeBuild.Do(func() {
		consumeBuild.path = filepath.Join(filepath.Dir(binary(t)), "eventconsume")
		out, err := exec.Command("go", "build", "-o", consumeBuild.path, "../eventconsume").CombinedOutput()
		if err != nil {
			consumeBuild.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if consumeBuild.err != nil {
		t.Fatal(consumeBuild.err)
	}
	return consumeBuild.path
}

// consumer is one eventconsume process; handled counts the ids of the lines it printed, across restarts.
type consumer struct {
	platform, url string
	cmd           *exec.Cmd
	done          chan struct{}
	stderr        syncBuffer
	mu            sync.Mutex
	handled       map[string]int
	lines         int
}

func (c *consumer) start(t *testing.T) {
	t.Helper()
	c.cmd = exec.Command(consumeBinary(t), "--from", c.url, "--platform", c.platform, "--ack-wait", "2s")
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.cmd.Stderr = &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.cmd.Process.Kill() })
	c.done = make(chan struct{})
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var l struct{ ID string }
			if json.Unmarshal(sc.Bytes(), &l) != nil || l.ID == "" {
				t.Errorf("%s consumer printed %q", c.platform, sc.Text())
				continue
			}
			c.mu.Lock()
			c.handled[l.ID]++
			c.lines++
			c.mu.Unlock()
		}
	}()
}

// stop signals the process and waits for it and its output.
func (c *consumer) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	_ = c.cmd.Process.Signal(sig)
	<-c.done
	_ = c.cmd.Wait()
}

func (c *consumer) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lines
}

// expectedEvents returns the CloudEvents of a request body, by id, as the generated packages make them.
func expectedEvents(t *testing.T, platform string, body []byte) []*cloudevent.Event {
	t.Helper()
	var out []*cloudevent.Event
	add := func(ce *cloudevent.Event, err error) {
		if err != nil {
			t.Fatalf("%s: %v", platform, err)
		}
		out = append(out, ce)
	}
	switch platform {
	case "livechat":
		ev, err := livechat.Decode(body)
		if err != nil {
			t.Fatal(err)
		}
		add(livechat.ToCloudEvent(ev, cloudevent.Options{}))
	case "mluvii":
		ev, err := mluvii.Decode(body)
		if err != nil {
			t.Fatal(err)
		}
		add(mluvii.ToCloudEvent(ev, cloudevent.Options{}))
	case "mchat":
		b, err := mchat.DecodeBatch(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range b.Events {
			add(mchat.ToCloudEvent(ev, cloudevent.Options{}))
		}
	default:
		t.Fatalf("no decoder for %s", platform)
	}
	return out
}

// uniqueBody returns body with a member "loadSeq" added to each event (the item of an m-chat batch):
// the event stays valid (an undeclared member is kept), and its data, so its derived id, differs.
func uniqueBody(platform string, body []byte, seq int) []byte {
	at := 1 // after the opening brace
	if platform == "mchat" {
		at = len(`{"events":[{`)
	}
	out := slices.Concat(body[:at], []byte(`"loadSeq":`+strconv.Itoa(seq)+`,`), body[at:])
	return out
}

func TestForward(t *testing.T) {
	n := *loadRequests
	if testing.Short() {
		n = min(n, 10_000)
	}
	ns := startNATS(t)
	url := ns.ClientURL()
	servers, mixed := loadPlan(t, "--forward", url, "--dedup-window", "10m")
	// Every other request is an event of its own; the rest repeat the vendor samples, so that most
	// events are posted many times and the stream must keep each once.
	plan := make([]request, n)
	for i := range plan {
		r := mixed[i%len(mixed)]
		if i%2 == 0 {
			r.body = uniqueBody(r.srv.platform, r.body, i)
		}
		plan[i] = r
	}
	consumers := map[string]*consumer{}
	for _, name := range received {
		c := &consumer{platform: name, url: url, handled: map[string]int{}}
		c.start(t)
		consumers[name] = c
	}
	var killedAt int
	restart := func() {
		for _, c := range consumers {
			c.stop(t, syscall.SIGKILL)
			killedAt += c.count()
		}
		for _, c := range consumers {
			c.start(t)
		}
	}
	res := load(t, plan, n, *loadClients, n/3, restart)
	if res.sent != int64(n) || len(res.unexpected) > 0 {
		t.Errorf("%d of %d requests answered; %d unexpected: %v", res.sent, n, len(res.unexpected), res.unexpected[:min(10, len(res.unexpected))])
	}
	for _, s := range servers {
		s.stop(t)
	}

	// What the stream must hold: the events of the requests answered 2xx, by id. Events that carry their
	// id (LiveChat's, mluvii's activities) are one event whatever else their bodies hold: the stream
	// keeps the first of them that came.
	want := map[string]map[string]bool{}
	events := 0
	for _, i := range res.accepted {
		r := plan[i]
		for _, ce := range expectedEvents(t, r.srv.platform, r.body) {
			events++
			if want[ce.ID] == nil {
				want[ce.ID] = map[string]bool{}
			}
			want[ce.ID][string(ce.Data)] = true
		}
	}
	stored := streamContents(t, url, want)

	// The consumers catch up, then stop.
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	deadline := time.Now().Add(2 * time.Minute)
	for _, c := range consumers {
		for {
			info, err := js.Consumer(context.Background(), "EVENTGEN", "eventconsume-"+c.platform)
			if err == nil {
				ci, err := info.Info(context.Background())
				if err == nil && ci.NumPending == 0 && ci.NumAckPending == 0 {
					break
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s consumer did not catch up:\n%s", c.platform, c.stderr.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
		c.stop(t, syscall.SIGTERM)
	}
	handled, again := map[string]bool{}, 0
	for _, c := range consumers {
		for id, k := range c.handled {
			handled[id] = true
			again += k - 1
		}
	}
	for id := range want {
		if !handled[id] {
			t.Errorf("event %s is in the stream but no consumer handled it", id)
			break
		}
	}
	if len(handled) != len(want) {
		t.Errorf("the consumers handled %d distinct events, the stream holds %d", len(handled), len(want))
	}
	t.Logf("%d requests (%d 2xx) from %d clients in %v: %.0f requests/s, forwarding; latency p50 %v, p99 %v",
		n, res.ok, *loadClients, res.elapsed.Round(time.Millisecond), float64(n)/res.elapsed.Seconds(),
		percentile(answeredLatencies(res.latencies), 0.5).Round(time.Microsecond), percentile(answeredLatencies(res.latencies), 0.99).Round(time.Microsecond))
	t.Logf("stream: %d events accepted with 2xx, %d distinct, %d messages stored (%d duplicates removed); consumers killed after %d lines, restarted: %d events handled, %d of them again after the restart",
		events, len(want), stored, events-stored, killedAt, len(handled), again)
}

// streamContents reads the whole stream and checks it against want (CloudEvent id → the data posted
// with it): every id once, no other, each a valid CloudEvent whose data re-decodes to one of the events
// posted with its id. It returns the number of messages.
func streamContents(t *testing.T, url string, want map[string]map[string]bool) int {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	stream, err := js.Stream(ctx, "EVENTGEN")
	if err != nil {
		t.Fatal(err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	bad := 0
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := stream.GetMsg(ctx, seq)
		if err != nil {
			t.Fatalf("message %d: %v", seq, err)
		}
		id := m.Header.Get(jetstream.MsgIDHeader)
		seen[id]++
		ce, err := cloudevent.Parse(m.Data)
		switch {
		case err != nil:
			t.Errorf("message %d is no CloudEvent: %v", seq, err)
			bad++
		case ce.ID != id:
			t.Errorf("message %d: Nats-Msg-Id %s, CloudEvent id %s", seq, id, ce.ID)
			bad++
		case m.Subject != "eventgen."+subjectPlatform(m.Subject)+"."+subjectToken(strings.TrimPrefix(ce.Type, cloudevent.TypePrefix(subjectPlatform(m.Subject)))):
			t.Errorf("message %d: subject %s for the type %s", seq, m.Subject, ce.Type)
			bad++
		case want[id] == nil:
			t.Errorf("message %d: %s is not an event of a request answered 2xx", seq, id)
			bad++
		case !want[id][string(reencode(t, m.Subject, ce))]:
			t.Errorf("message %d: its data re-decodes to\n%s\nwhich is no event posted with the id %s", seq, reencode(t, m.Subject, ce), id)
			bad++
		}
		if bad > 10 {
			t.FailNow()
		}
	}
	for id := range want {
		if seen[id] != 1 {
			t.Errorf("event %s is in the stream %d times, want once", id, seen[id])
			if bad++; bad > 10 {
				t.FailNow()
			}
		}
	}
	return int(info.State.Msgs)
}

// reencode decodes a CloudEvent's data with the package of its subject's platform and encodes it again.
func reencode(t *testing.T, subject string, ce *cloudevent.Event) []byte {
	t.Helper()
	var enc []byte
	var err error
	switch platform := subjectPlatform(subject); platform {
	case "livechat":
		var ev livechat.Event
		if ev, err = livechat.FromCloudEvent(ce); err == nil {
			enc, err = ev.MarshalJSON()
		}
	case "mluvii":
		var ev mluvii.Event
		if ev, err = mluvii.FromCloudEvent(ce); err == nil {
			enc, err = ev.MarshalJSON()
		}
	case "mchat":
		var ev mchat.Event
		if ev, err = mchat.FromCloudEvent(ce); err == nil {
			enc, err = ev.MarshalJSON()
		}
	default:
		err = fmt.Errorf("subject %s: unknown platform", subject)
	}
	if err != nil {
		t.Errorf("%s: %v", subject, err)
	}
	return enc
}

// subjectPlatform returns the platform token of eventgen.<platform>.<type>.
func subjectPlatform(subject string) string {
	rest, ok := cutPrefix(subject, "eventgen.")
	if !ok {
		return ""
	}
	for i := range len(rest) {
		if rest[i] == '.' {
			return rest[:i]
		}
	}
	return ""
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || s[:len(prefix)] != prefix {
		return s, false
	}
	return s[len(prefix):], true
}

// TestForwardFailure: a publish that fails answers 500 (the platform delivers again); a receiver makes a
// stream that vanished again, and publishes again once a server that went down is back; a stream that
// already captures the prefix is used.
func TestForwardFailure(t *testing.T) {
	dir := t.TempDir()
	ns := startNATSAt(t, -1, dir)
	nc, err := nats.Connect(ns.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	if _, err := js.CreateStream(context.Background(), jetstream.StreamConfig{Name: "HOOKS", Subjects: []string{"hooks.>"}, Storage: jetstream.MemoryStorage}); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, "mluvii", "--forward", ns.ClientURL(), "--subject", "hooks", "--publish-timeout", "500ms",
		"--source", "https://hooks.example.com/mluvii")
	body := vendorSamples(t, "mluvii")[0].body
	post := func() int {
		resp, err := http.Post(srv.url, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(); got != 200 {
		t.Fatalf("with the server up: %d", got)
	}
	stream, err := js.Stream(context.Background(), "HOOKS")
	if err != nil {
		t.Fatal(err)
	}
	m, err := stream.GetMsg(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	ce, err := cloudevent.Parse(m.Data)
	if err != nil || ce.Source != "https://hooks.example.com/mluvii" || m.Subject != "hooks.mluvii."+subjectToken(strings.TrimPrefix(ce.Type, "eventgen.mluvii.")) ||
		m.Header.Get("Content-Type") != cloudevent.MediaType {
		t.Errorf("stored on %s (%v): %s, %v", m.Subject, m.Header, m.Data, err)
	}
	if err := js.DeleteStream(context.Background(), "HOOKS"); err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(context.Background(), jetstream.StreamConfig{Name: "HOOKS", Subjects: []string{"other.>"}, Storage: jetstream.MemoryStorage}); err != nil {
		t.Fatal(err)
	}
	if got := post(); got != 500 {
		t.Errorf("with no stream for the subject and none that can be made (the name is taken): %d, want 500", got)
	}
	if err := js.DeleteStream(context.Background(), "HOOKS"); err != nil {
		t.Fatal(err)
	}
	if got := post(); got != 200 {
		t.Errorf("after the receiver made the stream again: %d, want 200\n%s", got, srv.stderr.String())
	}
	port := ns.Addr().(*net.TCPAddr).Port
	ns.Shutdown()
	ns.WaitForShutdown()
	if got := post(); got != 500 {
		t.Errorf("with the server down: %d, want 500", got)
	}
	// The server comes back on its port, with its store: the receiver reconnects and publishes again.
	startNATSAt(t, port, dir)
	deadline := time.Now().Add(20 * time.Second)
	for post() != 200 {
		if time.Now().After(deadline) {
			t.Fatalf("no 2xx within 20s of the server's restart:\n%s", srv.stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	srv.stop(t)
	if !strings.Contains(srv.stderr.String(), "forwarding to "+ns.ClientURL()+", stream HOOKS, subjects hooks.mluvii.>") {
		t.Errorf("no forwarding line, or another stream:\n%s", srv.stderr.String())
	}
}

func TestForwardFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--forward", "http://127.0.0.1:4222"}, "want nats://HOST:PORT"},
		{[]string{"--forward", "nats://127.0.0.1:4222", "--subject", "a..b"}, "want subject tokens"},
		{[]string{"--forward", "nats://127.0.0.1:4222", "--subject", "a.>"}, "want subject tokens"},
		{[]string{"--forward", "nats://127.0.0.1:4222", "--stream", "a.b"}, "a stream name has no dots"},
		{[]string{"--forward", "nats://127.0.0.1:4222", "--publish-timeout", "0s"}, "must be positive"},
	} {
		var stdout, stderr bytes.Buffer
		if got := run(context.Background(), append([]string{"--platform", "mluvii"}, c.args...), &stdout, &stderr); got != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, %q; want 2 and %q", c.args, got, stderr.String(), c.want)
		}
	}
	var stdout, stderr bytes.Buffer
	if got := run(context.Background(), []string{"--platform", "mluvii", "--forward", "nats://127.0.0.1:1"}, &stdout, &stderr); got != 1 || !strings.Contains(stderr.String(), "--forward nats://127.0.0.1:1") {
		t.Errorf("no server: exit %d, %q; want 1 and the URL", got, stderr.String())
	}
}

func TestSubjectToken(t *testing.T) {
	for in, want := range map[string]string{"SessionStarted": "SessionStarted", "a.b": "a%2Eb", "x y*>%": "x%20y%2A%3E%25", "": "%00", "ü": "%C3%BC"} {
		if got := subjectToken(in); got != want {
			t.Errorf("subjectToken(%q) = %q, want %q", in, got, want)
		}
	}
}
