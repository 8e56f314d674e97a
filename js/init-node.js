// Initialises the wasm module for Node. Imported first by node.js, so the
// module is ready before anything in index.js can call into it.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/quarry.js";

/** @internal the instance's exports (tests read `wasm.memory`). */
export const wasm = initSync({ module: readFileSync(new URL("../pkg/quarry_bg.wasm", import.meta.url)) });
