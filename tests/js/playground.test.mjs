// The playground in a real browser: `node scripts/demo.mjs` (what `make demo`
// runs: the playground built and served as static files, and the example
// Worker in Miniflare) on free ports, then Debian's Chromium (playwright-core)
// opens the playground, types QuerySets, sees the SQL change as it types,
// runs them, and compares the rows with the same code run in Node on a real
// D1 (Miniflare) with the same models and seed. Also: Django's FieldError
// text for a field that does not exist, a share URL, the examples menu, reset,
// sqlite-wasm as the engine, and offline once loaded. Screenshots go to
// target/playground*.png.
//
// Skips (with a message) when Chromium is not installed.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as quarry from "quarry";
import { Database, fields, Model, QuerySet } from "quarry";
import { startD1, CHROMIUM, CHROMIUM_ARGS } from "./helpers.mjs";
import { defineModels, seed } from "../../examples/playground/src/models.js";
import { EXAMPLES } from "../../examples/playground/src/examples.js";
import { scopeOf, runCode, describeError, compileCode } from "../../examples/playground/src/evaluate.js";
import { toTable } from "../../examples/playground/src/table.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));

let chromium = null;
let skipReason = null;
if (!existsSync(CHROMIUM)) {
  skipReason = `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; scripts/tools.sh does when run as root) or set CHROMIUM_PATH`;
} else if (!existsSync(join(repo, "pkg", "quarry_bg.wasm"))) {
  skipReason = "pkg/quarry_bg.wasm is missing: run `make build` first";
} else {
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    skipReason = `playwright-core is not installed (${e.message}): run npm ci`;
  }
}

/** `node scripts/demo.mjs` on free ports; resolves once it prints both URLs. */
function startDemo() {
  const child = spawn(process.execPath, [join(repo, "scripts", "demo.mjs")], {
    cwd: repo,
    env: { ...process.env, PORT: "0", PLAYGROUND_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not print its URLs in 90 s:\n${out}`)), 90_000);
    const onData = (d) => {
      out += d;
      const playground = /Quarry playground[^:]*:\s*(http:\/\/\S+)/.exec(out)?.[1];
      const worker = /Quarry example Worker[^:]*:\s*(http:\/\/\S+)/.exec(out)?.[1];
      if (playground && worker) {
        clearTimeout(timer);
        resolve({ playground, worker });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited (${code}) before printing its URLs:\n${out}`));
    });
  });
  return { child, done, output: () => out };
}

let demo, urls, browser, d1, ref;
let launchError = null;

before(async () => {
  if (skipReason) return;
  demo = startDemo();
  // The reference: the same models and seed on a real D1, in Node.
  d1 = await startD1();
  const db = new Database(d1.db);
  const models = defineModels(db, fields);
  await seed(db, models);
  ref = { db, models, scope: scopeOf(quarry, db, models) };
  urls = await demo.done;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 20_000 });
  } catch (e) {
    launchError = e;
  }
});

after(async () => {
  await browser?.close();
  if (demo && demo.child.exitCode === null) {
    const exited = new Promise((r) => demo.child.once("exit", r));
    demo.child.kill("SIGTERM");
    await exited;
  }
  await d1?.dispose();
});

/** The same code on D1, as the page would show it. */
async function onD1(code) {
  const log = [];
  const r = await runCode(code, { scope: ref.scope, log, QuerySet });
  if (!r.ok) return { error: describeError(r.error) };
  const t = toTable(r.value, { isQuerySet: r.isQuerySet, Model });
  return t.kind === "value" ? { value: t.text } : { columns: t.columns, rows: t.rows.map((row) => row.map((c) => [c.text, c.kind])) };
}

/**
 * The page's table equals D1's: the same cells, the same headers except
 * valuesList()'s, which the page takes from the executor's `columns` (D1's
 * raw() names none).
 */
function sameAsD1(got, want, msg) {
  const unnamed = want.columns?.every((c) => c === "value" || /^#\d+$/.test(c));
  if (unnamed) {
    assert.deepEqual(got.rows, want.rows, msg);
    assert.equal(got.columns.length, want.columns.length, msg);
  } else {
    assert.deepEqual(got, want, msg);
  }
}

/** What the page shows in its result pane. */
async function shown(page) {
  return page.evaluate(() => {
    const box = document.getElementById("result");
    const err = box.querySelector(".error");
    if (err) return { error: { name: err.querySelector(".error-class").textContent, message: err.querySelector(".error-message").textContent } };
    const value = box.querySelector(".value");
    if (value) return { value: value.textContent };
    const table = box.querySelector("table");
    if (!table) return { none: box.textContent };
    return {
      columns: [...table.querySelectorAll("th")].map((th) => th.textContent),
      rows: [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((td) => [td.textContent, td.className])),
    };
  });
}

const sqlText = (page) => page.evaluate(() => document.querySelector("#sql .cm-content").innerText);
const runs = (page) => page.evaluate(() => Number(document.getElementById("result").dataset.runs ?? 0));

/** Replaces the editor's text by typing, as a person would. */
async function type(page, code) {
  await page.click("#editor .cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(code, { delay: 2 });
}

async function runAndWait(page, how = "keys") {
  const before = await runs(page);
  if (how === "keys") await page.keyboard.press("Control+Enter");
  else await page.click("#run");
  await page.waitForFunction((n) => Number(document.getElementById("result").dataset.runs ?? 0) > n, before, { timeout: 15_000 });
}

async function open(url, problems) {
  const page = await browser.newPage({ viewport: { width: 1360, height: 960 } });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.stack ?? e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), "true", await page.textContent("#status"));
  return page;
}

