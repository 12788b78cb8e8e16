# essay-widgets. Quick start: `make serve` (demo at http://127.0.0.1:8000/) and `make test`.
# Both install whatever is missing first (scripts/setup.sh); nothing else is needed.

PORT ?= 8000
WASM := pkg/essay_widgets_bg.wasm
# The features rustc enables for wasm32 by default; npm's binaryen must be told (TOOLCHAIN.md).
WASM_OPT_FLAGS := -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --strip-debug --strip-producers
SOURCES := $(shell find src www -type f) Cargo.toml $(wildcard Cargo.lock)

.PHONY: all setup setup-test build serve test test-native test-browser fuzz fallbacks bench size clean
all: build
.DELETE_ON_ERROR:

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

# Release build: wasm-pack (its own wasm-opt is off in Cargo.toml), then npm's wasm-opt.
build: setup $(WASM)
$(WASM): $(SOURCES)
	wasm-pack --quiet build --target web --release --no-typescript --no-pack
	node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) $(WASM) -o $(WASM)
	@$(MAKE) --no-print-directory size

serve: build
	node scripts/serve.mjs --port $(PORT)

test: setup-test test-native build test-browser

test-native:
	cargo test --quiet

test-browser: build
	node --test --test-concurrency=1 tests/e2e/

# Sizes (total and per widget), start-up time, input→paint latency and memory, in headless
# Chromium (~3 minutes: it builds the bundle three more times for the per-widget sizes).
bench: setup-test build
	node scripts/bench.mjs

# The URL decoder against a million hostile queries (make test runs 3,000 of them).
fuzz:
	FUZZ_CASES=$${FUZZ_CASES:-1000000} cargo test --release --quiet --test native fuzz_the_decoder

# No-JS fallbacks for the demo page: each widget's chart as SVG, and the snippet to paste into its
# placeholder (tests/native.rs checks that index.html and www/fallback/ are current).
WIDGETS := orbital-gpu-cost datacenter-power flash-scarcity
fallbacks:
	@mkdir -p www/fallback
	@for id in $(WIDGETS); do cargo run --quiet --bin essay-render -- $$id --svg www/fallback/$$id.svg --html; done

size:
	@node scripts/size.mjs

clean:
	rm -rf pkg target/wasm32-unknown-unknown
