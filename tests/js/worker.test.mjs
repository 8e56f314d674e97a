// The example Worker (examples/worker/index.js), bundled by wrangler through the
// package's "workerd" export condition and run in Miniflare with a real D1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker, startWorker } from "./helpers.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));

let bundle;
let worker;

before(async () => {
  bundle = bundleWorker();
  worker = await startWorker(bundle);
});

after(async () => {
  await worker?.dispose();
  bundle?.dispose();
});

test("the bundle has the Worker, the wasm as a CompiledWasm module and the migration as Text", () => {
  const types = bundle.modules.map((m) => m.type);
  assert.equal(types[0], "ESModule");
  assert.ok(types.includes("CompiledWasm"), `module types: ${types}`);
  assert.ok(types.includes("Text"), `module types: ${types}`);
});

test("POST /seed applies the example's migration files and seeds the tables, once", async () => {
  const first = await worker.fetch("/seed", { method: "POST" });
  assert.equal(first.status, 200, await first.clone().text());
  const seeded = await first.json();
  assert.deepEqual(seeded.migrated, ["0001_initial.sql"]);
  assert.equal(seeded.authors, 5);
  assert.equal(seeded.books, 10);

  const again = await (await worker.fetch("/seed", { method: "POST" })).json();
  assert.deepEqual(again, { ...seeded, created: again.created });
  assert.equal(again.authors, 5);
  assert.equal(again.books, 10);

  // Recorded where `wrangler d1 migrations apply` looks, and the schema is the file's.
  const d1 = await worker.mf.getD1Database("DB");
  const applied = await d1.prepare("SELECT name FROM d1_migrations").raw();
  assert.deepEqual(applied, [["0001_initial.sql"]]);
  const file = readFileSync(join(repo, "examples", "worker", "migrations", "0001_initial.sql"), "utf8");
  const [[bookSql]] = await d1.prepare("SELECT sql FROM sqlite_master WHERE name = 'book'").raw();
  assert.ok(file.includes(`${bookSql};`), bookSql);

  const rows = await worker.mf.getD1Database("DB").then((db) =>
    db.prepare("SELECT name FROM author ORDER BY name").all(),
  );
  assert.equal(rows.results.length, 5);
});

test("the example's migration files are up to date with its models (npx quarry makemigrations --check)", () => {
  const r = spawnSync(process.execPath, [join(repo, "cli", "quarry.mjs"), "makemigrations", "--check"], { cwd: repo, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout.trim(), "No changes detected");
});

test("GET /api/authors?startswith=A returns the matching rows from D1", async () => {
  const res = await worker.fetch("/api/authors?startswith=A");
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get("content-type"), /application\/json/);
  const body = await res.json();
  assert.deepEqual(
    body.results.map((a) => a.name),
    ["Agatha Christie", "Arthur Conan Doyle"],
  );
  const agatha = body.results[0];
  assert.equal(agatha.age, 85);
  assert.equal(agatha.email, "agatha@example.com");
  assert.equal(typeof agatha.id, "number");
  assert.match(body.query.sql, /^SELECT /);
  assert.match(body.query.sql, /"author"/);
  assert.ok(Array.isArray(body.query.params));

  const lower = await (await worker.fetch("/api/authors?startswith=a")).json();
  assert.deepEqual(lower.results.map((a) => a.name), ["Agatha Christie", "Arthur Conan Doyle"]);

  const all = await (await worker.fetch("/api/authors")).json();
  assert.equal(all.results.length, 5);
  assert.deepEqual(
    all.results.map((a) => a.name),
    ["Agatha Christie", "Arthur Conan Doyle", "Jane Austen", "Leo Tolstoy", "Ursula K. Le Guin"],
  );
});

test("GET /api/books?author=Agatha joins the author", async () => {
  const res = await worker.fetch("/api/books?author=Agatha");
  assert.equal(res.status, 200, await res.clone().text());
  const { results } = await res.json();
  assert.deepEqual(
    results.map((b) => b.title),
    ["The Mysterious Affair at Styles", "Murder on the Orient Express", "And Then There Were None"],
  );
  for (const b of results) assert.equal(b.author__name, "Agatha Christie");
});

