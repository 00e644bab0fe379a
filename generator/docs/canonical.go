package docs

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// canonical returns a document in the one form BuildPlatform reads, whether it was built in memory or
// loaded from a published file. The published documents write a member's own keywords beside the
// $ref of its type ({$ref, description}), which OpenAPI 3.1 allows and code generators prefer;
// kin-openapi resolves such a reference into a copy of the referenced schema with the keywords merged
// in, so that the member's own description could no longer be told from its type's. canonical writes
// those keywords into an allOf wrapper around the reference again, which means the same in 3.1 and is
// what the document builder makes in memory.
func canonical(doc *openapi3.T) (*openapi3.T, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("docs: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("docs: %w", err)
	}
	wrapRefs(v)
	if data, err = json.Marshal(v); err != nil {
		return nil, fmt.Errorf("docs: %w", err)
	}
	loaded, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("docs: re-reading the document: %w", err)
	}
	return loaded, nil
}

// wrapRefs turns every {$ref, keywords…} into {allOf: [{$ref}], keywords…}.
func wrapRefs(v any) {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok && len(v) > 1 {
			if _, has := v["allOf"]; !has {
				delete(v, "$ref")
				v["allOf"] = []any{map[string]any{"$ref": ref}}
			}
		}
		for _, x := range v {
			wrapRefs(x)
		}
	case []any:
		for _, x := range v {
			wrapRefs(x)
		}
	}
}
