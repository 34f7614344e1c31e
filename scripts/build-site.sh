#!/usr/bin/env bash
# Builds what cargo-leptos would, without it: the hydrating WASM into site/pkg, the CSS and
# static assets, then the server. `release` for serving, `debug` for the tests (the WASM is
# size-optimised either way; only the server's profile differs).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${1:?usage: build-site.sh release|debug}
name=${LEPTOS_OUTPUT_NAME:?LEPTOS_OUTPUT_NAME must be set (the Makefile sets it)}
target_dir=${CARGO_TARGET_DIR:-target}
pkg=site/pkg

cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release

rm -rf site && mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name "$name" \
    "$target_dir/wasm32-unknown-unknown/wasm-release/frontend.wasm"
# Leptos's hydration script loads <name>.wasm.
mv "$pkg/${name}_bg.wasm" "$pkg/$name.wasm"
tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$pkg/$name.wasm" -o "$pkg/$name.wasm"
cp style/main.css "$pkg/$name.css"
cp -R public/. site/

if [ "$profile" = release ]; then
    cargo build -p server --release
else
    cargo build -p server
fi
printf 'Site built: WASM %s bytes (%s gzip)\n' "$(stat -c %s "$pkg/$name.wasm")" "$(gzip -9c "$pkg/$name.wasm" | wc -c)"
