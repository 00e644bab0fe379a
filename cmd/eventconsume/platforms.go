package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/eventgen/eventgen/generated/cloudevent"
	"github.com/eventgen/eventgen/generated/jaicp"
	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/livechatwebhooks"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
	"github.com/eventgen/eventgen/generated/wire"
)

// handlerOptions are the options of the handlers whose registrations serve the consumer: their
// ServeHTTP is never called, so no secret is needed (HandleCloudEvent does not verify: the receiver did,
// before it appended the event).
var handlerOptions = webhook.Options{Insecure: true}

// platforms builds, for each platform, the function that dispatches a CloudEvent through the
// platform's generated Handler, with a registration that prints every event.
var platforms = map[string]func(*printer) (func(context.Context, *cloudevent.Event) error, error){
	"jaicp": func(pr *printer) (func(context.Context, *cloudevent.Event) error, error) {
		h, err := jaicp.NewHandler(handlerOptions)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev jaicp.Event) error {
			if u, ok := ev.(*jaicp.Unknown); ok {
				return pr.print(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return pr.print(ctx, jaicp.TypePath(ev), ev.Validate())
		})
		return h.HandleCloudEvent, nil
	},
	"livechat": func(pr *printer) (func(context.Context, *cloudevent.Event) error, error) {
		h, err := livechat.NewHandler(handlerOptions)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev livechat.Event) error {
			if u, ok := ev.(*livechat.Unknown); ok {
				return pr.print(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return pr.print(ctx, livechat.TypePath(ev), ev.Validate())
		})
		return h.HandleCloudEvent, nil
	},
	"livechatwebhooks": func(pr *printer) (func(context.Context, *cloudevent.Event) error, error) {
		h, err := livechatwebhooks.NewHandler(handlerOptions)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev livechatwebhooks.Event) error {
			if u, ok := ev.(*livechatwebhooks.Unknown); ok {
				return pr.print(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return pr.print(ctx, livechatwebhooks.TypePath(ev), ev.Validate())
		})
		return h.HandleCloudEvent, nil
	},
	"mchat": func(pr *printer) (func(context.Context, *cloudevent.Event) error, error) {
		h, err := mchat.NewHandler(handlerOptions)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev mchat.Event) error {
			if u, ok := ev.(*mchat.Unknown); ok {
				return pr.print(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return pr.print(ctx, mchat.TypePath(ev), ev.Validate())
		})
		return h.HandleCloudEvent, nil
	},
	"mluvii": func(pr *printer) (func(context.Context, *cloudevent.Event) error, error) {
		h, err := mluvii.NewHandler(handlerOptions)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev mluvii.Event) error {
			if u, ok := ev.(*mluvii.Unknown); ok {
				return pr.print(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return pr.print(ctx, mluvii.TypePath(ev), ev.Validate())
		})
		return h.HandleCloudEvent, nil
	},
}

// printer writes the JSON lines of handled events, one Write each, under a lock.
type printer struct {
	mu       sync.Mutex
	w        io.Writer
	platform string
}

// line is what is printed per event.
type line struct {
	Platform string   `json:"platform"`
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Problems []string `json:"problems"`
}

// print prints one event; the CloudEvent's id is the Delivery's. Its error is a handlerError: the event
// is delivered again.
func (p *printer) print(ctx context.Context, typ string, err error) error {
	l := line{Platform: p.platform, Type: typ, Problems: problemsOf(err)}
	if d := webhook.FromContext(ctx); d != nil {
		l.ID = d.ID
	}
	b, err := json.Marshal(l)
	if err == nil {
		p.mu.Lock()
		_, err = p.w.Write(append(b, '\n'))
		p.mu.Unlock()
	}
	if err != nil {
		return &handlerError{err}
	}
	return nil
}

// problemsOf renders a Validate error as "/pointer: message" strings; never nil.
func problemsOf(err error) []string {
	if err == nil {
		return []string{}
	}
	var ps wire.Problems
	if errors.As(err, &ps) {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Error()
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}
