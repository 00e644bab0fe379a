package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// topLevel is the order of a document's top-level members; everything below them is sorted by key.
var topLevel = []string{"openapi", "info", "jsonSchemaDialect", "externalDocs", "servers", "security", "tags",
	"paths", "webhooks", "components"}

// marshal writes the document as JSON and as YAML with the same content. kin-openapi marshals through
// maps; re-encoding them with encoding/json sorts every key, so the output depends only on the document.
// Numbers are kept as written in the spec (json.Number), HTML characters are not escaped, and the top
// level is in the conventional order. The YAML is the JSON re-read as a YAML node tree (so keys keep
// their order and scalars their exact text) and written in block style, after header, a comment line.
func marshal(doc *openapi3.T, header string) (jsonData, yamlData []byte, err error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		return nil, nil, err
	}
	flattenAllOf(top)
	absentTypeList(top)
	var buf bytes.Buffer
	buf.WriteString("{")
	n := 0
	for _, k := range topLevel {
		v, ok := top[k]
		if !ok {
			continue
		}
		delete(top, k)
		if n > 0 {
			buf.WriteString(",")
		}
		n++
		if err := writeMember(&buf, k, v); err != nil {
			return nil, nil, err
		}
	}
	if len(top) > 0 {
		return nil, nil, fmt.Errorf("top-level member not ordered: %v", top)
	}
	buf.WriteString("\n}\n")
	jsonData = buf.Bytes()

	node, err := yamlNode(jsonData)
	if err != nil {
		return nil, nil, fmt.Errorf("re-reading the JSON as YAML: %w", err)
	}
	blockStyle(node)
	var y bytes.Buffer
	y.WriteString(header + "\n")
	d, err := yaml.NewDumper(&y, yaml.WithIndent(2), yaml.WithLineWidth(-1), yaml.WithCompactSeqIndent(false),
		yaml.WithUnicode(true), yaml.WithQuotePreference(yaml.QuoteSingle))
	if err != nil {
		return nil, nil, err
	}
	if err := d.Dump(node); err != nil {
		return nil, nil, err
	}
	if err := d.Close(); err != nil {
		return nil, nil, err
	}
	return jsonData, y.Bytes(), nil
}

// yamlNode reads a JSON document as the YAML node tree a YAML parser makes of it (a YAML parser reads
// JSON too, but the one at hand takes time quadratic in the length of a flow collection): strings are
// !!str, other scalars keep their text and the tag it resolves to, and keys keep their order.
func yamlNode(data []byte) (*yaml.Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	root, err := yamlValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("more than one JSON value (%v)", err)
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}, nil
}

// yamlValue reads the next JSON value of dec as a YAML node.
func yamlValue(dec *json.Decoder) (*yaml.Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	var n *yaml.Node
	switch t := tok.(type) {
	case json.Delim:
		n = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if t == '[' {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		for dec.More() {
			if n.Kind == yaml.MappingNode {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key.(string)})
			}
			v, err := yamlValue(dec)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t}, nil
	case json.Number:
		n = &yaml.Node{Kind: yaml.ScalarNode, Value: t.String()}
	case bool:
		n = &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(t)}
	case nil:
		n = &yaml.Node{Kind: yaml.ScalarNode, Value: "null"}
	}
	tag, err := plainTag(n.Value)
	n.Tag = tag
	return n, err
}

// plainTags caches plainTag: a document has few distinct numbers.
var plainTags sync.Map

// plainTag is the tag a YAML parser resolves a plain scalar to (!!int, !!float, !!bool, !!null): the
// parser's own answer, for the scalar alone.
func plainTag(text string) (string, error) {
	if tag, ok := plainTags.Load(text); ok {
		return tag.(string), nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return "", err
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.ScalarNode || doc.Content[0].Value != text {
		return "", fmt.Errorf("%q does not read as one plain scalar", text)
	}
	plainTags.Store(text, doc.Content[0].Tag)
	return doc.Content[0].Tag, nil
}

// writeMember writes "\n  "key": value" with the value indented by two spaces.
func writeMember(buf *bytes.Buffer, key string, v any) error {
	var val bytes.Buffer
	enc := json.NewEncoder(&val)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	k, _ := json.Marshal(key)
	buf.WriteString("\n  ")
	buf.Write(k)
	buf.WriteString(": ")
	buf.Write(bytes.TrimRight(val.Bytes(), "\n"))
	return nil
}

// blockStyle drops the flow style the JSON syntax gave every node; multi-line strings become literal
// blocks, strings a YAML 1.1 reader would take for something else are single-quoted, and the others
// are quoted only where YAML 1.2 needs it.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		switch {
		case strings.Contains(n.Value, "\n"):
			n.Style = yaml.LiteralStyle
		case yaml11Special(n.Value):
			n.Style = yaml.SingleQuotedStyle
		}
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// yaml11Special reports whether a plain scalar could be read by a YAML 1.1 parser (PyYAML, older
// libraries) as a boolean, null, number, sexagesimal or timestamp: the words of its boolean and null
// types, and anything starting like a number. It errs on the side of quoting.
func yaml11Special(s string) bool {
	switch strings.ToLower(s) {
	case "", "~", "null", "y", "n", "yes", "no", "on", "off", "true", "false", "<<", "=":
		return true
	}
	return strings.ContainsAny(s[:1], "0123456789+-.")
}

// flattenAllOf replaces every allOf of a single reference by the reference itself, beside the keywords
// of the schema that held it: OpenAPI 3.1 schemas are JSON Schema 2020-12, where $ref is a keyword like
// any other, so {$ref, description} means what {allOf: [{$ref}], description} does. The builder writes
// the allOf form because kin-openapi drops the keywords beside a $ref of a schema it did not load;
// code generators read the flat form as the referenced type with a description (an allOf wrapper makes
// them declare a type of its own for every such member).
func flattenAllOf(v any) {
	switch v := v.(type) {
	case map[string]any:
		if all, ok := v["allOf"].([]any); ok && len(all) == 1 {
			if ref, ok := all[0].(map[string]any); ok && len(ref) == 1 && ref["$ref"] != nil && v["$ref"] == nil {
				delete(v, "allOf")
				v["$ref"] = ref["$ref"]
			}
		}
		for _, x := range v {
			flattenAllOf(x)
		}
	case []any:
		for _, x := range v {
			flattenAllOf(x)
		}
	}
}

// absentTypeList writes the type of the absent event's schema (the body without an event type, named
// by extAbsent) as a list of one, ["object"], which means what "object" does. Code generators that
// give every $ref branch of a discriminated oneOf a required discriminator member recognise an object
// schema by type: "object" (openapi-typescript gives Query `event: "Query"`, which no such body has);
// with the list they leave the branch as it is declared, with its optional, empty discriminator, so
// that TypeScript narrows the union on `event === undefined` too. openapi-typescript warns that it
// could not add the discriminator to that branch, which is the point. kin-openapi writes a list of one
// type as a string, hence the rewrite of the marshalled document.
func absentTypeList(top map[string]any) {
	components, _ := top["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for _, s := range schemas {
		a, _ := s.(map[string]any)[extAbsent].(map[string]any)
		ref, _ := a["schema"].(string)
		if target, ok := schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any); ok && target["type"] == "object" {
			target["type"] = []any{"object"}
		}
	}
}
