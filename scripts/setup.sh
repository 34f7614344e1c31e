#!/usr/bin/env bash
# Installs what building (`build`) or testing (`test`) needs, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

install_build_tools() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        step "Adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
    # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
    local wanted
    wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
    if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
        step "Installing wasm-bindgen-cli $wanted (about 5 minutes)"
        # Not --locked: its lock file names a crate version the registry may lack.
        cargo install wasm-bindgen-cli --version "$wanted"
    fi
    if ! command -v brotli >/dev/null; then
        step "Installing brotli from Debian (static files are served precompressed)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli
    fi
    # wasm-opt from npm's binaryen: Debian's older binaryen emits WASM that never hydrates.
    if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
        step "Installing binaryen (wasm-opt) from npm"
        (cd tools && npm ci --no-audit --no-fund)
    fi
}

install_test_tools() {
    # `make test` checks formatting and runs clippy (the toolchain's own components).
    for component in clippy rustfmt; do
        if ! rustup component list --installed | grep -q "^$component"; then
            step "Adding the $component component"
            rustup component add "$component"
        fi
    done
    if [ ! -x /usr/bin/chromium ]; then
        step "Installing Chromium from Debian for the browser tests"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    fi
    # Java runs the Nu HTML Checker (npm vnu-jar) of the browser tests.
    if ! command -v java > /dev/null; then
        step "Installing a Java runtime from Debian (the HTML checker of the browser tests)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless
    fi
    # nginx only to check deploy/'s site file (`nginx -t`); it is not started.
    if [ ! -x /usr/sbin/nginx ]; then
        step "Installing nginx from Debian (the deployment test checks its site file)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx
    fi
    # Each package of end2end/package.json: a node_modules from before one was added installs again.
    if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/exceljs ] \
        || [ ! -d end2end/node_modules/vnu-jar ]; then
        step "Installing the browser-test packages"
        # Playwright drives the system's Chromium: never download a browser of its own.
        (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    fi
}

case "${1:-}" in
    build) install_build_tools ;;
    test) install_build_tools; install_test_tools ;;
    *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
