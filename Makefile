# press: `make` builds the editions into dist/, `make test` runs every test.
GO        ?= go
BOOK      ?= book
LAYOUT    ?=
DIST      ?= dist
BIN       := bin/press
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
SLUG      := the-great-leap-forward
LAYOUT_FLAG := $(if $(LAYOUT),--layout $(LAYOUT),)

.PHONY: all editions pamphlet test gotest validate deps clean help bench fmt vet

## all: build the EPUB, PDF and HTML editions of book/ into dist/ (default)
all: editions

$(BIN): $(shell find cmd internal -name '*.go' -not -name '*_test.go') builtin.go $(wildcard layouts/* fonts/*) go.mod go.sum
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/press

## editions: same as all
editions: $(BIN)
	./$(BIN) build $(LAYOUT_FLAG) --format epub,pdf,html -o $(DIST) $(BOOK)

## pamphlet: the print edition imposed for saddle stitching (dist/*-booklet.pdf)
pamphlet: $(BIN)
	./$(BIN) build $(LAYOUT_FLAG) --format booklet --marks -o $(DIST) $(BOOK)

## test: go vet, all Go tests, then build and validate the editions
test: deps vet gotest editions validate

## vet: gofmt check and go vet
vet:
	@out=$$(gofmt -l cmd internal); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi
	$(GO) vet ./...

## gotest: the Go tests only
gotest:
	$(GO) test -count=1 ./...

## validate: EPUBCheck, epubcheck-ts, Ace, qpdf, pdffonts, the Nu HTML checker and axe-core on dist/,
## and the article set in the garamond layout (OpenType CFF fonts) in dist/garamond/
validate: deps editions
	./$(BIN) build --layout garamond -o $(DIST)/garamond $(BOOK)
	scripts/validate.sh $(DIST)/*.epub $(DIST)/*.pdf $(DIST)/*.html $(DIST)/garamond/*.epub $(DIST)/garamond/*.pdf

## deps: install missing Debian packages and npm validators (tools/)
deps:
	@scripts/deps.sh

## bench: Go benchmarks and whole-build timings
bench: $(BIN)
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...
	scripts/bench.sh

## fuzz: run each fuzz target for FUZZTIME (default 30s), e.g. make fuzz FUZZTIME=10m
.PHONY: fuzz
fuzz:
	FUZZTIME=$(or $(FUZZTIME),30s) scripts/fuzz.sh

## fmt: format the Go code
fmt:
	gofmt -w cmd internal

## clean: remove built editions and binaries
clean:
	rm -rf bin
	find $(DIST) -mindepth 1 ! -name README.md -delete 2>/dev/null || true

## help: list the targets
help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'
