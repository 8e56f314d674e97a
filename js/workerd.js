// Cloudflare Workers / workerd entry (package.json "exports" condition "workerd").
import "./init-workerd.js";
export * from "./index.js";
/** @internal the wasm instance's exports (tests read `__wasm.memory`). */
export { exports as __wasm } from "./init-workerd.js";
