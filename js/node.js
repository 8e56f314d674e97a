// Node >= 20 entry (package.json "exports" condition "node"): instantiates
// the wasm synchronously as this module runs (index.js calls into it only
// from calls made after the import).
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/quarry.js";
export * from "./index.js";

/** @internal the wasm instance's exports (tests read `__wasm.memory`). */
export const __wasm = initSync({ module: readFileSync(new URL("../pkg/quarry_bg.wasm", import.meta.url)) });
