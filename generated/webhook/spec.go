package webhook

// Spec is what a platform's spec declares about delivery: the method and content type it uses and how its
// requests can be verified. Generated packages provide theirs (DeliverySpec); it is plain data.
type Spec struct {
	// Platform is the platform's name (spec/<platform>.yaml), for logs.
	Platform string
	// Method is the HTTP method the platform uses, e.g. "POST".
	Method string
	// ContentType is the media type of the request bodies, e.g. "application/json".
	ContentType string
	// BodySecret is the path of a body member holding a shared secret (["secret_key"]); nil when the
	// platform sends none.
	BodySecret []string
	// Signature is the signature scheme the platform uses, or "" for none.
	Signature Signature
	// DeliveryID is the path of a body member holding the delivery's id; nil when there is none. With
	// Signature StandardWebhooks the webhook-id header is the id instead.
	DeliveryID []string
	// Handshake describes the subscription handshake; nil when the platform has none.
	Handshake *Handshake
}

// Signature names a signature scheme.
type Signature string

// StandardWebhooks is the scheme of https://www.standardwebhooks.com (webhook-id, webhook-timestamp and
// webhook-signature headers, HMAC-SHA256).
const StandardWebhooks Signature = "standard-webhooks"

// Handshake is a subscription handshake: a request that carries a token and no event, to which the
// receiver must answer with the same token (m-chat: "upon saving, we'll send a HTTP POST request to the
// provided endpoint along with the token. We will expect the same token provided as response with
// 200 OK").
type Handshake struct {
	// Places are where the token may travel, tried in order. Vendor documents may not say (m-chat's does
	// not), so a spec lists the likely places and Options.HandshakePlaces can replace them.
	Places []Place
	// Status is the status of the answer, 200 when zero.
	Status int
}

// Place is where a token travels in a request: exactly one of its fields is set.
type Place struct {
	Header string   // a request header, e.g. "X-Token"
	Query  string   // a query parameter, e.g. "token"
	Member []string // a member of the JSON body, by path, e.g. ["token"]
	Form   string   // a field of an application/x-www-form-urlencoded body, e.g. "token"
	Body   bool     // the whole body (surrounding white space and quotes trimmed)
}

// String describes the place, e.g. `header "X-Token"`.
func (p Place) String() string {
	switch {
	case p.Header != "":
		return "header " + quote(p.Header)
	case p.Query != "":
		return "query parameter " + quote(p.Query)
	case p.Member != nil:
		return "body member " + quote(joinPath(p.Member))
	case p.Form != "":
		return "form field " + quote(p.Form)
	case p.Body:
		return "body"
	}
	return "nowhere"
}

func quote(s string) string { return `"` + s + `"` }

func joinPath(p []string) string {
	s := ""
	for i, m := range p {
		if i > 0 {
			s += "."
		}
		s += m
	}
	return s
}
