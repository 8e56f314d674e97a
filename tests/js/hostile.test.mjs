// Hostile input on a real D1 (Miniflare/workerd): values D1's binding cannot
// carry as they are (±Infinity, NaN, integers beyond ±2^53), a polluted
// Object.prototype, hosts that answer with the wrong shape, slices at the
// edges of JavaScript's integers, and aggregates over '*'. One Miniflare for
// the whole file.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { Database, fields, Max, Count, QuarryError, FieldError, ValueError, DoesNotExist, ExecutorError } from "quarry";
import { libraryOnD1, defineLibrary, countingExecutor, rawRows } from "./fixtures.mjs";

let d1, dispose, db;
let Author, Book, Item, Kind; // over the D1 binding
let C; // the same library models over a plain host executor (same D1)
let author;

before(async () => {
  ({ d1, dispose, db, Author, Book, Item, Kind, C } = await libraryOnD1());
  author = await Author.objects.acreate({ name: "Ann", email: "ann@x" });
});

after(() => dispose?.());

/** A row's stored value and SQLite type, read straight from D1. */
const stored = async (table, col, pk) => (await rawRows(d1, `SELECT typeof("${col}"), CAST("${col}" AS TEXT) FROM "${table}" WHERE "${table === "kind" ? "big" : "id"}" = ?`, pk))[0];

// ---------------------------------------------------------------- 1. ±Infinity and NaN

test("±Infinity: compared and stored as SQLite's REAL infinities, over the D1 binding and a host executor", async () => {
  await Book.objects.filter({ title__startswith: "inf-" }).adelete();
  const low = await Book.objects.acreate({ title: "inf-low", rating: -2.5, author });
  const high = await Book.objects.acreate({ title: "inf-high", rating: 1e308, author });
  await Book.objects.acreate({ title: "inf-null", rating: null, author });
  const titles = async (M, lookups) => (await M.objects.filter({ title__startswith: "inf-", ...lookups }).orderBy("id").valuesList("title", { flat: true }).alist());
  for (const M of [Book, C.Book]) {
    assert.deepEqual(await titles(M, { rating__gt: -Infinity }), ["inf-low", "inf-high"], "rating > -Infinity");
    assert.deepEqual(await titles(M, { rating__lt: Infinity }), ["inf-low", "inf-high"], "rating < Infinity");
    assert.deepEqual(await titles(M, { rating__gte: Infinity }), [], "rating >= Infinity");
    assert.deepEqual(await titles(M, { rating__range: [-Infinity, 0] }), ["inf-low"]);
  }
  const pos = await Book.objects.acreate({ title: "inf-pos", rating: Infinity, author });
  const neg = await C.Book.objects.acreate({ title: "inf-neg", rating: -Infinity, author });
  assert.deepEqual(await stored("book", "rating", pos.pk), ["real", "Inf"]);
  assert.deepEqual(await stored("book", "rating", neg.pk), ["real", "-Inf"]);
  assert.deepEqual(await titles(Book, { rating: Infinity }), ["inf-pos"]);
  assert.deepEqual(await titles(C.Book, { rating__lt: -1e308 }), ["inf-neg"]);
  await Book.objects.filter({ pk: low.pk }).aupdate({ rating: -Infinity });
  assert.deepEqual(await stored("book", "rating", low.pk), ["real", "-Inf"], "aupdate");
  high.rating = Infinity;
  await high.asave();
  assert.deepEqual(await stored("book", "rating", high.pk), ["real", "Inf"], "asave");
  // The value stays a placeholder: text SQLite reads as a REAL overflowing to ±Inf.
  const { sql, params } = Book.objects.filter({ rating__gt: -Infinity }).compile();
  assert.match(sql, /"rating" > CAST\(\? AS REAL\)/);
  assert.deepEqual(params, ["-9e999"]);
});

