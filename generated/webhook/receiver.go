package webhook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
)

// Func handles the body of one verified request: the generated handler decodes d.Body and calls the
// consumer's functions. Its error decides the status (see the package doc).
type Func func(ctx context.Context, d *Delivery) error

// Delivery is one verified request, as the consumer's functions see it through FromContext.
type Delivery struct {
	// Platform is the platform's name.
	Platform string
	// ID is the platform's id of this delivery, for deduplication: the webhook-id header under Standard
	// Webhooks, else the body member the spec declares (string values only); "" when there is none.
	ID string
	// Request is the HTTP request. Its body has been read: use Body.
	Request *http.Request
	// Body is the raw request body. It is valid only until the functions return: copy what you keep.
	Body []byte
	// Item is the index of the event being handled in its batch; -1 for a platform that sends one event
	// per request.
	Item int
	// Events counts the events handed to the consumer's functions so far in this request.
	Events int
}

// deliveryContext is the context the functions get: the request's context, carrying the Delivery. One
// allocation holds both.
type deliveryContext struct {
	context.Context
	d Delivery
}

type contextKey struct{}

func (c *deliveryContext) Value(key any) any {
	if key == (contextKey{}) {
		return &c.d
	}
	return c.Context.Value(key)
}

// FromContext returns the Delivery that ctx carries: the context given to a handler's functions carries
// the request being handled. It returns nil for any other context.
func FromContext(ctx context.Context) *Delivery {
	d, _ := ctx.Value(contextKey{}).(*Delivery)
	return d
}

// NewContext returns a context carrying d, e.g. to test a function outside a handler.
func NewContext(parent context.Context, d *Delivery) context.Context {
	c := &deliveryContext{Context: parent, d: *d}
	return c
}

// Receiver applies the request rules of the package doc and hands verified bodies to a Func. It is an
// http.Handler, safe for concurrent use.
type Receiver struct {
	spec    Spec
	opts    Options
	keys    [][]byte // decoded Standard Webhooks secrets
	deliver Func
	allow   string // the Allow header of a 405
	bufs    sync.Pool
}

// maxPooledBuffer is the largest body buffer kept for reuse; larger ones are left to the collector.
const maxPooledBuffer = 64 << 10

// New returns a Receiver for a platform's spec. It fails when the spec declares a verification scheme
// whose secret opts does not give (unless opts.Insecure), or when a signing secret cannot be read.
func New(spec Spec, opts Options, deliver Func) (*Receiver, error) {
	r := &Receiver{spec: spec, opts: opts.withDefaults(&spec), deliver: deliver}
	r.allow = strings.Join(r.opts.Methods, ", ")
	for _, s := range opts.SigningSecrets {
		k, err := ParseSecret(s)
		if err != nil {
			return nil, err
		}
		r.keys = append(r.keys, k)
	}
	if !opts.Insecure {
		if spec.BodySecret != nil && opts.Secret == "" {
			return nil, fmt.Errorf("webhook: %s: the spec declares a secret in the body member %q: set Options.Secret (or Options.Insecure)",
				spec.Platform, joinPath(spec.BodySecret))
		}
		if spec.Signature == StandardWebhooks && len(r.keys) == 0 {
			return nil, fmt.Errorf("webhook: %s: the spec declares %s signatures: set Options.SigningSecrets (or Options.Insecure)",
				spec.Platform, spec.Signature)
		}
	}
	if spec.Signature != "" && spec.Signature != StandardWebhooks {
		return nil, fmt.Errorf("webhook: %s: unknown signature scheme %q", spec.Platform, spec.Signature)
	}
	return r, nil
}

// ServeHTTP answers one request; see the package doc for the rules.
func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	defer r.recoverPanic(w, req)
	if !r.methodAllowed(req.Method) {
		w.Header().Set("Allow", r.allow)
		r.refuse(w, req, http.StatusMethodNotAllowed, "method "+req.Method+" is not accepted")
		return
	}
	ct := req.Header.Get("Content-Type")
	ctOK := ct == "" || r.contentTypeAllowed(ct)
	if !ctOK && len(r.opts.HandshakePlaces) == 0 {
		r.refuse(w, req, http.StatusUnsupportedMediaType, "content type "+ct+" is not accepted")
		return
	}
	bp := r.buffer()
	defer r.release(bp)
	body, status, err := r.readBody(req, (*bp)[:0])
	*bp = body
	if err != nil {
		r.refuse(w, req, status, err.Error())
		return
	}
	c := &deliveryContext{Context: req.Context(), d: Delivery{Platform: r.spec.Platform, Request: req, Body: body, Item: -1}}
	if !ctOK {
		// The vendor may send the handshake in another form than its events (a form, plain text): such a
		// request is answered when it carries a token, and refused 415 otherwise.
		r.handshakeOnly(w, req, body, c, ct)
		return
	}
	// With a token configured, the token is verification: looked for before anything is decoded. Without
	// one it only tells a handshake from an event, and is looked for only when the body held no event,
	// which spares event requests a scan of their body.
	var token string
	var handshake, searched bool
	if r.opts.HandshakeToken != "" {
		token, handshake = r.findToken(req, body, c)
		searched = true
	}
	if err := r.verify(req, body, token, handshake, c); err != nil {
		r.refuse(w, req, http.StatusUnauthorized, err.Error())
		return
	}
	err = r.deliver(c, &c.d)
	if len(r.opts.HandshakePlaces) > 0 && c.d.Events == 0 && (err == nil || isUndecodable(err)) {
		if !searched {
			token, handshake = r.findToken(req, body, c)
		}
		if handshake {
			r.answerHandshake(w, req, token)
			return
		}
	}
	if err != nil {
		r.fail(w, req, err)
		return
	}
	w.WriteHeader(r.opts.SuccessStatus)
}

