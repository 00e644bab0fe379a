// Package templates holds the templates for the generator's prose outputs: the package documentation
// of each generated package (text/template, *.tmpl) and the pages of the published API docs
// (html/template, docs/*.html, with their style sheet docs/style.css). Templates are embedded, so the
// generator needs no files at run time.
package templates

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var FS embed.FS

// funcs are the helpers templates may use.
var funcs = template.FuncMap{
	// comment turns text into Go line comments, keeping blank lines as "//".
	"comment": func(text string) string {
		var b strings.Builder
		for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
			line = strings.TrimRight(line, " \t")
			if line == "" {
				b.WriteString("//\n")
				continue
			}
			b.WriteString("// " + line + "\n")
		}
		return b.String()
	},
	"join": strings.Join,
}

var parsed = template.Must(template.New("").Funcs(funcs).ParseFS(FS, "*.tmpl"))

// Render executes the named template with data.
func Render(name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := parsed.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// DocsFS holds the site's page templates (docs/*.html, html/template) and static files (docs/style.css).
//
//go:embed docs
var DocsFS embed.FS

// parsedHTML holds the page templates. They need no helpers: the view model (package docs) computes
// everything they show.
var parsedHTML = htmltemplate.Must(htmltemplate.New("").ParseFS(DocsFS, "docs/*.html"))

// RenderHTML executes the named page template with data. html/template escapes every value for the
// context it is written in; only values of type html/template.HTML are written as they are.
func RenderHTML(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := parsedHTML.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Asset returns a static file of the site, by its name under docs/ (e.g. "style.css").
func Asset(name string) ([]byte, error) {
	return DocsFS.ReadFile("docs/" + name)
}
