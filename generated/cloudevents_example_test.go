package generated_test

import (
	"context"
	"fmt"
	"log"

	"github.com/eventgen/eventgen/generated/cloudevent"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
)

// A receiver appends each event to a log as a CloudEvent; a consumer reads it back and dispatches it
// through the same typed registrations as the webhook handler (cmd/eventconsume does this with NATS
// JetStream).
func Example_cloudEvents() {
	body := []byte(`{"eventType":"SessionStarted","data":{"id":7371450,"tenantId":62,"channel":"Phone","source":"OutgoingCall","started":"2024-05-02T16:05:24.454661+02:00"}}`)

	// The receiver: decode, convert, append ce.MarshalJSON() to the log, then answer 2xx.
	ev, err := mluvii.Decode(body)
	if err != nil {
		log.Fatal(err)
	}
	ce, err := mluvii.ToCloudEvent(ev, cloudevent.Options{})
	if err != nil {
		log.Fatal(err)
	}
	onTheLog, err := ce.MarshalJSON()
	if err != nil {
		log.Fatal(err)
	}

	// The consumer: the registrations of the webhook handler serve the CloudEvents read from the log.
	h, err := mluvii.NewHandler(webhook.Options{})
	if err != nil {
		log.Fatal(err)
	}
	h.OnSessionStarted(func(ctx context.Context, ev *mluvii.SessionStarted) error {
		id := webhook.FromContext(ctx).ID // the CloudEvent's id: the key for idempotent work
		fmt.Printf("session %d started on %s; id derived from the data: %t\n", ev.ID, ev.Channel, id == cloudevent.Derive("mluvii", body))
		return nil
	})
	read, err := cloudevent.Parse(onTheLog)
	if err != nil {
		log.Fatal(err)
	}
	if err := h.HandleCloudEvent(context.Background(), read); err != nil {
		log.Fatal(err)
	}
	fmt.Println(read.Type, read.Time)
	fmt.Println(read.DataSchema)
	// Output:
	// session 7371450 started on Phone; id derived from the data: true
	// eventgen.mluvii.SessionStarted 2024-05-02T16:05:24.454661+02:00
	// https://raw.githubusercontent.com/eventgen/eventgen/main/generated/mluvii/openapi.json#/components/schemas/SessionStarted
}