test("GET / shows each example's code, SQL and rows, with no errors", async () => {
  const res = await worker.fetch("/");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /text\/html/);
  const html = await res.text();
  const errors = [...html.matchAll(/<pre class="error">([\s\S]*?)<\/pre>/g)].map((m) => m[1]);
  assert.deepEqual(errors, [], "every example query runs");
  assert.equal((html.match(/<pre class="sql">/g) ?? []).length, 5);
  assert.match(html, /Author\.objects\.filter\(\{ name__istartswith: &quot;a&quot; \}\)/);
  assert.match(html, /<pre class="sql"><code>SELECT /);
  // rows of the first example: authors starting with "a", oldest first
  assert.ok(html.indexOf("Agatha Christie") < html.indexOf("Arthur Conan Doyle"));
  assert.match(html, /Rows \(2\)/);
});

test("GET /api/authors/:id/books goes through the related manager author.books", async () => {
  const authors = await (await worker.fetch("/api/authors?startswith=Jane")).json();
  const jane = authors.results[0];
  const res = await worker.fetch(`/api/authors/${jane.id}/books`);
  assert.equal(res.status, 200, await res.clone().text());
  const body = await res.json();
  assert.equal(body.author, "Jane Austen");
  assert.equal(body.count, 2);
  assert.deepEqual(body.books.map((b) => b.title), ["Pride and Prejudice", "Emma"]);
  assert.match(body.query.sql, /WHERE "book"\."author_id" = \?/);
  assert.deepEqual(body.query.params, [jane.id]);
  const missing = await worker.fetch("/api/authors/9999/books");
  assert.equal(missing.status, 404);
  assert.match((await missing.json()).error, /Author matching query does not exist\./);
});

test("unknown paths are 404", async () => {
  const res = await worker.fetch("/nope");
  assert.equal(res.status, 404);
  await res.body?.cancel();
});

test("POST /api/authors writes the author and her books in one db.atomic() group, in a D1 session", async () => {
  const body = {
    name: "Mary Shelley",
    age: 53,
    email: "mary@example.com",
    books: [
      { title: "Frankenstein", pages: 280, pubDate: "1818-01-01" },
      { title: "The Last Man", pages: 479, pubDate: "1826-01-23" },
    ],
  };
  const res = await worker.fetch("/api/authors", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  const made = await res.json();
  assert.equal(made.author.name, "Mary Shelley");
  assert.deepEqual(made.books.map((b) => [b.title, b.author_id]), [["Frankenstein", made.author.id], ["The Last Man", made.author.id]]);
  // The session's bookmark comes back, as a header and a cookie.
  const bookmark = res.headers.get("x-d1-bookmark");
  assert.match(bookmark ?? "", /\S/);
  assert.match(res.headers.get("set-cookie") ?? "", /^d1-bookmark=[^;]+; Path=\//);
  // The next request starts from it (header, or cookie) and sees the writes.
  const byHeader = await worker.fetch(`/api/authors/${made.author.id}/books`, { headers: { "x-d1-bookmark": bookmark } });
  assert.equal(byHeader.status, 200, await byHeader.clone().text());
  assert.deepEqual((await byHeader.json()).books.map((b) => b.title), ["Frankenstein", "The Last Man"]);
  assert.ok(byHeader.headers.get("x-d1-bookmark"));
  const byCookie = await worker.fetch("/api/authors?startswith=Mary", { headers: { cookie: `theme=dark; d1-bookmark=${encodeURIComponent(bookmark)}` } });
  assert.deepEqual((await byCookie.json()).results.map((a) => a.email), ["mary@example.com"]);
  // A taken email: 409, and neither the author nor any book is written.
  const again = await worker.fetch("/api/authors", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, name: "Mary Again", books: [{ title: "Never Written", pubDate: "1830-01-01" }] }),
  });
  assert.equal(again.status, 409);
  assert.match((await again.json()).error, /^IntegrityError: UNIQUE constraint failed: author\.email$/);
  const db = await worker.mf.getD1Database("DB");
  const rows = await db.prepare("SELECT (SELECT COUNT(*) FROM author WHERE name = 'Mary Again'), (SELECT COUNT(*) FROM book WHERE title = 'Never Written')").raw();
  assert.deepEqual(rows, [[0, 0]]);
});
