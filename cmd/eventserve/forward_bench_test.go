package main

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/eventgen/eventgen/generated/cloudevent"
	"github.com/eventgen/eventgen/generated/mluvii"
)

// BenchmarkCloudEvent measures what forwarding adds per event before the publish: ToCloudEvent (the
// event re-encoded, its id and time read) and MarshalJSON; then what a consumer does: Parse and
// FromCloudEvent.
func BenchmarkCloudEvent(b *testing.B) {
	body := vendorSamples(b, "mluvii")[0].body
	ev, err := mluvii.Decode(body)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("to", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			ce, err := mluvii.ToCloudEvent(ev, cloudevent.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ce.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	ce, _ := mluvii.ToCloudEvent(ev, cloudevent.Options{})
	data, _ := ce.MarshalJSON()
	b.Run("from", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			back, err := cloudevent.Parse(data)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := mluvii.FromCloudEvent(back); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPublish measures one synchronous publish of a CloudEvent to an embedded JetStream server
// (file storage), as eventserve --forward does per event before it answers; each message has a new id.
func BenchmarkPublish(b *testing.B) {
	fw, err := newForwarder(context.Background(), forwardConfig{url: startNATS(b).ClientURL(), prefix: "bench", stream: "BENCH", dedup: time.Minute, timeout: 5 * time.Second}, "mluvii")
	if err != nil {
		b.Fatal(err)
	}
	defer fw.close()
	ev, _ := mluvii.Decode(vendorSamples(b, "mluvii")[0].body)
	ce, _ := mluvii.ToCloudEvent(ev, cloudevent.Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		ce.ID = strconv.Itoa(i)
		if err := fw.publish(context.Background(), "SessionCreated", ce); err != nil {
			b.Fatal(err)
		}
	}
}
