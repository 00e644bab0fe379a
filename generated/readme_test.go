package generated_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/eventgen/eventgen/generated/mluvii"
)

// webhook is the handler shown in the README; keep the two in step.
func webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ev, err := mluvii.Decode(body)
	if err != nil { // not JSON, or no readable event type: err is a *mluvii.DecodeError with a JSON pointer
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := ev.Validate(); err != nil { // mluvii.Problems: "/data/started: required member is missing"
		log.Printf("mluvii %s: %v", ev.EventType(), err)
	}
	switch ev := ev.(type) {
	case *mluvii.SessionStarted:
		started, _ := ev.Started.Time()
		log.Printf("session %d started at %s on %s", ev.ID, started, ev.Channel)
	case *mluvii.SessionActivityHeroCard:
		for _, item := range ev.HeroCard {
			log.Printf("hero card item %s", item.Label)
		}
	case *mluvii.Unknown: // a type this package does not know yet: not an error, nothing lost
		log.Printf("new mluvii event %s: %s", ev.Type, ev.Raw)
	}
	w.WriteHeader(http.StatusOK)
}

// Example_webhook runs the README's handler on three requests: a documented event, an event type the
// package does not know, and a body that is not JSON.
func Example_webhook() {
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	defer log.SetOutput(os.Stderr)
	for _, body := range []string{
		`{"eventType":"SessionStarted","data":{"id":7371450,"tenantId":62,"channel":"Phone","source":"OutgoingCall","started":"2024-05-02T16:05:24.454661+02:00"}}`,
		`{"eventType":"SessionPaused","data":{"id":1}}`,
		`{"eventType":`,
	} {
		rec := httptest.NewRecorder()
		webhook(rec, httptest.NewRequest(http.MethodPost, "/mluvii", strings.NewReader(body)))
		fmt.Println(strings.TrimSpace(fmt.Sprint(rec.Code, " ", rec.Body.String())))
	}
	// Output:
	// session 7371450 started at 2024-05-02 16:05:24.454661 +0200 +0200 on Phone
	// 200
	// new mluvii event SessionPaused: {"eventType":"SessionPaused","data":{"id":1}}
	// 200
	// 400 decode event: /eventType: unexpected end of JSON input (offset 13)
}
