// Initialises the wasm module in a Cloudflare Worker. wrangler/workerd turn a
// .wasm import into a WebAssembly.Module (a CompiledWasm module), which
// initSync instantiates synchronously. Imported first by workerd.js.
import wasm from "../pkg/quarry_bg.wasm";
import { initSync } from "../pkg/quarry.js";

/** @internal the instance's exports (tests read `exports.memory`). */
export const exports = initSync({ module: wasm });
