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
CHROMIUM    := /usr/bin/chromium
FUZZTIME    ?= 10s
BENCHTIME   ?= 0.2s
COUNT       ?= 6

.PHONY: all generate docs check test test-deps lint lint-openapi fuzz bench bench-adversarial tools clean

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

## test: the whole test suite: go test (including the browser test of the docs, in headless Chromium)
## and the independent OpenAPI linter. It installs Chromium (Debian package) and Redocly CLI (npm) first,
## and makes the browser test mandatory (plain `go test ./...` skips it where Chromium is missing).
test: test-deps
	EVENTGEN_REQUIRE_BROWSER=1 $(GO) test ./...
	$(MAKE) --no-print-directory lint-openapi

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
	@mkdir -p $(dir $(INSTALL_LOG))
	@echo "installing @redocly/cli@$(REDOCLY_VERSION) (npm, log in $(INSTALL_LOG))"
	@npm install --prefix $(TOOLS) --no-audit --no-fund @redocly/cli@$(REDOCLY_VERSION) \
	  >$(INSTALL_LOG) 2>&1 || { cat $(INSTALL_LOG); echo "make: installing Redocly CLI failed"; exit 1; }

## lint-openapi: the generated OpenAPI documents pass Redocly CLI's lint (rules in redocly.yaml) with 0 errors
lint-openapi: $(REDOCLY)
	$(REDOCLY) lint --config redocly.yaml generated/*/openapi.yaml

## lint: gofmt, go vet and staticcheck over everything, generated code included
lint: $(STATICCHECK)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt -l:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

## fuzz: run every fuzz target for FUZZTIME (default 10s) each
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
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

$(STATICCHECK):
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

tools: $(STATICCHECK)

clean:
	rm -rf $(BIN) $(TOOLS) artifacts
