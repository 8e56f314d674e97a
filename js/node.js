// Node >= 20 entry (package.json "exports" condition "node").
import "./init-node.js";
export * from "./index.js";
/** @internal the wasm instance's exports (tests read `__wasm.memory`). */
export { wasm as __wasm } from "./init-node.js";
