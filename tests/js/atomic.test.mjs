// db.atomic(): groups of writes, all or nothing, on a real D1 (Miniflare).
//
// 1. Every group of tests/django/atomic_cases.json runs twice: through real
//    Django 5.2 inside transaction.atomic() (tests/django/oracle.py, live) and
//    through db.atomic() on D1; each write's result and every table afterwards
//    must be equal, or the error class and message. Then, for each group, a
//    failing statement is put at every position of the batch the group sends
//    (before its first statement, between each two, after the last): the
//    group must reject with that IntegrityError and leave every table, and
//    SQLite's AUTOINCREMENT counters, exactly as they were.
// 2. The refusals: an async callback, a host without batch(), a PROTECT
//    refusal, a deletion that must read after an earlier write, an object
//    the batch cannot find again; each writes nothing.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Database, fields, d1Executor, IntegrityError, NotSupportedError, ProtectedError, QuarryError, FieldError } from "quarry";
import * as Quarry from "quarry";
import { startD1 } from "./helpers.mjs";
import { defineOracleModels } from "./oracle-models.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DJANGO_DIR = path.resolve(HERE, "../django");
const fixture = JSON.parse(readFileSync(path.join(DJANGO_DIR, "fixture.json"), "utf8"));
// QUARRY_GROUPS: another group file (tests/django/random_groups.py writes one).
const groups = JSON.parse(readFileSync(process.env.QUARRY_GROUPS || path.join(DJANGO_DIR, "atomic_cases.json"), "utf8"));

function askDjango() {
  const python = process.env.PYTHON || "python3";
  const res = spawnSync(python, [path.join(DJANGO_DIR, "oracle.py")], {
    input: JSON.stringify({ fixture, cases: [], groups }),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`oracle.py exited with ${res.status}:\n${res.stderr}`);
  const out = JSON.parse(res.stdout);
  assert.equal(out.groups.length, groups.length);
  return out.groups;
}

// The oracle's models (tests/js/oracle-models.mjs).
const defineModels = (db) => defineOracleModels(db, fields);

const TABLES = ["publisher", "author", "tag", "book", "book_tags"];

/** The fixture's rows by plain SQL (and SQLite's AUTOINCREMENT counters as the oracle has them). */
async function loadRows(d1) {
  const stmts = [...TABLES.slice().reverse(), "sqlite_sequence"].map((t) => d1.prepare(`DELETE FROM ${t}`));
  for (const [name, table] of [["Publisher", "publisher"], ["Author", "author"], ["Tag", "tag"], ["Book", "book"], ["book_tags", "book_tags"]]) {
    for (const row of fixture[name]) {
      const cols = Object.keys(row);
      stmts.push(d1.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).bind(...cols.map((c) => dbValue(row[c]))));
    }
  }
  await d1.batch(stmts);
}

// As Quarry and Django store them on SQLite: booleans 0/1, datetimes "YYYY-MM-DD HH:MM:SS[.ffffff]".
const dbValue = (v) => (typeof v === "boolean" ? Number(v) : typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? v.replace("T", " ").replace(/(\.\d+)?Z$/, (_, f) => (f ? f.padEnd(7, "0") : "")) : v);

/** Every table's rows, and the AUTOINCREMENT counters: what "nothing was written" means. */
async function snapshot(d1) {
  const out = {};
  for (const t of [...TABLES, "sqlite_sequence"]) out[t] = (await d1.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw());
  return out;
}

const plain = (v) =>
  v instanceof Date ? v.toISOString() : typeof v === "bigint" ? Number(v) : Array.isArray(v) ? v.map(plain) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;

/** The tables as the oracle reports them. */
async function state(models, d1) {
  const out = {};
  for (const name of ["Publisher", "Author", "Tag", "Book"]) out[name] = plain(await models[name].objects.orderBy("pk").values().alist());
  out.book_tags = (await d1.prepare("SELECT book_id, tag_id FROM book_tags ORDER BY 1, 2").raw());
  return out;
}

/** A D1 binding whose batch() can have a failing statement put at position `inject`. */
function injecting(d1) {
  const FAIL = 'INSERT INTO "publisher" ("id", "name") VALUES (NULL, NULL)';
  return {
    inject: null,
    sent: null,
    prepare: (sql) => d1.prepare(sql),
    batch(stmts) {
      this.sent = stmts.length;
      if (this.inject !== null) stmts = [...stmts.slice(0, this.inject), d1.prepare(FAIL), ...stmts.slice(this.inject)];
      return d1.batch(stmts);
    },
  };
}

