// Package templates holds the text templates for the generator's prose outputs: the package
// documentation of each generated package and the pages of the published API docs. Templates are
// embedded, so the generator needs no files at run time.
package templates

import (
	"bytes"
	"embed"
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
