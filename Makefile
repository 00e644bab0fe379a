# eventgen: regenerate everything from spec/*.yaml, and check, test, lint and benchmark it.
# Only Go is required; the targets install what else they need into .bin/ and .tools/.

GO          ?= go
BIN         := $(CURDIR)/.bin
STATICCHECK := $(BIN)/staticcheck
STATICCHECK_VERSION := v0.8.2
FUZZTIME    ?= 10s
BENCHTIME   ?= 1s
COUNT       ?= 6

.PHONY: all generate check test lint fuzz bench tools clean

all: generate test

## generate: regenerate generated/ from spec/*.yaml (the same as `go generate ./...`)
generate:
	$(GO) generate ./...

## check: fail when generated/ is not what the specs generate (stale or hand-edited)
check:
	$(GO) run ./cmd/eventgen generate --check --out generated spec

## test: the whole test suite
test:
	$(GO) test ./...

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

## bench: decoding and encoding benchmarks of every platform against encoding/json (see BENCHMARKS.md)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -count $(COUNT) ./generated/...

$(STATICCHECK):
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

tools: $(STATICCHECK)

clean:
	rm -rf $(BIN) .tools artifacts
