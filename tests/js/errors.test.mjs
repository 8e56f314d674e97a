// Errors (API.md "Errors", Django's exceptions and messages) on a real D1
// (Miniflare/workerd): which class, which message, when (building the
// QuerySet vs running it), the host's error as `cause`, and that bad input
// never crashes the wasm core. One Miniflare for the whole file; the cases
// that can take the whole wasm instance (or the process) down run in a child
// process so that they cannot break the rest of the file.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  Database,
  fields,
  Q,
  F,
  RowRange,
  QuarryError,
  QuarryTypeError,
  FieldError,
  ValueError,
  NotSupportedError,
  DoesNotExist,
  IntegrityError,
  ExecutorError,
} from "quarry";
import { startD1, isError } from "./helpers.mjs";
import { defineLibrary, countingExecutor } from "./fixtures.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let d1, dispose, db, counter, cdb;
let Author, Book; // over the D1 binding
let C; // the same models over a counting host executor (same D1)

before(async () => {
  ({ db: d1, dispose } = await startD1());
  db = new Database(d1);
  ({ Author, Book } = defineLibrary(db));
  await db.migrate();
  counter = countingExecutor(d1);
  cdb = new Database(counter);
  C = defineLibrary(cdb);
  await Author.objects.acreate({ name: "Carol", age: 40, email: "carol@x" });
  await Author.objects.acreate({ name: "alice", age: 30, email: "alice@x" });
});

after(() => dispose?.());

/** assert.throws's validator: class, QuarryError, exact message. */
const is = isError;

/** A Database over a plain host executor, with one Author model over the real table. */
function hostDb(executor) {
  const hdb = new Database(executor);
  const A = hdb.model(
    "Author",
    {
      name: fields.CharField({ maxLength: 100 }),
      age: fields.IntegerField({ null: true }),
      email: fields.CharField({ maxLength: 200, unique: true }),
    },
    { table: "author", ordering: ["name"] },
  );
  return A;
}

/** Runs an ES module in a child Node (cwd: the repo, so "quarry" resolves); returns { status, signal, out, err, result }. */
function child(code) {
  const res = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 60_000,
    killSignal: "SIGKILL",
  });
  const lines = (res.stdout ?? "").trim().split("\n");
  let result = null;
  try {
    result = JSON.parse(lines[lines.length - 1]);
  } catch {}
  return { status: res.status, signal: res.signal, out: res.stdout, err: (res.stderr ?? "").slice(0, 2000), result };
}

// ---------------------------------------------------------------- FieldError

test("FieldError for an unknown field is thrown by filter() itself, with Django's Choices list", () => {
  counter.reset();
  const msg = "Cannot resolve keyword 'nme' into field. Choices are: age, books, email, id, name";
  assert.throws(() => C.Author.objects.filter({ nme: "x" }), is(FieldError, msg));
  assert.throws(() => C.Author.objects.exclude({ nme: "x" }), is(FieldError, msg));
  assert.throws(() => C.Author.objects.filter(Q({ name: "a" }).or(Q({ nme: "x" }))), is(FieldError, msg));
  assert.throws(() => C.Author.objects.filter({ nme__icontains: "x" }), is(FieldError, msg));
  assert.throws(() => C.Author.objects.orderBy("-nme"), is(FieldError, msg));
  assert.throws(() => C.Author.objects.values("nme"), is(FieldError, msg));
  // across a relation: a name that is no lookup is a field the related model
  // lacks, named with its choices (issue 13; Django 5.2's filter() says
  // "Unsupported lookup 'nme' for ForeignKey or join on the field not
  // permitted.", its order_by() and values() say this)
  assert.throws(() => C.Book.objects.filter({ author__nme: "x" }), is(FieldError, msg));
  // the choices of a model with a ForeignKey (attnames included, sorted)
  assert.throws(
    () => C.Book.objects.filter({ titel: "x" }),
    is(FieldError, "Cannot resolve keyword 'titel' into field. Choices are: author, author_id, id, inPrint, pages, pubDate, rating, title"),
  );
  assert.equal(counter.log.length, 0, "nothing was sent to the host");
});

