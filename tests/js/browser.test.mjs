// Quarry in a real browser: Debian's Chromium (driven by playwright-core)
// loads tests/browser/index.html from a static server on 127.0.0.1. The page
// imports "quarry" through an import map pointing at /dist/browser.js, the
// package's "browser" export (`init()` fetching pkg/quarry_bg.wasm next to
// pkg/quarry.js, no top-level await), and runs models, queries and
// writes over an in-browser SQLite (sql.js) as the host executor. The results
// come back on window.results.
//
// Skips (with a message) when Chromium is not installed: scripts/tools.sh
// installs it where it can (root or sudo).
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM, CHROMIUM_ARGS, serveStatic } from "./helpers.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));

let chromium = null;
let skipReason = null;
if (!existsSync(CHROMIUM)) {
  skipReason = `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; scripts/tools.sh does when run as root) or set CHROMIUM_PATH`;
} else if (!existsSync(join(repo, "pkg", "quarry_bg.wasm"))) {
  skipReason = "pkg/quarry_bg.wasm is missing: run `make build` first";
} else if (!existsSync(join(repo, "node_modules", "sql.js", "dist", "sql-wasm.wasm"))) {
  skipReason = "node_modules/sql.js is missing: run `npm ci` (or scripts/tools.sh)";
} else {
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    skipReason = `playwright-core is not installed (${e.message}): run npm ci`;
  }
}

const loadedMs = Math.round(performance.now());
let site, browser;
let launchError = null;
const timings = { importsMs: loadedMs };

before(async () => {
  if (skipReason) return;
  site = await serveStatic(repo);
  const t = performance.now();
  try {
    // playwright's launch() gives every browser a fresh temporary
    // user-data-dir of its own (and removes it on close).
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 20_000 });
  } catch (e) {
    launchError = e;
  }
  timings.launchMs = Math.round(performance.now() - t);
});

after(async () => {
  const t = performance.now();
  await browser?.close();
  await site?.close();
  if (browser) timings.closeMs = Math.round(performance.now() - t);
  if (Object.keys(timings).length) console.log(`# browser timings: ${JSON.stringify(timings)}`);
});

