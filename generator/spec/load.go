// Package spec strictly decodes one spec file (spec/<platform>.yaml) into syntax types that keep the
// position of every node, and checks its syntax. Every problem is reported at once, sorted by position.
// Resolving names and meaning is left to package ir.
package spec

import (
	"errors"
	"fmt"
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
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, ErrorList{yamlError(name, err)}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, ErrorList{{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "empty spec"}}
	}
	d := &decoder{file: name}
	f := &File{Path: name}
	d.decode(root.Content[0], reflect.ValueOf(f).Elem(), "")
	check(f, &d.errs)
	if err := d.errs.Err(); err != nil {
		return f, err
	}
	return f, nil
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
