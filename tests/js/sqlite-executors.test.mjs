// The in-browser SQLite executors (API.md "In-browser SQLite"):
// sqljsExecutor over sql.js and sqliteWasmExecutor over @sqlite.org/sqlite-wasm,
// both run here in Node (the same wasm builds a page loads). Every question is
// asked of a real D1 (Miniflare) too, and the answers must be the same:
// the playground's models, seed and ready-made examples; every field kind's
// values both ways; the executor contract (rows as arrays with columns,
// changes, lastRowId); errors; and batch atomicity under an injected failure.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import initSqlJs from "sql.js";
import sqlite3InitModule from "@sqlite.org/sqlite-wasm";
import * as quarry from "quarry";
import {
  Database, fields, Model, QuerySet, IntegrityError, FieldError, NotSupportedError,
  sqljsExecutor, sqliteWasmExecutor, d1Executor,
} from "quarry";
import { startD1 } from "./helpers.mjs";
import { defineLibrary, defineKind } from "./fixtures.mjs";
import { defineModels, seed, BOOKS, PUBLISHERS, AUTHORS, TAGS } from "../../examples/playground/src/models.js";
import { EXAMPLES } from "../../examples/playground/src/examples.js";
import { scopeOf, runCode, loggingExecutor, describeError } from "../../examples/playground/src/evaluate.js";
import { toTable } from "../../examples/playground/src/table.js";

const SQL = await initSqlJs();
// sqlite-wasm reports a failing step on its own warn channel; the errors reach Quarry anyway.
const sqlite3 = await sqlite3InitModule();
sqlite3.config.warn = () => {};

const d1s = [];
/** A fresh D1 (Miniflare) binding; disposed after the file. */
async function freshD1() {
  const d = await startD1();
  d1s.push(d);
  return d.db;
}
after(async () => {
  for (const d of d1s) await d.dispose();
});

const sqljsDb = () => new SQL.Database();
const wasmDb = () => new sqlite3.oo1.DB(":memory:");

/** The three hosts, each a fresh database: name → executor (D1: the binding itself). */
async function hosts() {
  return { d1: await freshD1(), sqljs: sqljsExecutor(sqljsDb()), wasm: sqliteWasmExecutor(wasmDb()) };
}