test("FieldError for an unsupported lookup, with Django's suggestion", () => {
  assert.throws(
    () => Author.objects.filter({ name__nope: "x" }),
    is(FieldError, "Unsupported lookup 'nope' for CharField or join on the field not permitted."),
  );
  assert.throws(
    () => Author.objects.filter({ name__startwith: "x" }),
    is(FieldError, "Unsupported lookup 'startwith' for CharField or join on the field not permitted, perhaps you meant startswith or istartswith?"),
  );
  assert.throws(
    () => Author.objects.filter({ age__year: 2020 }),
    is(FieldError, "Unsupported lookup 'year' for IntegerField or join on the field not permitted."),
  );
});

// ---------------------------------------------------------------- slicing

test("a negative slice bound is a ValueError", () => {
  for (const [a, b] of [[-1, undefined], [0, -1], [-2, -1]]) {
    assert.throws(() => Author.objects.slice(a, b), is(ValueError, "Negative indexing is not supported."));
  }
});

test("valuesList({ flat, named }) together is Django's TypeError", () => {
  assert.throws(() => Author.objects.valuesList("id", { flat: true, named: true }), is(TypeError, "'flat' and 'named' can't be used together."));
});

test("filter/exclude after a slice: a TypeError that is also a QuarryError", () => {
  const sliced = Author.objects.slice(0, 1);
  for (const fn of [() => sliced.filter({ name: "x" }), () => sliced.exclude({ name: "x" })]) {
    assert.throws(fn, (e) => {
      assert.ok(e instanceof QuarryTypeError);
      assert.ok(e instanceof TypeError, "a real TypeError");
      assert.ok(e instanceof QuarryError, "and a QuarryError");
      assert.equal(e.name, "TypeError");
      assert.equal(e.message, "Cannot filter a query once a slice has been taken.");
      return true;
    });
  }
  assert.throws(() => sliced.orderBy("name"), { name: "TypeError", message: "Cannot reorder a query once a slice has been taken." });
  assert.throws(() => sliced.reverse(), { name: "TypeError", message: "Cannot reverse a query once a slice has been taken." });
});

test("writes after a slice reject with Django's TypeErrors", async () => {
  const sliced = Author.objects.slice(0, 1);
  await assert.rejects(sliced.aupdate({ age: 1 }), { name: "TypeError", message: "Cannot update a query once a slice has been taken." });
  await assert.rejects(sliced.adelete(), { name: "TypeError", message: "Cannot use 'limit' or 'offset' with delete()." });
  await assert.rejects(sliced.aearliest("name"), { name: "TypeError", message: "Cannot change a query once a slice has been taken." });
  assert.equal(await Author.objects.acount(), 2, "nothing was changed");
  assert.equal(await Author.objects.filter({ age: 1 }).acount(), 0);
});

test("distinct() after a slice is a TypeError", () => {
  assert.throws(() => Author.objects.slice(0, 1).distinct(), { name: "TypeError", message: "Cannot create distinct fields once a slice has been taken." });
});

test("ainBulk() after a slice says so", async () => {
  await assert.rejects(Author.objects.slice(0, 1).ainBulk([1]), { name: "TypeError", message: "Cannot use 'limit' or 'offset' with in_bulk()." });
});

// ---------------------------------------------------------------- values

