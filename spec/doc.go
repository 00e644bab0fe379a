// Package spec holds the platform specs and the JSON Schema of their language; its tests check every spec against the schema.
package spec
