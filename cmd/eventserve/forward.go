package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/eventgen/eventgen/generated/cloudevent"
	"github.com/eventgen/eventgen/generated/webhook"
)

// forwardConfig is what the forwarding flags say.
type forwardConfig struct {
	url, prefix, stream, source string
	dedup, timeout              time.Duration
}

// forwarder publishes CloudEvents to NATS JetStream, on PREFIX.<platform>.<event type>, into a stream
// that captures PREFIX.>; the JetStream message id (Nats-Msg-Id) is the CloudEvent's id, so the stream
// stores a redelivered event once (within its duplicate window).
type forwarder struct {
	cfg      forwardConfig
	platform string
	nc       *nats.Conn
	js       jetstream.JetStream
	mu       sync.Mutex // guards stream, which a publish may find again
	stream   string
}

// streamName returns the stream events go to.
func (f *forwarder) streamName() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stream
}

func (f *forwarder) setStream(name string) {
	f.mu.Lock()
	f.stream = name
	f.mu.Unlock()
}

// checkForward checks the forwarding flags before anything is started.
func checkForward(c *forwardConfig) error {
	if c.url == "" {
		return nil
	}
	u, err := url.Parse(c.url)
	if err != nil || u.Scheme != "nats" || u.Host == "" {
		return fmt.Errorf("--forward %q: want nats://HOST:PORT", c.url)
	}
	if !validSubject(c.prefix) {
		return fmt.Errorf("--subject %q: want subject tokens (letters, digits, - and _) joined by dots", c.prefix)
	}
	if c.stream == "" {
		c.stream = strings.ToUpper(strings.ReplaceAll(c.prefix, ".", "_"))
	}
	if strings.ContainsAny(c.stream, ". *>\t\r\n/\\") {
		return fmt.Errorf("--stream %q: a stream name has no dots, spaces, wildcards or slashes", c.stream)
	}
	if c.timeout <= 0 || c.dedup <= 0 {
		return errors.New("--publish-timeout and --dedup-window must be positive")
	}
	return nil
}

func validSubject(s string) bool {
	if s == "" {
		return false
	}
	for _, tok := range strings.Split(s, ".") {
		if tok == "" {
			return false
		}
		for i := 0; i < len(tok); i++ {
			if c := tok[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// newForwarder connects to the server and makes sure a stream captures PREFIX.>: the one that does, or
// a new one named cfg.stream (file storage, cfg.dedup duplicate window).
func newForwarder(ctx context.Context, cfg forwardConfig, platform string) (*forwarder, error) {
	nc, err := nats.Connect(cfg.url, nats.Name("eventserve "+platform), nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond), nats.Timeout(cfg.timeout))
	if err != nil {
		return nil, fmt.Errorf("--forward %s: %w", cfg.url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, err
	}
	f := &forwarder{cfg: cfg, platform: platform, nc: nc, js: js}
	if err := f.ensureStream(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return f, nil
}

// ensureStream finds the stream that captures PREFIX.>, or creates it.
func (f *forwarder) ensureStream(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.timeout)
	defer cancel()
	all := f.cfg.prefix + ".>"
	name, err := f.js.StreamNameBySubject(ctx, all)
	if err == nil {
		f.setStream(name)
		return nil
	}
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return fmt.Errorf("--forward: looking up the stream of %s: %w", all, err)
	}
	_, err = f.js.CreateStream(ctx, jetstream.StreamConfig{
		Name:        f.cfg.stream,
		Description: "CloudEvents received by eventserve",
		Subjects:    []string{all},
		Storage:     jetstream.FileStorage,
		Duplicates:  f.cfg.dedup,
	})
	if err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) { // another receiver was first
		return fmt.Errorf("--forward: creating the stream %s for %s: %w", f.cfg.stream, all, err)
	}
	f.setStream(f.cfg.stream)
	return nil
}

// Subject returns the subject of an event type: PREFIX.<platform>.<type>, with the bytes a subject token
// cannot hold (dots, wildcards, white space, and % itself) written %XX.
func (f *forwarder) subject(eventType string) string {
	return f.cfg.prefix + "." + f.platform + "." + subjectToken(eventType)
}

func subjectToken(s string) string {
	if s == "" {
		return "%00"
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '.' || c == '*' || c == '>' || c == '%' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// options returns the conversion options of an event handled under ctx: the receiver's source, and the
// platform's delivery id (with the item index for a batch) for events that have no id of their own.
func (f *forwarder) options(ctx context.Context) cloudevent.Options {
	o := cloudevent.Options{Source: f.cfg.source}
	if d := webhook.FromContext(ctx); d != nil && d.ID != "" {
		o.ID = d.ID
		if d.Item >= 0 {
			o.ID += "/" + strconv.Itoa(d.Item)
		}
	}
	return o
}

// publish appends one CloudEvent (structured JSON) to the stream and waits for the stream's
// acknowledgement. A duplicate (the id is already stored) is a success.
func (f *forwarder) publish(ctx context.Context, eventType string, ce *cloudevent.Event) error {
	data, err := ce.MarshalJSON()
	if err != nil {
		return err
	}
	msg := &nats.Msg{Subject: f.subject(eventType), Data: data, Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, ce.ID)
	msg.Header.Set("Content-Type", cloudevent.MediaType)
	ctx, cancel := context.WithTimeout(ctx, f.cfg.timeout)
	defer cancel()
	// A stream that does not answer is retried briefly (a leader election), then made again: it may have
	// been deleted, or lost with a server that kept it in memory.
	opts := []jetstream.PublishOpt{jetstream.WithExpectStream(f.streamName()), jetstream.WithRetryWait(50 * time.Millisecond), jetstream.WithRetryAttempts(2)}
	_, err = f.js.PublishMsg(ctx, msg, opts...)
	if errors.Is(err, jetstream.ErrNoStreamResponse) && f.ensureStream(ctx) == nil {
		opts[0] = jetstream.WithExpectStream(f.streamName())
		_, err = f.js.PublishMsg(ctx, msg, opts...)
	}
	if err != nil {
		return fmt.Errorf("forwarding %s %s to %s: %w", ce.Type, ce.ID, msg.Subject, err)
	}
	return nil
}

// close waits for what is in flight and disconnects.
func (f *forwarder) close() {
	if err := f.nc.Drain(); err != nil {
		f.nc.Close()
	}
}

// forward converts an event with its package's ToCloudEvent and publishes it on the subject of its
// type; nothing without a forwarder.
func forward[E any](fw *forwarder, ctx context.Context, ev E, to func(E, cloudevent.Options) (*cloudevent.Event, error)) error {
	if fw == nil {
		return nil
	}
	ce, err := to(ev, fw.options(ctx))
	if err != nil {
		return err
	}
	return fw.publish(ctx, strings.TrimPrefix(ce.Type, cloudevent.TypePrefix(fw.platform)), ce)
}
