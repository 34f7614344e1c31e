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
tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$pkg/${name}_bg.wasm" -o "$pkg/${name}_bg.wasm"

# Content-addressed names, so browsers may keep them forever: a change is a new name. The
# server reads the names from assets.txt. Leptos loads <app>.js and <app>.wasm.
short_hash() { sha256sum | cut -c1-16; }
app="$name.$(cat "$pkg/$name.js" "$pkg/${name}_bg.wasm" | short_hash)"
mv "$pkg/$name.js" "$pkg/$app.js"
mv "$pkg/${name}_bg.wasm" "$pkg/$app.wasm"
css="$name.$(short_hash < style/main.css).css"
cp style/main.css "$pkg/$css"
navigation="navigation.$(short_hash < frontend/js/navigation.js).js"
cp frontend/js/navigation.js "$pkg/$navigation"
printf 'app=%s\ncss=%s\nnavigation=%s\n' "$app" "$css" "$navigation" > "$pkg/assets.txt"
# Served precompressed: the best compression once at build time, none per request.
for file in "$pkg"/*.js "$pkg"/*.wasm "$pkg"/*.css; do
    gzip -9 -k -f "$file"
    brotli -q 11 -k -f "$file"
done
cp -R public/. site/

if [ "$profile" = release ]; then
    cargo build -p server --release
else
    cargo build -p server
fi
printf 'Site built: WASM %s bytes (%s gzip, %s brotli)\n' "$(stat -c %s "$pkg/$app.wasm")" \
    "$(stat -c %s "$pkg/$app.wasm.gz")" "$(stat -c %s "$pkg/$app.wasm.br")"
