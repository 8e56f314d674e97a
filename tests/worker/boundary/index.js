// Test Worker for tests/js/boundary.test.mjs: runs many mixed queries through
// the package on the bound D1, from inside the isolate, checks every result
// against the seed data and reports the wasm memory before and after.
//
//   GET /run?n=1000&batch=250&from=0   n queries (indices from..from+n), `batch`
//                                      of them at a time (Promise.all)
//   GET /raw?n=1000&batch=250          n plain D1 queries, no package (a baseline)
//
// Answers { ok, wrong, errors, samples, memoryBefore, memoryAfter, isolate, ms }.
// "quarry" is the package itself (self-reference, "workerd" condition); its
// internal export `__wasm` is the instance it runs on, so `wasm.memory` is
// the package's own wasm memory.
import { Database, fields, __wasm as wasm } from "quarry";

const AUTHORS = 60;
const BOOKS = 300;

// The seed, as plain data: the expected answers are computed from these.
const authors = Array.from({ length: AUTHORS }, (_, k) => {
  const id = k + 1;
  return { id, name: `A${id % 7}-${id}`, age: 20 + ((id * 17) % 45) };
});
const books = Array.from({ length: BOOKS }, (_, k) => {
  const id = k + 1;
  return { id, title: `T${id}`, pages: 1 + ((id * 37) % 500), author_id: 1 + (id % AUTHORS) };
});
const authorById = new Map(authors.map((a) => [a.id, a]));

// Identifies this isolate: module scope lives as long as the isolate (set on
// the first request: no random values at global scope in workerd).
let isolate = null;

let app;

function setup(env) {
  if (app && app.binding === env.DB) return app;
  const db = new Database(env.DB);
  const Author = db.model(
    "Author",
    { name: fields.CharField({ maxLength: 100 }), age: fields.IntegerField() },
    { table: "author" },
  );
  const Book = db.model(
    "Book",
    {
      title: fields.CharField({ maxLength: 100 }),
      pages: fields.IntegerField(),
      author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
    },
    { table: "book" },
  );
  app = { binding: env.DB, db, Author, Book, seeded: null };
  return app;
}

// Tables from the package's migrate(), rows by plain SQL (so the expected
// data does not depend on the code under test). Once per isolate.
function ensureSeeded(app, env) {
  app.seeded ??= (async () => {
    await app.db.migrate();
    const { results } = await env.DB.prepare("SELECT COUNT(*) AS n FROM author").all();
    if (results[0].n === 0) {
      const stmts = [];
      for (const a of authors) stmts.push(env.DB.prepare('INSERT INTO author (id, name, age) VALUES (?, ?, ?)').bind(a.id, a.name, a.age));
      for (const b of books) stmts.push(env.DB.prepare('INSERT INTO book (id, title, pages, author_id) VALUES (?, ?, ?, ?)').bind(b.id, b.title, b.pages, b.author_id));
      await env.DB.batch(stmts);
    }
  })().catch((e) => {
    app.seeded = null;
    throw e;
  });
  return app.seeded;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const byId = (x, y) => x.id - y.id;

/** Query i (six kinds, values from i) → [kind, got (a promise), expected]. */
function query({ Author, Book }, i) {
  const a = 1 + (i % AUTHORS);
  switch (i % 6) {
    case 0: {
      const e = authorById.get(a);
      return ["aget", Author.objects.aget({ pk: a }).then((o) => ({ id: o.id, name: o.name, age: o.age })), e];
    }
    case 1: {
      const lo = 20 + (i % 45);
      const e = authors.filter((x) => x.age >= lo && x.age < lo + 5).sort(byId).map((x) => x.id);
      return ["filter.alist", Author.objects.filter({ age__gte: lo, age__lt: lo + 5 }).orderBy("pk").alist().then((r) => r.map((o) => o.id)), e];
    }
    case 2: {
      const p = (i * 7) % 500;
      return ["acount", Book.objects.filter({ pages__gt: p }).acount(), books.filter((b) => b.pages > p).length];
    }
    case 3: {
      const x = 20 + (i % 50);
      const older = authors.filter((o) => o.age > x).sort((u, v) => u.age - v.age || u.id - v.id);
      return ["afirst", Author.objects.filter({ age__gt: x }).orderBy("age", "pk").afirst().then((o) => o && o.id), older.length ? older[0].id : null];
    }
    case 4: {
      const prefix = `A${i % 7}-`;
      const p = (i * 13) % 500;
      const e = books
        .filter((b) => authorById.get(b.author_id).name.startsWith(prefix) && !(b.pages < p))
        .sort(byId)
        .map((b) => b.id);
      return [
        "join",
        Book.objects.filter({ author__name__startswith: prefix }).exclude({ pages__lt: p }).orderBy("pk").valuesList("pk", { flat: true }).alist(),
        e,
      ];
    }
    default: {
      const ids = [a, 1 + (a % AUTHORS), 1 + ((a + 1) % AUTHORS)];
      const e = authors.filter((x) => ids.includes(x.id)).sort(byId).map((x) => ({ name: x.name, age: x.age }));
      return ["values.alist", Author.objects.filter({ pk__in: ids }).orderBy("pk").values("name", "age").alist(), e];
    }
  }
}

async function run(app, from, n, batch) {
  let wrong = 0;
  let errors = 0;
  const samples = [];
  for (let start = from; start < from + n; start += batch) {
    const end = Math.min(from + n, start + batch);
    const pending = [];
    for (let i = start; i < end; i++) {
      const [kind, got, expected] = query(app, i);
      pending.push(
        got.then(
          (g) => {
            if (!same(g, expected)) {
              wrong++;
              if (samples.length < 5) samples.push({ i, kind, got: g, expected });
            }
          },
          (e) => {
            errors++;
            if (samples.length < 5) samples.push({ i, kind, error: `${e?.name}: ${e?.message}` });
          },
        ),
      );
    }
    await Promise.all(pending);
  }
  return { wrong, errors, samples };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    isolate ??= crypto.randomUUID();
    try {
      const app = setup(env);
      await ensureSeeded(app, env);
      if (url.pathname === "/run") {
        const n = Number(url.searchParams.get("n") ?? 1000);
        const batch = Number(url.searchParams.get("batch") ?? n);
        const from = Number(url.searchParams.get("from") ?? 0);
        const memoryBefore = wasm.memory.buffer.byteLength;
        const t0 = Date.now();
        const { wrong, errors, samples } = await run(app, from, n, batch);
        const ms = Date.now() - t0; // workerd advances the clock on I/O
        const memoryAfter = wasm.memory.buffer.byteLength;
        return Response.json({ ok: wrong === 0 && errors === 0, n, wrong, errors, samples, memoryBefore, memoryAfter, isolate, ms });
      }
      if (url.pathname === "/raw") {
        // The same D1 without the package: a baseline for the timings.
        const n = Number(url.searchParams.get("n") ?? 1000);
        const batch = Number(url.searchParams.get("batch") ?? n);
        const t0 = Date.now();
        for (let start = 0; start < n; start += batch) {
          const pending = [];
          for (let i = start; i < Math.min(n, start + batch); i++) pending.push(env.DB.prepare('SELECT "id", "name", "age" FROM "author" WHERE "id" = ?').bind(1 + (i % AUTHORS)).all());
          await Promise.all(pending);
        }
        return Response.json({ n, ms: Date.now() - t0 });
      }
      return Response.json({ error: "not found" }, { status: 404 });
    } catch (e) {
      return Response.json({ error: `${e?.name ?? "Error"}: ${e?.message ?? e}`, stack: e?.stack }, { status: 500 });
    }
  },
};
