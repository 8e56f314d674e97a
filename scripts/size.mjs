#!/usr/bin/env node
// Prints the gzip -9 size of what the package ships to a runtime:
// pkg/quarry_bg.wasm, pkg/quarry.js and dist/*.js (js/*.js minified by the build).
// Then, for information only, the playground's weight and time to interactive.
// With --check, exits 1 when the total exceeds the budget (BUDGET). Issue
// 11's target is TARGET (200000), met since stop 24: the budget is the
// target now, so that nothing grows the package past it unnoticed. History:
// 250000 (issue 2) -> 240000 -> 241000 (issue 13: the browser entry without
// top-level await, using(), the errors of the first hour, ~2,450 bytes) ->
// 256000 at 255,746 bytes, after issue 7's second half, each measured alone
// against 239,995: JSONField lookups/KT/JSONObject/dates() +6,417, windows
// +9,967, the parity fixes +6,126, raw()/valuesList named +2,910, text
// lookups with an expression +356; less wasm-opt -ocimfs 20, -9,100 ->
// 246000 at 245,617 bytes: the size work of stop 17 (sqlparser's Display
// trimmed further, core's str searcher, slicing panics and unstable sort
// unlinked, wasm-bindgen without interning) -14,566 (255,855 -> 241,289);
// StdDev/Variance and the parity fixes of stop 17 +4,328 on top (measured
// one by one on the old base: StdDev/Variance and their windows +1,270,
// values()/orderBy() ordering +962, the time transform +681, decimal
// aggregates and orderBy transforms +495, join reuse and exclude isnull
// +299, half-even decimal reads +245, the rest +150) ->
// 235000 at 234,539 bytes: the size work of branch size2 -10,757 (245,296
// -> 234,539; each cut measured alone in its commit): fallible and plain
// collects as loops pushing into a Vec, extend_from_slice -8,238 (each
// collect linked its own from_iter/extend/fold, and each collect into
// Result a try_process), FxHash instead of SipHash -747, one text::join
// -645, char-pattern str methods through text:: with three loops -397,
// sqlparser's parser behind a feature -266, cond_all non-generic -231, char
// collects into String -233. Merged with stop 18's
// parity work (each measured on its own base): a Q as a boolean expression
// +514, expressions in `in`/`range` lists +975, the parity fixes of the
// differential runs against Django (split_exclude with F() values, F()
// guards and joins, arithmetic output types, GROUP BY columns, decimal
// casts, ...) +4,962 in all -> 240000 at 239,501 bytes ->
// 235000 at 234,800 bytes: stop 19's JS-side cuts (branch sizejs, -5,568:
// wasm imports and exports renamed a, b, ... by scripts/short-imports.mjs
// -3,335, js/*.js minified without --keep-names -999, without --format=esm
// -778, fewer distinct JS imports -333, init-*.js folded into the entries
// -133, the rest +10; 239,721 -> 234,153) with stop 19's parity fixes (+647:
// the NULL guard and Q squash, windows, writes in atomic groups).
// 220000 at 219,858 bytes: stop 20's size work (-14,963 from 234,821):
// the vendored sqlparser without the parser keeps only the AST variants and
// fields Quarry builds (QUARRY-PATCHES.md 13-14: one copy of the AST's drop
// glue -1,635, Statement -1,707, Expr -997, CreateTable -1,474, the other
// types and fields -4,641; branch szc, -10,454 in all) and the query/model
// core without per-site bounds checks, string-compared lookups and
// generic std instantiations (branch szq, -3,928; each cut in its commit).
// Then 219,974: bounds-check and RefCell panic sites out of the compiler,
// exec and bindings (branch szk, -539) and the cold-path split (+655: the
// rare arms of the big dispatchers as functions of their own, so that a
// first select by pk compiles 114 KB of function bodies, not 148 KB).
// 217000 at 216,560 bytes: stop 21's size work (-3,421 from 219,981):
// the async exports share one future and one awaiting path, Executor::run
// and ::batch folded into settle/atomic, a Read enum for fn pointers,
// fill-in-place option readers (branch sza, -2,462); the in-list dedup on
// the plan cache's map type, one non-generic Lru for both plan caches, and
// two small shared tails (branch szb2, -700); LLVM's hot/cold splitting
// (-177); the Node entry's fs through process.getBuiltinModule (+45).
// 213000 at 212,431 bytes: stop 22's wasm functions in the order that
// gzips best (scripts/order-functions.mjs, -4,128 from 216,559); then
// 212,330 (rows_of's message made only on a malformed answer, -101).
// 212000 at 211,132 bytes: stop 23's vendored wasm-bindgen, whose
// maybe_catch_unwind is inlined under panic = "abort" (each export's
// body no longer a closure called out of line, -1,198).
// 201000 at 200,190 bytes: stop 24's Error as one Box<ErrorKind> (every
// `?` and every Result carried the 16-byte error inline: wasm -9,299 gzipped,
// -34,513 raw), terser over esbuild's output (-462), the glue's unused
// init warnings trimmed (-136) and a constructor function per error class
// (-133); from 210,220.
// 200000 at 199,967 bytes, issue 11's target: list cells laid out so that
// the walks of same-aligned item types fold (-148) and js/init-browser.js
// folded into js/browser.js (one module less, -75); then 199,715: js/executors.js
// folded into js/index.js as a section (-252; errors.js stays a module, see
// index.js); then 199,748: terser over errors.js too (+33, for one rule
// for all of dist/). Stop 25: 199,751 (js/node.js imports node:module only
// where it needs it, +3), 199,811 (input_at's non-primitive values in a
// function of their own, for the first query's compile: +60), 199,699
// (get_string for the string reads of the bindings, -112), 199,665
// (Error::executor for the five ExecutorErrors built by hand, -34).
// Stop 26: 199,602 (does_not_exist for get()'s two DoesNotExist, -63),
// 199,861 (lookup lists and Dates held at the call, as Django prepares
// them; a list of numbers crosses as a Float64Array: +259. Returning the
// params of a long list the same way measured +585 and was not kept),
// 199,871 (a model instance in a lookup held as its model and pk, +10),
// 199,882 (a list with holes is not held as numbers: a hole stays
// undefined, dropped from an `in` list as before; +11), 199,954 (a When's
// condition and an aggregate's filter held the same way, +72), 199,984
// (abulkCreate's unsaved-related error names bulk_create(), as Django's, +30),
// 199,982 (snapshot and holdCond share one isLookups test, -2).
// Stop 27: the function order's greedy walk tried from several starting
// points, the smallest module kept (-108 at 199,982; then 32 starts laid
// out by scripts/wasm-reorder.mjs), terser --ecma 2020 (-46), 1,000 seeded
// moves of the best order (-241 on it). What the fixes cost is lost in the
// order's noise (one tree moves by up to ~500 B with the start): Q()'s
// check -12 in JS, the accessor setters +66 and the constructor's M2M
// message left to them -32, the Rust fixes (aggregates in update() and in
// a text lookup's pattern, Reverse() of an aggregate, a combined
// QuerySet's last values(), primary-key relation chains and cycles) about
// +300 together. 199,986 at its end.
// Stop 28: QuerySet::with's end out of line, one with_node for its ~30
// generic copies (-1.47 KB raw on a named build); count() and aggregate()
// of a query filtered against an aggregate, GROUP BY what HAVING reads,
// and writes that select through HAVING (about +900 raw together).
// 199,922, then 199,917; one get_aggregation subquery for count() and
// aggregate(), and column_type through target_pk's walk: 199,847 at its end.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";

