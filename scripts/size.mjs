#!/usr/bin/env node
// Prints the gzip -9 size of what the package ships to a runtime:
// pkg/quarry_bg.wasm, pkg/quarry.js and dist/*.js (js/*.js minified by the build).
// With --check, exits 1 when the total exceeds the budget (BUDGET). Issue
// 11's target is TARGET (200000): not met yet; the budget holds the line
// where the package is now, so that nothing grows it unnoticed (raised from
// 240000 by issue 13: the browser entry without top-level await, using(),
// and the errors of the first hour, about 2,450 bytes).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";

export const BUDGET = 241_000;
export const TARGET = 200_000;
const root = fileURLToPath(new URL("..", import.meta.url));

export function measure() {
  const files = ["pkg/quarry_bg.wasm", "pkg/quarry.js"];
  for (const f of existsSync(join(root, "dist")) ? readdirSync(join(root, "dist")).sort() : []) {
    if (f.endsWith(".js")) files.push(`dist/${f}`);
  }
  const missing = files.filter((f) => !existsSync(join(root, f)));
  if (missing.length) {
    throw new Error(`missing ${missing.join(", ")}: run \`make build\` first`);
  }
  const rows = files.map((f) => {
    const bytes = readFileSync(join(root, f));
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = rows.reduce((n, r) => n + r.gzip, 0);
  return { rows, total, budget: BUDGET };
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === "") {
  const check = process.argv.includes("--check");
  let result;
  try {
    result = measure();
  } catch (e) {
    console.error(`size: ${e.message}`);
    process.exit(2);
  }
  const { rows, total } = result;
  const w = Math.max(...rows.map((r) => r.file.length), 5);
  console.log(`${"file".padEnd(w)}  ${"raw".padStart(9)}  ${"gzip -9".padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.file.padEnd(w)}  ${String(r.raw).padStart(9)}  ${String(r.gzip).padStart(9)}`);
  }
  console.log(`${"total".padEnd(w)}  ${String(rows.reduce((n, r) => n + r.raw, 0)).padStart(9)}  ${String(total).padStart(9)}`);
  console.log(`budget ${BUDGET} bytes gzipped: ${total <= BUDGET ? "within" : "OVER"} (${total} bytes)`);
  console.log(`target ${TARGET} bytes gzipped (issue 11): ${total <= TARGET ? "met" : `not met (${total - TARGET} bytes over)`}`);
  if (check && total > BUDGET) process.exit(1);
}
