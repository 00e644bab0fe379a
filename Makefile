# eventgen: regenerate everything from spec/*.yaml, and check, test, lint and benchmark it.
# Only Go is required; the targets install what else they need into .bin/ and .tools/.

GO          ?= go
SUDO        := $(if $(filter 0,$(shell id -u)),,sudo)
BIN         := $(CURDIR)/.bin
STATICCHECK := $(BIN)/staticcheck
STATICCHECK_VERSION := v0.8.2
TOOLS       := $(CURDIR)/.tools
REDOCLY     := $(TOOLS)/node_modules/.bin/redocly
REDOCLY_VERSION := 2.77.0
SPECTRAL    := $(TOOLS)/node_modules/.bin/spectral
SPECTRAL_VERSION := 6.16.3
VACUUM      := $(TOOLS)/node_modules/.bin/vacuum
VACUUM_VERSION := 0.30.3
# The code generators of the interop test (test-interop), at the versions the documents are proven with.
OGEN        := $(BIN)/ogen
OGEN_VERSION := v1.25.0
OAPI_CODEGEN := $(BIN)/oapi-codegen
OAPI_CODEGEN_VERSION := v2.8.2
OPENAPI_TS  := $(TOOLS)/node_modules/.bin/openapi-typescript
OPENAPI_TS_VERSION := 7.13.0
TSC         := $(TOOLS)/node_modules/.bin/tsc
TYPESCRIPT_VERSION := 5.9.3
NPM_INSTALL := npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error --save-exact
# quiet runs an install ($(2)) of $(1), printing its output (kept in INSTALL_LOG) only when it fails.
quiet = @mkdir -p $(dir $(INSTALL_LOG)); echo "installing $(1) (log in $(INSTALL_LOG))"; \
	$(2) >$(INSTALL_LOG) 2>&1 || { cat $(INSTALL_LOG); echo "make: installing $(1) failed"; exit 1; }
CHROMIUM    := /usr/bin/chromium
FUZZTIME    ?= 10s
BENCHTIME   ?= 0.2s
COUNT       ?= 6

.PHONY: all generate docs check test test-deps test-interop lint lint-openapi vacuum-install fuzz bench bench-adversarial bench-scale lines tools clean

all: generate test

## generate: regenerate generated/ from spec/*.yaml (the same as `go generate ./...`)
generate:
	$(GO) generate ./...

## docs: render the published API docs into generated/docs from the OpenAPI documents. They are part of
## the normal generation (committed, checked by `make check`), so this is `make generate` by another name.
docs: generate

## check: fail when generated/ is not what the specs generate (stale or hand-edited)
check:
	$(GO) run ./cmd/eventgen generate --check --out generated spec

## test: the whole test suite: go test (including the browser test of the docs, in headless Chromium),
## the interop test of the OpenAPI documents with ogen, oapi-codegen and openapi-typescript, and the
## independent OpenAPI linters. It installs Chromium (Debian package) and the tools (Go, npm) first, and
## makes the browser test mandatory (plain `go test ./...` skips it where Chromium is missing).
test: test-deps
	EVENTGEN_REQUIRE_BROWSER=1 $(GO) test ./...
	$(MAKE) --no-print-directory test-interop
	$(MAKE) --no-print-directory lint-openapi

## test-interop: generate code from every platform's OpenAPI document with ogen, oapi-codegen and
## openapi-typescript (default settings; oapi-codegen with skip-prune), build it, and decode every vendor
## sample with it (generator/openapi/interop). Under plain `go test ./...` that test skips.
test-interop: $(OGEN) $(OAPI_CODEGEN) $(OPENAPI_TS) $(TSC)
	EVENTGEN_INTEROP=1 OGEN=$(OGEN) OAPI_CODEGEN=$(OAPI_CODEGEN) OPENAPI_TS=$(OPENAPI_TS) TSC=$(TSC) \
	  $(GO) test -count=1 -v -run '^TestInterop$$' ./generator/openapi/interop/

## test-deps: what the tests need beyond Go: Debian's chromium for the browser test, Redocly for lint-openapi
test-deps: $(CHROMIUM) $(REDOCLY)

# The installs are quiet: their output goes to a log under artifacts/, printed only when they fail.
INSTALL_LOG := $(CURDIR)/artifacts/install.log

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "make: the browser test needs Debian's chromium at $(CHROMIUM)"; exit 1; }
	@mkdir -p $(dir $(INSTALL_LOG))
	@echo "installing chromium (apt-get, log in $(INSTALL_LOG))"
	@{ $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } \
	  >$(INSTALL_LOG) 2>&1 || { cat $(INSTALL_LOG); echo "make: installing chromium failed"; exit 1; }

