// Package generated holds the code eventgen generates from spec/*.yaml: one package per platform
// (generated/<platform>), each importing only the standard library and the small shared runtime
// generated/wire. Nothing here is edited by hand except this file and the runtime.
//
// Regenerate everything with `go generate ./...` (or `make generate`) from the repository root.
package generated

//go:generate go run ../cmd/eventgen generate --out . ../spec
