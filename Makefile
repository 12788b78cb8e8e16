# essay-widgets. Quick start: `make serve` (demo at http://127.0.0.1:8000/) and `make test`.
# Both install whatever is missing first (scripts/setup.sh); nothing else is needed.

PORT ?= 8000
WASM := pkg/essay_widgets_bg.wasm
# The features rustc enables for wasm32 by default; npm's binaryen must be told (TOOLCHAIN.md).
WASM_OPT_FLAGS := -Oz --converge --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --strip-debug --strip-producers
# Panic locations name their files: shorten the registry's long paths in the wasm.
REGISTRY_SRC := $(wildcard $(or $(CARGO_HOME),$(HOME)/.cargo)/registry/src/*/)
WASM_RUSTFLAGS := $(foreach d,$(REGISTRY_SRC),--remap-path-prefix=$(d)=) --remap-path-prefix=$(CURDIR)/=
SOURCES := $(filter-out www/models/index.json,$(shell find src crates www -type f -not -path "crates/*/target/*")) Cargo.toml $(wildcard Cargo.lock)

.PHONY: all setup setup-test build release serve test test-native test-wasm test-browser fuzz fallbacks bench bench-peers size dist clean
all: build
.DELETE_ON_ERROR:

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

# Release build: wasm-pack (its own wasm-opt is off in Cargo.toml), npm's wasm-opt, then short
# import names and a minified JS glue (scripts/minify.mjs). CRATE=dir builds another copy of the
# crate into dir/pkg (make bench does, for the per-widget sizes); FEATURES=bench adds the bench's
# Monte Carlo timer.
CRATE ?= .
build: setup $(WASM) www/models/index.json
$(WASM): $(SOURCES)
	@$(MAKE) --no-print-directory release CRATE=.
	@$(MAKE) --no-print-directory size

# The kit's widget ids, for the builder (a static site cannot list a folder).
www/models/index.json: $(wildcard www/models/*.toml)
	@node scripts/models-index.mjs

release:
	RUSTFLAGS="$(WASM_RUSTFLAGS)" wasm-pack --quiet build --target web --release --no-typescript --no-pack $(CRATE) $(if $(FEATURES),-- --features $(FEATURES))
	node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) $(CRATE)/$(WASM) -o $(CRATE)/$(WASM)
	node scripts/minify.mjs $(CRATE)/$(WASM) $(CRATE)/pkg/essay_widgets.js
	@# wasm-pack writes pkg/.gitignore (`*`): a site committed with git would deploy without the bundle.
	rm -f $(CRATE)/pkg/.gitignore

serve: build
	node scripts/serve.mjs --port $(PORT)

test: setup-test test-native test-wasm build test-browser

test-native:
	cargo test --workspace --quiet

# The Leptos components in headless Chromium (wasm-bindgen-test; Chrome flags in webdriver.json),
# with the kit's model files embedded (a page fetches them instead).
test-wasm:
	wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver -- --test web --features builtins

test-browser: dist
	node --test --test-concurrency=1 tests/e2e/

# Sizes (total and per widget), start-up time, input→paint latency and memory, in headless
# Chromium (~3 minutes: it builds the bundle three more times for the per-widget sizes).
bench: setup-test build
	node scripts/bench.mjs
	node scripts/bench-peers.mjs

# Section 7 alone: our widget against Chart.js, Observable Plot and plain canvas (~4 minutes).
bench-peers: setup-test build
	node scripts/bench-peers.mjs

# The URL decoder against a million hostile queries, and the model-file reader and compiler
# against a million mutated model files (make test runs 3,000 of each).
fuzz:
	FUZZ_CASES=$${FUZZ_CASES:-1000000} cargo test --release --quiet --test native fuzz_the_decoder
	FUZZ_MODEL_CASES=$${FUZZ_MODEL_CASES:-1000000} cargo test --release --quiet --test native fuzz_model_files

# No-JS fallbacks for the demo page: each widget's chart as SVG, and its snippet put into the
# placeholder in index.html (tests/native.rs checks both are current). Every widget in the
# registry: essay-render --all.
fallbacks:
	@node scripts/fallbacks.mjs

size:
	@node scripts/size.mjs

# The release folder (dist/essay-widgets/) and the npm package (dist/essay-widgets-VERSION.tgz)
# for authors without Rust; prints each file's Subresource Integrity hash.
dist: build
	@node scripts/dist.mjs

clean:
	rm -rf pkg dist target/wasm32-unknown-unknown
