// Package webhook is the runtime under the HTTP handlers that eventgen generates, one per platform
// (generated/<platform>.Handler). It holds what does not vary between platforms: the request rules, the
// verification schemes a spec can declare, and the mapping from outcomes to HTTP statuses. The generated
// code holds what varies: how a body is decoded and which registered function an event goes to. Like
// package wire, it is written by hand and imports only the standard library.
//
// # Request rules
//
// A Receiver answers every request by these rules, in this order. Each is a default that Options can
// change, and there is no global state: two handlers in one process share nothing.
//
//  1. A panic in the consumer's function is recovered: 500, logged with log/slog (with the stack).
//  2. The method must be one the platform uses (the spec's delivery.method, POST by default): else 405
//     with an Allow header. Options.Methods changes the list.
//  3. A Content-Type, when present, must be the declared one (parameters such as charset are ignored):
//     else 415. A request without a Content-Type is accepted, because several vendor documents do not say
//     which one they send. Options.ContentTypes changes the list; "*/*" accepts any. For a platform with a
//     subscription handshake, a request of another content type that carries the token (a form, plain
//     text) is still answered as the handshake.
//  4. The body is read up to Options.MaxBody bytes (1 MiB by default): a longer body is refused with 413,
//     and never read further than one byte past the cap (a declared Content-Length above the cap is
//     refused before anything is read).
//  5. Verification, on the raw bytes, before anything is decoded (see below): a failure is 401.
//  6. The body is decoded; a body that is not JSON or has no readable event type is 400 with a short
//     JSON problem (RFC 9457, application/problem+json). An event type the package does not know is not
//     an error: it is kept as Unknown, given to the consumer, and acknowledged.
//  7. The consumer's functions run; an error from one is 500 (Options.ErrorStatus), so that the platform
//     delivers the request again. A function can choose the status itself by returning a *StatusError
//     (Reject): e.g. 422 for an event it will never accept, which most platforms do not redeliver.
//  8. Otherwise 200 (Options.SuccessStatus) with an empty body.
//
// # Verification
//
// What a platform sends to prove a request comes from it is declared in its spec (the delivery section)
// and arrives here as a Spec; the secrets come from Options. Three schemes are implemented once, here:
//
//   - a shared secret carried in the body at a member path (LiveChat webhooks send "secret_key" in the
//     body): the member is found in the raw JSON with a skip-scan, without decoding the body, and compared
//     in constant time (crypto/subtle);
//   - a subscription handshake token (m-chat): see Handshake;
//   - Standard Webhooks signatures (https://www.standardwebhooks.com): the headers webhook-id,
//     webhook-timestamp and webhook-signature, "v1,<base64>" HMAC-SHA256 of "id.timestamp.body" under a
//     "whsec_<base64>" secret, a timestamp at most 5 minutes away in either direction, and several
//     space-separated signatures so that keys can be rotated.
//
// A spec that declares a scheme makes it mandatory: New refuses Options without the secret it needs,
// unless Options.Insecure says to accept unverified requests (for local testing only).
//
// # Deliveries are at least once
//
// Platforms deliver again when they see no 2xx in time, and a 5xx answer asks them to. The same event can
// therefore arrive twice. Delivery.ID, available to the consumer's function through FromContext, is the
// platform's id of the delivery where it sends one (the webhook-id header of Standard Webhooks, or a body
// member the spec declares): keep the ids seen recently and skip repeats. A batch (m-chat) is one
// delivery: when one item's function fails, the whole batch is delivered again, items that succeeded
// included.
package webhook
