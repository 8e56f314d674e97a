#!/usr/bin/env node
// Builds the playground (examples/playground) into examples/playground/dist/:
// static files any static host can serve (index.html, style.css, app.js and
// its chunks, the wasm files they fetch, sw.js for offline use).
//
//   node scripts/build-playground.mjs        (make demo and make size run it)
//
// The page imports the package as "quarry" through its `browser` export
// (package.json), so it needs `make build` first (pkg/, dist/).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const playgroundDir = join(root, "examples", "playground");
export const outDir = join(playgroundDir, "dist");

/** Every file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  walk(dir);
  return out;
}

/** Builds the playground; returns `{ outDir, files }`. */
export async function buildPlayground({ log = console.log } = {}) {
  for (const f of ["pkg/quarry_bg.wasm", "dist/browser.js"]) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`make build\` first`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { app: join(playgroundDir, "src", "main.js") },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    chunkNames: "[name]-[hash]",
    // "quarry" resolves to this package itself (a package may import its
    // own name) through package.json's exports, condition "browser", as in
    // a user's bundler.
    outdir: outDir,
    logLevel: "warning",
  });
  // The files the code fetches next to itself (new URL(file, import.meta.url)).
  copyFileSync(join(root, "pkg", "quarry_bg.wasm"), join(outDir, "quarry_bg.wasm"));
  copyFileSync(join(root, "node_modules", "sql.js", "dist", "sql-wasm-browser.wasm"), join(outDir, "sql-wasm-browser.wasm"));
  copyFileSync(join(root, "node_modules", "@sqlite.org", "sqlite-wasm", "dist", "sqlite3.wasm"), join(outDir, "sqlite3.wasm"));
  for (const f of ["index.html", "style.css"]) copyFileSync(join(playgroundDir, f), join(outDir, f));
  // The service worker: a version from the files' contents; what the
  // default page loads is cached at install (sqlite-wasm, loaded only with
  // ?engine=sqlite-wasm, is cached when first fetched).
  const files = listFiles(outDir);
  const hash = createHash("sha256");
  for (const f of files) hash.update(f).update(readFileSync(join(outDir, f)));
  const version = hash.digest("hex").slice(0, 12);
  const sqliteWasmChunk = (f) => f === "sqlite3.wasm" || readFileSync(join(outDir, f), "latin1").includes("sqlite3-opfs-async-proxy");
  const precache = ["./", ...files.filter((f) => !sqliteWasmChunk(f))];
  const sw = readFileSync(join(playgroundDir, "src", "sw.js"), "utf8").replace('"__VERSION__"', JSON.stringify(version)).replace("__FILES__", JSON.stringify(precache));
  writeFileSync(join(outDir, "sw.js"), sw);
  const all = listFiles(outDir);
  log?.(`playground: built ${all.length} files into ${relative(root, outDir)}/ (version ${version})`);
  return { outDir, files: all };
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === "") {
  buildPlayground().catch((e) => {
    console.error(`playground: ${e.message}`);
    process.exit(1);
  });
}