test("NaN is bound as NULL, as SQLite stores a NaN (and Django on SQLite does)", async () => {
  const b = await Book.objects.acreate({ title: "nan", rating: NaN, author });
  assert.deepEqual(await stored("book", "rating", b.pk), ["null", null]);
  assert.equal(await Book.objects.filter({ rating__gt: NaN }).acount(), 0);
  assert.deepEqual(Book.objects.filter({ rating__lt: NaN }).compile().params, [null]);
});

// ---------------------------------------------------------------- 2. integers beyond ±2^53

test("BigIntegerField: integers beyond ±2^53 are stored and compared exactly", async () => {
  const MIN = -(2n ** 63n);
  const MAX = 2n ** 63n - 1n;
  const a = await Kind.objects.acreate({ bi: MIN });
  const b = await Kind.objects.acreate({ bi: MAX });
  const c = await C.Book.objects.acreate({ title: "big-pages", pages: 2n ** 53n + 1n, author });
  assert.deepEqual(await stored("kind", "bi", a.pk), ["integer", "-9223372036854775808"]);
  assert.deepEqual(await stored("kind", "bi", b.pk), ["integer", "9223372036854775807"]);
  assert.deepEqual(await stored("book", "pages", c.pk), ["integer", "9007199254740993"], "over a host executor");
  assert.equal(await Kind.objects.filter({ bi: MIN }).acount(), 1);
  assert.equal(await Kind.objects.filter({ bi: MIN + 1n }).acount(), 0, "MIN + 1 is another integer");
  assert.equal(await Kind.objects.filter({ bi__gt: MAX - 1n }).acount(), 1);
  assert.equal(await C.Book.objects.filter({ pages: 2n ** 53n }).acount(), 0, "2^53 is not 2^53 + 1");
  await Kind.objects.filter({ pk: a.pk }).aupdate({ bi: MIN + 1n });
  assert.deepEqual(await stored("kind", "bi", a.pk), ["integer", "-9223372036854775807"], "aupdate");
  // A BigAutoField primary key given beyond 2^53.
  const k = await Kind.objects.acreate({ big: MIN + 5n, bi: 1 });
  assert.equal(k.pk, MIN + 5n, "the pk given stays exact (D1 reads it back rounded)");
  assert.deepEqual(await rawRows(d1, "SELECT CAST(big AS TEXT) FROM kind WHERE bi = 1"), [["-9223372036854775803"]]);
  assert.equal(await Kind.objects.filter({ pk: k.pk }).acount(), 1);
  // Reading back: D1 returns a JS number (the nearest double), as for any INTEGER column.
  const got = await Kind.objects.aget({ pk: b.pk });
  assert.equal(got.bi, 9223372036854775807);
  // The value stays a placeholder, as text cast back to INTEGER.
  const { sql, params } = Kind.objects.filter({ bi: MIN }).compile();
  assert.match(sql, /"bi" = CAST\(\? AS INTEGER\)/);
  assert.deepEqual(params, ["-9223372036854775808"]);
  assert.deepEqual(Kind.objects.filter({ bi: 2 ** 53 - 1 }).compile().params, [2 ** 53 - 1], "safe integers stay numbers");
});

// ---------------------------------------------------------------- 3. a polluted Object.prototype

test("only own keys are field values: a polluted Object.prototype does not leak into rows", async () => {
  Object.prototype.title = "polluted";
  Object.prototype.pages = 666;
  Object.prototype.__quarry = "F";
  try {
    const b = new Book({ author });
    assert.equal(b.title, "", "new Model() reads own keys only");
    assert.ok(Object.hasOwn(b, "title"));
    const made = await Book.objects.acreate({ author, rating: 1 });
    const row = (await rawRows(d1, "SELECT title, pages FROM book WHERE id = ?", made.pk))[0];
    assert.deepEqual(row, ["", 0]);
    const [got, created] = await Book.objects.agetOrCreate({ rating: 42.5 }, { defaults: { author } });
    assert.ok(created);
    assert.deepEqual((await rawRows(d1, "SELECT title, pages FROM book WHERE id = ?", got.pk))[0], ["", 0], "agetOrCreate");
    const k = await Kind.objects.acreate({ j: { a: 1 } });
    assert.deepEqual(await stored("kind", "j", k.pk), ["text", '{"a": 1}'], "a plain object is JSON (as Python's json.dumps writes it), not an inherited F()");
    assert.equal(await Kind.objects.filter({ j: { a: 1 } }).acount(), 1);
  } finally {
    delete Object.prototype.title;
    delete Object.prototype.pages;
    delete Object.prototype.__quarry;
  }
});

