package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/eventgen/eventgen/generated/webhook"
	"github.com/eventgen/eventgen/generated/wire"
)

// printer writes the JSON lines of accepted events. Each line is one Write under the lock: lines never
// interleave, and nothing is buffered, so a line is out before its request is answered.
type printer struct {
	mu       sync.Mutex
	w        io.Writer
	platform string
}

// line is what is printed per event.
type line struct {
	Platform string   `json:"platform"`
	Type     string   `json:"type"`
	Problems []string `json:"problems"`
}

// event prints one accepted event. typ is its label, err what Validate returned; in a batch, problem
// pointers are prefixed with the item's pointer, as eventdecode prints them. An error (standard output
// is gone) fails the request, so that the platform delivers it again.
func (p *printer) event(ctx context.Context, typ string, err error) error {
	prefix := ""
	if d := webhook.FromContext(ctx); d != nil && d.Item >= 0 {
		prefix = "/events/" + strconv.Itoa(d.Item)
	}
	return p.print(typ, problemsOf(err, prefix))
}

func (p *printer) print(typ string, problems []string) error {
	b, err := json.Marshal(line{Platform: p.platform, Type: typ, Problems: problems})
	if err != nil {
		return err
	}
	b = append(b, '\n')
	p.mu.Lock()
	defer p.mu.Unlock()
	_, err = p.w.Write(b)
	return err
}

// problemsOf renders a Validate error as "/pointer: message" strings; never nil.
func problemsOf(err error, prefix string) []string {
	if err == nil {
		return []string{}
	}
	var ps wire.Problems
	if errors.As(err, &ps) {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = prefix + p.Error()
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}