test("a value of the wrong type is a ValueError at filter time, with Django's message", async () => {
  counter.reset();
  assert.throws(() => C.Author.objects.filter({ age: "abc" }), is(ValueError, "Field 'age' expected a number but got 'abc'."));
  assert.throws(() => C.Author.objects.filter({ age__gt: "abc" }), is(ValueError, "Field 'age' expected a number but got 'abc'."));
  assert.throws(() => C.Author.objects.exclude({ age__in: [1, "x"] }), is(ValueError, "Field 'age' expected a number but got 'x'."));
  assert.throws(() => C.Author.objects.filter({ pk: "abc" }), is(ValueError, "Field 'id' expected a number but got 'abc'."));
  assert.throws(() => C.Author.objects.filter(Q({ name: "a" }).or(Q({ age: "abc" }))), is(ValueError));
  assert.equal(counter.log.length, 0);
  // None where a value is needed; isnull wants a boolean
  assert.throws(() => Author.objects.filter({ age__gt: null }), is(ValueError, "Cannot use None as a query value"));
  assert.throws(() => Author.objects.filter({ name__contains: null }), is(ValueError, "Cannot use None as a query value"));
  assert.throws(() => Author.objects.filter({ age__isnull: "yes" }), is(ValueError, "The QuerySet value for an isnull lookup must be True or False."));
  // a numeric string is converted, as Django's int("40")
  assert.deepEqual(await Author.objects.filter({ age: "40" }).valuesList("name", { flat: true }).alist(), ["Carol"]);
  // writes check too
  await assert.rejects(Author.objects.filter({ name: "Carol" }).aupdate({ age: "abc" }), is(ValueError, "Field 'age' expected a number but got 'abc'."));
  await assert.rejects(Author.objects.acreate({ name: "x", email: "x@x", age: "abc" }), is(ValueError, "Field 'age' expected a number but got 'abc'."));
  await assert.rejects(Author.objects.aupdate({ nope: 1 }), is(FieldError, "Author has no field named 'nope'"));
  assert.equal(await Author.objects.filter({ name: "Carol" }).aget().then((a) => a.age), 40);
});

test("a non-array for an 'in' lookup is a clear error", () => {
  for (const bad of [5, "12", { a: 1 }, true]) {
    assert.throws(() => Author.objects.filter({ id__in: bad }), is(ValueError, /'in' lookup must be an array/));
  }
  assert.throws(() => Author.objects.filter({ id__in: 5 }), is(ValueError, "The value of an 'in' lookup must be an array, got 5 (for 'id__in')."));
  assert.throws(() => Author.objects.filter({ age__range: [1] }), is(ValueError, /'range' lookup must be an array of two values/));
});

test("filter() with a non-object argument is a TypeError", () => {
  for (const bad of [null, 42, "name", [1], Symbol("s"), () => 1]) {
    assert.throws(() => Author.objects.filter(bad), (e) => e instanceof TypeError && e instanceof QuarryError && /Expected an object of field lookups/.test(e.message));
  }
  // An object that is not plain lookups was read as none: every row.
  for (const bad of [new Date(), new Map([["name", "x"]])]) {
    assert.throws(() => Author.objects.exclude(bad), (e) => e instanceof TypeError && e instanceof QuarryError && e.message === "Q() takes a Q, an object of lookups or Exists(...).");
  }
  assert.throws(() => Author.objects.valuesList("name", "age", { flat: true }), {
    name: "TypeError",
    message: "'flat' is not valid when values_list is called with more than one field.",
  });
});

// ---------------------------------------------------------------- executors

test("a host whose execute() rejects: ExecutorError with the host's error as cause", async () => {
  const boom = new Error("boom from the host");
  const A = hostDb({ execute: () => Promise.reject(boom) });
  await assert.rejects(A.objects.filter({ name: "x" }).alist(), (e) => {
    assert.ok(e instanceof ExecutorError);
    assert.ok(e instanceof QuarryError);
    assert.equal(e.name, "ExecutorError");
    assert.equal(e.cause, boom, "cause is the host's own error");
    assert.match(e.message, /boom from the host/);
    return true;
  });
  await assert.rejects(A.objects.acount(), (e) => e instanceof ExecutorError && e.cause === boom);
  await assert.rejects(A.objects.acreate({ name: "x", email: "e" }), (e) => e instanceof ExecutorError && e.cause === boom);
  await assert.rejects(A.objects.filter({ name: "x" }).aupdate({ age: 1 }), (e) => e instanceof ExecutorError && e.cause === boom);
});

test("a host whose execute() throws synchronously, rejects with a non-Error, or returns junk: ExecutorError", async () => {
  const boom = new Error("sync boom");
  const A = hostDb({
    execute() {
      throw boom;
    },
  });
  await assert.rejects(A.objects.alist(), (e) => e instanceof ExecutorError && e.cause === boom);
  const B = hostDb({ execute: async () => Promise.reject("just a string") });
  await assert.rejects(B.objects.aexists(), (e) => e instanceof ExecutorError && e.cause === "just a string" && /just a string/.test(e.message));
  for (const junk of [42, null, "rows", { rows: 5 }]) {
    const J = hostDb({ execute: async () => junk });
    await assert.rejects(J.objects.alist(), (e) => e instanceof ExecutorError && e instanceof QuarryError, `junk ${JSON.stringify(junk)}`);
  }
});

