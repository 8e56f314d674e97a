// Node >= 20 entry (package.json "exports" condition "node"): instantiates
// the wasm synchronously as this module runs (index.js calls into it only
// from calls made after the import).
// fs comes from process.getBuiltinModule (Node >= 20.16) and, before it,
// from a require made by node:module, imported only then: a static `import
// ... from "node:fs"` builds that module's ESM facade, which loads Node's
// streams (~1.5 ms of a cold start), and a static one of "node:module"
// costs ~0.5 ms more than this await that newer Nodes never reach.
import { initSync } from "../pkg/quarry.js";
export * from "./index.js";

const fs = process.getBuiltinModule?.("fs") ?? (await import("node:module")).createRequire(import.meta.url)("node:fs");
/** @internal the wasm instance's exports (tests read `__wasm.memory`). */
export const __wasm = initSync({ module: fs.readFileSync(new URL("../pkg/quarry_bg.wasm", import.meta.url)) });
