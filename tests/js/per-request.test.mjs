// Issue 13, "models defined once per Worker": a real Worker (bundled by
// wrangler, run by Miniflare's workerd with two real D1 databases) defines
// its models at module scope on `new Database()` and binds a D1 per request
// with `using()`. Many overlapping requests, routed to either database, must
// each see their own database only, and the models must be defined once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker, workerOptions } from "./helpers.mjs";

let bundle, mf, url;

before(async () => {
  bundle = bundleWorker({ config: fileURLToPath(new URL("../worker/per-request/wrangler.toml", import.meta.url)) });
  mf = new Miniflare({ ...workerOptions(bundle), d1Databases: { DB_A: "quarry-a", DB_B: "quarry-b" }, host: "127.0.0.1", port: 0 });
  url = await mf.ready;
});

after(async () => {
  await mf?.dispose();
  bundle?.dispose();
});

test("60 overlapping requests, each through its own request's D1 binding; models defined once", async () => {
  const requests = Array.from({ length: 60 }, (_, i) => ({ db: i % 3 === 0 ? "b" : "a", who: `w${String(i).padStart(2, "0")}`, pause: i % 7 }));
  const answers = await Promise.all(
    requests.map(async (r) => {
      const res = await fetch(new URL(`/note?db=${r.db}&who=${r.who}&pause=${r.pause}`, url));
      assert.equal(res.status, 200, await res.clone().text());
      return res.json();
    }),
  );
  const onA = new Set(requests.filter((r) => r.db === "a").map((r) => r.who));
  const onB = new Set(requests.filter((r) => r.db === "b").map((r) => r.who));
  for (const [i, a] of answers.entries()) {
    const r = requests[i];
    assert.equal(a.db, r.db);
    assert.equal(a.who, r.who);
    assert.deepEqual(a.mine, [`${r.who}'s book`], `request ${r.who}`);
    assert.deepEqual(a.prefetched, [`${r.who}'s book`], `request ${r.who}`);
    assert.ok(a.names.includes(r.who), `${r.who} sees its own author`);
    const own = r.db === "a" ? onA : onB;
    for (const name of a.names) assert.ok(own.has(name), `${r.who} (${r.db}) saw ${name} from the other database`);
    assert.equal(a.definitions, 1, "the models were defined once, at module scope");
  }
  // The databases themselves.
  const names = async (binding) => (await (await mf.getD1Database(binding)).prepare("SELECT name FROM author ORDER BY name").raw()).map((row) => row[0]);
  assert.deepEqual(await names("DB_A"), [...onA].sort());
  assert.deepEqual(await names("DB_B"), [...onB].sort());
  const books = await (await mf.getD1Database("DB_B")).prepare("SELECT b.title, a.name FROM book b JOIN author a ON a.id = b.author_id ORDER BY a.name").raw();
  assert.deepEqual(books, [...onB].sort().map((w) => [`${w}'s book`, w]));
});

test("in workerd, an ExecutorError's stack has no wasm frames (wrangler dev printed them as 'at [object Object]')", async () => {
  const res = await fetch(new URL("/fail", url));
  const { isExecutorError, stack } = await res.json();
  assert.equal(isExecutorError, true);
  assert.match(stack, /^ExecutorError: The database host failed: D1_ERROR: no such table: missing/);
  assert.doesNotMatch(stack, /wasm-function|wasm:\/\/|\[object Object\]/);
});
