# The two commands: `make run` serves the demo, `make test` runs every test.
# Each installs what it needs first (see scripts/setup.sh); both skip what is already there.

export LEPTOS_OUTPUT_NAME := ocop-market
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

.PHONY: run test setup setup-test site site-release lint unit-and-server-tests browser-tests bench

run: setup site-release
	$(TARGET_DIR)/release/server

test: setup setup-test site lint unit-and-server-tests browser-tests

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

site:
	scripts/build-site.sh debug

site-release:
	scripts/build-site.sh release

# Formatting, and clippy with warnings as errors for the server build and the browser's.
lint:
	cargo fmt --all --check
	cargo clippy -p app -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

unit-and-server-tests:
	cargo test -p app -p server

browser-tests:
	cd end2end && SERVER_BIN="$(abspath $(TARGET_DIR))/debug/server" npx playwright test

# Figures, not tests: throughput against nginx, search latency at 100,000 products, memory,
# page weight and Lighthouse scores (see scripts/bench.sh). BENCH_PROFILE=debug for a quick try.
bench: setup
	scripts/bench.sh