test("an invalid executor is rejected by new Database()", () => {
  for (const bad of [42, {}, "db", { execute: 1 }]) {
    assert.throws(() => new Database(bad), (e) => e instanceof QuarryError && /execute/.test(e.message), String(bad));
  }
});

// ---------------------------------------------------------------- IntegrityError

test("IntegrityError for UNIQUE and NOT NULL violations from a real D1, with cause", async () => {
  const check = (re) => (e) => {
    assert.ok(e instanceof IntegrityError, `${e?.constructor?.name}: ${e?.message}`);
    assert.ok(e instanceof QuarryError);
    assert.equal(e.name, "IntegrityError");
    assert.match(e.message, re);
    assert.ok(e.cause !== undefined, "the host's error is the cause");
    assert.match(String(e.cause?.message ?? e.cause), /constraint failed/i);
    return true;
  };
  await assert.rejects(Author.objects.acreate({ name: "dup", email: "carol@x" }), check(/UNIQUE constraint failed: author\.email/));
  await assert.rejects(Author.objects.acreate({ name: null, email: "n@x" }), check(/NOT NULL constraint failed: author\.name/));
  await assert.rejects(Book.objects.acreate({ title: "orphan" }), check(/NOT NULL constraint failed: book\.author_id/));
  const alice = await Author.objects.aget({ name: "alice" });
  alice.email = "carol@x";
  await assert.rejects(alice.asave(), check(/UNIQUE constraint failed: author\.email/));
  await assert.rejects(Author.objects.filter({ name: "alice" }).aupdate({ email: "carol@x" }), check(/UNIQUE constraint failed/));
  // the same through a host executor over the same D1
  await assert.rejects(C.Author.objects.acreate({ name: "dup", email: "carol@x" }), check(/UNIQUE constraint failed: author\.email/));
  await assert.rejects(C.Author.objects.acreate({ name: null, email: "n2@x" }), check(/NOT NULL constraint failed: author\.name/));
  assert.equal(await Author.objects.acount(), 2);
  assert.equal((await Author.objects.aget({ name: "alice" })).email, "alice@x");
});

test("agetOrCreate resolves a unique race to the existing row; DoesNotExist is not swallowed elsewhere", async () => {
  const [carol, created] = await Author.objects.agetOrCreate({ email: "carol@x" }, { defaults: { name: "Carol" } });
  assert.equal(created, false);
  assert.equal(carol.name, "Carol");
  await assert.rejects(Author.objects.aget({ name: "nobody" }), (e) => e instanceof Author.DoesNotExist && e instanceof DoesNotExist);
});

test("defaults: null is no defaults, as Django's defaults=None (it threw a bare TypeError)", async () => {
  const [dora, created] = await Author.objects.agetOrCreate({ name: "Dora", email: "dora@x" }, { defaults: null });
  assert.equal(created, true);
  const [again, made] = await Author.objects.aupdateOrCreate({ email: "dora@x" }, { defaults: null });
  assert.deepEqual([again.pk, again.name, made], [dora.pk, "Dora", false]);
  const [eve, madeEve] = await Author.objects.aupdateOrCreate({ name: "Eve", email: "eve@x" }, { defaults: null });
  assert.equal(madeEve, true);
  assert.deepEqual(await Author.objects.filter({ pk__in: [dora.pk, eve.pk] }).adelete(), [2, { Author: 2 }]);
});

// ---------------------------------------------------------------- D1 specifics

test("regex on D1: NotSupportedError at filter time, naming D1", () => {
  counter.reset();
  for (const lookup of ["regex", "iregex"]) {
    assert.throws(() => Author.objects.filter({ [`name__${lookup}`]: "^C" }), (e) => {
      assert.ok(e instanceof NotSupportedError);
      assert.ok(e instanceof QuarryError);
      assert.equal(e.name, "NotSupportedError");
      assert.match(e.message, /D1/);
      assert.match(e.message, new RegExp(`'${lookup}'`));
      return true;
    });
  }
});

