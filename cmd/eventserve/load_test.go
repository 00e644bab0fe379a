package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var (
	loadRequests = flag.Int("load.requests", 100_000, "requests of TestLoad (10,000 with -short)")
	loadClients  = flag.Int("load.clients", 64, "concurrent clients of the load tests")
)

// The load tests run the eventserve binary, one process per platform on 127.0.0.1:0, and post the
// vendor samples of every platform, mixed, from concurrent clients; every 50th request is a body that
// is not JSON (400). They stop by themselves: a fixed number of requests, and a deadline.

// server is one eventserve process and what it printed.
type server struct {
	platform, url string
	cmd           *exec.Cmd
	mu            sync.Mutex
	lines         map[string]int
	outputs       sync.WaitGroup // the readers of stdout and stderr: Wait closes the pipes, so it follows them
	stderr        syncBuffer
}

var buildOnce struct {
	sync.Once
	path string
	err  error
}

// binary builds eventserve once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "eventserve-test")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.path = filepath.Join(dir, "eventserve")
		out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput()
		if err != nil {
			buildOnce.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.path
}

// startServer starts eventserve for platform on 127.0.0.1:0, with args after the defaults.
func startServer(t *testing.T, platform string, args ...string) *server {
	t.Helper()
	s := &server{platform: platform, lines: map[string]int{}}
	s.cmd = exec.Command(binary(t), append([]string{"--platform", platform, "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.cmd.Process.Kill() })
	s.outputs.Add(2)
	go func() {
		defer s.outputs.Done()
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			s.mu.Lock()
			s.lines[sc.Text()]++
			s.mu.Unlock()
		}
	}()
	found := make(chan string, 1)
	go func() {
		defer s.outputs.Done()
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			_, _ = s.stderr.Write(append(sc.Bytes(), '\n'))
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case s.url = <-found:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: no listening line: %s", platform, s.stderr.String())
	}
	return s
}

// stop sends SIGTERM and waits for the process and its output; it returns the peak resident set, in KiB.
func (s *server) stop(t *testing.T) int64 {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Errorf("%s: %v", s.platform, err) // not Fatal: stop may run on another goroutine
		return 0
	}
	s.outputs.Wait() // all of the output, "eventserve: stopped" included, before Wait closes the pipes
	if err := s.cmd.Wait(); err != nil {
		t.Errorf("%s: %v\n%s", s.platform, err, s.stderr.String())
	}
	ru, _ := s.cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if ru == nil {
		return 0
	}
	return ru.Maxrss
}

// request is one request of a load: where it goes, its body, and the status and lines it must produce.
type request struct {
	srv    *server
	body   []byte
	status int
	lines  []string
}

// loadPlan starts one server per platform (with args) and interleaves their samples.
func loadPlan(t *testing.T, args ...string) ([]*server, []request) {
	var servers []*server
	var plan [][]request
	for _, name := range received {
		srv := startServer(t, name, args...)
		servers = append(servers, srv)
		var rs []request
		for _, s := range vendorSamples(t, name) {
			rs = append(rs, request{srv: srv, body: s.body, status: 200, lines: s.lines})
		}
		plan = append(plan, rs)
	}
	var mixed []request
	for i := 0; len(mixed) < 3*len(slices.Concat(plan...)); i++ {
		rs := plan[i%len(plan)]
		mixed = append(mixed, rs[(i/len(plan))%len(rs)])
	}
	return servers, mixed
}

// loadResult is what the clients saw.
type loadResult struct {
	sent, ok, failed int64
	latencies        []time.Duration
	unexpected       []string
	want             map[string]int // lines the 2xx answers must have printed
	accepted         []int          // the indexes of the requests answered 2xx
	elapsed          time.Duration
}

// load sends n requests from the plan through clients goroutines; after stopAfter answers (0: never)
// it calls interrupt once. A client stops at its first transport error (expected only after interrupt).
func load(t *testing.T, plan []request, n, clients, stopAfter int, interrupt func()) *loadResult {
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	res := &loadResult{latencies: make([]time.Duration, n), want: map[string]int{}}
	var next, answered atomic.Int64
	var mu sync.Mutex
	var once sync.Once
	var wg sync.WaitGroup
	bad := []byte(`{"eventType": nope}`)
	deadline := time.Now().Add(5 * time.Minute)
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) || time.Now().After(deadline) {
					return
				}
				r := plan[int(i)%len(plan)]
				if i%50 == 49 {
					r = request{srv: r.srv, body: bad, status: 400}
				}
				t0 := time.Now()
				resp, err := client.Post(r.srv.url+"/webhook", "application/json", bytes.NewReader(r.body))
				if err != nil {
					mu.Lock()
					res.failed++
					if stopAfter == 0 {
						res.unexpected = append(res.unexpected, err.Error())
					}
					mu.Unlock()
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				res.latencies[i] = time.Since(t0)
				mu.Lock()
				res.sent++
				if resp.StatusCode != r.status {
					res.unexpected = append(res.unexpected, fmt.Sprintf("%s: %d, want %d", r.srv.platform, resp.StatusCode, r.status))
				}
				if resp.StatusCode/100 == 2 {
					res.ok++
					res.accepted = append(res.accepted, int(i))
					for _, l := range r.lines {
						res.want[l]++
					}
				}
				mu.Unlock()
				if a := answered.Add(1); stopAfter > 0 && a == int64(stopAfter) {
					once.Do(interrupt)
				}
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// printed merges what the servers printed.
func printed(servers []*server) map[string]int {
	got := map[string]int{}
	for _, s := range servers {
		s.mu.Lock()
		for l, c := range s.lines {
			got[l] += c
		}
		s.mu.Unlock()
	}
	return got
}

// compareLines reports lines printed a different number of times than the 2xx answers require.
func compareLines(t *testing.T, got, want map[string]int) {
	t.Helper()
	keys := slices.Sorted(maps.Keys(want))
	for l := range got {
		if _, ok := want[l]; !ok {
			keys = append(keys, l)
		}
	}
	bad := 0
	for _, l := range keys {
		if got[l] != want[l] {
			bad++
			if bad <= 10 {
				t.Errorf("%s: printed %d times, want %d", l, got[l], want[l])
			}
		}
	}
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[min(len(ds)-1, int(float64(len(ds))*p))]
}

func answeredLatencies(ds []time.Duration) []time.Duration {
	var out []time.Duration
	for _, d := range ds {
		if d > 0 {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// TestLoad: every request answered with its expected status, and every 2xx printed exactly once.
func TestLoad(t *testing.T) {
	n := *loadRequests
	if testing.Short() {
		n = min(n, 10_000)
	}
	servers, plan := loadPlan(t)
	res := load(t, plan, n, *loadClients, 0, nil)
	var rss []string
	for _, s := range servers {
		rss = append(rss, fmt.Sprintf("%s %d MiB", s.platform, s.stop(t)>>10))
	}
	if res.sent != int64(n) || len(res.unexpected) > 0 {
		t.Errorf("%d of %d requests answered; %d unexpected: %v", res.sent, n, len(res.unexpected), res.unexpected[:min(10, len(res.unexpected))])
	}
	compareLines(t, printed(servers), res.want)
	lat := answeredLatencies(res.latencies)
	t.Logf("%d requests (%d 2xx) from %d clients in %v: %.0f requests/s; latency p50 %v, p99 %v; peak RSS %s",
		n, res.ok, *loadClients, res.elapsed.Round(time.Millisecond), float64(n)/res.elapsed.Seconds(),
		percentile(lat, 0.5).Round(time.Microsecond), percentile(lat, 0.99).Round(time.Microsecond), strings.Join(rss, ", "))
}

// TestShutdownUnderLoad sends SIGTERM to every server in the middle of a load: the requests accepted
// before it are answered, and every 2xx is printed exactly once.
func TestShutdownUnderLoad(t *testing.T) {
	n := 20_000
	if testing.Short() {
		n = 5_000
	}
	servers, plan := loadPlan(t)
	stopped := make(chan int64, len(servers))
	interrupt := func() {
		for _, s := range servers {
			go func() { stopped <- s.stop(t) }()
		}
	}
	res := load(t, plan, n, *loadClients, n/4, interrupt)
	for range servers {
		<-stopped
	}
	// The signal goes out once n/4 requests are answered (every 50th body is broken and answered 400,
	// so the 2xx among them are fewer): those answers must all have arrived.
	if res.sent < int64(n/4) || len(res.unexpected) > 0 {
		t.Errorf("%d answers (%d 2xx, %d failed) when SIGTERM followed the %dth; unexpected statuses: %v", res.sent, res.ok, res.failed, n/4, res.unexpected)
	}
	compareLines(t, printed(servers), res.want)
	for _, s := range servers {
		if !strings.Contains(s.stderr.String(), "eventserve: stopped") {
			t.Errorf("%s did not stop gracefully:\n%s", s.platform, s.stderr.String())
		}
	}
	t.Logf("SIGTERM after %d answers: %d answered (%d 2xx), %d refused by the stopped servers", n/4, res.sent, res.ok, res.failed)
}
