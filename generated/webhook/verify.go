package webhook

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unsafe"

	"github.com/eventgen/eventgen/generated/wire"
)

// maxSignatures bounds the signatures of one webhook-signature header that are checked.
const maxSignatures = 16

var (
	errNoSecret        = errors.New("the secret member is missing")
	errSecret          = errors.New("the secret does not match")
	errToken           = errors.New("the handshake token does not match")
	errNoSignature     = errors.New("missing webhook-id, webhook-timestamp or webhook-signature header")
	errTimestamp       = errors.New("webhook-timestamp is not a number of seconds")
	errStaleTimestamp  = errors.New("webhook-timestamp is too far from the current time")
	errSignature       = errors.New("no signature matches")
	errNoSigningSecret = errors.New("no signing secret is configured")
)

// verify runs the checks the spec declares on the raw request, and sets the delivery's ID.
func (r *Receiver) verify(req *http.Request, body []byte, token string, handshake bool, c *deliveryContext) error {
	if handshake && r.opts.HandshakeToken != "" && !equal(token, r.opts.HandshakeToken) {
		return errToken
	}
	if r.spec.BodySecret != nil && (r.opts.Secret != "" || !r.opts.Insecure) {
		k, v, found := lookup(body, r.spec.BodySecret)
		if !found || k != wire.KindString {
			return errNoSecret
		}
		if !equal(v, r.opts.Secret) {
			return errSecret
		}
	}
	if r.spec.Signature == StandardWebhooks {
		if len(r.keys) > 0 || !r.opts.Insecure {
			if err := r.verifySignature(req.Header, body); err != nil {
				return err
			}
		}
		c.d.ID = req.Header.Get("webhook-id")
	} else if r.spec.DeliveryID != nil {
		if k, v, found := lookup(body, r.spec.DeliveryID); found && k == wire.KindString {
			c.d.ID = v
		}
	}
	return nil
}

// equal compares in constant time (for a given length).
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// lookup finds the member at path in the raw JSON body with a skip-scan, without decoding the body. The
// body is read in place, not copied (it does not change during the scan); the value returned is a copy.
func lookup(body []byte, path []string) (wire.Kind, string, bool) {
	if len(body) == 0 {
		return wire.KindInvalid, "", false
	}
	var d wire.Decoder // on the stack: it does not escape
	d.Reset(unsafe.String(&body[0], len(body)))
	k, v, found := d.Lookup(path...)
	return k, strings.Clone(v), found
}

// verifySignature checks Standard Webhooks headers: HMAC-SHA256 of "id.timestamp.body", base64, in one of
// the space-separated "v1,<signature>" entries, under any configured key, with a fresh timestamp.
func (r *Receiver) verifySignature(h http.Header, body []byte) error {
	if len(r.keys) == 0 {
		return errNoSigningSecret
	}
	id, ts, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	if id == "" || ts == "" || sigs == "" {
		return errNoSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errTimestamp
	}
	now, tol := r.opts.Now().Unix(), int64(r.opts.Tolerance.Seconds())
	if sec < now-tol || sec > now+tol {
		return errStaleTimestamp
	}
	var want [sha256.Size]byte
	var got [sha256.Size + 3]byte // room to tell a longer value from a correct one
	for _, key := range r.keys {
		sum(want[:0], key, id, ts, body)
		rest := sigs
		for n := 0; rest != "" && n < maxSignatures; n++ {
			var entry string
			entry, rest, _ = strings.Cut(strings.TrimLeft(rest, " "), " ")
			v, sig, ok := strings.Cut(entry, ",")
			if !ok || v != "v1" || base64.StdEncoding.DecodedLen(len(sig)) > len(got) {
				continue
			}
			m, err := base64.StdEncoding.Decode(got[:], []byte(sig))
			if err == nil && hmac.Equal(got[:m], want[:]) {
				return nil
			}
		}
	}
	return errSignature
}

// sum appends HMAC-SHA256(key, id "." ts "." body) to dst.
func sum(dst, key []byte, id, ts string, body []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id))
	mac.Write([]byte{'.'})
	mac.Write([]byte(ts))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return mac.Sum(dst)
}

// findToken looks for the handshake token at the configured places, in order.
func (r *Receiver) findToken(req *http.Request, body []byte, c *deliveryContext) (string, bool) {
	for _, p := range r.opts.HandshakePlaces {
		switch {
		case p.Header != "":
			if v := req.Header.Get(p.Header); v != "" {
				return v, true
			}
		case p.Query != "":
			if req.URL.RawQuery == "" {
				continue
			}
			if v := req.URL.Query().Get(p.Query); v != "" {
				return v, true
			}
		case p.Member != nil:
			if k, v, found := lookup(body, p.Member); found && k == wire.KindString && v != "" {
				return v, true
			}
		case p.Form != "":
			if mt, _, _ := strings.Cut(req.Header.Get("Content-Type"), ";"); !strings.EqualFold(strings.TrimSpace(mt), "application/x-www-form-urlencoded") {
				continue
			}
			if q, err := url.ParseQuery(string(body)); err == nil && q.Get(p.Form) != "" {
				return q.Get(p.Form), true
			}
		case p.Body:
			v := bytes.TrimSpace(body)
			if len(v) == 0 || v[0] == '{' || v[0] == '[' {
				continue // a JSON object or array is an event body, not a bare token
			}
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
			if len(v) > 0 {
				return string(v), true
			}
		}
	}
	return "", false
}

// answerHandshake echoes the token: "we will expect the same token provided as response with 200 OK".
// The vendor does not say in what form, so it is the bare token as text/plain.
func (r *Receiver) answerHandshake(w http.ResponseWriter, req *http.Request, token string) {
	r.opts.Logger.Info("webhook: subscription handshake answered", "platform", r.spec.Platform, "path", req.URL.Path)
	status := http.StatusOK
	if r.spec.Handshake != nil && r.spec.Handshake.Status != 0 {
		status = r.spec.Handshake.Status
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(token))
}