test("Quarry's browser entry over sql.js in Chromium", { timeout: 30_000 }, async (t) => {
  if (skipReason) return t.skip(skipReason);
  // Installed but not launchable is a failure, not a skip.
  if (launchError) assert.fail(`Chromium at ${CHROMIUM} is installed but could not be launched: ${launchError.message}`);

  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.stack ?? e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  const wasmResponses = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasmResponses.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()["content-type"] });
  });

  const t0 = performance.now();
  await page.goto(`${site.origin}/tests/browser/index.html`, { waitUntil: "load" });
  let results;
  try {
    // Ends early on an uncaught page error (e.g. the module graph failed to load).
    const handle = await page.waitForFunction(
      () => window.results ?? (window.__pageErrors ? { ok: false, error: window.__pageErrors.join("\n") } : undefined),
      null,
      { timeout: 20_000, polling: 50 },
    );
    results = await handle.jsonValue();
  } catch (e) {
    assert.fail(`no window.results from the page (${e.message.split("\n")[0]})\n${problems.join("\n")}\nrequests:\n${site.log.join("\n")}`);
  }
  timings.pageMs = Math.round(performance.now() - t0);
  assert.ok(results.ok, `the page failed: ${results.error}\n${problems.join("\n")}`);
  const d = results.data;
  timings.inPage = d.timing;

  // The real browser entry: the wasm fetched next to pkg/quarry.js, as application/wasm
  // (so instantiateStreaming, no fallback warning), and sql.js's own wasm.
  assert.deepEqual(
    wasmResponses.map((r) => r.path).sort(),
    ["/node_modules/sql.js/dist/sql-wasm.wasm", "/pkg/quarry_bg.wasm"],
  );
  for (const r of wasmResponses) assert.deepEqual([r.status, r.type], [200, "application/wasm"], r.path);
  assert.ok(site.log.includes("200 /dist/browser.js"), site.log.join("\n"));
  assert.deepEqual(problems, [], "no page errors, failed requests, console errors or warnings");

  assert.deepEqual(d.tables, ["author", "book"]);
  assert.deepEqual(d.authorPks, [1, 2, 3, 4]);
  assert.deepEqual(d.createdBookPks, [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(d.authorIsInstance, true);

  assert.deepEqual(d.startswithA, ["Ada Lovelace", "Alan Turing"]);
  assert.deepEqual(d.excludeNullAgeByAgeDesc, [["Grace Hopper", 85], ["Alan Turing", 41], ["Ada Lovelace", 36]]);
  assert.deepEqual(d.qOr, ["Digital Typography", "The Art of Computer Programming", "Understanding Computers"]);
  assert.deepEqual(d.values, [
    { title: "Understanding Computers", pages: 120, inPrint: false },
    { title: "The Art of Computer Programming", pages: 672, inPrint: true },
    { title: "Digital Typography", pages: 685, inPrint: true },
  ]);
  assert.deepEqual(d.valuesListFlat, ["grace@example.org", "don@example.org", "alan@example.org", "ada@example.org"]);
  assert.equal(d.countBooks, 7);
  assert.equal(d.countInPrint, 6);
  assert.equal(d.existsNone, false);

  assert.deepEqual(d.aget, { name: "Grace Hopper", age: 85, pkMatches: true });
  assert.deepEqual(d.doesNotExist, {
    name: d.doesNotExist.name,
    message: "Author matching query does not exist.",
    isModelDoesNotExist: true,
    isDoesNotExist: true,
    isQuarryError: true,
    isBookDoesNotExist: false,
  });
  assert.deepEqual(d.multiple, { message: "get() returned more than one Author -- it returned 2!", isMultiple: true });

  assert.deepEqual(d.iterTitles, [
    ["On Computable Numbers", "1936-11-12", true],
    ["Computing Machinery and Intelligence", "1950-10-01", true],
  ]);
  assert.deepEqual(d.iterValues, [{ name: "Alan Turing" }, { name: "Grace Hopper" }]);

  assert.deepEqual(d.joinForward, ["Dancing Links", "Digital Typography", "The Art of Computer Programming"]);
  assert.equal(d.joinForwardSqlHasJoin, true);
  assert.deepEqual(d.joinReverse, ["Alan Turing", "Donald Knuth"]);
  assert.deepEqual(d.selectRelated, {
    queries: 1,
    pairs: [
      ["Notes on the Analytical Engine", "Ada Lovelace"],
      ["On Computable Numbers", "Alan Turing"],
      ["Computing Machinery and Intelligence", "Alan Turing"],
    ],
  });
  assert.deepEqual(d.prefetch, {
    queries: 2,
    queriesAfter: 0,
    byAuthor: {
      "Ada Lovelace": ["Notes on the Analytical Engine"],
      "Alan Turing": ["Computing Machinery and Intelligence", "On Computable Numbers"],
      "Donald Knuth": ["Dancing Links", "Digital Typography", "The Art of Computer Programming"],
      "Grace Hopper": ["Understanding Computers"],
    },
  });
  assert.deepEqual(d.aggregate, { n: 3, pages: 124, best: 4.9 });

  assert.match(d.regexSql, /\bREGEXP\b/);
  assert.deepEqual(d.regex, ["Dancing Links", "Digital Typography"]);
  assert.deepEqual(d.iregex, ["Dancing Links", "Digital Typography"]);

  assert.equal(d.updated, 3);
  assert.equal(d.integrity.isIntegrityError, true, d.integrity.message);
  assert.match(d.integrity.message, /UNIQUE/);
  assert.deepEqual(d.batchRollback, { isIntegrityError: true, freshExists: false, authors: 4 });
  assert.deepEqual(d.deleted, [2, { Author: 1, Book: 1 }]);
  assert.equal(d.booksAfterDelete, 6);
  await page.close();
});
