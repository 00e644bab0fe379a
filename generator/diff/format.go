package diff

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/eventgen/eventgen/generator/spec"
)

// WriteText writes one line per change (see Change.String).
func WriteText(w io.Writer, changes []Change) error {
	for _, c := range changes {
		if _, err := fmt.Fprintln(w, c); err != nil {
			return err
		}
	}
	return nil
}

// jsonPos is a position in the JSON output.
type jsonPos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func toJSONPos(p spec.Pos) *jsonPos {
	if p.File == "" {
		return nil
	}
	return &jsonPos{p.File, p.Line, p.Col}
}

// WriteJSON writes the changes as one JSON document: {"changes": [...], "summary": {...}}.
func WriteJSON(w io.Writer, changes []Change) error {
	type change struct {
		Severity string   `json:"severity"`
		Rule     string   `json:"rule"`
		Old      *jsonPos `json:"old,omitempty"`
		New      *jsonPos `json:"new,omitempty"`
		Subject  string   `json:"subject"`
		Message  string   `json:"message"`
		Also     []string `json:"also,omitempty"`
	}
	out := struct {
		Changes []change       `json:"changes"`
		Summary map[string]int `json:"summary"`
	}{Changes: []change{}, Summary: map[string]int{"breaking": 0, "warning": 0, "info": 0}}
	for _, c := range changes {
		out.Changes = append(out.Changes, change{Severity: c.Severity.String(), Rule: c.Rule, Old: toJSONPos(c.Old),
			New: toJSONPos(c.New), Subject: c.Subject, Message: c.Message, Also: c.Also})
		out.Summary[c.Severity.String()]++
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
