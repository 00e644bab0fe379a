package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"--help"}, 0, "Usage: eventconsume"},
		{[]string{"--platform", "mluvii"}, 2, "--from nats://HOST:PORT is required"},
		{[]string{"--from", "nats://127.0.0.1:4222", "--platform", "nope"}, 2, "--platform must be one of jaicp, livechat, livechatwebhooks, mchat, mluvii"},
		{[]string{"--from", "nats://127.0.0.1:4222", "--platform", "mluvii", "--subject", "a.>"}, 2, "is not a subject prefix"},
		{[]string{"--from", "nats://127.0.0.1:4222", "--platform", "mluvii", "--ack-wait", "0s"}, 2, "--ack-wait must be positive"},
		{[]string{"--from", "nats://127.0.0.1:4222", "--platform", "mluvii", "extra"}, 2, "unexpected arguments: extra"},
		{[]string{"--from", "nats://127.0.0.1:1", "--platform", "mluvii"}, 1, "eventconsume:"},
	} {
		var stdout, stderr bytes.Buffer
		got := run(context.Background(), c.args, &stdout, &stderr)
		if got != c.status || !strings.Contains(stdout.String()+stderr.String(), c.want) {
			t.Errorf("%q: exit %d, %q %q; want %d and %q", c.args, got, stdout.String(), stderr.String(), c.status, c.want)
		}
	}
}
