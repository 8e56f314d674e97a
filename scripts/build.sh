#!/usr/bin/env bash
# cargo (wasm32, release) -> wasm-bindgen --target web into pkg/ -> wasm-opt -Oz --converge.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
wasm="$target_dir/wasm32-unknown-unknown/release/quarry.wasm"

# strip = true in the release profile would also drop the target_features
# section, and wasm-bindgen needs it to see that the module uses multivalue and
# reference types (without it, it falls back to slower MVP glue and warns).
# So keep the section here and let wasm-opt strip names and debug info below.
# LLVM's hot/cold splitting: blocks that only lead to a trap or an error
# return move out of their function. -305 B gzipped at 2a2a723's parent and
# -177 B after stop 21's size cuts (zlib -9 of the wasm). An inline threshold
# below opt-level "z"'s 5 measured as noise (-5: -271 then +108 B; 0, -2,
# -10, -15, -20, -30, -50, -100: from -887 to +3,900 B, changing sign with
# the code), so it is not set. The first query's lazily compiled bytes stay
# the same (114 KB).
cargo build --release --target wasm32-unknown-unknown --config 'profile.release.strip="debuginfo"' \
  --config 'target.wasm32-unknown-unknown.rustflags=["-Cllvm-args=-hot-cold-split=true"]'
wasm-bindgen --target web --out-dir pkg --out-name quarry "$wasm"
# Features as rustc's wasm32-unknown-unknown emits them (Rust >= 1.82); wasm-opt
# must accept them to validate the module. --converge repeats -Oz until the
# module stops shrinking (about 500 gzipped bytes for ~15 s more).
# --low-memory-unused lets it fold constant offsets into loads and stores
# (about 1,500 gzipped bytes). True of rustc's layout: the 1 MB stack comes
# first and grows down from 1 MB, data sits above it, so the first 1 KB is
# only reached by a stack overflow.
# -ocimfs 20: inline a function that has one caller only when it is at most
# 20 bytes (binaryen's default inlines every one-caller function). The raw
# module grows 2% but gzips 9,100 bytes smaller (215,443 -> 206,334), and the
# first query's lazily compiled code shrinks from 193 KB to 169 KB: a huge
# dispatcher (one `match` arm used) no longer carries every arm it calls.
# Measured against -ocimfs 0/10/30/50/100/400: 10-30 are the best.
# Both passes below use the same options.
opt="-Oz --low-memory-unused -ocimfs 20 --strip-debug --strip-producers --strip-target-features
  --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue"
wasm-opt $opt --converge pkg/quarry_bg.wasm -o pkg/quarry_bg.wasm
# The functions in the order that gzips best (-4,122 B; see the script): it
# names each function by its rank, wasm-opt moves them into that order and
# strips the names. The second -Oz changes nothing by itself (a converged
# module); without it, reading and writing the module back would add 780 raw
# bytes of binaryen's scratch locals.
# (--strip-debug drops the name section binaryen writes, not the names it
# holds, so the sort by name after it still sees them: the output is the
# same as with the sort first.)
# The script tries QUARRY_ORDER_TRIES starting points for its greedy order
# (default 32), keeps the one whose module gzips smallest, then tries
# QUARRY_ORDER_MOVES moves of its functions (default 1,000; ~30 s) and keeps
# those that gzip smaller (see there).
node scripts/order-functions.mjs pkg/quarry_bg.wasm pkg/quarry_bg.ordered.wasm "${QUARRY_ORDER_TRIES:-32}" "${QUARRY_ORDER_MOVES:-1000}"
wasm-opt $opt --reorder-functions-by-name pkg/quarry_bg.ordered.wasm -o pkg/quarry_bg.wasm
rm pkg/quarry_bg.ordered.wasm
# The imports' names (wasm-bindgen's, each with a 16-digit hash) become
# a, b, ... in the module and the glue alike, and so do its exports but
# memory (-2,760 B gzipped for the imports; see the script).
node scripts/short-imports.mjs pkg/quarry_bg.wasm pkg/quarry.js
# Less of the glue's init code that Quarry's entries never reach (see the script).
node scripts/trim-glue.mjs pkg/quarry.js
# The generated glue is build output: ship it minified (esbuild, pinned in package.json).
esbuild pkg/quarry.js --minify --format=esm --outfile=pkg/quarry.js --allow-overwrite --log-level=warning
# What ships of js/: each module minified on its own into dist/ (same file
# names, so their relative imports of ../pkg/ still resolve). No --format:
# the modules stay ESM as written, and esbuild keeps exported declarations
# (`export class QuerySet`, `export class FieldError`, `export const F`)
# with their names, renaming only what a module keeps to itself (-800 B
# gzipped against --format=esm, which renamed each and listed
# `export{a as QuerySet,...}` at the end). No --keep-names (-1,000 B): the
# exported names are kept already, and index.js and errors.js name their
# classes themselves (a user's bundler may rename a class too).
rm -rf dist && mkdir -p dist
esbuild js/*.js --minify --outdir=dist --log-level=warning
# Then terser (pinned in package.json) over esbuild's output and the glue: two
# compress passes and its own name mangling find what esbuild's one pass
# leaves (folded conditionals and returns, inlined single-use constants).
# -429 B gzipped in all when it ran (dist/index.js -370; errors.js +33). Its defaults only, nothing
# "unsafe"; exported names are an ES module's interface and stay. --ecma 2020
# lets it write ES2020 forms (the sources use ES2022's private methods
# already): -46 B gzipped (errors.js -34, index.js -12).
for f in pkg/quarry.js dist/*.js; do
  terser "$f" --module --ecma 2020 --compress passes=2,ecma=2020 --mangle --output "$f"
done
echo "build: pkg/quarry_bg.wasm $(wc -c < pkg/quarry_bg.wasm) bytes ($(gzip -9c pkg/quarry_bg.wasm | wc -c) gzipped), dist/*.js $(cat dist/*.js | wc -c) bytes"
