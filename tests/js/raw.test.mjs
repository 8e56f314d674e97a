// Model.objects.raw(sql, params) (Django's RawQuerySet) and
// valuesList(..., { named: true }) on a real D1 (Miniflare): the D1 binding
// itself and a host executor over it. Django's answers to the same questions
// on the same data are in tests/django/cases.json ("raw" and "named" cases).

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { Database, QuarryError, FieldError, ExecutorError, RawQuerySet } from "quarry";
import { startD1, isError } from "./helpers.mjs";
import { defineLibrary, countingExecutor } from "./fixtures.mjs";

let d1, dispose, counter, lib, viaHost;

before(async () => {
  ({ db: d1, dispose } = await startD1());
  lib = defineLibrary(new Database(d1));
  await lib.Author._db.migrate();
  counter = countingExecutor(d1);
  viaHost = defineLibrary(new Database(counter));
  await d1.batch([
    d1.prepare("INSERT INTO author (id, name, age, email) VALUES (1, 'Ann', 40, 'ann@x'), (2, 'Bob', NULL, 'bob@x')"),
    d1.prepare(
      `INSERT INTO book (id, title, pages, rating, "inPrint", "pubDate", author_id) VALUES
       (1, 'Alpha', 100, 4.5, 1, '2020-01-02', 1), (2, 'Beta 100%', 200, NULL, 0, NULL, 2), (3, 'Gamma', 300, 3.0, 1, '2021-05-06', 1)`,
    ),
  ]);
});

after(() => dispose?.());

for (const [how, get] of [["D1 binding", () => lib], ["host executor", () => viaHost]]) {
  test(`raw() through the ${how}: instances, converted fields, params bound`, async () => {
    const { Book } = get();
    const qs = Book.objects.raw("SELECT * FROM book WHERE pages > %s ORDER BY id", [150]);
    assert.ok(qs instanceof RawQuerySet);
    const books = await qs.alist();
    assert.deepEqual(books.map((b) => b.title), ["Beta 100%", "Gamma"]);
    assert.ok(books[0] instanceof Book);
    assert.equal(books[0].inPrint, false); // BooleanField's 0 → false
    assert.equal(books[1].pubDate, "2021-05-06");
    assert.equal(books[1].author_id, 1);
    assert.deepEqual([...books[0].getDeferredFields()], []);
    // for await, and the SQL string is only ever bound, never interpolated.
    const seen = [];
    for await (const b of Book.objects.raw("SELECT * FROM book WHERE title = %s", ["x' OR '1'='1"])) seen.push(b);
    assert.deepEqual(seen, []);
  });
}

test("raw(): missing columns are deferred, extra columns are attributes, any column order", async () => {
  const { Book } = lib;
  const [b] = await Book.objects.raw("SELECT pages * 2 AS twice, title, id FROM book WHERE id = %s", [3]).alist();
  assert.equal(b.id, 3);
  assert.equal(b.title, "Gamma");
  assert.equal(b.twice, 600);
  assert.deepEqual([...b.getDeferredFields()].sort(), ["author_id", "inPrint", "pages", "pubDate", "rating"]);
  assert.throws(() => b.pages, /Book\.pages is deferred/);
  await b.arefreshFromDb({ fields: ["pages"] });
  assert.equal(b.pages, 300);
});

test("raw(): Django's %s and %% (a literal %), the pk required, errors typed", async () => {
  const { Book } = lib;
  const titles = async (sql, params) => (await Book.objects.raw(sql, params).alist()).map((b) => b.title);
  assert.deepEqual(await titles("SELECT id, title FROM book WHERE title LIKE '%%100%%'"), ["Beta 100%"]);
  assert.deepEqual(await titles("SELECT id, title FROM book WHERE title LIKE %s ORDER BY id", ["%a"]), ["Alpha", "Gamma"]);
  await assert.rejects(Book.objects.raw("SELECT title FROM book").alist(), isError(FieldError, "Raw query must include the primary key"));
  await assert.rejects(Book.objects.raw("SELECT * FROM no_such_table").alist(), (e) => e instanceof QuarryError && /no_such_table/.test(e.message));
  assert.throws(() => Book.objects.raw("SELECT * FROM book", 1), isError(TypeError, /raw\(\) takes its params as an array/));
  await assert.rejects(Book.objects.raw("SELECT * FROM book WHERE id = %s", [{ a: 1 }]).alist(), /raw\(\) cannot bind/);
});

test("raw() on a Database without an executor runs through using(); the host sees ? and the params", async () => {
  const { Book } = defineLibrary(new Database());
  const rq = Book.objects.raw("SELECT id, title FROM book WHERE id IN (%s, %s) ORDER BY id", [1, 2]);
  await assert.rejects(rq.alist(), ExecutorError);
  assert.deepEqual((await rq.using(counter).alist()).map((b) => b.id), [1, 2]);
  assert.deepEqual(counter.log.at(-1), { sql: "SELECT id, title FROM book WHERE id IN (?, ?) ORDER BY id", params: [1, 2] });
});

test("valuesList({ named: true }): objects keyed by the fields, in order; Django's error with flat", async () => {
  const { Book } = lib;
  const rows = await Book.objects.orderBy("id").valuesList("title", "author__name", { named: true }).alist();
  assert.deepEqual(rows[0], { title: "Alpha", author__name: "Ann" });
  assert.deepEqual(Object.keys(rows[0]), ["title", "author__name"]);
  assert.throws(() => Book.objects.valuesList("title", { named: true, flat: true }), isError(TypeError, "'flat' and 'named' can't be used together."));
});
