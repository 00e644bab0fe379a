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

// Load reads and parses the spec file at path; positions in diagnostics use path as given.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
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
