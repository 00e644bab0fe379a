package spec

import (
	"cmp"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// decoder turns a YAML node tree into the syntax types strictly: unknown keys, duplicate keys, missing
// required keys and values of the wrong YAML kind are all errors, and all of them are collected.
type decoder struct {
	file string
	errs ErrorList
}

var (
	posType       = reflect.TypeFor[Pos]()
	positionsType = reflect.TypeFor[Positions]()
	valueType     = reflect.TypeFor[Value]()
)

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

// decode decodes n into v. what names the value in diagnostics (`key "title"`, `key "layouts" item 2`),
// or is empty for the document itself.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, what string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch {
	case v.Type() == valueType:
		v.Set(reflect.ValueOf(Value{Node: n, Pos: d.pos(n)}))
	case v.Kind() == reflect.Pointer:
		if isNull(n) {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem(), what)
		v.Set(p)
	case v.Kind() == reflect.Struct:
		d.decodeStruct(n, v, what)
	case v.Kind() == reflect.Slice && strings.HasPrefix(v.Type().Name(), "Map["):
		d.decodeMap(n, v, what)
	case v.Kind() == reflect.Slice:
		d.decodeSlice(n, v, what)
	default:
		d.decodeScalar(n, v, what)
	}
}

// errorf reports a problem at n, prefixed with what the value is.
func (d *decoder) errorf(n *yaml.Node, what, format string, args ...any) {
	if what != "" {
		format = what + ": " + format
	}
	d.errs.Add(d.pos(n), format, args...)
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// describe names a node's YAML kind for diagnostics.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a sequence"
	}
	switch n.Tag {
	case "!!str":
		return "a string"
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "null"
	}
	return "a " + strings.TrimPrefix(n.Tag, "!!")
}

// structKeys lists the YAML keys of a struct type, in declaration order, flattening inline structs.
func structKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case f.Type == posType || f.Type == positionsType || name == "-":
		case opts == "inline":
			keys = append(keys, structKeys(f.Type)...)
		default:
			keys = append(keys, name)
		}
	}
	return keys
}

// fieldByKey finds the struct field for a YAML key, looking into inline structs.
func fieldByKey(v reflect.Value, key string) (reflect.Value, bool, bool) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.Type == posType || f.Type == positionsType || name == "-" {
			continue
		}
		if opts == "inline" {
			if fv, req, ok := fieldByKey(v.Field(i), key); ok {
				return fv, req, true
			}
			continue
		}
		if name == key {
			return v.Field(i), opts == "required", true
		}
	}
	return reflect.Value{}, false, false
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, what string) {
	if f := v.FieldByName("Pos"); f.IsValid() && f.Type() == posType {
		f.Set(reflect.ValueOf(d.pos(n)))
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, what, "expected a mapping, got %s", describe(n))
		return
	}
	at := Positions{}
	if f := v.FieldByName("At"); f.IsValid() && f.Type() == positionsType {
		f.Set(reflect.ValueOf(at))
	}
	keys := structKeys(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if _, dup := at[k.Value]; dup {
			d.errs.Add(d.pos(k), "duplicate key %q (first at %s)", k.Value, at[k.Value])
			continue
		}
		at[k.Value] = d.pos(k)
		fv, _, ok := fieldByKey(v, k.Value)
		if !ok {
			d.errs.Add(d.pos(k), "unknown key %q (want one of %s)", k.Value, strings.Join(keys, ", "))
			continue
		}
		d.decode(val, fv, fmt.Sprintf("key %q", k.Value))
	}
	for _, key := range keys {
		if _, req, _ := fieldByKey(v, key); req {
			if _, ok := at[key]; !ok {
				d.errorf(n, what, "missing required key %q", key)
			}
		}
	}
}

// entryNouns names the entries of the maps keyed by name, for diagnostics about duplicates.
var entryNouns = map[string]string{`key "events"`: "event", `key "types"`: "type", `key "fields"`: "field",
	`key "groups"`: "group", `key "channels"`: "channel", `key "kinds"`: "JSON kind"}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, what, "expected a mapping, got %s", describe(n))
		return
	}
	noun := cmp.Or(entryNouns[what], "key")
	seen := map[string]Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			d.errs.Add(d.pos(k), "duplicate %s %q (first at %s)", noun, k.Value, first)
			continue
		}
		seen[k.Value] = d.pos(k)
		e := reflect.New(v.Type().Elem()).Elem()
		e.Field(0).SetString(k.Value)
		e.Field(1).Set(reflect.ValueOf(d.pos(k)))
		d.decode(val, e.Field(2), fmt.Sprintf("key %q", k.Value))
		v.Set(reflect.Append(v, e))
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, what, "expected a sequence, got %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		d.decode(c, s.Index(i), strings.TrimPrefix(fmt.Sprintf("%s item %d", what, i+1), " "))
	}
	v.Set(s)
}

func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, what string) {
	want := map[reflect.Kind]string{reflect.String: "!!str", reflect.Bool: "!!bool", reflect.Int: "!!int", reflect.Float64: "!!float"}[v.Kind()]
	ok := n.Kind == yaml.ScalarNode && (n.Tag == want || v.Kind() == reflect.Float64 && n.Tag == "!!int")
	if !ok {
		d.errorf(n, what, "expected %s, got %s", map[string]string{"!!str": "a string", "!!bool": "a boolean", "!!int": "an integer", "!!float": "a number"}[want], describe(n))
		return
	}
	var err error
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Bool:
		var b bool
		b, err = strconv.ParseBool(n.Value)
		v.SetBool(b)
	case reflect.Int:
		var i int64
		i, err = strconv.ParseInt(n.Value, 0, 64)
		v.SetInt(i)
	case reflect.Float64:
		var f float64
		f, err = strconv.ParseFloat(n.Value, 64)
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("spec: no decoder for %s", v.Type())) // a programming error in the syntax types
	}
	if err != nil {
		d.errorf(n, what, "invalid %s %q", describe(n)[2:], n.Value)
	}
}
