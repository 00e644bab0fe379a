// Package spec strictly decodes one spec file (spec/<platform>.yaml) into syntax types that keep the
// position of every node, and checks its syntax. Every problem is reported at once, sorted by position.
// Resolving names and meaning is left to package ir.
package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"

	"go.yaml.in/yaml/v4"
)

// DefaultMaxSize is the default of MaxSize: 16 MiB, a hundred times the largest spec of this repository.
const DefaultMaxSize = 16 << 20

// MaxSize is the most bytes Load reads from a spec file; a larger file (or /dev/zero) is an error
// that says so, without reading on. `eventgen --max-input` sets it for one run.
var MaxSize int64 = DefaultMaxSize

// Load reads and parses the spec file at path; positions in diagnostics use path as given. It reads at
// most MaxSize bytes.
func Load(path string) (*File, error) {
	data, err := ReadFile(path, MaxSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// ReadFile reads the file at path, or fails with an ErrorList naming the file and the limit when it
// holds more than limit bytes. Only limit+1 bytes are ever read.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, ErrorList{{Pos: Pos{File: path}, Msg: fmt.Sprintf("larger than %s, the limit on a spec (raise it with --max-input)", FormatSize(limit))}}
	}
	return data, nil
}

// FormatSize writes a byte count the way limits are given: "16 MiB", "512 KiB", or bytes.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Parse parses spec source. name is used in positions. The error, if any, is an ErrorList.
func Parse(name string, data []byte) (*File, error) {
	root, perr := parseYAML(name, data)
	if perr != nil {
		return nil, ErrorList{perr}
	}
	d := &decoder{file: name}
	f := &File{Path: name}
	d.decode(root, reflect.ValueOf(f).Elem(), "")
	check(f, &d.errs)
	if err := d.errs.Err(); err != nil {
		return f, err
	}
	return f, nil
}

// parseYAML parses the one YAML document of a spec and checks it against the loader's budgets.
func parseYAML(name string, data []byte) (*yaml.Node, *Error) {
	if err := checkUTF8(name, data); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		return nil, yamlError(name, err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, &Error{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "empty spec"}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, yamlError(name, err)
	default:
		return nil, &Error{Pos: Pos{File: name, Line: max(next.Line, 1), Col: max(next.Column, 1)},
			Msg: "a second YAML document: a spec is one document (remove the \"---\" before it)"}
	}
	if err := checkBudget(name, root.Content[0]); err != nil {
		return nil, err
	}
	return root.Content[0], nil
}

// yamlError positions a YAML syntax error where the parser stopped, and says what it was reading and
// where that began (an unterminated quote is found only at the end of the file).
func yamlError(name string, err error) *Error {
	var lerr *yaml.LoadError
	if errors.As(err, &lerr) && lerr.Mark.Line > 0 {
		msg := "invalid YAML: " + lerr.Message
		if c := lerr.ContextMark; lerr.ContextMsg != "" && c.Line > 0 && c != lerr.Mark {
			msg = fmt.Sprintf("invalid YAML: %s (started at %d:%d): %s", lerr.ContextMsg, c.Line, max(c.Column, 1), lerr.Message)
		}
		return &Error{Pos: Pos{File: name, Line: lerr.Mark.Line, Col: max(lerr.Mark.Column, 1)}, Msg: msg}
	}
	return &Error{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: err.Error()}
}