function ready(t) {
  if (skipReason) {
    t.skip(skipReason);
    return false;
  }
  if (launchError) assert.fail(`Chromium at ${CHROMIUM} is installed but could not be launched: ${launchError.message}`);
  return true;
}

test("make demo serves the example Worker and the playground", { timeout: 30_000 }, async (t) => {
  if (!ready(t)) return;
  const worker = await fetch(urls.worker);
  assert.equal(worker.status, 200);
  assert.match(await worker.text(), /Quarry/);
  const page = await fetch(urls.playground);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Quarry <span>playground<\/span>/);
  for (const f of ["app.js", "quarry_bg.wasm", "sql-wasm-browser.wasm", "sw.js"]) {
    const r = await fetch(new URL(f, urls.playground));
    assert.equal(r.status, 200, f);
    if (f.endsWith(".wasm")) assert.equal(r.headers.get("content-type"), "application/wasm");
  }
});

test("the playground: live SQL as you type, Run, rows as on D1, FieldError, share URL, examples, reset", { timeout: 120_000 }, async (t) => {
  if (!ready(t)) return;
  const problems = [];
  const page = await open(urls.playground, problems);

  // The models panel and the schema.
  const models = await page.textContent("#models");
  for (const name of ["Publisher", "Author", "Tag", "Book"]) assert.match(models, new RegExp(name));
  assert.match(models, /21 rows/, "the seeded books are counted");
  await page.click(".schema-box summary");
  const schema = await page.evaluate(() => document.querySelector("#schema .cm-content").innerText);
  assert.equal(schema.replace(/\s+/g, " ").trim(), ref.db.schemaSql().replace(/\s+/g, " ").trim());

  // Typing: the SQL and params follow, nothing runs.
  const code = `Book.objects.filter({ pages__gt: 400, author__publisher__country: "GB" }).orderBy("-pages").values("title", "pages", "author__name")`;
  await type(page, code);
  await page.waitForFunction(() => /"pages" > \?/.test(document.querySelector("#sql .cm-content").innerText), null, { timeout: 10_000 });
  const sql = await sqlText(page);
  assert.match(sql, /\bJOIN "author" ON \("book"\."author_id" = "author"\."id"\)/);
  assert.match(sql, /\bJOIN "publisher" ON/);
  assert.match(sql, /ORDER BY\s+"book"\."pages" DESC/);
  // The same statement as Quarry compiles in Node, formatted.
  const compiled = compileCode(code, ref.scope.names)(...ref.scope.values).compile();
  assert.equal(sql.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \)/g, ")"), compiled.sql);
  assert.deepEqual(await page.$$eval("#params .param", (ps) => ps.map((p) => p.textContent)), compiled.params.map((p, i) => `?${i + 1} = ${JSON.stringify(p)}`));
  assert.deepEqual(compiled.params, ["GB", 400]);
  assert.match(await page.textContent("#compile-time"), /compiled in [\d.,]+ µs/);
  assert.equal(await runs(page), 0, "typing runs nothing");

  // Ctrl+Enter runs it: the same rows as on D1.
  await runAndWait(page, "keys");
  const got = await shown(page);
  const want = await onD1(code);
  assert.ok(want.rows.length >= 3, JSON.stringify(want));
  assert.deepEqual(got, want);
  assert.match(await page.textContent("#result-meta"), /^\d+ rows · compile [\d.,]+ µs · run [\d.]+ ms · 1 query$/);

  // A field that does not exist: Django's FieldError, live and on Run.
  const bad = `Book.objects.filter({ titel__icontains: "war" })`;
  await type(page, bad);
  await page.waitForSelector("#sql-error .error", { timeout: 10_000 });
  const fieldError = (await onD1(bad)).error;
  assert.equal(fieldError.name, "FieldError");
  assert.match(fieldError.message, /^Cannot resolve keyword 'titel' into field\. Choices are: author, author_id, id, inPrint, pages, pubDate, rating, tags, title$/);
  assert.equal(await page.textContent("#sql-error .error-class"), "FieldError");
  assert.equal(await page.textContent("#sql-error .error-message"), fieldError.message);
  await runAndWait(page, "button");
  assert.deepEqual(await shown(page), { error: fieldError });

  // Other mistakes are shown too, and the page keeps working.
  await type(page, "Book.objects.filter(");
  await page.waitForFunction(() => document.querySelector("#sql-error .error-class")?.textContent === "SyntaxError", null, { timeout: 10_000 });
  await type(page, "(() => { throw new RangeError('no') })()");
  await runAndWait(page);
  assert.deepEqual(await shown(page), { error: { name: "RangeError", message: "no" } });
  await type(page, "Book.objects.aaggregate({ n: Count('id'), pages: Sum('pages') })");
  await runAndWait(page);
  assert.deepEqual(await shown(page), await onD1("Book.objects.aaggregate({ n: Count('id'), pages: Sum('pages') })"));

  // The share URL holds the expression: a new page opens with it.
  const countCode = `Book.objects.filter({ tags__name: "mystery" }).acount()`;
  await type(page, countCode);
  await page.waitForFunction(() => /COUNT\(\*\)/i.test(document.querySelector("#sql .cm-content").innerText), null, { timeout: 10_000 });
  await page.click("#share");
  const shareUrl = page.url();
  assert.match(shareUrl, /#code=/);
  const shared = await open(shareUrl, problems);
  assert.equal(await shared.evaluate(() => window.__playground.editor.state.doc.toString()), countCode);
  assert.match(await sqlText(shared), /COUNT\(\*\)/i);
  await shared.click("#editor .cm-content");
  await runAndWait(shared);
  assert.deepEqual(await shown(shared), await onD1(countCode));
  assert.deepEqual(await shown(shared), { value: "5" });
  await shared.close();
  // A URL made by hand works the same.
  const handmade = await open(`${urls.playground}#code=${encodeURIComponent("Tag.objects.valuesList('name', { flat: true })")}`, problems);
  await handmade.click("#run");
  await handmade.waitForFunction(() => document.getElementById("result").dataset.runs === "1");
  assert.deepEqual((await shown(handmade)).rows, (await onD1("Tag.objects.valuesList('name', { flat: true })")).rows);
  await handmade.close();

  // The examples menu: each is loaded, read examples run at once.
  const prefetch = EXAMPLES.findIndex((e) => /prefetchRelated\("books"\)/.test(e.code));
  const n = await runs(page);
  await page.selectOption("#examples", String(prefetch));
  await page.waitForFunction((k) => Number(document.getElementById("result").dataset.runs) > k, n);
  const pre = await shown(page);
  assert.equal(pre.columns.at(-1), "books (prefetched)");
  assert.deepEqual(pre, await onD1(EXAMPLES[prefetch].code));
  assert.match(await page.textContent("#result-meta"), /· 2 queries$/);

  // A write, then Reset data puts the seed back.
  await type(page, `Book.objects.filter({ inPrint: false }).aupdate({ inPrint: true })`);
  await runAndWait(page);
  assert.deepEqual(await shown(page), { value: "2" });
  await type(page, `Book.objects.filter({ inPrint: false }).acount()`);
  await runAndWait(page);
  assert.deepEqual(await shown(page), { value: "0" });
  await page.click("#reset");
  await page.waitForFunction(() => /reset/i.test(document.getElementById("status").textContent));
  await runAndWait(page, "button");
  assert.deepEqual(await shown(page), { value: "2" });

  mkdirSync(join(repo, "target"), { recursive: true });
  await type(page, EXAMPLES.find((e) => e.group === "Annotate and aggregate").code);
  await runAndWait(page);
  await page.screenshot({ path: join(repo, "target", "playground.png"), fullPage: true });
  assert.deepEqual(problems, [], "no page errors, failed requests, console errors or warnings");
  await page.close();
});

