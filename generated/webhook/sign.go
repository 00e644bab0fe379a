package webhook

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ParseSecret reads a Standard Webhooks secret: "whsec_" followed by the base64 of the key (the prefix
// may be left out).
func ParseSecret(s string) ([]byte, error) {
	k, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, "whsec_"))
	if err != nil {
		return nil, errors.New("webhook: a signing secret must be whsec_ followed by base64: " + err.Error())
	}
	if len(k) == 0 {
		return nil, errors.New("webhook: empty signing secret")
	}
	return k, nil
}

// Sign sets the Standard Webhooks headers of a request carrying body: webhook-id, webhook-timestamp (t)
// and webhook-signature, one "v1," signature per secret. It is what a platform does; receivers use it
// to test themselves (eventdecode --post does).
func Sign(h http.Header, id string, t time.Time, body []byte, secrets ...string) error {
	if len(secrets) == 0 {
		return errors.New("webhook: no signing secret")
	}
	ts := strconv.FormatInt(t.Unix(), 10)
	var sigs []string
	for _, s := range secrets {
		k, err := ParseSecret(s)
		if err != nil {
			return err
		}
		sigs = append(sigs, "v1,"+base64.StdEncoding.EncodeToString(sum(nil, k, id, ts, body)))
	}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", ts)
	h.Set("webhook-signature", strings.Join(sigs, " "))
	return nil
}
