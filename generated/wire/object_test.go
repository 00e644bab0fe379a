package wire

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// record is an object as a generated decoder reads it with Obj: a plain integer (0), a plain
// nested object (1), a plain raw value (2), an optional string (3) and an optional raw value (4).
type record struct {
	ID    int64
	Inner inner
	Data  json.RawMessage
	Note  Opt[string]
	Any   Opt[json.RawMessage]
	omit  [1]uint64
	extra Members
}

type inner struct {
	Tag   string
	omit  [1]uint64
	extra Members
}

func (x *inner) decode(d *Decoder) {
	x.omit = [1]uint64{0x1}
	var o Obj
	d.Object()
	for o.Next(d) {
		switch o.Name {
		case "tag":
			Field(&o, d, 0, &x.Tag).Set(d.ReadString())
		default:
			o.Keep(d, "")
		}
	}
	o.Done(&x.extra, x.omit[:])
}

func (x *record) decode(d *Decoder) {
	x.omit = [1]uint64{0x7}
	var o Obj
	d.Object()
	for o.Next(d) {
		switch o.Name {
		case "id":
			Field(&o, d, 0, &x.ID).Set(d.ReadInt())
		case "inner":
			if o.Object(d, 1) {
				x.Inner.decode(d)
			}
		case "data":
			o.PlainRaw(d, 2, &x.Data)
		case "note":
			OptField(&o, d, 3, &x.Note).Set(d.ReadString())
		case "any":
			OptField(&o, d, 4, &x.Any).Set(d.ReadOptRaw())
		default:
			o.Keep(d, "")
		}
	}
	o.Done(&x.extra, x.omit[:])
}

// kept renders members as name=value (problem).
func kept(ms Members) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s=%s (%s)", m.Name, m.Value, m.Problem))
	}
	return strings.Join(parts, "; ")
}

func TestObjFields(t *testing.T) {
	for _, tc := range []struct {
		in        string
		id        int64
		tag       string
		data      string
		note, any string // %v of the Opt
		omit      uint64
		extra     string
	}{
		{in: `{}`, note: "<absent>", any: "<absent>", omit: 0x7},
		{
			in: `{"id":7,"inner":{"tag":"t","x":1},"data":[1],"note":"n","any":{"a":null}}`,
			id: 7, tag: "t", data: `[1]`, note: "n", any: `{"a":null}`,
		},
		{
			in:   `{"id":null,"note":null,"any":null,"data":null,"inner":[]}`,
			note: "null", any: "null", omit: 0x7,
			extra: `id=null (must not be null); data=null (must not be null); inner=[] (expected object, got array)`,
		},
		{
			// The first id is the member: the second is a duplicate, though the first did not decode.
			in: `{"id":"7","note":7,"u":true,"id":8}`, note: "<absent>", any: "<absent>", omit: 0x7,
			extra: `id="7" (expected integer, got string); note=7 (expected string, got number); u=true (); id=8 (duplicate member)`,
		},
		{
			in: `{"id":1,"id":2,"note":"a","note":null,"any":1,"any":2,"data":1,"data":2,"inner":{},"inner":{"tag":"x"}}`,
			id: 1, data: "1", note: "a", any: "1", omit: 0,
			extra: `id=2 (duplicate member); note=null (duplicate member); any=2 (duplicate member); data=2 (duplicate member); inner={"tag":"x"} (duplicate member)`,
		},
	} {
		var d Decoder
		d.Reset(tc.in)
		var x record
		x.decode(&d)
		d.End()
		if err := d.Err(); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		anyText := fmt.Sprint(x.Any)
		if v, ok := x.Any.Get(); ok {
			anyText = string(v)
		}
		got := []any{x.ID, x.Inner.Tag, string(x.Data), fmt.Sprint(x.Note), anyText, x.omit[0], kept(x.extra)}
		want := []any{tc.id, tc.tag, tc.data, tc.note, tc.any, tc.omit, tc.extra}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.in, got, want)
		}
	}
}

// TestObjWide reads an object with more members than Obj keeps bits for in place: the seen and
// stored bits of the others are in More.
func TestObjWide(t *testing.T) {
	const n = 200
	words := (n + 63) / 64
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i += 2 { // every other member, the last ones twice
		fmt.Fprintf(&b, `"m%d":%d,`, i, i)
	}
	b.WriteString(`"m198":0,"m130":0,"m2":0}`)
	vals := make([]int64, n)
	omit := make([]uint64, words)
	for i := range omit {
		omit[i] = ^uint64(0)
	}
	var d Decoder
	d.Reset(b.String())
	o := Obj{More: make([]uint64, 2*(words-2))}
	var extra Members
	d.Object()
	for o.Next(&d) {
		var i int
		if _, err := fmt.Sscanf(o.Name, "m%d", &i); err != nil {
			t.Fatal(err)
		}
		if i < 128 {
			Field(&o, &d, i, &vals[i]).Set(d.ReadInt())
		} else {
			WideField(&o, &d, i, &vals[i]).Set(d.ReadInt())
		}
	}
	o.Done(&extra, omit)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		present := omit[i/64]&(1<<(i%64)) == 0
		if present != (i%2 == 0) || (present && vals[i] != int64(i)) {
			t.Errorf("member %d: present %v, value %d", i, present, vals[i])
		}
	}
	if got, want := kept(extra), `m198=0 (duplicate member); m130=0 (duplicate member); m2=0 (duplicate member)`; got != want {
		t.Errorf("kept %s, want %s", got, want)
	}
}

