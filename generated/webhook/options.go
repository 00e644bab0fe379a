package webhook

import (
	"log/slog"
	"net/http"
	"time"
)

// DefaultMaxBody is the body cap when Options.MaxBody is zero: 1 MiB.
const DefaultMaxBody = 1 << 20

// DefaultTolerance is how far a Standard Webhooks timestamp may be from the receiver's clock, in either
// direction, when Options.Tolerance is zero.
const DefaultTolerance = 5 * time.Minute

// Options are the consumer's choices. The zero value is the documented default of every rule; only the
// secrets of the schemes a spec declares must be set.
type Options struct {
	// MaxBody is the largest body accepted, in bytes; longer bodies are answered 413. Zero means
	// DefaultMaxBody.
	MaxBody int64
	// Methods are the accepted methods; nil means the spec's method. Others are answered 405.
	Methods []string
	// ContentTypes are the accepted media types; nil means the spec's content type; "*/*" accepts any.
	// A request without a Content-Type header is always accepted.
	ContentTypes []string

	// Secret is the shared secret a platform carries in the body (Spec.BodySecret).
	Secret string
	// SigningSecrets are the Standard Webhooks secrets, "whsec_<base64>" (or the bare base64 key). A
	// signature made with any of them is accepted, so a new key can be added before the old one is
	// retired.
	SigningSecrets []string
	// Tolerance is how far a signature's timestamp may be from Now, either way; zero means
	// DefaultTolerance.
	Tolerance time.Duration
	// HandshakeToken is the token of the subscription handshake. When set, a handshake with another
	// token is refused (401), and so is an event request that carries a different token at one of the
	// handshake places. When empty, a handshake is answered with whatever token it carries.
	HandshakeToken string
	// HandshakePlaces replace the places the spec lists for the handshake token.
	HandshakePlaces []Place
	// Insecure accepts requests without verification when the spec declares a scheme but no secret is
	// set. For local testing only.
	Insecure bool

	// SuccessStatus answers a request whose events were all handled; zero means 200.
	SuccessStatus int
	// ErrorStatus answers a request when a function returned an error that is not a *StatusError; zero
	// means 500, which platforms treat as "deliver again".
	ErrorStatus int
	// Logger receives what the receiver logs (panics, handshakes, refused requests at debug level); nil
	// means slog.Default().
	Logger *slog.Logger
	// Now is the clock for signature timestamps; nil means time.Now.
	Now func() time.Time
}

// withDefaults returns o with every zero rule replaced by its default.
func (o Options) withDefaults(s *Spec) Options {
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Methods == nil {
		o.Methods = []string{cmpOr(s.Method, http.MethodPost)}
	}
	if o.ContentTypes == nil {
		o.ContentTypes = []string{cmpOr(s.ContentType, "application/json")}
	}
	if o.Tolerance <= 0 {
		o.Tolerance = DefaultTolerance
	}
	if o.HandshakePlaces == nil && s.Handshake != nil {
		o.HandshakePlaces = s.Handshake.Places
	}
	if o.SuccessStatus == 0 {
		o.SuccessStatus = http.StatusOK
	}
	if o.ErrorStatus == 0 {
		o.ErrorStatus = http.StatusInternalServerError
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
