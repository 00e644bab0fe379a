package webhook

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

// StatusError is an error that chooses the status of the answer. A function returns one through Reject;
// a generated handler returns one through Undecodable for a body it cannot decode.
type StatusError struct {
	Status int
	Err    error
	// undecodable marks the error of a body that could not be decoded.
	undecodable bool
}

// Error returns the error's text, which the problem body of the answer shows as its detail.
func (e *StatusError) Error() string {
	if e.Err == nil {
		return http.StatusText(e.Status)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *StatusError) Unwrap() error { return e.Err }

// Reject returns an error that answers the request with status, err's text as the problem's detail. A
// 4xx tells most platforms not to deliver the request again; a 5xx asks them to.
func Reject(status int, err error) error { return &StatusError{Status: status, Err: err} }

// Undecodable returns the error for a body that could not be decoded (err says why, with a JSON pointer):
// 400 Bad Request.
func Undecodable(err error) error {
	return &StatusError{Status: http.StatusBadRequest, Err: err, undecodable: true}
}

func isUndecodable(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && se.undecodable
}

// maxDetail bounds the detail of a problem body.
const maxDetail = 512

// writeProblem answers with an RFC 9457 problem: {"status":400,"title":"Bad Request","detail":"..."}.
func writeProblem(w http.ResponseWriter, status int, detail string) {
	if len(detail) > maxDetail {
		detail = detail[:maxDetail] + "…"
	}
	b := make([]byte, 0, 64+len(detail))
	b = append(b, `{"status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, http.StatusText(status))
	if detail != "" {
		b = append(b, `,"detail":`...)
		b = appendJSONString(b, detail)
	}
	b = append(b, "}\n"...)
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals; invalid UTF-8 becomes U+FFFD
	return append(b, q...)
}
