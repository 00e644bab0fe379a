// Command eventconsume is the reference consumer of the CloudEvents that `eventserve --forward` appends
// to NATS JetStream: it reads one platform's events from the stream with a durable consumer and
// dispatches each through the platform's generated Handler (HandleCloudEvent), the same typed
// registrations that serve the webhooks, then acknowledges it.
//
//	eventconsume --from nats://HOST:PORT --platform P [--subject PREFIX] [--durable NAME]
//
// It prints one JSON line per event handled, before acknowledging it:
//
//	{"platform":"mluvii","id":"…","type":"SessionStarted","problems":[]}
//
// with type as eventserve prints it and id the CloudEvent's id. Delivery is at least once: an event
// whose acknowledgement was lost (the process was killed between the line and the ack) is handled again,
// with the same id. A message that is not a CloudEvent of the platform is logged and terminated (never
// redelivered); a function that fails has its message redelivered. The durable consumer (--durable,
// default eventconsume-<platform>) keeps the position across restarts. Diagnostics go to standard error,
// among them "consuming <stream> <subject>" once it reads. On SIGINT or SIGTERM it stops reading,
// finishes the event in hand and exits 0. Exit status 1: it could not start; 2: usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/pflag"

	"github.com/eventgen/eventgen/generated/cloudevent"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	from, platform, prefix, durable string
	ackWait                         time.Duration
}

func parseFlags(args []string, stdout, stderr io.Writer) (*config, int) {
	fs := pflag.NewFlagSet("eventconsume", pflag.ContinueOnError)
	fs.SetOutput(stdout)
	c := &config{}
	fs.StringVar(&c.from, "from", "", "the NATS server, nats://HOST:PORT")
	fs.StringVar(&c.platform, "platform", "", "the platform whose events to consume: "+strings.Join(platformNames(), ", "))
	fs.StringVar(&c.prefix, "subject", "eventgen", "the subject prefix eventserve publishes under: PREFIX.<platform>.<event type>")
	fs.StringVar(&c.durable, "durable", "", "the durable consumer's name (default eventconsume-<platform>)")
	fs.DurationVar(&c.ackWait, "ack-wait", 30*time.Second, "how long the stream waits for an acknowledgement before it delivers again")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: eventconsume --from nats://HOST:PORT --platform P [--subject PREFIX] [--durable NAME]\n\n"+
			"Reads the CloudEvents eventserve --forward appended to NATS JetStream, dispatches each through the\n"+
			"platform's generated handler and prints one JSON line per event: {\"platform\",\"id\",\"type\",\"problems\"}.\n\nFlags:\n%s",
			fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, 0
		}
		fmt.Fprintln(stderr, "eventconsume:", err)
		return nil, 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "eventconsume: unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		return nil, 2
	case !strings.HasPrefix(c.from, "nats://"):
		fmt.Fprintln(stderr, "eventconsume: --from nats://HOST:PORT is required")
		return nil, 2
	case platforms[c.platform] == nil:
		fmt.Fprintf(stderr, "eventconsume: --platform must be one of %s\n", strings.Join(platformNames(), ", "))
		return nil, 2
	case c.prefix == "" || strings.ContainsAny(c.prefix, " *>"):
		fmt.Fprintf(stderr, "eventconsume: --subject %q is not a subject prefix\n", c.prefix)
		return nil, 2
	case c.ackWait <= 0:
		fmt.Fprintln(stderr, "eventconsume: --ack-wait must be positive")
		return nil, 2
	}
	if c.durable == "" {
		c.durable = "eventconsume-" + c.platform
	}
	return c, -1
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, status := parseFlags(args, stdout, stderr)
	if c == nil {
		return status
	}
	handle, err := platforms[c.platform](&printer{w: stdout, platform: c.platform})
	if err != nil {
		fmt.Fprintln(stderr, "eventconsume:", err)
		return 1
	}
	nc, err := nats.Connect(c.from, nats.Name("eventconsume "+c.platform), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond))
	if err != nil {
		fmt.Fprintln(stderr, "eventconsume:", err)
		return 1
	}
	defer nc.Close()
	it, err := subscribe(ctx, nc, c, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "eventconsume:", err)
		return 1
	}
	go func() {
		<-ctx.Done()
		it.Stop() // Next returns ErrMsgIteratorClosed once the message in hand is done
	}()
	for {
		msg, err := it.Next()
		if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
			break
		}
		if err != nil {
			fmt.Fprintln(stderr, "eventconsume:", err)
			continue
		}
		consume(ctx, msg, handle, stderr)
	}
	fmt.Fprintln(stderr, "eventconsume: stopped")
	return 0
}

// subscribe finds the stream of PREFIX.<platform>.> and reads it with the durable consumer.
func subscribe(ctx context.Context, nc *nats.Conn, c *config, stderr io.Writer) (jetstream.MessagesContext, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, err
	}
	subject := c.prefix + "." + c.platform + ".>"
	lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	stream, err := js.StreamNameBySubject(lctx, subject)
	if err != nil {
		return nil, fmt.Errorf("no stream captures %s: %w", subject, err)
	}
	cons, err := js.CreateOrUpdateConsumer(lctx, stream, jetstream.ConsumerConfig{
		Durable:       c.durable,
		FilterSubject: subject,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.ackWait,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s on %s: %w", c.durable, stream, err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(256))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "consuming %s %s\n", stream, subject)
	return it, nil
}

// consume handles one message: a CloudEvent of the platform is dispatched and acknowledged (redelivered
// when the functions fail); anything else is terminated.
func consume(ctx context.Context, msg jetstream.Msg, handle func(context.Context, *cloudevent.Event) error, stderr io.Writer) {
	ce, err := cloudevent.Parse(msg.Data())
	if err == nil {
		err = handle(context.WithoutCancel(ctx), ce)
		var failed *handlerError
		if errors.As(err, &failed) {
			fmt.Fprintf(stderr, "eventconsume: %s: %v (delivered again)\n", msg.Subject(), err)
			_ = msg.Nak()
			return
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "eventconsume: %s: not an event of the platform, dropped: %v\n", msg.Subject(), err)
		_ = msg.Term()
		return
	}
	if err := msg.Ack(); err != nil {
		fmt.Fprintf(stderr, "eventconsume: %s: ack: %v\n", msg.Subject(), err)
	}
}

// handlerError is an error of the registered functions (as opposed to a message that is no event).
type handlerError struct{ err error }

func (e *handlerError) Error() string { return e.err.Error() }
func (e *handlerError) Unwrap() error { return e.err }

func platformNames() []string {
	var names []string
	for n := range platforms {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