/** Values as JSON can hold them, with types kept apart (bigint, Date, bytes, instances). */
function plain(v) {
  if (v instanceof Model) return { model: v.constructor.modelName, ...plain(v.toJSON()) };
  if (typeof v === "bigint") return { bigint: String(v) };
  if (v instanceof Date) return { date: v.toISOString() };
  if (v instanceof Uint8Array) return { bytes: Array.from(v) };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

// ---- the playground's models, seed and examples on all three --------------

let play;
before(async () => {
  const h = await hosts();
  play = {};
  for (const [name, exec] of Object.entries(h)) {
    const log = [];
    // D1 as the binding itself (the core drives it); the others logged.
    const db = new Database(name === "d1" ? exec : loggingExecutor(exec, log));
    const models = defineModels(db, fields);
    const seeded = await seed(db, models);
    play[name] = { db, models, log, seeded, scope: scopeOf(quarry, db, models) };
  }
});

test("the playground's seed: the same rows on D1, sql.js and sqlite-wasm", async () => {
  const counts = { publishers: PUBLISHERS.length, authors: AUTHORS.length, tags: TAGS.length, books: BOOKS.length };
  for (const name of ["d1", "sqljs", "wasm"]) assert.deepEqual(play[name].seeded, counts, name);
  const dump = async ({ models: { Publisher, Author, Tag, Book } }) => ({
    publishers: await Publisher.objects.values().alist(),
    authors: await Author.objects.values().alist(),
    tags: await Tag.objects.values().alist(),
    books: await Book.objects.orderBy("pk").values().alist(),
    bookTags: await Book.objects.orderBy("pk", "tags__name").valuesList("pk", "tags__name").alist(),
  });
  const want = plain(await dump(play.d1));
  assert.equal(want.bookTags.length, BOOKS.reduce((n, b) => n + b[6].length, 0));
  assert.deepEqual(want.books[0], { id: 1, title: "Pride and Prejudice", pages: 432, rating: 4.7, inPrint: true, pubDate: "1813-01-28", author_id: 1 });
  assert.deepEqual(plain(await dump(play.sqljs)), want, "sql.js");
  assert.deepEqual(plain(await dump(play.wasm)), want, "sqlite-wasm");
});

test("every ready-made example of the playground: the same answer (and table) on the three hosts", async () => {
  assert.ok(EXAMPLES.length >= 15);
  for (const ex of EXAMPLES) {
    const answers = {};
    for (const name of ["d1", "sqljs", "wasm"]) {
      const p = play[name];
      const r = await runCode(ex.code, { scope: p.scope, log: p.log, QuerySet });
      // The page names valuesList() columns after the SQL's (the first statement's).
      const columns = r.log.find((s) => s.columns)?.columns;
      answers[name] = r.ok
        ? { value: plain(r.value), table: toTable(r.value, { isQuerySet: r.isQuerySet, columns, Model }) }
        : { error: describeError(r.error) };
    }
    const want = answers.d1;
    if (ex.group === "Mistakes") {
      assert.equal(want.error?.name, "FieldError", ex.title);
      assert.match(want.error.message, /^Cannot resolve keyword 'titel' into field\. Choices are: /);
    } else {
      assert.equal(want.error, undefined, `${ex.title}: ${JSON.stringify(want.error)}`);
      // An answer that says something: rows, or a count / an object.
      assert.ok(Array.isArray(want.value) ? want.value.length > 0 : want.value != null, ex.title);
    }
    assert.deepEqual(answers.sqljs.value ?? answers.sqljs.error, want.value ?? want.error, `sql.js: ${ex.title}`);
    assert.deepEqual(answers.wasm.value ?? answers.wasm.error, want.value ?? want.error, `sqlite-wasm: ${ex.title}`);
    if (!want.table) continue;
    if (want.table.kind === "value") {
      assert.deepEqual([answers.sqljs.table, answers.wasm.table], [want.table, want.table], ex.title);
      continue;
    }
    // The same cells; the same headers, except for valuesList(), whose
    // headers come from the executor's `columns` (D1's raw() names none).
    assert.deepEqual(answers.sqljs.table.rows, want.table.rows, `sql.js table: ${ex.title}`);
    assert.deepEqual(answers.wasm.table.rows, want.table.rows, `sqlite-wasm table: ${ex.title}`);
    assert.deepEqual(answers.wasm.table.columns, answers.sqljs.table.columns, ex.title);
    const unnamed = want.table.columns.every((c) => c === "value" || /^#\d+$/.test(c));
    if (!unnamed) assert.deepEqual(answers.sqljs.table.columns, want.table.columns, `columns: ${ex.title}`);
  }
});

test("prefetchRelated and selectRelated: the related objects the page shows are the same", async () => {
  for (const name of ["d1", "sqljs", "wasm"]) {
    const { Author, Book } = play[name].models;
    const authors = await Author.objects.filter({ name__in: ["Jane Austen", "Isaac Asimov"] }).prefetchRelated("books__tags").alist();
    const t = toTable(authors, { isQuerySet: true, Model });
    assert.deepEqual(t.columns, ["id", "name", "born", "publisher_id", "books (prefetched)"], name);
    assert.deepEqual(t.rows.map((r) => r.at(-1).text), [
      "Foundation (Book 12), I, Robot (Book 13)", // Isaac Asimov; Book's ordering is ["title"]
      "Emma (Book 2), Persuasion (Book 3), Pride and Prejudice (Book 1)", // Jane Austen
    ], name);
    const books = await Book.objects.selectRelated("author__publisher").filter({ title: "Kindred" }).alist();
    const bt = toTable(books, { isQuerySet: true, Model });
    assert.deepEqual(bt.columns.at(-1), "author (selectRelated)", name);
    assert.equal(bt.rows[0].at(-1).text, "Octavia E. Butler (Author 10)", name);
  }
});

test("regex and iregex: REGEXP is registered on both (D1 has none and says so)", async () => {
  const want = BOOKS.map((b) => b[0]).filter((t) => /^The /.test(t)).sort();
  const wantI = BOOKS.map((b) => b[0]).filter((t) => /^the /i.test(t)).sort();
  assert.ok(want.length >= 3);
  for (const name of ["sqljs", "wasm"]) {
    const { Book } = play[name].models;
    assert.deepEqual(await Book.objects.filter({ title__regex: "^The " }).valuesList("title", { flat: true }).alist(), want, name);
    assert.deepEqual(await Book.objects.filter({ title__iregex: "^the " }).valuesList("title", { flat: true }).alist(), wantI, name);
    assert.equal(await Book.objects.filter({ title__regex: "^the " }).acount(), 0, `${name}: regex is case-sensitive`);
  }
  assert.throws(() => play.d1.models.Book.objects.filter({ title__regex: "^The " }), NotSupportedError);
});

// ---- values both ways: every field kind ---------------------------------------

test("every field kind round-trips the same on D1, sql.js and sqlite-wasm", async () => {
  const h = await hosts();
  const got = {};
  for (const [name, exec] of Object.entries(h)) {
    const db = new Database(exec);
    const { Author } = defineLibrary(db);
    const Kind = defineKind(db);
    await db.migrate();
    const author = await Author.objects.acreate({ name: "Ann", age: 30, email: "ann@example.org" });
    const k = await Kind.objects.acreate({
      i: -7, bi: 2 ** 53 - 1, f: 0.1, d: "12.50", c: "naïve ☃", t: "multi\nline", b: true,
      dt: "2024-02-29", ts: new Date("2024-02-29T23:59:58.123Z"), j: { a: [1, null, "x"], b: { c: true } },
      u: "12345678-1234-5678-1234-567812345678", x: new Uint8Array([0, 1, 254, 255]), author,
    });
    const empty = await Kind.objects.acreate({});
    got[name] = plain({
      pks: [k.pk, empty.pk],
      instance: await Kind.objects.aget({ pk: k.pk }),
      defaults: await Kind.objects.aget({ pk: empty.pk }),
      values: await Kind.objects.orderBy("pk").values().alist(),
      lookups: [
        await Kind.objects.filter({ ts__gte: new Date("2024-02-29T23:59:58Z"), x: new Uint8Array([0, 1, 254, 255]) }).acount(),
        await Kind.objects.filter({ j__isnull: false, b: true, dt__month: 2 }).acount(),
        await Kind.objects.filter({ d__gt: "12.4", bi: 2 ** 53 - 1, c__contains: "☃" }).acount(),
      ],
    });
  }
  assert.deepEqual(got.d1.lookups, [1, 1, 1]);
  assert.deepEqual(got.d1.instance.x, { bytes: [0, 1, 254, 255] });
  assert.deepEqual(got.d1.instance.ts, { date: "2024-02-29T23:59:58.123Z" });
  assert.deepEqual(got.sqljs, got.d1, "sql.js");
  assert.deepEqual(got.wasm, got.d1, "sqlite-wasm");
});

test("integers beyond 2^53: stored exactly everywhere; sqlite-wasm reads them back exactly (bigint), sql.js as D1 (nearest double)", async () => {
  const h = await hosts();
  const out = {};
  for (const [name, exec] of Object.entries(h)) {
    const db = new Database(exec);
    const Big = db.model("Big", { v: fields.BigIntegerField() });
    await db.migrate();
    await Big.objects.acreate({ v: 2n ** 60n + 1n });
    out[name] = {
      exact: await Big.objects.filter({ v: 2n ** 60n + 1n }).acount(),
      neighbour: await Big.objects.filter({ v: 2n ** 60n }).acount(),
      read: (await Big.objects.valuesList("v", { flat: true }).alist())[0],
    };
  }
  for (const name of ["d1", "sqljs", "wasm"]) assert.deepEqual([out[name].exact, out[name].neighbour], [1, 0], name);
  assert.equal(out.d1.read, 2 ** 60);
  assert.equal(out.sqljs.read, out.d1.read);
  assert.equal(out.wasm.read, 2n ** 60n + 1n);
});

// ---- the executor contract ---------------------------------------------------------

test("execute(): rows as arrays with columns; changes and lastRowId for writes; as d1Executor answers", async () => {
  const d1 = d1Executor(await freshD1());
  const all = { d1, sqljs: sqljsExecutor(sqljsDb()), wasm: sqliteWasmExecutor(wasmDb()) };
  const out = {};
  for (const [name, ex] of Object.entries(all)) {
    const r = [];
    await ex.execute("CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, s text, n integer, x blob, f real)", []);
    r.push(await ex.execute("INSERT INTO t (s, n, x, f) VALUES (?, ?, ?, ?)", ["a", 1, new Uint8Array([7, 8]), 1.5]));
    r.push(await ex.execute("INSERT INTO t (s, n, x, f) VALUES (?, ?, ?, ?), (?, ?, ?, ?)", ["b", 2, null, null, "c", 3, null, -0.25]));
    r.push(await ex.execute("UPDATE t SET n = n + 10 WHERE n >= ?", [2]));
    r.push(await ex.execute("DELETE FROM t WHERE s = ?", ["nobody"]));
    r.push(await ex.execute("SELECT id, s, n, x, f FROM t ORDER BY id", []));
    r.push(await ex.execute("INSERT INTO t (s) VALUES (?) RETURNING id, s", ["d"]));
    // D1's raw() gives a BLOB as an array of bytes; the SQLite libraries as a Uint8Array.
    const cells = (row) => Array.from(row, (x) => (x instanceof Uint8Array || Array.isArray(x) ? { bytes: Array.from(x) } : x));
    out[name] = r.map(({ rows, changes, lastRowId }) => ({ rows: rows.map(cells), changes, lastRowId }));
    if (name !== "d1") {
      const sel = r[4];
      assert.ok(sel.rows[0][3] instanceof Uint8Array, name);
      assert.deepEqual(sel.columns, ["id", "s", "n", "x", "f"], name);
      assert.ok(sel.rows.every(Array.isArray), name);
      assert.equal(sel.changes, undefined, `${name}: a read reports no changes`);
    }
  }
  assert.deepEqual(out.d1.slice(0, 4).map((r) => [r.changes, r.lastRowId]), [[1, 1], [2, 3], [2, 3], [0, 3]]);
  assert.deepEqual(out.d1[4].rows, [[1, "a", 1, { bytes: [7, 8] }, 1.5], [2, "b", 12, null, null], [3, "c", 13, null, -0.25]]);
  // D1 answers RETURNING through raw() (rows only); the SQLite executors add changes and lastRowId.
  assert.deepEqual(out.d1[5].rows, [[4, "d"]]);
  for (const name of ["sqljs", "wasm"]) {
    assert.deepEqual(out[name].slice(0, 5), out.d1.slice(0, 5), name);
    assert.deepEqual(out[name][5], { rows: [[4, "d"]], changes: 1, lastRowId: 4 }, name);
  }
});

test("constraint failures are IntegrityError with SQLite's own sentence, the same on the three hosts", async () => {
  const h = await hosts();
  const msgs = {};
  for (const [name, exec] of Object.entries(h)) {
    const db = new Database(exec);
    const { Author, Book } = defineLibrary(db);
    await db.migrate();
    const a = await Author.objects.acreate({ name: "Ann", email: "ann@x" });
    const errs = [];
    for (const attempt of [
      () => Author.objects.acreate({ name: "Dup", email: "ann@x" }),
      () => Author.objects.acreate({ name: null, email: "n@x" }),
      () => Book.objects.acreate({ title: "orphan", author_id: a.pk + 100 }),
    ]) {
      const e = await attempt().then(() => null, (x) => x);
      assert.ok(e instanceof IntegrityError, `${name}: ${e?.name}: ${e?.message}`);
      assert.ok(e.cause !== undefined, `${name}: the host's error is the cause`);
      errs.push(e.message);
    }
    msgs[name] = errs;
  }
  assert.deepEqual(msgs.d1, ["UNIQUE constraint failed: author.email", "NOT NULL constraint failed: author.name", "FOREIGN KEY constraint failed"]);
  assert.deepEqual(msgs.sqljs, msgs.d1);
  assert.deepEqual(msgs.wasm, msgs.d1);
});

test("a FieldError is raised at the call that makes the mistake, on every host", () => {
  for (const name of ["d1", "sqljs", "wasm"]) {
    assert.throws(() => play[name].models.Book.objects.filter({ titel: "x" }), (e) => e instanceof FieldError && /Cannot resolve keyword 'titel'/.test(e.message), name);
  }
});

// ---- batch atomicity ---------------------------------------------------------------

/** `exec` with its batch sabotaged: the last statement of every batch replaced by one that fails. */
function sabotaged(exec) {
  return {
    execute: (sql, params) => exec.execute(sql, params),
    batch: (statements) => exec.batch([...statements.slice(0, -1), { sql: "INSERT INTO no_such_table VALUES (1)", params: [] }]),
  };
}

test("batch(): atomic under an injected failure, directly and through Quarry's own multi-statement writes", async () => {
  const all = { d1: d1Executor(await freshD1()), sqljs: sqljsExecutor(sqljsDb()), wasm: sqliteWasmExecutor(wasmDb()) };
  const seen = {};
  for (const [name, ex] of Object.entries(all)) {
    await ex.execute("CREATE TABLE b (id integer PRIMARY KEY, s text UNIQUE)", []);
    // Directly: the good statements before the failing one are rolled back.
    await assert.rejects(ex.batch([
      { sql: "INSERT INTO b (s) VALUES (?)", params: ["one"] },
      { sql: "INSERT INTO b (s) VALUES (?)", params: ["two"] },
      { sql: "INSERT INTO b (s) VALUES (?)", params: ["one"] },
    ]), /UNIQUE/, name);
    const after = await ex.execute("SELECT count(*) FROM b", []);
    // The next batch works (nothing left open) and commits.
    const ok = await ex.batch([
      { sql: "INSERT INTO b (s) VALUES (?)", params: ["three"] },
      { sql: "SELECT s FROM b", params: [] },
    ]);
    seen[name] = { after: after.rows[0][0], okChanges: ok[0].changes, okRows: ok[1].rows ?? ok[1].results };
    // Through Quarry: a cascade delete (one batch) whose last statement fails.
    const db = new Database(ex);
    const { Author, Book } = defineLibrary(db);
    await db.migrate();
    const ann = await Author.objects.acreate({ name: "Ann", email: "ann@x" });
    await Book.objects.abulkCreate([new Book({ title: "A1", author: ann }), new Book({ title: "A2", author: ann })]);
    const broken = defineLibrary(new Database(sabotaged(ex)));
    await assert.rejects(broken.Author.objects.filter({ pk: ann.pk }).adelete(), name);
    // A chunked bulk create (maxParams 4: several INSERTs in one batch), the duplicate in the last chunk.
    const small = defineLibrary(new Database(ex, { maxParams: 4 }));
    const many = Array.from({ length: 5 }, (_, i) => new small.Author({ name: `N${i}`, email: i === 4 ? "ann@x" : `n${i}@x` }));
    await assert.rejects(small.Author.objects.abulkCreate(many), IntegrityError, name);
    seen[name].quarry = { authors: await Author.objects.acount(), books: await Book.objects.acount() };
  }
  assert.deepEqual(seen.d1, { after: 0, okChanges: 1, okRows: [{ s: "three" }], quarry: { authors: 1, books: 2 } });
  for (const name of ["sqljs", "wasm"]) {
    assert.deepEqual({ ...seen[name], okRows: seen[name].okRows.map((r) => r[0]) }, { ...seen.d1, okRows: ["three"] }, name);
  }
});

test("batch() inside the caller's own transaction: a savepoint, so a failure undoes the batch only", async () => {
  for (const [name, make] of [["sqljs", () => sqljsExecutor(sqljsDb())], ["wasm", () => sqliteWasmExecutor(wasmDb())]]) {
    const ex = make();
    await ex.execute("CREATE TABLE b (id integer PRIMARY KEY, s text UNIQUE)", []);
    await ex.execute("BEGIN", []);
    await ex.execute("INSERT INTO b (s) VALUES (?)", ["mine"]);
    await assert.rejects(ex.batch([
      { sql: "INSERT INTO b (s) VALUES (?)", params: ["batched"] },
      { sql: "INSERT INTO b (s) VALUES (?)", params: ["mine"] },
    ]), /UNIQUE/, name);
    assert.deepEqual((await ex.execute("SELECT s FROM b", [])).rows, [["mine"]], `${name}: the caller's row stays, the batch's is gone`);
    await ex.batch([{ sql: "INSERT INTO b (s) VALUES (?)", params: ["second"] }]);
    await ex.execute("ROLLBACK", []);
    assert.deepEqual((await ex.execute("SELECT count(*) FROM b", [])).rows, [[0]], `${name}: the caller's ROLLBACK undoes everything`);
  }
});