export const BUDGET = 200_000;
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
  await playgroundReport().catch((e) => console.log(`playground: not measured (${e.message.split("\n")[0]})`));
  if (check && total > BUDGET) process.exit(1);
}

/**
 * The playground (examples/playground; not part of the package, so not in
 * the budget): the gzip -9 weight of what its page fetches, as a static host
 * that compresses would send it, and its time to interactive in headless
 * Chromium (navigation start to the page's ready mark: Quarry and SQLite
 * loaded, the data seeded, the SQL of the first example shown). Printed only.
 */
async function playgroundReport() {
  const { buildPlayground } = await import("./build-playground.mjs");
  const { serveStatic } = await import("./serve-static.mjs");
  const { outDir } = await buildPlayground({ log: null });
  const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}`);
  const { chromium } = await import("playwright-core");
  const site = await serveStatic(outDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const times = [];
    let fetched = [];
    for (let i = 0; i < 3; i++) {
      // A fresh context each time: nothing cached, no service worker yet.
      const context = await browser.newContext();
      const page = await context.newPage();
      const paths = [];
      page.on("request", (r) => paths.push(new URL(r.url()).pathname));
      await page.goto(site.url);
      await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
      times.push(await page.evaluate(() => window.__playground.readyMs));
      fetched = [...new Set(paths)];
      await context.close();
    }
    const files = fetched.map((p) => (p === "/" ? "index.html" : p.slice(1))).filter((f) => existsSync(join(outDir, f)));
    const rows = files.map((f) => {
      const bytes = readFileSync(join(outDir, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const w = Math.max(...rows.map((r) => r.file.length), 18);
    console.log("");
    console.log(`playground (examples/playground/dist, not in the budget): what the page fetches`);
    for (const r of rows) console.log(`  ${r.file.padEnd(w)}  ${String(r.raw).padStart(9)}  ${String(r.gzip).padStart(9)}`);
    const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
    console.log(`  ${"transferred".padEnd(w)}  ${String(sum("raw")).padStart(9)}  ${String(sum("gzip")).padStart(9)}  (gzip -9)`);
    times.sort((a, b) => a - b);
    console.log(`  time to interactive in headless Chromium (median of 3, cold): ${Math.round(times[1])} ms`);
  } finally {
    await browser.close();
    await site.close();
  }
}
