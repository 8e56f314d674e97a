#!/usr/bin/env node
// Trims wasm-bindgen's generated glue (pkg/quarry.js, before it is minified)
// of what Quarry's entries never reach: the two warnings for the
// deprecated positional arguments of initSync() and init() (js/node.js,
// js/workerd.js and js/browser.js pass an object or nothing), and
// the long text of the MIME-type warning (the fallback itself stays: a
// server that sends the wasm as another type still gets it compiled).
// Each edit is an exact text of wasm-bindgen 0.2.130's output (pinned in
// Cargo.toml); a glue that lacks one fails the build here rather than
// shipping untrimmed. -136 B gzipped.
// usage: trim-glue.mjs pkg/quarry.js
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
let js = readFileSync(file, "utf8");

const edits = [
  [
    /\n\s*if \(module !== undefined\) \{\n\s*if \(Object\.getPrototypeOf\(module\) === Object\.prototype\) \{\n\s*\(\{module\} = module\)\n\s*\} else \{\n\s*console\.warn\('using deprecated parameters for `initSync\(\)`; pass a single object instead'\)\n\s*\}\n\s*\}\n/,
    "\n    if (module !== undefined) ({module} = module);\n",
  ],
  [
    /\n\s*if \(module_or_path !== undefined\) \{\n\s*if \(Object\.getPrototypeOf\(module_or_path\) === Object\.prototype\) \{\n\s*\(\{module_or_path\} = module_or_path\)\n\s*\} else \{\n\s*console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)\n\s*\}\n\s*\}\n/,
    "\n    if (module_or_path !== undefined) ({module_or_path} = module_or_path);\n",
  ],
  [
    /console\.warn\("`WebAssembly\.instantiateStreaming` failed because your server does not serve Wasm with `application\/wasm` MIME type\. Falling back to `WebAssembly\.instantiate` which is slower\. Original error:\\n", e\);/,
    'console.warn("quarry_bg.wasm is not served as application/wasm: compiled without streaming.", e);',
  ],
];

for (const [pattern, replacement] of edits) {
  if (!pattern.test(js)) throw new Error(`trim-glue: ${file} has no ${pattern}: wasm-bindgen's glue changed; update scripts/trim-glue.mjs`);
  js = js.replace(pattern, () => replacement);
}
writeFileSync(file, js);