// ---------------------------------------------------------------- 4. malformed host answers

test("a host whose execute() resolves to the wrong shape: ExecutorError naming it, never [] or DoesNotExist", async () => {
  const hostDb = (answer) => {
    const hdb = new Database({ execute: async () => answer });
    return defineLibrary(hdb).Author;
  };
  const cases = [
    [{}, /`rows` is missing/],
    [{ rows: undefined }, /`rows` is missing/],
    [{ rows: null }, /`rows` is missing/],
    [{ rows: 5 }, /`rows` must be an array/],
    [{ rows: {} }, /`rows` must be an array/],
    [{ rows: "x" }, /`rows` must be an array/],
    [{ rows: [1, 2] }, /row 0 is neither an array nor an object/],
    [{ rows: [[1, "a", 2, "e"], null] }, /row 1 is neither an array nor an object/],
    [null, /must resolve to an object/],
    [undefined, /must resolve to an object/],
    [[], /`rows` is missing/],
  ];
  for (const [answer, re] of cases) {
    const A = hostDb(answer);
    const check = (e) => {
      assert.ok(e instanceof ExecutorError, `${JSON.stringify(answer)}: got ${e?.constructor?.name}: ${e?.message}`);
      assert.ok(e instanceof QuarryError);
      assert.match(e.message, re, JSON.stringify(answer));
      assert.match(e.message, /\{ rows: \[\.\.\.\] \}/, "names the expected shape");
      return true;
    };
    await assert.rejects(A.objects.alist(), check);
    await assert.rejects(A.objects.aget({ name: "x" }), check);
    await assert.rejects(A.objects.acount(), check);
    await assert.rejects(A.objects.aexists(), check);
    await assert.rejects(A.objects.valuesList("name", { flat: true }).alist(), check);
  }
  // Well-formed answers still work: empty rows, rows as arrays, rows as objects.
  assert.deepEqual(await hostDb({ rows: [] }).objects.alist(), []);
  assert.equal((await hostDb({ rows: [[7, "Zed", null, "z@x"]] }).objects.aget({ name: "Zed" })).pk, 7);
  assert.equal((await hostDb({ rows: [{ id: 8, name: "Obj", age: 3, email: "o@x" }] }).objects.aget({ name: "Obj" })).age, 3);
});

test("a host answering rows with fewer columns than the query selects: ExecutorError, never instances with fields missing", async () => {
  const hostDb = (answer) => defineLibrary(new Database({ execute: async () => answer })).Author;
  const short = (e) => e instanceof ExecutorError && /a row of 2 column\(s\) where the query selects 4/.test(e.message);
  await assert.rejects(hostDb({ rows: [[1, "a"]] }).objects.alist(), short);
  await assert.rejects(hostDb({ rows: [{ id: 1, name: "a" }] }).objects.afirst(), short);
  await assert.rejects(hostDb({ rows: [[1, "a", 3, "e@x"], []] }).objects.values("name", "age").alist(), (e) => e instanceof ExecutorError && /0 column\(s\) where the query selects 2/.test(e.message));
  await assert.rejects(hostDb({ rows: [[]] }).objects.valuesList("name", { flat: true }).alist(), (e) => e instanceof ExecutorError && /selects 1/.test(e.message));
  // More columns than selected are read by position, as before.
  assert.deepEqual(await hostDb({ rows: [["n", 4, "extra"]] }).objects.valuesList("name", "age").alist(), [["n", 4]]);
});

