// Command eventserve is the reference receiver: it serves the generated http.Handler of one platform
// and prints one JSON line to standard output for every event it accepts.
//
//	eventserve --platform P [--addr HOST:PORT] [--max-body N] [verification flags]
//
// It answers POST on any path. Each accepted event is printed as
//
//	{"platform":"mluvii","type":"SessionStarted","problems":["/data/id: expected integer, got string"]}
//
// with type as eventdecode prints it (nested unions joined by "/", Unknown(<type>), Invalid for an
// unreadable batch item) and problems empty when the event is valid. A line is written (in one write,
// under a lock, so lines never interleave) before the request is answered: every 2xx a client sees has
// its lines printed, and a line that cannot be written fails the request with 500, so that the platform
// delivers it again. Diagnostics go to standard error, among them "listening on http://HOST:PORT" once
// the server accepts connections (--addr :0 picks a free port; the line shows it).
//
// With --forward nats://HOST:PORT, every accepted event is also published to NATS JetStream as a
// CloudEvent in structured JSON mode (generated/<platform>.ToCloudEvent) on PREFIX.<platform>.<event
// type> (--subject, default "eventgen"), and the request is answered only once the stream has
// acknowledged it; a failed publish answers 500, so that the platform delivers again. The message id
// (Nats-Msg-Id) is the CloudEvent's id, so the stream stores a redelivered event once. The stream is the
// one that captures PREFIX.>, or a new one (--stream, file storage, --dedup-window) when none does.
//
// On SIGINT or SIGTERM it stops accepting connections, finishes the requests it has accepted (printing
// their events), and exits 0. Exit status 1: the server could not start or stop cleanly; 2: usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/eventgen/eventgen/generated/webhook"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	platform, addr  string
	maxBody         int64
	opts            webhook.Options
	verbose         bool
	shutdownTimeout time.Duration
	forward         forwardConfig
}

func parseFlags(args []string, stdout, stderr io.Writer) (*config, int) {
	fs := pflag.NewFlagSet("eventserve", pflag.ContinueOnError)
	fs.SetOutput(stdout)
	c := &config{}
	fs.StringVar(&c.platform, "platform", "", "the platform whose webhooks to receive: "+strings.Join(platformNames(), ", "))
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "the address to listen on; port 0 picks a free port")
	fs.Int64Var(&c.maxBody, "max-body", webhook.DefaultMaxBody, "the largest body accepted, in bytes (413 above)")
	fs.StringSliceVar(&c.opts.ContentTypes, "content-type", nil, "the media types accepted (415 for others; default: the spec's); */* accepts any")
	fs.StringVar(&c.opts.Secret, "secret", "", "the shared secret a platform carries in the body, when its spec declares one")
	fs.StringArrayVar(&c.opts.SigningSecrets, "signing-secret", nil, "a Standard Webhooks secret (whsec_...), when the spec declares signatures; repeat to rotate keys")
	fs.StringVar(&c.opts.HandshakeToken, "handshake-token", "", "the subscription handshake token; empty answers a handshake with the token it carries")
	fs.BoolVar(&c.opts.Insecure, "insecure", false, "accept requests unverified when the spec declares a scheme but no secret is given")
	fs.BoolVar(&c.verbose, "verbose", false, "log refused requests (debug level) to standard error")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 30*time.Second, "how long a shutdown waits for accepted requests")
	fs.StringVar(&c.forward.url, "forward", "", "publish every event as a CloudEvent to NATS JetStream at nats://HOST:PORT before answering")
	fs.StringVar(&c.forward.prefix, "subject", "eventgen", "with --forward: the subject prefix; events go to PREFIX.<platform>.<event type>")
	fs.StringVar(&c.forward.stream, "stream", "", "with --forward: the stream to create when none captures PREFIX.> (default: PREFIX in upper case, dots as _)")
	fs.StringVar(&c.forward.source, "source", "", "with --forward: the CloudEvents source (default: the spec's, urn:eventgen:<platform>)")
	fs.DurationVar(&c.forward.dedup, "dedup-window", time.Hour, "with --forward: the duplicate window of a stream it creates (ids are kept in the server's memory that long)")
	fs.DurationVar(&c.forward.timeout, "publish-timeout", 5*time.Second, "with --forward: how long a publish waits for the stream (then 500)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: eventserve --platform P [--addr HOST:PORT] [--max-body N] [verification flags] [--forward nats://HOST:PORT]\n\n"+
			"Serves the platform's generated webhook handler (POST on any path) and prints one JSON line per\n"+
			"accepted event to standard output: {\"platform\":...,\"type\":...,\"problems\":[...]}.\n\nFlags:\n%s",
			fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, 0
		}
		fmt.Fprintln(stderr, "eventserve:", err)
		return nil, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "eventserve: unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		return nil, 2
	}
	if c.maxBody <= 0 {
		fmt.Fprintln(stderr, "eventserve: --max-body must be positive")
		return nil, 2
	}
	c.opts.MaxBody = c.maxBody
	if err := checkForward(&c.forward); err != nil {
		fmt.Fprintln(stderr, "eventserve:", err)
		return nil, 2
	}
	return c, -1
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, status := parseFlags(args, stdout, stderr)
	if c == nil {
		return status
	}
	newHandler, ok := platforms[c.platform]
	if !ok {
		fmt.Fprintf(stderr, "eventserve: --platform must be one of %s\n", strings.Join(platformNames(), ", "))
		return 2
	}
	level := slog.LevelInfo
	if c.verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	c.opts.Logger = logger
	var fw *forwarder
	if c.forward.url != "" {
		var err error
		if fw, err = newForwarder(ctx, c.forward, c.platform); err != nil {
			fmt.Fprintln(stderr, "eventserve:", err)
			return 1
		}
		defer fw.close()
		fmt.Fprintf(stderr, "forwarding to %s, stream %s, subjects %s.%s.>\n", c.forward.url, fw.streamName(), c.forward.prefix, c.platform)
	}
	h, err := newHandler(c.opts, &printer{w: stdout, platform: c.platform}, fw)
	if err != nil {
		fmt.Fprintln(stderr, "eventserve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		fmt.Fprintln(stderr, "eventserve:", err)
		return 1
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stderr, "listening on http://%s\n", ln.Addr())
	select {
	case err := <-served: // Serve failed before any shutdown
		fmt.Fprintln(stderr, "eventserve:", err)
		return 1
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "eventserve: shutting down: finishing accepted requests")
	sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "eventserve: shutdown:", err)
		return 1
	}
	fmt.Fprintln(stderr, "eventserve: stopped")
	return 0
}

func platformNames() []string {
	var names []string
	for n := range platforms {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
