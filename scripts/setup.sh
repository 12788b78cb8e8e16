#!/usr/bin/env bash
# Installs whatever this project needs and the machine lacks. Idempotent: every step checks first,
# so a second run costs seconds. Usage: scripts/setup.sh [build|test]
#   build  wasm target, wasm-pack, the wasm-bindgen CLI matching Cargo.lock, npm packages
#   test   all of the above plus Debian's chromium + chromedriver (Playwright) hugo and jekyll (static-site tests)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI must match the crate version in Cargo.lock exactly, or wasm-pack downloads one
# (and the network here reaches only registries). Cargo.toml pins the crate with `=`.
want_wb=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
[ -n "$want_wb" ] || want_wb=$(sed -n 's/^wasm-bindgen *= *"=\([0-9.]*\)".*/\1/p' Cargo.toml)
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$want_wb" ]; then
  say "installing wasm-bindgen-cli $want_wb (have: ${have_wb:-none}; ~3.5 min)"
  # Not --locked: with it the install fails (see README, "Toolchain notes").
  cargo install wasm-bindgen-cli --version "$want_wb" --force
fi

if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (~3.5 min)"
  cargo install wasm-pack --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package.json -nt node_modules/.stamp ]; then
  say "installing npm packages (binaryen's wasm-opt, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.stamp
fi

if [ "$what" = test ]; then
  # Debian's Chromium for the browser tests, Hugo and Jekyll for the static-site tests
  # (tests/hugo/, tests/jekyll/).
  missing=""
  { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || missing="chromium chromium-driver"
  command -v hugo >/dev/null || missing="$missing hugo"
  command -v jekyll >/dev/null || missing="$missing jekyll"
  if [ -n "$missing" ]; then
    say "installing Debian's $missing (~1 min)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $missing >/dev/null
  fi
fi
say "ready ($what)"