const lookups = (c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, jsValue(v)]));
/** A case's value: dates, and the expressions of random_groups.py ($F, $op, $func), as django.test.mjs reads them. */
const jsValue = (v) => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  if ("$datetime" in v) return new Date(v.$datetime);
  if ("$F" in v) return Quarry.F(v.$F);
  if ("$op" in v) return jsValue(v.lhs)[v.$op](jsValue(v.rhs));
  if ("$func" in v) return Quarry[v.$func](...v.args.map(jsValue));
  if ("$agg" in v) return Quarry[v.$agg](jsValue(v.arg));
  return v;
};

function build(models, c) {
  let qs = models[c.model].objects.all();
  for (const [op, ...args] of c.ops ?? []) qs = qs[op](...args.map(lookups));
  return qs;
}

/** Runs group `g` through db.atomic(): each write's result in the oracle's shape. */
async function runGroup(db, models, g) {
  const loaded = new Map();
  const walk = async (v) => {
    if (Array.isArray(v)) for (const x of v) await walk(x);
    else if (v !== null && typeof v === "object") {
      if (v.$obj) loaded.set(v.$obj.join(":"), await models[v.$obj[0]].objects.aget({ pk: v.$obj[1] }));
      for (const x of Object.values(v)) await walk(x);
    }
  };
  await walk(g.writes);
  const made = [];
  const val = (v) => {
    if (Array.isArray(v)) return v.map(val);
    if (v !== null && typeof v === "object" && v.$obj) return loaded.get(v.$obj.join(":"));
    if (v !== null && typeof v === "object" && "$ref" in v) return Array.isArray(v.$ref) ? made[v.$ref[0]][v.$ref[1]] : made[v.$ref];
    return jsValue(v);
  };
  const vals = (o) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, val(v)]));
  const results = await db.atomic((tx) => {
    for (const [op, ...a] of g.writes) {
      let out = null;
      if (op === "create") out = tx.create(models[a[0]], vals(a[1]));
      else if (op === "bulkCreate") out = tx.bulkCreate(models[a[0]], a[1].map(vals), a[2]);
      else if (op === "update") tx.update(build(models, a[0]), vals(a[1]));
      else if (op === "delete") tx.delete(a[0].$obj ? val(a[0]) : build(models, a[0]));
      else if (op === "save") tx.save((out = typeof a[0] === "string" ? new models[a[0]](vals(a[1])) : Object.assign(val(a[0]), vals(a[1]))));
      else if (op === "bulkUpdate") tx.bulkUpdate(build(models, a[0]), a[1].map(([ref, v]) => Object.assign(val(ref), vals(v))), a[2], a[3]);
      else if (op === "set") tx.set(val(a[0])[a[1]], val(a[2]), a[3]);
      else if (op === "clear") tx.clear(val(a[0])[a[1]]);
      else tx[op](val(a[0])[a[1]], ...val(a[2]));
      made.push(out);
    }
  });
  assert.equal(results.length, g.writes.length, "one result per write");
  return results.map((r, i) => {
    const op = g.writes[i][0];
    if (op === "create") {
      assert.equal(r, made[i], "tx.create() resolves to the instance it returned");
      return r.pk;
    }
    if (op === "bulkCreate") return r.map((o) => o.pk ?? null);
    if (op === "save") {
      assert.equal(r, undefined);
      return made[i].pk;
    }
    return r === undefined ? null : r;
  });
}

