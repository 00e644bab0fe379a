package main

import (
	"context"
	"net/http"

	"github.com/eventgen/eventgen/generated/jaicp"
	"github.com/eventgen/eventgen/generated/livechat"
	"github.com/eventgen/eventgen/generated/livechatwebhooks"
	"github.com/eventgen/eventgen/generated/mchat"
	"github.com/eventgen/eventgen/generated/mluvii"
	"github.com/eventgen/eventgen/generated/webhook"
)

// platforms builds the handler of each platform that has events to receive, with a hook that forwards
// every event (when fw is not nil) and prints it.
var platforms = map[string]func(webhook.Options, *printer, *forwarder) (http.Handler, error){
	"livechat": func(o webhook.Options, p *printer, fw *forwarder) (http.Handler, error) {
		h, err := livechat.NewHandler(o)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev livechat.Event) error {
			if err := forward(fw, ctx, ev, livechat.ToCloudEvent); err != nil {
				return err
			}
			if u, ok := ev.(*livechat.Unknown); ok {
				return p.event(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return p.event(ctx, livechat.TypePath(ev), ev.Validate())
		})
		return h, nil
	},
	"livechatwebhooks": func(o webhook.Options, p *printer, fw *forwarder) (http.Handler, error) {
		h, err := livechatwebhooks.NewHandler(o)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev livechatwebhooks.Event) error {
			if err := forward(fw, ctx, ev, livechatwebhooks.ToCloudEvent); err != nil {
				return err
			}
			if u, ok := ev.(*livechatwebhooks.Unknown); ok {
				return p.event(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return p.event(ctx, livechatwebhooks.TypePath(ev), ev.Validate())
		})
		return h, nil
	},
	"jaicp": func(o webhook.Options, p *printer, fw *forwarder) (http.Handler, error) {
		h, err := jaicp.NewHandler(o)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev jaicp.Event) error {
			if err := forward(fw, ctx, ev, jaicp.ToCloudEvent); err != nil {
				return err
			}
			if u, ok := ev.(*jaicp.Unknown); ok {
				return p.event(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return p.event(ctx, jaicp.TypePath(ev), ev.Validate())
		})
		return h, nil
	},
	"mluvii": func(o webhook.Options, p *printer, fw *forwarder) (http.Handler, error) {
		h, err := mluvii.NewHandler(o)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev mluvii.Event) error {
			if err := forward(fw, ctx, ev, mluvii.ToCloudEvent); err != nil {
				return err
			}
			if u, ok := ev.(*mluvii.Unknown); ok {
				return p.event(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return p.event(ctx, mluvii.TypePath(ev), ev.Validate())
		})
		return h, nil
	},
	"mchat": func(o webhook.Options, p *printer, fw *forwarder) (http.Handler, error) {
		h, err := mchat.NewHandler(o)
		if err != nil {
			return nil, err
		}
		h.OnEvent(func(ctx context.Context, ev mchat.Event) error {
			if iv, ok := ev.(*mchat.Invalid); ok { // no event type, no CloudEvent: printed, not forwarded
				return p.print("Invalid", []string{iv.Err.Error()})
			}
			if err := forward(fw, ctx, ev, mchat.ToCloudEvent); err != nil {
				return err
			}
			if u, ok := ev.(*mchat.Unknown); ok {
				return p.event(ctx, "Unknown("+string(u.Type)+")", nil)
			}
			return p.event(ctx, mchat.TypePath(ev), ev.Validate())
		})
		return h, nil
	},
}
