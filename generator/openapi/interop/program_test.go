package interop

import "text/template"

// checkProgram is the Go program the test writes per platform into the scratch module. It decodes
// every vendor sample with ogen's webhook server and with oapi-codegen's types, prints the mismatches,
// and prints its counts last, as one JSON line.
var checkProgram = template.Must(template.New("check").Parse(`// Command check decodes the vendor samples of {{.Name}} with the code ogen and oapi-codegen generated.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"

	oapiapi "interopcheck/{{.Name}}/oapiapi"
	ogenapi "interopcheck/{{.Name}}/ogenapi"
)

// variants maps an event type to the component of its variant in the union.
var variants = map[string]string{
{{- range $k, $v := .Variants}}
	{{printf "%q" $k}}: {{printf "%q" $v}},
{{- end}}
}

var levels = []string{ {{- range .Levels}}{{printf "%q" .}}, {{end -}} }

const (
	disc    = {{printf "%q" .Disc}}
	batch   = {{printf "%q" .Batch}}
	unknown = {{printf "%q" .Unknown}}
	// absent is the component of the envelope's absent event: a body without an event type is that
	// event, which has its own webhook (its name, or "").
	absent        = {{printf "%q" .AbsentSchema}}
	absentWebhook = {{printf "%q" .Absent}}
)

type handler struct{ ogenapi.UnimplementedHandler }

var (
	mu  sync.Mutex
	got []string
)

func record(v any) {
	mu.Lock()
	defer mu.Unlock()
	got = append(got, variant(v))
}

func ({{"handler"}}) {{.OgenMethod}}(ctx context.Context, req {{.OgenReqQ}}) (*ogenapi.{{.OgenRes}}, error) {
{{- if .Batch}}
	for _, it := range req.{{.BatchField}} {
		record(it{{.LevelPath}})
	}
{{- else}}
	record(req{{.LevelPath}})
{{- end}}
	return &ogenapi.{{.OgenRes}}{StatusCode: http.StatusOK}, nil
}

{{- if .AbsentMethod}}

// {{.AbsentMethod}} receives the bodies without an event type, through the absent event's own webhook:
// ogen has decoded and validated the body as {{.AbsentSchema}} when it calls this.
func ({{"handler"}}) {{.AbsentMethod}}(ctx context.Context, req {{.AbsentReqQ}}) (*ogenapi.{{.AbsentRes}}, error) {
	mu.Lock()
	defer mu.Unlock()
	got = append(got, reflect.TypeOf(req).Elem().Name())
	return &ogenapi.{{.AbsentRes}}{StatusCode: http.StatusOK}, nil
}
{{- end}}

// variant is the variant an ogen sum type holds: the X of its Is<X> method that reports true.
func variant(v any) string {
	rv := reflect.ValueOf(v)
	for i := 0; i < rv.NumMethod(); i++ {
		m := rv.Type().Method(i)
		if strings.HasPrefix(m.Name, "Is") && m.Type.NumIn() == 1 && m.Type.NumOut() == 1 && m.Type.Out(0).Kind() == reflect.Bool {
			if rv.Method(i).Call(nil)[0].Bool() {
				return strings.TrimPrefix(m.Name, "Is")
			}
		}
	}
	return "(none)"
}

type resolver interface {
	ValueByDiscriminator() (interface{}, error)
}

// oapiVariants resolves the union of every envelope of a body by its discriminator; a body without an
// event type is unmarshaled into the type of the absent event's schema instead.
func oapiVariants(data []byte, want []string) ([]string, error) {
{{- if .AbsentSchema}}
	if len(want) == 1 && want[0] == absent {
		var v oapiapi.{{.AbsentSchema}}
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		return []string{reflect.TypeOf(v).Name()}, nil
	}
{{- end}}
	var body oapiapi.{{.Body}}
	if err := json.Unmarshal(data, &body); err != nil {
		return nil, err
	}
	var unions []resolver
{{- if .Batch}}
	for _, it := range body.{{.BatchField}} {
		unions = append(unions, it{{.LevelPath}})
	}
{{- else}}
	unions = append(unions, body{{.LevelPath}})
{{- end}}
	var out []string
	for _, u := range unions {
		v, err := u.ValueByDiscriminator()
		if err != nil {
			return out, err
		}
		out = append(out, reflect.TypeOf(v).Name())
	}
	return out, nil
}

// expected lists the variant of every envelope of a body, by its event type.
func expected(data []byte) ([]string, error) {
	var body any
	if err := json.Unmarshal(data, &body); err != nil {
		return nil, err
	}
	items := []any{body}
	if batch != "" {
		items, _ = body.(map[string]any)[batch].([]any)
	}
	var out []string
	for _, it := range items {
		for _, l := range levels {
			it, _ = it.(map[string]any)[l]
		}
		typ, _ := it.(map[string]any)[disc].(string)
		v, ok := variants[typ]
		switch {
		case typ == "" && absent != "":
			v = absent
		case !ok:
			v = unknown
		}
		out = append(out, v)
	}
	return out, nil
}

func same(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !strings.EqualFold(got[i], want[i]) {
			return false
		}
	}
	return true
}

type report struct {
	Samples, OgenTyped, OapiResolved, Invalid, OgenRejected, AbsentTyped int
	Mismatches                                                           []string
}

func main() {
	testdata := os.Args[1]
	srv, err := ogenapi.NewWebhookServer(handler{})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(srv.Handler({{printf "%q" .Name}}))
	defer ts.Close()
	url := func([]string) string { return ts.URL }
	if absentWebhook != "" {
		// The consumer's router: a body without an event type goes to the absent event's webhook.
		ta := httptest.NewServer(srv.Handler(absentWebhook))
		defer ta.Close()
		url = func(want []string) string {
			if len(want) == 1 && want[0] == absent {
				return ta.URL
			}
			return ts.URL
		}
	}
	post := func(data []byte, want []string) int {
		mu.Lock()
		got = nil
		mu.Unlock()
		resp, err := http.Post(url(want), "application/json", bytes.NewReader(data))
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	var r report
	samples, _ := filepath.Glob(filepath.Join(testdata, "examples", "*", "*.json"))
	sort.Strings(samples)
	for _, f := range samples {
		data, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		rel, _ := filepath.Rel(testdata, f)
		want, err := expected(data)
		if err != nil {
			panic(err)
		}
		r.Samples++
		status := post(data, want)
		mu.Lock()
		g := append([]string(nil), got...)
		mu.Unlock()
		if status/100 == 2 && same(g, want) {
			r.OgenTyped++
			if len(want) == 1 && want[0] == absent {
				r.AbsentTyped++
			}
		} else {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("ogen: %s: status %d, variants %v, want %v", rel, status, g, want))
		}
		o, err := oapiVariants(data, want)
		if err == nil && same(o, want) {
			r.OapiResolved++
		} else {
			r.Mismatches = append(r.Mismatches, fmt.Sprintf("oapi-codegen: %s: variants %v (%v), want %v", rel, o, err, want))
		}
	}
	// The synthesized fixtures are packed in synth.jsonl, one JSON object a line; the invalid ones are
	// named synth/<event>/invalid.<what>.
	pack, err := os.ReadFile(filepath.Join(testdata, "synth.jsonl"))
	if err != nil && !os.IsNotExist(err) {
		panic(err)
	}
	for _, line := range bytes.Split(bytes.TrimSuffix(pack, []byte("\n")), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var fx struct { // encoding/json matches the members "name" and "payload"
			Name    string
			Payload json.RawMessage
		}
		if err := json.Unmarshal(line, &fx); err != nil {
			panic(err)
		}
		if parts := strings.Split(fx.Name, "/"); len(parts) != 3 || !strings.HasPrefix(parts[2], "invalid.") {
			continue
		}
		r.Invalid++
		if post(fx.Payload, nil)/100 != 2 {
			r.OgenRejected++
		}
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}
`))
