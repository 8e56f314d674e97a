# Quarry — build, test and demo. Every target installs what it needs first
# (skipping what is already present); the logic lives in scripts/.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export WRANGLER_SEND_METRICS := false

.PHONY: all tools build test test-rust test-js lint demo size bench differential differential-writes clean

all: build

## tools: wasm32 target, wasm-bindgen-cli (Cargo.lock's version), npm packages, Django 5.2
tools:
	@bash scripts/tools.sh

## build: cargo (wasm32, release) -> wasm-bindgen (--target web, pkg/) -> wasm-opt -Oz
build: tools
	@bash scripts/build.sh

## test: build, then the Rust tests, then the JS tests (real D1 and Worker via Miniflare)
test: build
	tsc -p tests/types --noEmit --strict
	cargo test
	rm -f target/sql-log.jsonl
	QUARRY_CHECK_PLANS=1 QUARRY_SQL_LOG=$(CURDIR)/target/sql-log.jsonl node --test tests/js/
	QUARRY_SQL_LOG=$(CURDIR)/target/sql-log.jsonl cargo test --test logged_sql -- --nocapture

## lint: rustfmt and clippy, as CI runs them (warnings are errors)
lint: tools
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

test-rust: tools
	cargo test

test-js: build
	node --test tests/js/

## demo: the playground on http://127.0.0.1:8788/ (built into examples/playground/dist/) and the example Worker on http://127.0.0.1:8787/ with a seeded D1 (Ctrl-C stops both)
demo: build
	node scripts/demo.mjs

## size: gzip -9 size of what ships (pkg/quarry_bg.wasm, pkg/quarry.js, js/*.js); then, printed only, the playground's weight and time to interactive
size: build
	node scripts/size.mjs --check

## bench: node bench/run.mjs (Issue 11 summary at the end); BENCH_ARGS=--quick for a smoke run
bench: build
	@if [ -f bench/run.mjs ]; then node bench/run.mjs $(BENCH_ARGS); else echo "bench/run.mjs does not exist yet"; fi

## differential: SEED's random oracle cases (COUNT of them, default 300; FAMILY core or more; tests/django/random_cases.py) asked of real Django and of Quarry on D1
differential: build
	mkdir -p target
	python3 tests/django/random_cases.py --seed $(or $(SEED),1) --count $(or $(COUNT),300) --family $(or $(FAMILY),core) > target/random-cases.json
	QUARRY_CASES=$(CURDIR)/target/random-cases.json QUARRY_CHECK_PLANS=1 node --test tests/js/django.test.mjs

## differential-writes: SEED's random groups of writes (COUNT, default 60; tests/django/random_groups.py) run by Django inside transaction.atomic() and by db.atomic() on D1
differential-writes: build
	mkdir -p target
	python3 tests/django/random_groups.py --seed $(or $(SEED),1) --count $(or $(COUNT),60) > target/random-groups.json
	QUARRY_GROUPS=$(CURDIR)/target/random-groups.json node --test tests/js/atomic.test.mjs

clean:
	rm -rf pkg dist .wrangler/tmp examples/playground/dist
