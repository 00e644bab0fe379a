package docs_test

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/eventgen/eventgen/generator"
	"github.com/eventgen/eventgen/generator/docs"
	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/openapi"
	"github.com/eventgen/eventgen/generator/output"
)

// root is the module root, relative to this package.
const root = "../.."

// specs loads the repository's specs once: the site tests all read them.
var specs = sync.OnceValues(func() ([]*ir.Platform, error) {
	paths, err := filepath.Glob(filepath.Join(root, "spec", "*.yaml"))
	if err != nil {
		return nil, err
	}
	return generator.Load(paths)
})

func platforms(t *testing.T) []*ir.Platform {
	t.Helper()
	ps, err := specs()
	if err != nil {
		t.Fatalf("loading spec/*.yaml: %v", err)
	}
	if len(ps) == 0 {
		t.Fatal("no specs in spec/")
	}
	return ps
}

// site renders the site of the repository's specs.
func site(t *testing.T) []output.File {
	t.Helper()
	files, err := docs.Emit(platforms(t))
	if err != nil {
		t.Fatalf("Emit: %v", err)
	}
	return files
}

func byPath(files []output.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

// TestSiteDeterministic renders the site twice, the second time from the documents in another order,
// and requires the same files with the same bytes: no map order, no time, nothing volatile.
func TestSiteDeterministic(t *testing.T) {
	first := site(t)
	var documents []docs.Document
	ps := platforms(t)
	for i := len(ps) - 1; i >= 0; i-- {
		doc, err := openapi.Build(ps[i])
		if err != nil {
			t.Fatal(err)
		}
		documents = append(documents, docs.Document{Name: ps[i].Name, Doc: doc})
	}
	again, err := docs.Render(documents)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(paths(first), paths(again)); diff != "" {
		t.Fatalf("file lists differ (-first +second):\n%s", diff)
	}
	for i, f := range first {
		if !bytes.Equal(f.Data, again[i].Data) {
			t.Errorf("%s differs between runs:\n%s", f.Path, cmp.Diff(string(f.Data), string(again[i].Data)))
		}
	}
	want := []string{"docs/index.html", "docs/style.css"}
	for _, p := range ps {
		want = append(want, "docs/"+p.Name+".html")
	}
	slices.Sort(want)
	got := paths(first)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("site files (-want +got):\n%s", diff)
	}
}

func paths(files []output.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

// TestSiteFromPublishedDocuments renders the site from the committed generated/<platform>/openapi.json
// files and requires the very bytes the generator renders from the documents it builds in memory: the
// site is a function of the published documents and of nothing else.
func TestSiteFromPublishedDocuments(t *testing.T) {
	var documents []docs.Document
	for _, p := range platforms(t) {
		path := filepath.Join(root, "generated", p.Name, "openapi.json")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		documents = append(documents, docs.Document{Name: p.Name, Doc: doc})
	}
	loaded, err := docs.Render(documents)
	if err != nil {
		t.Fatal(err)
	}
	built := byPath(site(t))
	for _, f := range loaded {
		if !bytes.Equal(f.Data, built[f.Path]) {
			t.Errorf("%s rendered from the published document differs from the one rendered in memory (is generated/ stale? run make generate):\n%s",
				f.Path, cmp.Diff(string(built[f.Path]), string(f.Data)))
		}
	}
}

// TestSiteShowsDiscrepancies finds every discrepancy recorded anywhere in each platform's document
// (the items of a "Discrepancies in the vendor document" list, in any description) and requires its
// text on the platform's page.
func TestSiteShowsDiscrepancies(t *testing.T) {
	files := byPath(site(t))
	for _, p := range platforms(t) {
		doc, err := openapi.Build(p)
		if err != nil {
			t.Fatal(err)
		}
		page := pageText(files["docs/"+p.Name+".html"])
		items := discrepancies(t, doc)
		t.Logf("%s: %d discrepancies recorded", p.Name, len(items))
		if len(items) == 0 {
			t.Errorf("%s: the document records no discrepancies; the test finds none to look for", p.Name)
		}
		for _, item := range items {
			if item = markdownUnescape(item); !strings.Contains(page, item) {
				t.Errorf("%s: the page does not show the discrepancy %q", p.Name, item)
			}
		}
	}
}

// discrepancies returns the first line of every discrepancy item in the document's strings, as plain text.
func discrepancies(t *testing.T, doc *openapi3.T) []string {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			out = append(out, discrepancyItems(v)...)
		}
	}
	walk(v)
	slices.Sort(out)
	return slices.Compact(out)
}

// discrepancyItems returns the first lines of the items of the discrepancy lists in a description:
// the "- " lines at the indent of the label that introduces them, up to the first line indented less.
func discrepancyItems(text string) []string {
	const label = "**Discrepancies in the vendor document:**"
	var out []string
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != label {
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
	items:
		for _, item := range lines[i+1:] {
			switch {
			case strings.HasPrefix(item, indent+"- "):
				out = append(out, plainText(strings.TrimPrefix(item, indent+"- ")))
			case strings.TrimSpace(item) != "" && !strings.HasPrefix(item, indent+"  "):
				break items
			}
		}
	}
	return out
}

var tags = regexp.MustCompile(`<[^>]*>`)

// pageText is the text of a page: tags removed, entities decoded, whitespace collapsed.
func pageText(page []byte) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(string(page), ""))), " ")
}

// plainText is the text of a line of Markdown: markers removed, whitespace collapsed.
func plainText(md string) string {
	md = strings.ReplaceAll(strings.ReplaceAll(md, "**", ""), "`", "")
	return strings.Join(strings.Fields(md), " ")
}

// markdownUnescape reads the backslash escapes of Markdown (the documents escape "<"), as the page
// shows the text.
func markdownUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
