package docs_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eventgen/eventgen/generator/ir"
	"github.com/eventgen/eventgen/generator/output"
)

// chromium is Debian's Chromium, which `make test` installs.
const chromium = "/usr/bin/chromium"

// requireBrowser names the environment variable that makes a missing Chromium fail the test instead
// of skipping it. `make test` sets it, so that CI never passes without the browser test.
const requireBrowser = "EVENTGEN_REQUIRE_BROWSER"

// screenshotPlatform is the platform whose page the browser test photographs.
const screenshotPlatform = "mluvii"

// TestSiteInBrowser writes the site to a temporary directory and opens every page in headless
// Chromium over file://, offline (no network, no first-run, no component updates). In the DOM the
// browser builds it requires every documented event of each platform's catalogue and every example
// on the platform's page, every in-page link to resolve, and the index to link every page. It saves a
// screenshot of one page as artifacts/docs-<platform>.png.
func TestSiteInBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		msg := fmt.Sprintf("headless Chromium is needed to test the docs site and %s is missing (%v): run `make test`, which installs it (apt-get install chromium)", chromium, err)
		if os.Getenv(requireBrowser) != "" {
			t.Fatal(msg) // make test sets it: there, a missing browser is a failure
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	writeSite(t, dir, site(t))
	ps := platforms(t)

	index := dumpDOM(t, filepath.Join(dir, "docs", "index.html"))
	links := attrValues(index, "href")
	for _, p := range ps {
		if !links[p.Name+".html"] {
			t.Errorf("index.html does not link %s.html", p.Name)
		}
	}
	for _, p := range ps {
		t.Run(p.Name, func(t *testing.T) {
			dom := dumpDOM(t, filepath.Join(dir, "docs", p.Name+".html"))
			checkCatalogue(t, p, dom)
			checkLinks(t, dom)
		})
	}
	screenshot(t, filepath.Join(dir, "docs", screenshotPlatform+".html"), screenshotPlatform)
}

// writeSite writes the files of the site under dir.
func writeSite(t *testing.T, dir string, files []output.File) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkCatalogue requires, in the DOM of a platform's page, a section for every documented event and
// a figure for every example, found by the data attributes the page gives them. Events the vendor
// names without a wire name (ir.Event.Undocumented) have no section, as the OpenAPI catalogue leaves
// them out, but their names must be on the page; so must the names of the vendor samples left out of
// the examples because they break the vendor's own rules.
func checkCatalogue(t *testing.T, p *ir.Platform, dom string) {
	t.Helper()
	events, examples := attrValues(dom, "data-event"), attrValues(dom, "data-example")
	text := pageText([]byte(dom))
	n := 0
	for _, ev := range p.Events {
		if ev.Undocumented {
			if !strings.Contains(text, ev.Name) {
				t.Errorf("the page does not name the undocumented event %q", ev.Name)
			}
			continue
		}
		n++
		if !events[ev.Name] {
			t.Errorf("event %q is not listed (no data-event)", ev.Name)
		}
		for _, x := range ev.Examples {
			key := ev.Name + "/" + x.Name
			switch {
			case x.Invalid && !strings.Contains(text, x.Name):
				t.Errorf("the invalid sample %s is not mentioned", key)
			case !x.Invalid && !examples[key]:
				t.Errorf("example %s is not shown (no data-example)", key)
			}
		}
	}
	if len(events) != n {
		t.Errorf("the page lists %d events, the catalogue has %d", len(events), n)
	}
	t.Logf("%d events and %d examples in the DOM", len(events), len(examples))
}

var hrefs = regexp.MustCompile(`href="#([^"]*)"`)

// checkLinks requires every in-page link to name an element id.
func checkLinks(t *testing.T, dom string) {
	t.Helper()
	ids := attrValues(dom, "id")
	seen := map[string]bool{}
	for _, m := range hrefs.FindAllStringSubmatch(dom, -1) {
		id := html.UnescapeString(m[1])
		if !ids[id] && !seen[id] {
			seen[id] = true
			t.Errorf("link to #%s, which no element has as id", id)
		}
	}
}

// attrValues returns the values of an attribute anywhere in a serialised DOM.
func attrValues(dom, attr string) map[string]bool {
	re := regexp.MustCompile(`\s` + regexp.QuoteMeta(attr) + `="([^"]*)"`)
	out := map[string]bool{}
	for _, m := range re.FindAllStringSubmatch(dom, -1) {
		out[html.UnescapeString(m[1])] = true
	}
	return out
}

// browse runs headless Chromium, offline and with a profile of its own, on a local file with extra
// flags, and returns what it prints on stdout.
func browse(t *testing.T, page string, flags ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}, flags...)
	cmd := exec.CommandContext(ctx, chromium, append(args, "file://"+filepath.ToSlash(page))...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", chromium, strings.Join(flags, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// dumpDOM returns the DOM Chromium builds from a page, serialised.
func dumpDOM(t *testing.T, page string) string {
	t.Helper()
	dom := string(browse(t, page, "--dump-dom"))
	if !strings.Contains(dom, "</body>") {
		t.Fatalf("chromium --dump-dom %s printed no document:\n%.500s", page, dom)
	}
	return dom
}

// screenshot saves a screenshot of a page as artifacts/docs-<name>.png at the module root.
func screenshot(t *testing.T, page, name string) {
	t.Helper()
	dir := filepath.Join(root, "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path, err := filepath.Abs(filepath.Join(dir, "docs-"+name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(path)
	browse(t, page, "--screenshot="+path, "--window-size=1280,2000")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	if len(data) < 10_000 || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("%s is not a screenshot of a page (%d bytes)", path, len(data))
	}
	t.Logf("screenshot of %s.html: %s (%d bytes)", name, path, len(data))
}