test("groups of writes: as Django inside transaction.atomic(), and nothing written when any statement fails", async (t) => {
  const oracle = askDjango();
  const { db: d1, dispose } = await startD1();
  after(dispose);
  const host = injecting(d1);
  const db = new Database(host);
  const models = defineModels(db);
  await db.migrate();
  await loadRows(d1);
  const pristine = await snapshot(d1);

  for (const [i, g] of groups.entries()) {
    await t.test(g.name, async () => {
      const want = oracle[i];
      assert.notEqual(want.error, "CaseFormatError", want.message);
      assert.equal(want.ok ? undefined : want.error, g.expectError, "the oracle answered as the group intends");
      // The failure injected at every position of the batch.
      let positions = 0;
      for (let k = 0; ; k++) {
        host.inject = k;
        host.sent = null;
        const err = await runGroup(db, models, g).then(() => null, (e) => e);
        if (host.sent === null) {
          // Refused before anything was sent: Django's own error.
          assert.equal(want.ok, false, `nothing was sent, but Django answered: ${err}`);
          assert.deepEqual({ name: err?.name, message: err?.message }, { name: want.error, message: want.message });
          break;
        }
        assert.ok(err instanceof IntegrityError, `position ${k}: ${err}`);
        if (want.ok || !/constraint/.test(want.message)) assert.equal(err.message, "NOT NULL constraint failed: publisher.name");
        assert.ok(err.cause !== undefined, "the host's own error is the cause");
        assert.deepEqual(await snapshot(d1), pristine, `position ${k} of ${host.sent}: every table as before`);
        positions++;
        if (k >= host.sent) break;
      }
      t.diagnostic(`${g.name}: failure injected at ${positions} positions`);
      // The group itself.
      host.inject = null;
      let got;
      try {
        got = { ok: true, value: await runGroup(db, models, g) };
      } catch (e) {
        if (!(e instanceof QuarryError)) throw e;
        got = { ok: false, error: e.name, message: e.message };
      }
      got.state = await state(models, d1);
      assert.deepStrictEqual(got, want);
      if (!want.ok) assert.deepEqual(await snapshot(d1), pristine, "a failed group writes nothing");
      await loadRows(d1);
      assert.deepEqual(await snapshot(d1), pristine);
    });
  }
});

// ---------------------------------------------------------------- refusals

/** The library models on a fresh D1, over a host that logs what it runs. */
async function library() {
  const { db: d1, dispose } = await startD1();
  after(dispose);
  const log = [];
  const inner = d1Executor(d1);
  const host = {
    execute: (sql, params) => (log.push(sql), inner.execute(sql, params)),
    batch: (s) => (log.push(...s.map((x) => x.sql)), inner.batch(s)),
  };
  const db = new Database(host);
  const Author = db.model("Author", { name: fields.CharField(), email: fields.CharField({ unique: true }) }, { table: "author" });
  const Book = db.model("Book", {
    title: fields.CharField(),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "PROTECT" }),
    editor: fields.ForeignKey("Author", { null: true, relatedName: "edited", onDelete: "SET_NULL" }),
  });
  const Node = db.model("Node", { name: fields.CharField(), parent: fields.ForeignKey("Node", { null: true, relatedName: "children", onDelete: "CASCADE" }) });
  const Item = db.model("Item", { name: fields.CharField() });
  const Mark = db.model("Mark", { item: fields.ForeignKey("Item", { onDelete: "CASCADE" }) });
  await db.migrate();
  const ann = await Author.objects.acreate({ name: "Ann", email: "ann@x" });
  const bob = await Author.objects.acreate({ name: "Bob", email: "bob@x" });
  await Book.objects.acreate({ title: "A", author: ann, editor: bob });
  const root = await Node.objects.acreate({ name: "root" });
  const kid = await Node.objects.acreate({ name: "kid", parent: root });
  await Node.objects.acreate({ name: "grandkid", parent: kid });
  await Node.objects.acreate({ name: "other" });
  log.length = 0;
  const rows = async () => ({
    author: await d1.prepare("SELECT * FROM author ORDER BY id").raw(),
    book: await d1.prepare("SELECT * FROM book ORDER BY id").raw(),
    node: await d1.prepare("SELECT * FROM node ORDER BY id").raw(),
    item: await d1.prepare("SELECT * FROM item ORDER BY id").raw(),
    mark: await d1.prepare("SELECT * FROM mark ORDER BY id").raw(),
    seq: await d1.prepare("SELECT * FROM sqlite_sequence ORDER BY name").raw(),
  });
  return { d1, db, log, Author, Book, Node, Item, Mark, ann, bob, rows };
}

const writes = (log) => log.filter((sql) => !/^\s*SELECT/i.test(sql));