// handshakeOnly answers a request whose content type events never have: a handshake if it carries a
// token (verified like any request), else 415.
func (r *Receiver) handshakeOnly(w http.ResponseWriter, req *http.Request, body []byte, c *deliveryContext, ct string) {
	token, found := r.findToken(req, body, c)
	if !found {
		r.refuse(w, req, http.StatusUnsupportedMediaType, "content type "+ct+" is not accepted")
		return
	}
	if err := r.verify(req, body, token, true, c); err != nil {
		r.refuse(w, req, http.StatusUnauthorized, err.Error())
		return
	}
	r.answerHandshake(w, req, token)
}

func (r *Receiver) methodAllowed(m string) bool {
	for _, a := range r.opts.Methods {
		if a == m {
			return true
		}
	}
	return false
}

// contentTypeAllowed compares the media type of ct, without its parameters, with the accepted ones.
func (r *Receiver) contentTypeAllowed(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(mt)
	for _, a := range r.opts.ContentTypes {
		if a == "*/*" || strings.EqualFold(a, mt) {
			return true
		}
	}
	return false
}

func (r *Receiver) buffer() *[]byte {
	if bp, ok := r.bufs.Get().(*[]byte); ok {
		return bp
	}
	b := make([]byte, 0, 4<<10)
	return &b
}

func (r *Receiver) release(bp *[]byte) {
	if cap(*bp) <= maxPooledBuffer {
		*bp = (*bp)[:0]
		r.bufs.Put(bp)
	}
}

var errTooLarge = errors.New("body too large")

// readBody reads the body into buf, at most MaxBody+1 bytes (the one more tells a body at the cap from a
// longer one). It returns the status to refuse the request with when it fails.
func (r *Receiver) readBody(req *http.Request, buf []byte) ([]byte, int, error) {
	limit := r.opts.MaxBody
	if req.ContentLength > limit {
		return buf, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: %d bytes, the limit is %d", errTooLarge, req.ContentLength, limit)
	}
	if req.Body == nil {
		return buf, 0, nil
	}
	if n := req.ContentLength; n > 0 && int64(cap(buf)) < n+1 {
		buf = make([]byte, 0, n+1) // n ≤ limit: bounded
	}
	lr := io.LimitedReader{R: req.Body, N: limit + 1}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return buf, http.StatusBadRequest, fmt.Errorf("reading the body: %w", err)
		}
	}
	if int64(len(buf)) > limit {
		return buf, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: the limit is %d bytes", errTooLarge, limit)
	}
	return buf, 0, nil
}

// recoverPanic turns a panic in the functions into a 500, logged with its stack. http.ErrAbortHandler
// goes on up, as net/http expects.
func (r *Receiver) recoverPanic(w http.ResponseWriter, req *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	r.opts.Logger.Error("webhook: panic in handler", "platform", r.spec.Platform, "path", req.URL.Path,
		"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
	writeProblem(w, http.StatusInternalServerError, "")
}

// fail answers a request whose functions (or decoding) returned err.
func (r *Receiver) fail(w http.ResponseWriter, req *http.Request, err error) {
	var se *StatusError
	if errors.As(err, &se) {
		r.opts.Logger.Debug("webhook: request refused", "platform", r.spec.Platform, "status", se.Status, "error", err)
		writeProblem(w, se.Status, se.Error())
		return
	}
	r.opts.Logger.Error("webhook: handler failed", "platform", r.spec.Platform, "path", req.URL.Path, "error", err)
	writeProblem(w, r.opts.ErrorStatus, "") // the consumer's error text stays in the log
}

// refuse answers a request that broke a rule; it is logged at debug level only, since anyone can send one.
func (r *Receiver) refuse(w http.ResponseWriter, req *http.Request, status int, detail string) {
	r.opts.Logger.LogAttrs(req.Context(), slog.LevelDebug, "webhook: request refused",
		slog.String("platform", r.spec.Platform), slog.Int("status", status), slog.String("detail", detail))
	writeProblem(w, status, detail)
}
