// The package as another project sees it: a dependency by path imports
// "quarry" under Node with no build step of its own; and the executors'
// glue (httpExecutor, d1Executor) against a real D1 behind a local HTTP
// endpoint.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Database, fields, httpExecutor, d1Executor, ExecutorError, IntegrityError } from "quarry";
import { startD1 } from "./helpers.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));

test("a project depending on this repository by path imports quarry with no further step", () => {
  const dir = mkdtempSync(join(tmpdir(), "quarry-consumer-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", dependencies: { quarry: `file:${repo}` } }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, stdio: "pipe" });
    writeFileSync(
      join(dir, "main.js"),
      `import { Database, fields } from "quarry";
const db = new Database(null);
const Author = db.model("Author", { name: fields.CharField({ maxLength: 100 }) });
console.log(JSON.stringify(Author.objects.filter({ name__startswith: "A" }).compile()));`,
    );
    const out = JSON.parse(execFileSync("node", ["main.js"], { cwd: dir, encoding: "utf8" }));
    assert.deepEqual(out, {
      sql: `SELECT "author"."id", "author"."name" FROM "author" WHERE "author"."name" LIKE ? ESCAPE '\\'`,
      params: ["A%"],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("npm pack ships the runtime files, the typings, the API reference and the LICENSE; not wasm-bindgen's internal .d.ts", () => {
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const files = packed.files.map((f) => f.path).sort();
  const dist = readdirSync(join(repo, "dist")).filter((f) => f.endsWith(".js")).map((f) => `dist/${f}`);
  // The makemigrations CLI (Node only; not imported by any runtime entry).
  const cli = readdirSync(join(repo, "cli")).filter((f) => f.endsWith(".mjs")).map((f) => `cli/${f}`);
  assert.deepEqual(files, ["LICENSE", "README.md", ...cli, ...dist, "docs/API.md", "js/index.d.ts", "package.json", "pkg/quarry.js", "pkg/quarry_bg.wasm"].sort());
  const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
  assert.equal(pkg.license, "MIT");
  const license = readFileSync(join(repo, "LICENSE"), "utf8");
  assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} Quarry contributors\n/);
  assert.match(readFileSync(join(repo, "docs", "API.md"), "utf8"), /^# Quarry public API/);
  // Every path package.json points at ships.
  for (const target of [pkg.main, pkg.types, ...Object.values(pkg.exports["."])]) assert.ok(files.includes(target.replace(/^\.\//, "")), target);
});

let d1, dispose, server, url;
let requests = 0;

before(async () => {
  ({ db: d1, dispose } = await startD1());
  // An SQL-over-HTTP endpoint in front of the real D1.
  const run = async ({ sql, params }) => {
    const stmt = params.length ? d1.prepare(sql).bind(...params) : d1.prepare(sql);
    if (/^\s*SELECT|RETURNING/i.test(sql)) return { rows: await stmt.raw() };
    const r = await stmt.run();
    return { rows: [], changes: r.meta.changes, lastRowId: r.meta.last_row_id };
  };
  server = createServer(async (req, res) => {
    requests++;
    let body = "";
    for await (const chunk of req) body += chunk;
    try {
      const msg = JSON.parse(body);
      const out = msg.batch ? await Promise.all(msg.batch.map(run)) : await run(msg);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
    } catch (e) {
      res.writeHead(500).end(String(e.message));
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${server.address().port}/sql`;
});

after(async () => {
  server?.close();
  await dispose?.();
});

function models(db) {
  const Author = db.model("Author", { name: fields.CharField({ maxLength: 100, unique: true }), age: fields.IntegerField({ null: true }) }, { table: "http_author", ordering: ["name"] });
  return { Author };
}

test("httpExecutor runs queries through an HTTP endpoint", async () => {
  const db = new Database(httpExecutor(url));
  const { Author } = models(db);
  await db.migrate();
  const before = requests;
  await Author.objects.acreate({ name: "Ann", age: 30 });
  await Author.objects.acreate({ name: "Bob" });
  assert.deepEqual(await Author.objects.filter({ age__isnull: true }).valuesList("name", { flat: true }).alist(), ["Bob"]);
  assert.equal(await Author.objects.acount(), 2);
  assert.equal(requests - before, 4);
  // The endpoint answers 500 with the database message: still a constraint failure.
  await assert.rejects(Author.objects.acreate({ name: "Ann" }), (e) => e instanceof IntegrityError && /HTTP 500/.test(e.cause.message));
});

test("httpExecutor reports a failing endpoint as ExecutorError with the cause", async () => {
  const db = new Database(httpExecutor("http://127.0.0.1:9/nothing-listens-here"));
  const { Author } = models(db);
  await assert.rejects(Author.objects.acount(), (e) => e instanceof ExecutorError && e.cause instanceof Error);
});

test("d1Executor wraps a D1 binding as a generic host executor", async () => {
  const db = new Database(d1Executor(d1));
  const { Author } = models(db);
  await db.migrate();
  const a = await Author.objects.acreate({ name: "Cyd", age: 5 });
  assert.equal(typeof a.pk, "number");
  assert.equal((await Author.objects.aget({ pk: a.pk })).name, "Cyd");
  assert.deepEqual(await Author.objects.filter({ name: "Cyd" }).adelete(), [1, { Author: 1 }]);
  await assert.rejects(Author.objects.acreate({ name: "Ann" }), IntegrityError);
});