test("an async callback is a TypeError naming the rule, and nothing runs", async () => {
  const { db, log, Author, rows } = await library();
  const before = await rows();
  let called = false;
  await assert.rejects(
    db.atomic(async (tx) => {
      called = true;
      tx.create(Author, { name: "x", email: "x@x" });
    }),
    (e) => e instanceof TypeError && e instanceof QuarryError && /must not be async or return a Promise/.test(e.message),
  );
  assert.equal(called, false, "an async function is not even called");
  // A plain function returning a Promise: recorded, refused, not sent.
  await assert.rejects(
    db.atomic((tx) => {
      tx.create(Author, { name: "y", email: "y@x" });
      return Promise.resolve();
    }),
    (e) => e instanceof TypeError && /must not be async/.test(e.message),
  );
  // As Django's Manager, Model.objects has no delete(): all() says "every row".
  await assert.rejects(
    db.atomic((tx) => tx.delete(Author.objects)),
    (e) => e instanceof TypeError && /'Manager' object has no attribute 'delete'/.test(e.message),
  );
  let kept;
  await db.atomic((tx) => {
    kept = tx;
  });
  assert.throws(() => kept.create(Author, { name: "late", email: "late@x" }), (e) => e instanceof TypeError && /already sent/.test(e.message));
  assert.deepEqual(log, []);
  assert.deepEqual(await rows(), before);
});

test("a host without batch() gets NotSupportedError, and nothing is written", async () => {
  const { d1, rows } = await library();
  const before = await rows();
  const log = [];
  const inner = d1Executor(d1);
  const db = new Database({ execute: (sql, params) => (log.push(sql), inner.execute(sql, params)) });
  const Author = db.model("Author", { name: fields.CharField(), email: fields.CharField({ unique: true }) }, { table: "author" });
  await assert.rejects(
    db.atomic((tx) => {
      tx.create(Author, { name: "x", email: "x@x" });
      tx.update(Author.objects.all(), { name: "y" });
    }),
    (e) => e instanceof NotSupportedError && /needs a host that runs statements as one atomic batch/.test(e.message),
  );
  assert.deepEqual(log, []);
  assert.deepEqual(await rows(), before);
  // The a-methods that write several statements still work there, one statement after another.
  const Book = db.model("Book", {
    title: fields.CharField(),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "PROTECT" }),
    editor: fields.ForeignKey("Author", { null: true, relatedName: "edited", onDelete: "SET_NULL" }),
  });
  const cy = await Author.objects.acreate({ name: "Cy", email: "cy@x" });
  const [b1, b2] = await Book.objects.abulkCreate([{ title: "c1", author: cy, editor: cy }, { title: "c2", author: cy }]);
  assert.ok(b1.pk && b2.pk);
  cy.name = "Cyd";
  await cy.asave();
  assert.deepEqual(await Book.objects.filter({ author__name: "Cyd" }).acount(), 2);
  assert.deepEqual(await Author.objects.filter({ name: "Bob" }).adelete(), [1, { Author: 1 }]);
  assert.ok(log.length > 0 && log.every((sql) => typeof sql === "string"), "run through execute() alone");
});

test("errors found while compiling write nothing: FieldError, a wrong value, PROTECT", async () => {
  const { db, log, Author, Book, ann, rows } = await library();
  const before = await rows();
  await assert.rejects(
    db.atomic((tx) => {
      tx.create(Author, { name: "x", email: "x@x" });
      tx.update(Author.objects.filter({ nmae: "Ann" }), { name: "z" });
    }),
    (e) => e instanceof FieldError && /Cannot resolve keyword 'nmae' into field/.test(e.message),
  );
  await assert.rejects(
    db.atomic((tx) => {
      tx.create(Author, { name: "x", email: "x@x" });
      tx.create(Book, { title: "t", author_id: "not a pk" });
    }),
    (e) => e.name === "ValueError" && /expected a number but got 'not a pk'/.test(e.message),
  );
  // PROTECT: Django's collector reads before deciding, so the deletion comes first.
  await assert.rejects(
    db.atomic((tx) => {
      tx.delete(Author.objects.filter({ name: "Ann" }));
      tx.create(Author, { name: "x", email: "x@x" });
    }),
    (e) => e instanceof ProtectedError && e.message === "Cannot delete some instances of model 'Author' because they are referenced through protected foreign keys: 'Book.author'.",
  );
  assert.deepEqual(writes(log), [], "nothing but reads was sent");
  assert.deepEqual(await rows(), before);
  // After another write it could not read what the group changed: refused.
  log.length = 0;
  await assert.rejects(
    db.atomic((tx) => {
      tx.create(Book, { title: "B", author: ann });
      tx.delete(Author.objects.filter({ name: "Bob" }));
    }),
    (e) => e instanceof NotSupportedError && /write #2 deletes Author rows, and must read them before the batch/.test(e.message),
  );
  assert.deepEqual(log, []);
  assert.deepEqual(await rows(), before);
});

