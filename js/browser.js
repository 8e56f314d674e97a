// Browser / bundler entry (package.json "exports" conditions "browser" and "default").
import "./init-browser.js";
export * from "./index.js";
/** @internal the wasm instance's exports (tests read `__wasm.memory`). */
export { exports as __wasm } from "./init-browser.js";
