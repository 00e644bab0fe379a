package generated_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
)

// receiver is the handler shown in the README; keep the two in step.
func receiver() (http.Handler, error) {
	h, err := mluvii.NewHandler(webhook.Options{}) // every rule at its default; secrets go here
	if err != nil {
		return nil, err
	}
	h.OnEvent(func(ctx context.Context, ev mluvii.Event) error { // sees every event first
		if err := ev.Validate(); err != nil { // mluvii.Problems: "/data/started: required member is missing"
			log.Printf("mluvii %s: %v", ev.EventType(), err)
		}
		return nil
	})
	h.OnSessionStarted(func(ctx context.Context, ev *mluvii.SessionStarted) error {
		started, _ := ev.Started.Time()
		log.Printf("session %d started at %s on %s", ev.ID, started, ev.Channel)
		return nil // an error answers 500, and the platform delivers the event again
	})
	h.OnSessionActivityHeroCard(func(ctx context.Context, ev *mluvii.SessionActivityHeroCard) error {
		for _, item := range ev.HeroCard {
			log.Printf("hero card item %s", item.Label)
		}
		return nil
	})
	h.OnUnknown(func(ctx context.Context, ev *mluvii.Unknown) error { // a type this package does not know yet
		log.Printf("new mluvii event %s: %s", ev.Type, ev.Raw)
		return nil
	})
	return h, nil
}

// seen is the README's deduplication helper: it runs fn once per key; a failed fn leaves the key free
// for the redelivery.
type seen struct {
	mu   sync.Mutex
	keys map[string]bool
}

func (s *seen) Once(key string, fn func() error) error {
	s.mu.Lock()
	dup := s.keys[key]
	s.mu.Unlock()
	if dup {
		return nil
	}
	if err := fn(); err != nil {
		return err
	}
	s.mu.Lock()
	s.keys[key] = true
	s.mu.Unlock()
	return nil
}

// dedupReceiver registers the README's deduplicating function; startSession fails on its first call, as a
// database might, so that the redelivery does the work.
func dedupReceiver() http.Handler {
	h, err := mluvii.NewHandler(webhook.Options{})
	if err != nil {
		panic(err)
	}
	done := &seen{keys: map[string]bool{}}
	calls := 0
	startSession := func(ctx context.Context, ev *mluvii.SessionStarted) error {
		calls++
		if calls == 1 {
			return fmt.Errorf("database unavailable")
		}
		log.Printf("session %d handled", ev.ID)
		return nil
	}
	h.OnSessionStarted(func(ctx context.Context, ev *mluvii.SessionStarted) error {
		key := webhook.FromContext(ctx).ID
		if key == "" { // mluvii sends no delivery id: a session starts once
			key = "SessionStarted/" + strconv.FormatInt(ev.ID, 10)
		}
		return done.Once(key, func() error { return startSession(ctx, ev) })
	})
	return h
}

const sessionStarted = `{"eventType":"SessionStarted","data":{"id":7371450,"tenantId":62,"channel":"Phone","source":"OutgoingCall","started":"2024-05-02T16:05:24.454661+02:00"}}`

func post(h http.Handler, body string) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/mluvii", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	fmt.Println(strings.TrimSpace(fmt.Sprint(rec.Code, " ", rec.Body.String())))
}

// Example_webhook runs the README's handler on four requests: a documented event, an event type the
// package does not know, a body that is not JSON, and a GET.
func Example_webhook() {
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	defer log.SetOutput(os.Stderr)
	h, err := receiver()
	if err != nil {
		panic(err)
	}
	for _, body := range []string{sessionStarted, `{"eventType":"SessionPaused","data":{"id":1}}`, `{"eventType":`} {
		post(h, body)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/mluvii", nil))
	fmt.Println(rec.Code, rec.Header().Get("Allow"))
	// Output:
	// session 7371450 started at 2024-05-02 16:05:24.454661 +0200 +0200 on Phone
	// 200
	// new mluvii event SessionPaused: {"eventType":"SessionPaused","data":{"id":1}}
	// 200
	// 400 {"status":400,"title":"Bad Request","detail":"decode event: /eventType: unexpected end of JSON input (offset 13)"}
	// 405 POST
}

// Example_deduplicate delivers one event three times: the first attempt fails (500, so the platform
// delivers again), the second does the work, the third is a duplicate and is only acknowledged.
func Example_deduplicate() {
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	defer log.SetOutput(os.Stderr)
	h := dedupReceiver()
	for range 3 {
		post(h, sessionStarted)
	}
	// Output:
	// ERROR webhook: handler failed platform=mluvii path=/mluvii error="database unavailable"
	// 500 {"status":500,"title":"Internal Server Error"}
	// session 7371450 handled
	// 200
	// 200
}
