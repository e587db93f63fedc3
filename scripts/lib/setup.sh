#!/usr/bin/env bash
# Idempotent set-up shared by scripts/serve and scripts/test: each step checks first and installs
# only what is missing, so a machine that has everything spends seconds here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# tools/bin comes first: its wasm-opt (npm binaryen) must win over any older system one.
export PATH="$ROOT/tools/bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  # trunk 0.22 needs a newer rustc than these machines have; 0.21 is the line we use.
  if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
    say "installing trunk 0.21 (builds from source; several minutes the first time)"
    cargo install trunk --version '~0.21' --locked
  fi
}

# The wasm-bindgen CLI must match the wasm-bindgen library in Cargo.lock exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want
  want="$(locked_wasm_bindgen_version)"
  if [ -z "$want" ]; then
    echo "Cargo.lock names no wasm-bindgen version" >&2
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null; then
    # Not --locked: the registry here can lag behind the CLI's own lock file.
    say "installing wasm-bindgen-cli $want (a few minutes the first time)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_debian_packages() {
  local missing=()
  local pkg bin
  for pair in "$@"; do
    pkg="${pair%%:*}"
    bin="${pair#*:}"
    command -v "$bin" >/dev/null || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
  fi
}

# npm ci in a folder, only when node_modules is missing or older than the lock file.
ensure_npm_packages() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm packages in ${dir#"$ROOT"/} (npm ci)"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_npm_packages "$ROOT/tools"
  ensure_trunk
  ensure_wasm_bindgen
}

ensure_browser_tools() {
  ensure_debian_packages chromium:chromium chromium-driver:chromedriver
}

ensure_e2e_packages() {
  ensure_npm_packages "$ROOT/tests/e2e"
}
