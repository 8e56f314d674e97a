// Initialises the wasm module in a browser (or a bundler's browser build).
// init() with no argument fetches new URL("quarry_bg.wasm", import.meta.url)
// next to pkg/quarry.js; bundlers recognise that pattern as an asset.
// Imported first by browser.js; the top-level await holds back every importer
// until the module is ready.
import init from "../pkg/quarry.js";

/** @internal the instance's exports (tests read `exports.memory`). */
export const exports = await init();