test("a deletion that reads first: PROTECT passes, SET_NULL and a cycle of cascades, in the group's batch", async () => {
  const { db, log, Author, Book, Node, bob, rows } = await library();
  // Bob only edits a book: SET_NULL, nothing protected.
  const [deleted, created] = await db.atomic((tx) => {
    tx.delete(Author.objects.filter({ name: "Bob" }));
    tx.create(Author, { name: "Cy", email: "bob@x" });
  });
  assert.deepEqual(deleted, [1, { Author: 1 }]);
  assert.equal(created.email, "bob@x");
  assert.equal((await Book.objects.aget({ title: "A" })).editor_id, null);
  assert.equal(writes(log).length, 3, "one UPDATE, one DELETE, one INSERT, in one batch");
  // A tree (a cycle of relations): the collector follows it.
  const [tree] = await db.atomic((tx) => {
    tx.delete(Node.objects.filter({ name: "root" }));
  });
  assert.deepEqual(tree, [3, { Node: 3 }]);
  assert.deepEqual((await Node.objects.valuesList("name", { flat: true }).alist()), ["other"]);
  assert.ok(bob.pk);
  assert.ok((await rows()).node.length === 1);
});

test("an object created earlier in the group: found in the batch, or refused when it cannot be", async () => {
  const { db, log, Author, Book, Node, Item, Mark, rows } = await library();
  const [a, b1, more, n1, n2] = await db.atomic((tx) => {
    const a = tx.create(Author, { name: "Dee", email: "dee@x" });
    const b1 = tx.create(Book, { title: "one", author: a });
    const more = tx.bulkCreate(Book, [{ title: "two", author: a, editor: a }, { title: "three", author: a }]);
    const n1 = tx.create(Node, { name: "n1" });
    const n2 = tx.create(Node, { name: "n2", parent: n1 });
    assert.equal(a.pk, null, "no primary key before the batch has run");
    return void [b1, more, n2];
  });
  assert.equal(typeof a.pk, "number");
  assert.deepEqual([b1.author_id, more[0].author_id, more[0].editor_id, more[1].author_id], [a.pk, a.pk, a.pk, a.pk]);
  assert.equal(n2.parent_id, n1.pk);
  const stored = await Book.objects.filter({ author: a }).orderBy("id").valuesList("title", "author_id", "editor_id").alist();
  assert.deepEqual(stored, [["one", a.pk, null], ["two", a.pk, a.pk], ["three", a.pk, null]]);
  assert.deepEqual(await Node.objects.filter({ name: "n2" }).valuesList("parent_id", { flat: true }).alist(), [n1.pk]);
  // A deletion from the table in between: its primary key could not be found again.
  const before = await rows();
  log.length = 0;
  await assert.rejects(
    db.atomic((tx) => {
      const x = tx.create(Item, { name: "x" });
      tx.delete(Item.objects.filter({ name: "nobody" }));
      tx.create(Mark, { item: x });
    }),
    (e) => e instanceof NotSupportedError && /write #3 uses the Item write #1 creates, but write #2 changes table "item" in between/.test(e.message),
  );
  assert.deepEqual(log, []);
  assert.deepEqual(await rows(), before);
  // Rows inserted in between only move it down the table.
  const [x, , , m] = await db.atomic((tx) => {
    const x = tx.create(Item, { name: "x" });
    tx.bulkCreate(Item, [{ name: "y" }, { name: "z" }]);
    tx.update(Item.objects.filter({ name: "y" }), { name: "yy" });
    tx.create(Mark, { item: x });
  });
  assert.equal(m.item_id, x.pk);
  assert.deepEqual(await Mark.objects.valuesList("item__name", { flat: true }).alist(), ["x"]);
});

test("tx.save() of an instance loaded with only() is refused; a unique violation names the constraint", async () => {
  const { db, Author, rows } = await library();
  const partial = await Author.objects.only("name").aget({ name: "Ann" });
  await assert.rejects(
    db.atomic((tx) => tx.save(partial)),
    (e) => e instanceof NotSupportedError && /loaded with only\(\)\/defer\(\)/.test(e.message),
  );
  const before = await rows();
  await assert.rejects(
    db.atomic((tx) => {
      tx.create(Author, { name: "New", email: "new@x" });
      tx.create(Author, { name: "Dup", email: "ann@x" });
    }),
    (e) => e instanceof IntegrityError && e.message === "UNIQUE constraint failed: author.email" && e.cause !== undefined,
  );
  assert.deepEqual(await rows(), before);
});