test("a host whose batch() answers with the wrong shape: ExecutorError, never rows silently missing", async () => {
  const inner = countingExecutor(d1);
  const cases = [
    [[{}], /`rows` is missing/],
    [[{ rows: 3 }], /`rows` must be an array/],
    [[{ rows: [7] }], /row 0 is neither an array nor an object/],
    [[], /one result per statement/],
    [{ rows: [] }, /must resolve to an array/],
  ];
  for (const [answer, re] of cases) {
    const hdb = new Database({ execute: inner.execute, batch: async () => answer });
    const { Author: A } = defineLibrary(hdb);
    await assert.rejects(A.objects.abulkCreate([new A({ name: "b1", email: "b1@x" })]), (e) => {
      assert.ok(e instanceof ExecutorError, `${JSON.stringify(answer)}: got ${e?.constructor?.name}: ${e?.message}`);
      assert.match(e.message, re, JSON.stringify(answer));
      return true;
    });
  }
});

// ---------------------------------------------------------------- 5. slices

test("slices compose as Django's, with ends beyond 2^53", async () => {
  await Item.objects.all().adelete();
  for (let n = 1; n <= 8; n++) await Item.objects.acreate({ name: `i${n}`, n });
  const ns = async (qs) => (await qs.valuesList("n", { flat: true }).alist());
  const ordered = Item.objects.orderBy("id");
  assert.deepEqual(await ns(ordered.slice(2, 2 ** 53).slice(1, 3)), [4, 5]);
  assert.deepEqual(await ns(ordered.slice(2, 1e300).slice(1, 3)), [4, 5]);
  assert.deepEqual(await ns(ordered.slice(0, 2 ** 64)), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(await ns(ordered.slice(6, Number.MAX_VALUE)), [7, 8]);
  assert.deepEqual(await ns(ordered.slice(2 ** 53)), []);
  assert.deepEqual(await ns(ordered.slice(2 ** 63).slice(0, 2)), []);
  assert.deepEqual(await ns(ordered.slice(1, 2 ** 70).slice(2 ** 60)), []);
  assert.equal(await ordered.slice(3, 2 ** 60).acount(), 5);
  assert.equal(await ordered.slice(2 ** 60).aexists(), false);
  assert.throws(() => ordered.slice(-(2 ** 60)), (e) => e instanceof ValueError && e.message === "Negative indexing is not supported.");
  assert.throws(() => ordered.slice(0, Infinity), (e) => e instanceof TypeError && /integers or slices/.test(e.message));
  assert.throws(() => ordered.slice(NaN), (e) => e instanceof TypeError);
  assert.throws(() => ordered.slice(1.5), (e) => e instanceof TypeError);
});

// ---------------------------------------------------------------- 6. aggregates over '*'

test("Max('*') is Django's FieldError; Count('*') still counts", async () => {
  const msg = (await Book.objects.aaggregate({ m: Max("nope") }).catch((e) => e)).message.replace("'nope'", "'*'");
  assert.match(msg, /^Cannot resolve keyword '\*' into field\. Choices are: /);
  await assert.rejects(Book.objects.aaggregate({ m: Max("*") }), (e) => e instanceof FieldError && e.message === msg);
  await assert.rejects(Book.objects.aaggregate(Max("*")), (e) => e instanceof FieldError && e.message === msg);
  assert.throws(() => Book.objects.annotate({ m: Max("*") }), (e) => e instanceof FieldError && e.message === msg);
  assert.throws(() => Book.objects.annotate(Max("*")), (e) => e instanceof FieldError && e.message === msg);
  assert.equal((await Book.objects.aaggregate({ n: Count("*") })).n, await Book.objects.acount());
});
