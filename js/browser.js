// Browser / bundler entry (package.json "exports" conditions "browser" and
// "default"). Initialises the wasm module without top-level await (default
// Vite builds refuse it): the fetch starts here and index.js holds queries
// back until it is done (see __loading).
// init() with no argument fetches new URL("quarry_bg.wasm", import.meta.url)
// next to pkg/quarry.js, which bundlers (Vite, webpack, Parcel) emit as an
// asset; an esbuild bundle needs the file copied next to it.
import init from "../pkg/quarry.js";
import { __loading } from "./index.js";
export * from "./index.js";

/** @internal the instance's exports once loaded (tests read `__wasm.memory`). */
export let __wasm = null;

// `vite dev` pre-bundles dependencies into node_modules/.vite/deps/ without
// their assets, so the URL above points into that folder: there, fetch the
// file from the package's own folder (Vite serves node_modules).
const here = new URL(import.meta.url);
const options = /\/node_modules\/\.vite\/deps\/[^/]*$/.test(here.pathname)
  ? { module_or_path: new URL("../../quarry/pkg/quarry_bg.wasm", here) }
  : undefined;
__loading(init(options).then((e) => (__wasm = e)));
