# Kinerja — `make help` lists the targets.
# Without DATABASE_URL, targets use a project-local PostgreSQL cluster in .pg/
# (scripts/pg.sh installs and starts it).

SHELL := /bin/bash
GO ?= go
BIN := bin/kinerja
DB_NAME ?= kinerja
export KINERJA_ADDR ?= localhost:8080

.DEFAULT_GOAL := help

# db-url prints DATABASE_URL, or starts the local cluster and creates $(DB_NAME).
define db-url
$$(if [ -n "$$DATABASE_URL" ]; then echo "$$DATABASE_URL"; else scripts/pg.sh start >/dev/null && scripts/pg.sh createdb $(DB_NAME); fi)
endef

.PHONY: help
help: ## show this help
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

.PHONY: build
build: ## build bin/kinerja
	$(GO) build -o $(BIN) ./cmd/kinerja

.PHONY: run
run: build ## start Kinerja at http://localhost:8080 with demo data (PostgreSQL and Chromium for PDFs included)
	@url=$(db-url); \
	chromium=$$(scripts/chromium.sh || echo ""); \
	app=$$(if [ -n "$$DATABASE_URL" ]; then echo "$$url"; else echo "$$url" | sed 's#://postgres@#://kinerja_app@#'; fi); \
	if [ -z "$$KINERJA_SECRET_KEY" ] && [ ! -s .secret-key ]; then (umask 077; head -c 32 /dev/urandom | base64 > .secret-key); fi; \
	key=$${KINERJA_SECRET_KEY:-$$(cat .secret-key)}; \
	DATABASE_URL="$$url" $(BIN) migrate up && \
	if [ "$$app" != "$$url" ]; then DATABASE_URL="$$url" $(BIN) grant --create kinerja_app; fi && \
	DATABASE_URL="$$url" $(BIN) seed --demo --if-empty && \
	exec env DATABASE_URL="$$app" KINERJA_MIGRATE_DATABASE_URL="$$url" KINERJA_CHROMIUM="$$chromium" KINERJA_SECRET_KEY="$$key" $(BIN) serve

.PHONY: migrate
migrate: build ## apply the migrations
	@DATABASE_URL="$(db-url)" $(BIN) migrate up

.PHONY: seed
seed: build ## load the demo data into an empty database
	@DATABASE_URL="$(db-url)" $(BIN) seed --demo --if-empty

.PHONY: generate
generate: ## regenerate the templ components (commit the *_templ.go files)
	$(GO) tool templ generate

.PHONY: check-generated
check-generated: generate ## fail when committed generated files are stale
	@git diff --exit-code -- '*_templ.go' || { echo "templ output is stale: run 'make generate' and commit"; exit 1; }

.PHONY: lint
lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

.PHONY: test
test: ## run the whole suite (starts PostgreSQL, installs Chromium, pdftotext and Mailpit where missing)
	@scripts/pg.sh start >/dev/null
	@chromium=$$(scripts/chromium.sh) && mailpit=$$(scripts/mailpit.sh) && report=$$(mktemp) && \
	KINERJA_TEST_DATABASE_URL="$${KINERJA_TEST_DATABASE_URL:-$$(scripts/pg.sh url)}" \
	KINERJA_CHROMIUM="$$chromium" KINERJA_MAILPIT="$$mailpit" KINERJA_AXE_REPORT="$$report" \
	$(GO) test -race -count=1 -parallel 8 ./... && \
	{ if [ -s "$$report" ]; then cat "$$report"; else echo "axe: no report (TestAccessibilityAxe did not run)"; exit 1; fi; rm -f "$$report"; }

.PHONY: bench
bench: ## load-test the real server on 50,000 pegawai and print figures beside the baseline
	@scripts/bench.sh

.PHONY: db-stop
db-stop: ## stop the project-local PostgreSQL cluster
	@scripts/pg.sh stop

.PHONY: clean
clean: ## remove build output
	rm -rf bin
