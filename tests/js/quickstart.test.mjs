// Issue 13, "the first hour": the package as a new user gets it. `npm pack`
// makes the tarball; each quick start of README.md (examples/quickstart-*/,
// the files the README shows) is copied to a fresh folder, installs that
// tarball and runs:
//   - Node: `node index.js` over sql.js, its output checked;
//   - Worker: bundled by wrangler, run in Miniflare (workerd) with a D1,
//     overlapping requests;
//   - Vite: a default project, no config: `vite build` served by a plain
//     static server, and `vite dev`, each in Chromium.
// Then the same package without Vite: tests/browser/lazy/app.js as a plain
// <script type="module"> page and as an esbuild bundle, in Chromium (with
// queries made before the wasm has arrived).
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker, workerOptions, serveStatic, freePort, CHROMIUM, CHROMIUM_ARGS } from "./helpers.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const QUICKSTARTS = ["quickstart-node", "quickstart-worker", "quickstart-vite"];

let tmp, tarball, browser;

/** Copies examples/<name> to a fresh folder and installs it, with quarry from the tarball. */
function install(name, from = join(repo, "examples", name)) {
  const dir = join(tmp, name);
  cpSync(from, dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  pkg.dependencies.quarry = `file:${tarball}`;
  writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir, stdio: "pipe" });
  return dir;
}


/**
 * Opens `url` in Chromium; resolves when `ready` (a page function) is truthy.
 * Returns { value, problems, responses }: console errors/warnings, page
 * errors and failed requests (a favicon 404 aside), and every response.
 */