test("BigIntegerField values beyond 2**53: stored exactly; D1 reads them back as the nearest double", async () => {
  const bdb = new Database(d1);
  const Big = bdb.model("Big", { v: fields.BigIntegerField() });
  await bdb.migrate();
  for (const v of [2n ** 60n, -(2n ** 60n) - 1n]) {
    const obj = await Big.objects.acreate({ v });
    const stored = (await d1.prepare("SELECT CAST(v AS TEXT) FROM big WHERE id = ?").bind(obj.pk).raw())[0][0];
    assert.equal(stored, String(v), "the exact integer is stored (never a rounded REAL)");
    // D1 hands back every INTEGER as a JS number: beyond 2**53, the nearest double.
    assert.equal((await Big.objects.aget({ pk: obj.pk })).v, Number(v));
  }
  // A JS number beyond 2**53 is not taken as an integer (it may already be rounded).
  await assert.rejects(Big.objects.acreate({ v: 2 ** 60 }), (e) => e instanceof ValueError);
  await assert.rejects(Big.objects.acreate({ v: 2n ** 70n }), is(ValueError, "A bigint value does not fit in 64 bits."));
});

// ---------------------------------------------------------------- no panics

test("bad input of every kind gives a QuarryError (never a wasm trap), and the Database keeps working", async () => {
  const A = Author.objects;
  const weird = [Symbol("s"), () => 1, [[1]], [[[["deep"]]]], 1e308, -1e308, Infinity, -Infinity, NaN, 2 ** 64, 10n ** 30n, -(2n ** 63n) - 1n, { a: 1 }, {}, new Date(NaN), new Map([[1, 2]]), new Uint8Array(3), [Symbol()], [() => 1], "\ud800", "a\0b", "x".repeat(10000), RowRange(), [RowRange({ start: -1 })]];
  const keys = ["age", "name", "age__in", "name__in", "age__gt", "pk", "id__lte", "age__range", "name__contains", "name__iexact", "age__isnull", "name__startswith", "email__endswith"];
  const calls = [];
  for (const w of weird) {
    for (const k of keys) calls.push([`filter ${k}`, w, () => A.filter({ [k]: w })]);
    calls.push(["exclude Q", w, () => A.exclude(Q({ age: 1 }).or(Q({ name: w })))]);
    calls.push(["acreate", w, () => A.acreate({ name: w, email: `w${calls.length}@x`, age: w })]);
    calls.push(["aupdate", w, () => A.filter({ name: "nobody" }).aupdate({ age: w })]);
    calls.push(["aget", w, () => A.aget({ pk: w })]);
    calls.push(["ainBulk", w, () => A.ainBulk([w])]);
    calls.push(["orderBy", w, () => A.orderBy(w)]);
    calls.push(["values", w, () => A.values(w)]);
    calls.push(["slice", w, () => A.slice(w)]);
    calls.push(["slice end", w, () => A.slice(0, w)]);
    calls.push(["filter arg", w, () => A.filter(w)]);
    calls.push(["F", w, () => A.filter({ name: "nobody" }).aupdate({ age: F("age").add(w) })]);
  }
  calls.push(["fake Q", null, () => A.filter({ __quarry: "Q", connector: "XOR", negated: 3, children: 5 })]);
  calls.push(["fake Q children", null, () => A.filter({ __quarry: "Q", connector: "AND", negated: false, children: [[1, 2, 3]] })]);
  calls.push(["fake F", null, () => A.filter({ age: { __quarry: "F", name: 5 } })]);
  calls.push(["fake expr", null, () => A.filter({ age: { __quarry: "expr", op: "**", lhs: 1, rhs: null } })]);
  calls.push(["aiterator NaN", null, async () => { for await (const x of A.aiterator({ chunkSize: NaN })) void x; }]);
  calls.push(["model bad field", null, () => db.model("BadKind", { x: { kind: "Nope", options: {} } })]);
  calls.push(["model field 5", null, () => db.model("BadKind2", { x: 5 })]);
  calls.push(["model bad maxLength", null, () => db.model("BadKind3", { x: fields.CharField({ maxLength: Symbol() }) })]);
  calls.push(["model bad onDelete", null, () => db.model("BadKind4", { a: fields.ForeignKey("Author", { onDelete: "EXPLODE" }) })]);
  calls.push(["model quote", null, () => db.model('Ev"il', { x: fields.IntegerField() })]);
  calls.push(["model dup", null, () => db.model("Author", { x: fields.IntegerField() })]);

  const show = (w) => {
    try {
      return typeof w === "symbol" ? "symbol" : String(w).slice(0, 20);
    } catch {
      return Object.prototype.toString.call(w);
    }
  };
  const traps = [];
  let quarryErrors = 0;
  for (const [label, w, fn] of calls) {
    try {
      let r = fn();
      if (r && typeof r.alist === "function") r = r.alist();
      await r;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError || /unreachable|panicked|memory access out of bounds/.test(String(e?.message))) {
        traps.push(`${label} (${show(w)}): ${e.message}`);
      } else {
        assert.ok(e instanceof QuarryError, `${label} (${show(w)}): ${e?.constructor?.name}: ${e?.message}`);
        quarryErrors++;
      }
    }
  }
  assert.deepEqual(traps, []);
  assert.ok(quarryErrors > calls.length / 2, `${quarryErrors} of ${calls.length} calls failed cleanly`);

  // the same Database still works
  assert.deepEqual(await Author.objects.valuesList("name", { flat: true }).alist(), ["Carol", "alice"]);
  assert.equal(await Author.objects.filter({ age__gte: 30, name__contains: "a" }).acount(), 2);
  const made = await Author.objects.acreate({ name: "Zed", email: "zed@x" });
  assert.equal(await Author.objects.filter({ pk: made.pk }).aupdate({ age: 1 }), 1);
  assert.deepEqual(await Author.objects.filter({ pk: made.pk }).adelete(), [1, { Author: 1 }]);
});

