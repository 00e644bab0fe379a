package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
)

// TestPost replays every mluvii sample to the generated handler over loopback.
func TestPost(t *testing.T) {
	h, err := mluvii.NewHandler(webhook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	h.OnEvent(func(context.Context, mluvii.Event) error { n++; return nil })
	srv := httptest.NewServer(h)
	defer srv.Close()
	dir := filepath.Join("..", "..", "generated", "mluvii", "testdata", "examples")
	var stdout, stderr bytes.Buffer
	if s := run([]string{"--platform", "mluvii", "--post", srv.URL, dir}, nil, &stdout, &stderr); s != 0 {
		t.Fatalf("status %d: %s%s", s, stdout.String(), stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	files, _ := expandInputs([]string{dir})
	if len(lines) != len(files) || n != len(files) {
		t.Fatalf("%d lines, %d events for %d files:\n%s", len(lines), n, len(files), stdout.String())
	}
	for i, l := range lines {
		if l != files[i]+": 200 OK" {
			t.Errorf("line %q", l)
		}
	}
}

// TestPostSigned signs the requests for a receiver that requires Standard Webhooks signatures.
func TestPostSigned(t *testing.T) {
	const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	spec := mluvii.DeliverySpec()
	spec.Signature = webhook.StandardWebhooks
	var ids []string
	rx, err := webhook.New(spec, webhook.Options{SigningSecrets: []string{secret}}, func(_ context.Context, d *webhook.Delivery) error {
		ids = append(ids, d.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rx)
	defer srv.Close()
	file := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(file, []byte(`{"eventType":"SessionStarted","data":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	post := func(secrets ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		args := []string{"--platform", "mluvii", "--post", srv.URL, file}
		for _, s := range secrets {
			args = append(args, "--signing-secret", s)
		}
		s := run(args, nil, &stdout, &stderr)
		return s, stdout.String() + stderr.String()
	}
	if s, out := post(secret); s != 0 || !strings.Contains(out, ": 200 OK") {
		t.Errorf("signed: %d %s", s, out)
	}
	if s, out := post("whsec_" + "b3RoZXI="); s != 1 || !strings.Contains(out, ": 401 Unauthorized") {
		t.Errorf("signed with another key: %d %s", s, out)
	}
	if s, out := post(); s != 1 || !strings.Contains(out, ": 401 Unauthorized") {
		t.Errorf("unsigned: %d %s", s, out)
	}
	if len(ids) != 1 || !strings.HasPrefix(ids[0], "msg_") {
		t.Errorf("delivery ids %q", ids)
	}
}

func TestPostErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if s := run([]string{"--platform", "mluvii", "--post", "http://127.0.0.1:1/", "no-such-file.json"}, nil, &stdout, &stderr); s != 1 {
		t.Errorf("a missing file: status %d", s)
	}
	stderr.Reset()
	if s := run([]string{"--platform", "mluvii", "--post", "http://127.0.0.1:1/"}, nil, &stdout, &stderr); s != 2 || !strings.Contains(stderr.String(), "no files") {
		t.Errorf("no files: status %d %s", s, stderr.String())
	}
}