async function inChromium(url, ready) {
  const page = await browser.newPage();
  const problems = [];
  const responses = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.stack ?? e.message}`));
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !/favicon|status of 404/.test(m.text() + m.location().url)) problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    responses.push({ path, status: r.status(), type: r.headers()["content-type"] });
    if (r.status() >= 400 && path !== "/favicon.ico") problems.push(`${r.status()} ${path}`);
  });
  try {
    await page.goto(url, { waitUntil: "load" });
    const handle = await page.waitForFunction(ready, null, { timeout: 20_000, polling: 50 });
    return { value: await handle.jsonValue(), problems, responses };
  } catch (e) {
    assert.fail(`${url}: ${e.message.split("\n")[0]}\n${problems.join("\n")}\n${responses.map((r) => `${r.status} ${r.path}`).join("\n")}`);
  } finally {
    await page.close();
  }
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "quarry-quickstart-"));
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  tarball = join(tmp, packed[0].filename);
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("each README quick start is a file these tests run, shown whole", () => {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  // The first lines stay the two commands.
  assert.match(readme, /^ {4}make demo {4}# .*\n {4}make test {4}# /);
  for (const name of QUICKSTARTS) {
    const files = readdirSync(join(repo, "examples", name), { withFileTypes: true })
      .filter((f) => f.isFile() && !f.name.startsWith(".") && f.name !== "package-lock.json")
      .map((f) => f.name);
    assert.ok(files.length >= 2, name);
    for (const f of files) {
      const text = readFileSync(join(repo, "examples", name, f), "utf8");
      assert.ok(readme.includes(text), `README.md shows examples/${name}/${f} as it is`);
      assert.ok(readme.includes(`examples/${name}/${f}`), `README.md names examples/${name}/${f}`);
    }
  }
});

test("Node: the quick start runs on the packed package", () => {
  const dir = install("quickstart-node");
  const out = execFileSync(process.execPath, ["index.js"], { cwd: dir, encoding: "utf8" });
  assert.equal(
    out,
    [
      `SELECT "book"."title" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."born" < ?`,
      "[ 'Notes on the Analytical Engine' ]",
      "Grace Hopper [ 'Understanding Computers' ]",
      "Ada Lovelace [ 'Notes on the Analytical Engine' ]",
      "",
    ].join("\n"),
  );
});

test("Worker: the quick start, bundled by wrangler from the packed package, in workerd with a D1", async () => {
  const dir = install("quickstart-worker");
  const bundle = bundleWorker({ config: join(dir, "wrangler.toml") });
  const mf = new Miniflare({ ...workerOptions(bundle), d1Databases: { DB: "quarry-quickstart" }, host: "127.0.0.1", port: 0 });
  try {
    const url = await mf.ready;
    const texts = Array.from({ length: 12 }, (_, i) => `note ${i}`);
    const created = await Promise.all(texts.map((t) => fetch(url, { method: "POST", body: t }).then(async (r) => [r.status, await r.json()])));
    for (const [i, [status, note]] of created.entries()) {
      assert.equal(status, 201);
      assert.equal(note.text, texts[i]);
      assert.equal(note.done, false);
      assert.equal(typeof note.id, "number");
    }
    assert.equal(new Set(created.map(([, n]) => n.id)).size, texts.length);
    const list = await (await fetch(url)).json();
    assert.equal(list.total, texts.length);
    assert.deepEqual(list.open.map((n) => n.text).sort(), [...texts].sort());
    assert.deepEqual(Object.keys(list.open[0]), ["id", "text"]);
  } finally {
    await mf.dispose();
    bundle.dispose();
  }
});

describe("Vite, a default project with no config", () => {
  let dir;
  const expected = [
    { name: "Alan Turing", born: 1912 },
    { name: "Ada Lovelace", born: 1815 },
  ];
  const out = () => {
    const t = document.querySelector("#out")?.textContent;
    return t && t !== "loading…" ? t : undefined;
  };

  before(() => {
    dir = install("quickstart-vite");
    assert.ok(!readdirSync(dir).some((f) => /^vite\.config\./.test(f)), "no vite config");
  });

  test("vite build, served as static files", async () => {
    execFileSync(process.execPath, [join(dir, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "error"], { cwd: dir, stdio: "pipe" });
    const assets = readdirSync(join(dir, "dist", "assets"));
    assert.ok(assets.some((f) => /^quarry_bg-.*\.wasm$/.test(f)), `the wasm is an emitted asset: ${assets}`);
    const site = await serveStatic(join(dir, "dist"));
    try {
      const { value, problems, responses } = await inChromium(`${site.origin}/`, out);
      assert.deepEqual(JSON.parse(value), expected);
      assert.deepEqual(problems, []);
      const wasm = responses.find((r) => /\/assets\/quarry_bg-.*\.wasm$/.test(r.path));
      assert.deepEqual([wasm?.status, wasm?.type], [200, "application/wasm"]);
    } finally {
      await site.close();
    }
  });

  test("vite dev (dependencies pre-bundled into node_modules/.vite)", async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [join(dir, "node_modules", "vite", "bin", "vite.js"), "--port", String(port), "--strictPort", "--host", "127.0.0.1"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    server.stdout.on("data", (d) => (log += d));
    server.stderr.on("data", (d) => (log += d));
    try {
      const t0 = Date.now();
      while (!/ready in/.test(log)) {
        if (server.exitCode !== null || Date.now() - t0 > 20_000) assert.fail(`vite dev did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const { value, problems, responses } = await inChromium(`http://127.0.0.1:${port}/`, out);
      assert.deepEqual(JSON.parse(value), expected);
      assert.deepEqual(problems, [], log);
      assert.ok(responses.some((r) => r.path === "/node_modules/.vite/deps/quarry.js"), "quarry was pre-bundled");
      const wasm = responses.find((r) => r.path.endsWith("/quarry_bg.wasm"));
      assert.deepEqual([wasm?.path, wasm?.status, wasm?.type], ["/node_modules/quarry/pkg/quarry_bg.wasm", 200, "application/wasm"]);
    } finally {
      server.kill();
    }
  });
});

