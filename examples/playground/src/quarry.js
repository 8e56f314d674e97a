// The one place the playground touches the package: its `browser` entry
// (package.json "exports"), bundled by esbuild. The entry initialises the
// wasm itself (today with a top-level await; the wasm is fetched from
// quarry_bg.wasm next to the bundle, which scripts/build-playground.mjs
// copies there). If the entry's start-up changes, only `ready()` changes.
import * as quarry from "quarry";

/** The package's exports, once the wasm is ready. */
export async function ready() {
  return quarry;
}