$(REDOCLY):
	$(call quiet,@redocly/cli@$(REDOCLY_VERSION),$(NPM_INSTALL) @redocly/cli@$(REDOCLY_VERSION))

$(SPECTRAL):
	$(call quiet,@stoplight/spectral-cli@$(SPECTRAL_VERSION),$(NPM_INSTALL) @stoplight/spectral-cli@$(SPECTRAL_VERSION))

# vacuum's npm package downloads its binary from GitHub releases when it is installed, which machines
# that reach only the package registries cannot do: lint-openapi then says that it skipped vacuum.
vacuum-install:
	@mkdir -p $(dir $(INSTALL_LOG))
	@[ -x $(VACUUM) ] || $(NPM_INSTALL) @quobix/vacuum@$(VACUUM_VERSION) >$(INSTALL_LOG) 2>&1 || true

$(OPENAPI_TS):
	$(call quiet,openapi-typescript@$(OPENAPI_TS_VERSION),$(NPM_INSTALL) openapi-typescript@$(OPENAPI_TS_VERSION))

$(TSC):
	$(call quiet,typescript@$(TYPESCRIPT_VERSION),$(NPM_INSTALL) typescript@$(TYPESCRIPT_VERSION))

$(OGEN):
	$(call quiet,ogen@$(OGEN_VERSION),env GOBIN=$(BIN) $(GO) install github.com/ogen-go/ogen/cmd/ogen@$(OGEN_VERSION))

$(OAPI_CODEGEN):
	$(call quiet,oapi-codegen@$(OAPI_CODEGEN_VERSION),env GOBIN=$(BIN) $(GO) install github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@$(OAPI_CODEGEN_VERSION))

## lint-openapi: the generated OpenAPI documents pass, with 0 errors, Redocly CLI's lint (the recommended
## rules, less those redocly.yaml turns off and justifies), Spectral's spectral:oas ruleset (.spectral.yaml)
## and vacuum's recommended ruleset
lint-openapi: $(REDOCLY) $(SPECTRAL) vacuum-install
	$(REDOCLY) lint --config redocly.yaml generated/*/openapi.yaml
	$(SPECTRAL) lint --ruleset .spectral.yaml --fail-severity error generated/*/openapi.yaml
	@if [ -x $(VACUUM) ] && $(VACUUM) version >/dev/null 2>&1; then \
	  set -e; for f in generated/*/openapi.yaml; do echo "vacuum lint $$f"; $(VACUUM) lint --fail-severity error $$f; done; \
	else echo "lint-openapi: vacuum skipped: its npm package could not fetch its binary here (log in $(INSTALL_LOG))"; fi

## lint: gofmt, go vet and staticcheck over everything, generated code included
lint: $(STATICCHECK)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt -l:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

## fuzz: run every fuzz target for FUZZTIME (default 10s) each. The targets are found in the test files
## (func FuzzX), so that only the packages that have one are built.
fuzz:
	@set -e; for file in $$(grep -rl --include='*_test.go' '^func Fuzz' cmd generated generator | sort); do \
	  pkg=./$$(dirname $$file); \
	  for target in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$file); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

## bench: decoding and encoding benchmarks of every platform against encoding/json, summarised as the tables
## of BENCHMARKS.md (medians of COUNT runs and their ratios). One core (-cpu 1), so that the garbage collector
## of the allocating baselines does not get a second core to itself.
bench:
	$(GO) test -run '^$$' -bench . -skip Adversarial -benchmem -benchtime $(BENCHTIME) -count $(COUNT) -cpu 1 ./generated/... | tee bench.out
	$(GO) run ./cmd/benchtab < bench.out

## bench-adversarial: the decoders on adversarial shapes (many or repeated members, escapes, deep
## nesting, long strings, many batch items) at three sizes, against json.Unmarshal on the same bytes
bench-adversarial:
	$(GO) test -run '^$$' -bench Adversarial -benchmem -benchtime $(BENCHTIME) -count 3 -cpu 1 ./generated/ | tee bench-adversarial.out

## lines: per platform, the lines of generated Go (non-test *_gen.go) against the members its spec declares
lines:
	$(GO) run ./cmd/internal/genlines spec/*.yaml

## bench-scale: generate synthetic specs of 250, 1,000 and 4,000 events (five members and one example each)
## into a temporary module; report each run's wall time, peak memory, files and bytes written, then the
## time and peak memory of go build, go vet and go test -c of the 4,000-event package
bench-scale:
	$(GO) run ./generator/internal/cmd/benchscale

$(STATICCHECK):
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

tools: $(STATICCHECK) $(OGEN) $(OAPI_CODEGEN) $(OPENAPI_TS) $(TSC) $(REDOCLY) $(SPECTRAL) $(VACUUM)

clean:
	rm -rf $(BIN) $(TOOLS) artifacts
