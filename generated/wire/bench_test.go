package wire

import (
	"encoding/json"
	"testing"
)

// benchPayload is a made-up webhook of about 1.2 KB: a session event with
// some 30 members in its data, many of them null, one of them
// (customData) unknown to benchData.
const benchPayload = `{
  "eventType": "SessionStarted",
  "timestamp": "2024-05-14T09:31:27.512+02:00",
  "data": {
    "id": 48213377,
    "sessionId": 48213377,
    "tenantId": 52,
    "guestId": 9412231,
    "operatorId": null,
    "userId": null,
    "channel": "chat",
    "source": "https://www.example.com/kontakt/objednavky?utm_source=newsletter&utm_medium=email",
    "language": "cs",
    "status": "Started",
    "started": "2024-05-14T09:31:27.512+02:00",
    "ended": null,
    "queueId": 17,
    "queueName": "Objedn\u00e1vky a reklamace",
    "priority": 0,
    "isTransfer": false,
    "isCallback": false,
    "callbackNumber": null,
    "email": null,
    "phone": null,
    "customData": null,
    "tags": ["web", "returning-customer", "cz"],
    "guestName": "Jana Nov\u00e1kov\u00e1",
    "guestIp": "192.0.2.44",
    "userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
    "rating": null,
    "callScript": [{"label": "Typ dotazu", "value": "Reklamace"}, {"label": "\u010c\u00edslo objedn\u00e1vky", "value": "2024-118733"}],
    "widgetId": 3,
    "referrer": null,
    "waitTime": 12.5,
    "note": null
  }
}`

// benchEvent is what a generated decoder would fill from benchPayload.
type benchEvent struct {
	EventType, Timestamp string
	Data                 benchData
	Members              Members
}

type benchData struct {
	ID, SessionID, TenantID, GuestID, QueueID, Priority, WidgetID int64
	OperatorID, UserID, Rating                                    Opt[int64]
	Channel, Source, Language, Status, Started                    string
	QueueName, GuestName, GuestIP, UserAgent                      string
	Ended, CallbackNumber, Email, Phone, Referrer, Note           Opt[string]
	IsTransfer, IsCallback                                        bool
	Tags                                                          []string
	CallScript                                                    []benchItem
	WaitTime                                                      float64
	Members                                                       Members
}

type benchItem struct{ Label, Value string }

// decode reads e from d as generated code does.
func (e *benchEvent) decode(d *Decoder) {
	if !d.Object() {
		d.Skip()
		return
	}
	for d.MoreMembers() {
		switch name, raw := d.Key(); name {
		case "eventType":
			e.EventType, _ = d.String()
		case "timestamp":
			e.Timestamp, _ = d.String()
		case "data":
			e.Data.decode(d)
		default:
			e.Members.Keep(d, name, raw, "")
		}
	}
}

func (x *benchData) decode(d *Decoder) {
	if !d.Object() {
		d.Skip()
		return
	}
	for d.MoreMembers() {
		name, raw := d.Key()
		if !x.decodeMember(d, name) {
			x.Members.Keep(d, name, raw, "")
		}
	}
}

// decodeMember reads the value of member name, unless it is unknown or
// does not fit.
func (x *benchData) decodeMember(d *Decoder, name string) (ok bool) {
	switch name {
	case "id":
		x.ID, ok = d.Int()
	case "sessionId":
		x.SessionID, ok = d.Int()
	case "tenantId":
		x.TenantID, ok = d.Int()
	case "guestId":
		x.GuestID, ok = d.Int()
	case "queueId":
		x.QueueID, ok = d.Int()
	case "priority":
		x.Priority, ok = d.Int()
	case "widgetId":
		x.WidgetID, ok = d.Int()
	case "operatorId":
		return optInt(d, &x.OperatorID)
	case "userId":
		return optInt(d, &x.UserID)
	case "rating":
		return optInt(d, &x.Rating)
	case "channel":
		x.Channel, ok = d.String()
	case "source":
		x.Source, ok = d.String()
	case "language":
		x.Language, ok = d.String()
	case "status":
		x.Status, ok = d.String()
	case "started":
		x.Started, ok = d.String()
	case "queueName":
		x.QueueName, ok = d.String()
	case "guestName":
		x.GuestName, ok = d.String()
	case "guestIp":
		x.GuestIP, ok = d.String()
	case "userAgent":
		x.UserAgent, ok = d.String()
	default:
		return x.decodeMore(d, name)
	}
	return ok
}