// Deep inputs can overflow the wasm stack. That must end in an error, not in
// a corrupted wasm instance (every later call failing) or a dead process.
// Each case runs in a child Node (killed after 60 s). The children that run a
// query use a plain host executor answering { rows: [] } rather than a D1:
// the overflow happens while compiling, before anything reaches the host, and
// a child holding a Miniflare D1 was seen to hang for good (main thread
// blocked, SIGTERM ignored) instead of dying.

const PRELUDE = `
const { Database, fields, Q, F, QuarryError } = await import("quarry");
const report = (o) => console.log(JSON.stringify(o));
const describe = (e) => ({ cls: e?.constructor?.name, quarry: e instanceof QuarryError, message: String(e?.message).slice(0, 200) });
`;

function assertChildSurvived(r) {
  assert.equal(r.signal, null, `killed by ${r.signal}`);
  assert.equal(r.status, 0, `the process died:\n${r.err}`);
  assert.ok(r.result, `no report:\n${r.out}\n${r.err}`);
  assert.ok(r.result.first === "ok" || r.result.first.quarry, `first call: ${JSON.stringify(r.result.first)}`);
  assert.equal(r.result.after, "ok", `the library is broken afterwards: ${JSON.stringify(r.result.after)}`);
}

test("a non-string model name is a clear error, not a wasm trap", () => {
  const r = child(`${PRELUDE}
const db = new Database(null);
const A = db.model("A", { n: fields.IntegerField() });
const first = [];
for (const name of [Symbol("x"), 123, {}]) {
  try { db.model(name, {}); first.push("ok"); } catch (e) { first.push(describe(e)); }
}
let after;
try { A.objects.filter({ n: 1 }).compile(); db.model("B", {}); after = "ok"; } catch (e) { after = describe(e); }
report({ first: first.find((f) => f !== "ok" && !f.quarry) ?? first[0], all: first, after });
`);
  assertChildSurvived(r);
  assert.ok(r.result.all.every((f) => f !== "ok" && f.quarry), JSON.stringify(r.result.all));
});