func TestObjDiscriminatorAndLevel(t *testing.T) {
	for _, tc := range []struct {
		in    string
		keep  bool
		seen  bool
		level bool
		extra string
	}{
		{in: `{"type":"a","data":{}}`, seen: true, level: true},
		{in: `{"type":1,"type":"a","type":"b","data":1,"data":{},"data":{}}`, seen: true, level: true,
			extra: `type=1 (expected string, got number); type="b" (duplicate member); data=1 (expected object, got number); data={} (duplicate member)`},
		{in: `{"type":null,"type":""}`, keep: true, seen: true, extra: `type=null (); type="" (duplicate member)`},
		{in: `{"type":""}`, keep: true, seen: true, extra: `type="" ()`},
		{in: `{"type":null}`, extra: `type=null (must not be null)`},
	} {
		var d Decoder
		d.Reset(tc.in)
		var o Obj
		var seen bool
		missing := uint8(1)
		d.Object()
		for o.Next(&d) {
			switch o.Name {
			case "type":
				o.Discriminator(&d, &seen, tc.keep)
			case "data":
				if o.Level(&d, &missing, 1) {
					d.Skip()
				}
			}
		}
		var extra Members
		o.Done(&extra, nil)
		if err := d.Err(); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if seen != tc.seen || (missing == 0) != tc.level || kept(extra) != tc.extra {
			t.Errorf("%s: seen %v, level %v, kept %s; want %v, %v, %s", tc.in, seen, missing == 0, kept(extra), tc.seen, tc.level, tc.extra)
		}
	}
}

func TestRequired(t *testing.T) {
	names := []string{"a", "b/c", "d", "e"}
	var ps Problems
	var root Path
	data := root.Key("data")
	// a and d are missing, b/c was present but kept, e is set; only fields from 1 on are checked.
	ps.Required(&data, []uint64{0b0111}, names, 1, Members{{Name: "b/c"}})
	ps.Required(&root, []uint64{0b1001}, names[:1], 0, nil)
	want := Problems{
		{Pointer: "/data/d", Message: "required member is missing"},
		{Pointer: "/a", Message: "required member is missing"},
	}
	if !reflect.DeepEqual(ps, want) {
		t.Errorf("got %v, want %v", ps, want)
	}
}

func TestCheckTime(t *testing.T) {
	var ps Problems
	var root Path
	CheckTime(&ps, &root, "2024-05-06T08:31:13,5+02:00", []string{"2006-01-02T15:04:05Z07:00"}, ",")
	CheckTime(&ps, &root, "noon", []string{"2006-01-02", "15:04"}, "")
	want := Problems{{Message: `"noon" is not a time in the layout 2006-01-02`}}
	if !reflect.DeepEqual(ps, want) {
		t.Errorf("got %v, want %v", ps, want)
	}
}

func TestOptKey(t *testing.T) {
	var e Encoder
	e.ObjectStart()
	for _, o := range []Opt[int64]{{}, Null[int64](), Some[int64](3)} {
		if v, ok := OptKey(&e, `"n"`, &o); ok {
			e.Int(v)
		}
	}
	e.ObjectEnd()
	if got, want := string(e.Buf), `{"n":null,"n":3}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestDispatchSteps(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{}`, "<nil>"},
		{` [1]`, "decode event: /items/0: expected an object, got array (offset 1)"},
		{`[1`, "decode event: unexpected end of JSON input (offset 2)"},
	} {
		var d Decoder
		d.Reset(tc.in)
		got := "<nil>"
		if err := NotObject(&d, "/items/0"); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("NotObject(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
	var d Decoder
	d.Reset(`{"a":1} `)
	if err := NoType(&d, "/type"); err.Error() != "decode event: /type: event type is missing or not a string" || d.Offset() != 7 {
		t.Errorf("NoType: %v, offset %d", err, d.Offset())
	}
	for _, resumed := range []bool{false, true} {
		in := `{"type":"x","a":[1,{}]}`
		d.Reset(in)
		if resumed {
			if _, ok := d.FirstMember("type"); !ok {
				t.Fatal("FirstMember")
			}
		}
		if got := d.SkipEvent(0, resumed); got != in || d.Failed() {
			t.Errorf("SkipEvent(resumed %v) = %q, %v", resumed, got, d.Err())
		}
	}
}

// TestObjStaysOnStack decodes an object whose members all fit, the values null or not, with a
// Decoder, Obj and struct on the stack: nothing may allocate (raw JSON members are left out: they
// are copied into byte slices). A Decoder or Obj that escaped (a pointer to the Decoder kept where
// the kept members go, say) would show here as an allocation per decode.
func TestObjStaysOnStack(t *testing.T) {
	const in = `{"id": 7, "inner": {"tag": "a"}, "note": null}`
	ok := true
	allocs := testing.AllocsPerRun(100, func() {
		var d Decoder
		d.Reset(in)
		var x record
		x.decode(&d)
		ok = ok && !d.Failed() && x.ID == 7 && x.Inner.Tag == "a" && x.Note.IsNull() && len(x.extra) == 0
	})
	if !ok {
		t.Fatal("the object did not decode")
	}
	if allocs != 0 {
		t.Errorf("%v allocations per decode, want 0", allocs)
	}
}