func (x *benchData) decodeMore(d *Decoder, name string) (ok bool) {
	switch name {
	case "ended":
		return optString(d, &x.Ended)
	case "callbackNumber":
		return optString(d, &x.CallbackNumber)
	case "email":
		return optString(d, &x.Email)
	case "phone":
		return optString(d, &x.Phone)
	case "referrer":
		return optString(d, &x.Referrer)
	case "note":
		return optString(d, &x.Note)
	case "isTransfer":
		x.IsTransfer, ok = d.Bool()
	case "isCallback":
		x.IsCallback, ok = d.Bool()
	case "waitTime":
		x.WaitTime, ok = d.Float()
	case "tags":
		for ok = d.Array(); ok && d.MoreElements(); {
			s, _ := d.String()
			x.Tags = append(x.Tags, s)
		}
	case "callScript":
		for ok = d.Array(); ok && d.MoreElements(); {
			x.CallScript = append(x.CallScript, benchItem{})
			x.CallScript[len(x.CallScript)-1].decode(d)
		}
	}
	return ok
}

func (x *benchItem) decode(d *Decoder) {
	for ok := d.Object(); ok && d.MoreMembers(); {
		switch name, _ := d.Key(); name {
		case "label":
			x.Label, _ = d.String()
		case "value":
			x.Value, _ = d.String()
		default:
			d.Skip()
		}
	}
}

func optInt(d *Decoder, o *Opt[int64]) bool {
	if d.Null() {
		o.SetNull()
		return true
	}
	v, ok := d.Int()
	if ok {
		o.Set(v)
	}
	return ok
}

func optString(d *Decoder, o *Opt[string]) bool {
	if d.Null() {
		o.SetNull()
		return true
	}
	v, ok := d.String()
	if ok {
		o.Set(v)
	}
	return ok
}

func decodeBench(in string) (benchEvent, error) {
	var d Decoder
	d.Reset(in)
	var e benchEvent
	e.decode(&d)
	d.End()
	return e, d.Err()
}

func TestBenchPayload(t *testing.T) {
	if n := len(benchPayload); n < 1100 || n > 1400 || !json.Valid([]byte(benchPayload)) {
		t.Fatalf("payload: %d bytes, valid %v", n, json.Valid([]byte(benchPayload)))
	}
	e, err := decodeBench(benchPayload)
	if err != nil {
		t.Fatal(err)
	}
	x := e.Data
	if e.EventType != "SessionStarted" || x.ID != 48213377 || !x.OperatorID.IsNull() || x.QueueName != "Objednávky a reklamace" ||
		len(x.Tags) != 3 || len(x.CallScript) != 2 || x.CallScript[1].Label != "Číslo objednávky" || x.WaitTime != 12.5 ||
		!x.Note.IsNull() || len(e.Members) != 0 || len(x.Members) != 1 || x.Members[0].Name != "customData" {
		t.Errorf("decoded %+v", e)
	}
}

func BenchmarkSkip(b *testing.B) {
	b.SetBytes(int64(len(benchPayload)))
	b.ReportAllocs()
	var d Decoder
	for b.Loop() {
		d.Reset(benchPayload)
		d.Skip()
		d.End()
		if d.Failed() {
			b.Fatal(d.Err())
		}
	}
}

func BenchmarkJSONValid(b *testing.B) {
	data := []byte(benchPayload)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if !json.Valid(data) {
			b.Fatal("invalid")
		}
	}
}

// BenchmarkDecodeTyped decodes the payload into structs, as a generated
// decoder does, from the bytes a webhook handler receives.
func BenchmarkDecodeTyped(b *testing.B) {
	data := []byte(benchPayload)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeBench(string(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	b.SetBytes(int64(len(benchPayload)))
	b.ReportAllocs()
	var d Decoder
	for b.Loop() {
		d.Reset(benchPayload)
		if _, v, _ := d.Lookup("eventType"); v != "SessionStarted" {
			b.Fatal(v)
		}
	}
}

func BenchmarkEncoder(b *testing.B) {
	e, _ := decodeBench(benchPayload)
	var enc Encoder
	b.ReportAllocs()
	for b.Loop() {
		enc.Buf = enc.Buf[:0]
		enc.ObjectStart()
		enc.Key(`"eventType"`)
		enc.String(e.EventType)
		enc.Key(`"userAgent"`)
		enc.String(e.Data.UserAgent)
		enc.Key(`"waitTime"`)
		enc.Float(e.Data.WaitTime)
		enc.Key(`"tags"`)
		enc.ArrayStart()
		for _, t := range e.Data.Tags {
			enc.String(t)
		}
		enc.ArrayEnd()
		enc.ObjectEnd()
	}
}
