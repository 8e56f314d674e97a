// Snippets run.mjs hands to `node --input-type=module -e` (one fresh process
// per sample). Each prints one JSON line of timings in ms, measured with
// performance.now() inside the process (node's own boot is not included).

const q = JSON.stringify;

/** Import a compile-mix module (library + models/tables), build and compile its first query, then the rest. */
export function generic(moduleUrl) {
  return `
const t0 = performance.now();
const lib = await import(${q(moduleUrl)});
const t1 = performance.now();
const qs = lib.setup();
const t2 = performance.now();
qs[0].compile(qs[0].build(0));
const t3 = performance.now();
for (const x of qs.slice(1)) if (x.compile) x.compile(x.build(0));
const t4 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, setup: t2 - t1, first: t3 - t2, total: t3 - t0, rest: t4 - t3 }));
`;
}

/**
 * Quarry with its load split: the wasm-bindgen glue, reading the .wasm,
 * WebAssembly.Module (compile), initSync (instantiate), then the JS API
 * (js/node.js: its initSync is then a no-op, but it reads the file again).
 */
export function quarryPhased(glueUrl, wasmPath, moduleUrl) {
  return `
import { readFileSync } from "node:fs";
const t0 = performance.now();
const glue = await import(${q(glueUrl)});
const t1 = performance.now();
const bytes = readFileSync(${q(wasmPath)});
const t2 = performance.now();
const module = new WebAssembly.Module(bytes);
const t3 = performance.now();
glue.initSync({ module });
const t4 = performance.now();
const lib = await import(${q(moduleUrl)});
const t5 = performance.now();
const qs = lib.setup();
const t6 = performance.now();
qs[0].compile(qs[0].build(0));
const t7 = performance.now();
console.log(JSON.stringify({ glue: t1 - t0, read: t2 - t1, compile: t3 - t2, instantiate: t4 - t3, api: t5 - t4, setup: t6 - t5, first: t7 - t6, total: t7 - t0 }));
`;
}

/**
 * Import, models and the first query, nothing after: run under
 * `--trace-wasm-compilation-times`, V8 reports every wasm function it
 * compiled on its first call (Liftoff) up to the first SQL.
 */
export function firstQuery(moduleUrl) {
  return `
const lib = await import(${q(moduleUrl)});
const qs = lib.setup();
qs[0].compile(qs[0].build(0));
`;
}
