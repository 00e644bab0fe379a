// Package interop proves that the published OpenAPI documents (generated/<platform>/openapi.yaml) turn
// into working code with the generators people use: ogen, oapi-codegen and openapi-typescript with
// tsc. Its test generates code from every platform's document with each tool's default settings in a
// scratch module, builds it, and decodes every vendor sample with it; see TestInterop.
//
// The tools are not dependencies of the module: `make test-interop` (part of `make test`) installs
// them at pinned versions into .bin/ and .tools/ and passes their paths to the test.
package interop
