// Cloudflare Workers / workerd entry (package.json "exports" condition
// "workerd"). wrangler/workerd turn a .wasm import into a
// WebAssembly.Module (a CompiledWasm module), which initSync instantiates
// synchronously as this module runs.
import wasm from "../pkg/quarry_bg.wasm";
import { initSync } from "../pkg/quarry.js";
export * from "./index.js";

/** @internal the wasm instance's exports (tests read `__wasm.memory`). */
export const __wasm = initSync({ module: wasm });