test("the playground on sqlite-wasm (?engine=sqlite-wasm) answers as D1 does", { timeout: 60_000 }, async (t) => {
  if (!ready(t)) return;
  const problems = [];
  const page = await open(`${urls.playground}?engine=sqlite-wasm`, problems);
  assert.match(await page.textContent("#engine"), /sqlite-wasm/);
  for (const ex of EXAMPLES.filter((e) => e.group === "Joins across __" || e.group === "Annotate and aggregate")) {
    await type(page, ex.code);
    await runAndWait(page);
    sameAsD1(await shown(page), await onD1(ex.code), ex.title);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("the playground works offline once loaded (service worker)", { timeout: 60_000 }, async (t) => {
  if (!ready(t)) return;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(urls.playground);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });
  await context.setOffline(true);
  await page.goto(`${urls.playground}#code=${encodeURIComponent("Author.objects.filter({ born__lt: 1800 }).valuesList('name', { flat: true })")}`);
  await page.reload();
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), "true", await page.textContent("#status"));
  await page.click("#run");
  await page.waitForFunction(() => document.getElementById("result").dataset.runs === "1");
  const offline = await shown(page);
  sameAsD1(offline, await onD1("Author.objects.filter({ born__lt: 1800 }).valuesList('name', { flat: true })"));
  assert.deepEqual(offline, { columns: ["name"], rows: [[["Jane Austen", "str"]], [["Mary Shelley", "str"]]] });
  await page.screenshot({ path: join(repo, "target", "playground-offline.png") });
  await context.close();
});
