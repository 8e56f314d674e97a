#!/usr/bin/env node
// Gives the wasm's imports short names, in the module and in its glue alike.
//
// wasm-bindgen names each JS function the module imports after the Rust
// binding plus a 16-digit hash (`__wbg_batch_e0675c571c498639`), and the
// module after the glue ("./quarry_bg.js"); the exports are the Rust names
// (`core_compileBulkUpdate`, closure shims with a hash). Both files carry
// every name, and the hashes do not compress: about 2,000 gzipped bytes for
// ~70 imports. The names mean nothing outside this pair of files (the glue
// hands the imports object to WebAssembly.instantiate itself and reads the
// exports as `wasm.name`), so here they become `a`, `b`, ... and the module
// "q", rewritten in pkg/quarry_bg.wasm's import and export sections and in
// pkg/quarry.js. `memory` keeps its name (tests read `__wasm.memory`). Run
// by scripts/build.sh after wasm-opt and before the glue is minified; it
// fails the build when the glue names one of them any other way.
//
// usage: node scripts/short-imports.mjs pkg/quarry_bg.wasm pkg/quarry.js
import { readFileSync, writeFileSync } from "node:fs";
import { Reader, leb, name, section } from "./wasm-binary.mjs";

const [wasmPath, gluePath] = process.argv.slice(2);
const MODULE = "./quarry_bg.js";
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

function fail(msg) {
  console.error(`short-imports: ${msg}`);
  process.exit(1);
}

// Names a, b, ..., Z, aa, ab, ...: never "__proto__" or another glue key.
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const short = (i) => (i < LETTERS.length ? LETTERS[i] : short(Math.floor(i / LETTERS.length) - 1) + LETTERS[i % LETTERS.length]);

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
const r = new Reader(wasm);
const parts = [wasm.subarray(0, 8)];
const renamed = new Map();
const exported = new Map();
let seen = false;
while (r.pos < wasm.length) {
  const { id, start, end } = r.section();
  if (id === 7) {
    // Exports: each the glue reads but `memory` (tests read __wasm.memory) named anew.
    const count = r.u32();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const field = r.str();
      const descStart = r.pos;
      r.pos++; // kind
      r.u32(); // index
      const used = new RegExp(`\\bwasm\\.${field}\\b`).test(glue);
      const to = field === "memory" || !used ? field : short(exported.size);
      if (to !== field) exported.set(field, to);
      entries.push(name(to), wasm.subarray(descStart, r.pos));
    }
    if (r.pos !== end) fail("the export section did not end where its size says");
    parts.push(section(7, Buffer.concat(entries)));
    continue;
  }
  if (id !== 2) {
    parts.push(wasm.subarray(start, end));
    r.pos = end;
    continue;
  }
  seen = true;
  const count = r.u32();
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    const module = r.str();
    const field = r.str();
    const descStart = r.pos;
    try {
      r.importDesc();
    } catch (e) {
      fail(`${e.message} (${module}.${field})`);
    }
    const desc = wasm.subarray(descStart, r.pos);
    if (module !== MODULE) fail(`an import from "${module}" (${field}): only "${MODULE}" is expected`);
    if (renamed.has(field)) fail(`${field} is imported twice`);
    const to = short(renamed.size);
    renamed.set(field, to);
    entries.push(name("q"), name(to), desc);
  }
  if (r.pos !== end) fail("the import section did not end where its size says");
  parts.push(section(2, Buffer.concat(entries)));
}
if (!seen) fail(`${wasmPath} has no import section`);

// ---- the glue: the imports object's module key and each import's key ----
const moduleKey = JSON.stringify(MODULE);
if (glue.split(moduleKey).length !== 2) fail(`${gluePath} names ${moduleKey} other than once`);
glue = glue.replace(moduleKey, '"q"');
for (const [from, to] of renamed) {
  // Each is a key of the imports object (`from: function`), found whole.
  const re = new RegExp(`\\b${from}(?=\\s*:)`, "g");
  const hits = glue.match(re)?.length ?? 0;
  if (hits !== 1) fail(`${gluePath} has ${hits} keys ${from} (1 expected)`);
  if (glue.split(from).length !== 2) fail(`${gluePath} names ${from} elsewhere than as its key`);
  glue = glue.replace(re, to);
}
// The glue reads the exports as `wasm.name` (its instance's exports).
for (const [from, to] of exported) {
  const re = new RegExp(`\\bwasm\\.${from}\\b`, "g");
  const hits = glue.match(re)?.length ?? 0;
  // Elsewhere the name may only be a JS name of the glue's own (`export
  // function setErrorFactory(f)` calls wasm.setErrorFactory): never a
  // property read or a string.
  if (hits === 0 || new RegExp(`[.'"\`]${from}\\b`).test(glue.replace(re, ""))) {
    fail(`${gluePath} names the export ${from} other than as wasm.${from}`);
  }
  glue = glue.replace(re, `wasm.${to}`);
}

writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