test("a deeply nested array as a lookup value is an error and leaves the library working", () => {
  const r = child(`${PRELUDE}
const db = new Database(null);
const A = db.model("A", { age: fields.IntegerField() });
let v = 1; for (let i = 0; i < 5000; i++) v = [v];
let first, after;
try { A.objects.filter({ age__in: v }).compile(); first = "ok"; } catch (e) { first = describe(e); }
try { A.objects.filter({ age: 1 }).compile(); after = "ok"; } catch (e) { after = describe(e); }
report({ first, after });
`);
  assertChildSurvived(r);
});

test("a Q built from 300 chained .or() compiles (or fails cleanly) and leaves the library working", () => {
  const r = child(`${PRELUDE}
const db = new Database(null);
const A = db.model("A", { name: fields.CharField({ maxLength: 10, null: true }), age: fields.IntegerField({ null: true }) });
let q = Q({ age__isnull: true });
for (let i = 0; i < 300; i++) q = q.or(Q({ name__isnull: true }));
let first, after;
try { A.objects.filter(q).compile(); first = "ok"; } catch (e) { first = describe(e); }
try { A.objects.filter({ age: 1 }).compile(); after = "ok"; } catch (e) { after = describe(e); }
report({ first, after });
`);
  assertChildSurvived(r);
});

const HOST = `
const db = new Database({ async execute(sql, params) { return { rows: [], changes: 0 }; } });
`;

test("running a 300-term OR rejects cleanly instead of killing the process", () => {
  const r = child(`${PRELUDE}${HOST}
const A = db.model("A", { name: fields.CharField({ maxLength: 10, null: true }), age: fields.IntegerField({ null: true }) });
let q = Q({ age: 1 });
for (let i = 0; i < 300; i++) q = q.or(Q({ name__isnull: true }));
let first, after;
try { await A.objects.filter(q).alist(); first = "ok"; } catch (e) { first = describe(e); }
try { await A.objects.filter({ age: 1 }).alist(); after = "ok"; } catch (e) { after = describe(e); }
report({ first, after });
`);
  assertChildSurvived(r);
});

test("aupdate with a 1000-deep F() expression rejects cleanly instead of killing the process", () => {
  const r = child(`${PRELUDE}${HOST}
const A = db.model("A", { age: fields.IntegerField({ null: true }) });
let e = F("age"); for (let i = 0; i < 1000; i++) e = e.add(1);
let first, after;
try { await A.objects.aupdate({ age: e }); first = "ok"; } catch (err) { first = describe(err); }
try { await A.objects.filter({ age: 1 }).alist(); after = "ok"; } catch (err) { after = describe(err); }
report({ first, after });
`);
  assertChildSurvived(r);
});

test("primary keys that are relations in a cycle: a ValueError at migrate(), not a stack overflow that broke every later call", () => {
  const r = child(`${PRELUDE}${HOST}
const Self = db.model("Self", { up: fields.ForeignKey("self", { primaryKey: true, onDelete: "CASCADE" }) });
const P = db.model("P", { q: fields.OneToOneField("Q", { primaryKey: true, onDelete: "CASCADE" }) });
const Q2 = db.model("Q", { p: fields.OneToOneField("P", { primaryKey: true, onDelete: "CASCADE" }) });
let first, after;
try { await db.migrate(); first = "ok"; } catch (err) { first = describe(err); }
try { await db.model("A", { age: fields.IntegerField() }).objects.filter({ age: 1 }).alist(); after = "ok"; } catch (err) { after = describe(err); }
report({ first, after });
`);
  assertChildSurvived(r);
  assert.deepEqual(r.result.first, {
    cls: "ValueError",
    quarry: true,
    message: "The relation 'up' to Self leads back to itself through primary keys that are relations: one of them must be an ordinary field.",
  });
});

test("filter({ x__in: 30 000 values }) is built in linear time", () => {
  const ids = Array.from({ length: 30000 }, (_, i) => i);
  const t0 = performance.now();
  const qs = Author.objects.filter({ id__in: ids });
  const ms = performance.now() - t0;
  assert.equal(qs.compile().params.length, 1);
  assert.ok(ms < 500, `filter() took ${Math.round(ms)} ms for 30 000 ids`);
});