describe("without Vite: a plain module page and an esbuild bundle", () => {
  let dir;
  const results = () => window.results;
  const expected = {
    compileEarly: "QuarryError: Quarry's WebAssembly module is still loading: await ready() before this call (queries wait on their own).",
    newEarly: "QuarryError: Quarry's WebAssembly module is still loading: await ready() before this call (queries wait on their own).",
    early: ["Ada Lovelace", "Alan Turing"],
    typo: "FieldError: Cannot resolve keyword 'nmae' into field. Choices are: books, born, id, name",
    compileAfter: `SELECT "author"."id", "author"."name", "author"."born" FROM "author" WHERE "author"."name" LIKE ? ESCAPE '\\' ORDER BY "author"."born" ASC`,
    typoAfter: "FieldError: Cannot resolve keyword 'nmae' into field. Choices are: books, born, id, name",
    typoIsFieldError: true,
    prefetched: [["Ada Lovelace", ["Notes"]]],
    books: [{ title: "Notes", author__name: "Ada Lovelace" }],
  };

  before(() => {
    const app = join(tmp, "pages-src");
    cpSync(join(repo, "tests", "browser", "lazy"), app, { recursive: true });
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "pages", private: true, type: "module", dependencies: { "sql.js": "1.16.0" } }));
    dir = install("pages", app);
    assert.ok(existsSync(join(dir, "node_modules", "quarry", "dist", "browser.js")));
  });

  test("a <script type=module> page importing dist/browser.js", async () => {
    const site = await serveStatic(dir);
    try {
      const { value, problems, responses } = await inChromium(`${site.origin}/index.html`, results);
      assert.deepEqual(problems, []);
      assert.ok(value.ok, value.error);
      assert.deepEqual(value.data, expected);
      const wasm = responses.find((r) => r.path.endsWith("/quarry_bg.wasm"));
      assert.deepEqual([wasm?.path, wasm?.status, wasm?.type], ["/node_modules/quarry/pkg/quarry_bg.wasm", 200, "application/wasm"]);
    } finally {
      await site.close();
    }
  });

  test("an esbuild bundle (the wasm copied next to it)", async () => {
    const esbuild = await import("esbuild");
    await esbuild.build({ entryPoints: [join(dir, "app.js")], bundle: true, format: "esm", platform: "browser", outfile: join(dir, "out", "app.js"), logLevel: "error" });
    cpSync(join(dir, "node_modules", "quarry", "pkg", "quarry_bg.wasm"), join(dir, "out", "quarry_bg.wasm"));
    const site = await serveStatic(dir);
    try {
      const { value, problems, responses } = await inChromium(`${site.origin}/bundled.html`, results);
      assert.deepEqual(problems, []);
      assert.ok(value.ok, value.error);
      assert.deepEqual(value.data, expected);
      assert.ok(!responses.some((r) => r.path.startsWith("/node_modules/quarry/")), "the bundle, not the package files");
      const wasm = responses.find((r) => r.path.endsWith("/quarry_bg.wasm"));
      assert.deepEqual([wasm?.path, wasm?.status], ["/out/quarry_bg.wasm", 200]);
    } finally {
      await site.close();
    }
  });

  test("an esbuild bundle without the wasm next to it: one clear QuarryError", async () => {
    const esbuild = await import("esbuild");
    await esbuild.build({ entryPoints: [join(dir, "missing.js")], bundle: true, format: "esm", platform: "browser", outdir: join(dir, "out-missing"), logLevel: "error" });
    const site = await serveStatic(dir);
    try {
      const { value, problems } = await inChromium(`${site.origin}/missing.html`, results);
      assert.deepEqual(problems, ["404 /out-missing/quarry_bg.wasm"]);
      const failed = { quarry: true, message: `Quarry could not load quarry_bg.wasm: failed to fetch Wasm: 404 Not Found fetching '${site.origin}/out-missing/quarry_bg.wasm'` };
      assert.deepEqual(value, { query: failed, ready: failed, later: failed });
    } finally {
      await site.close();
    }
  });
});
