// abulkUpdate() on a real D1 (Miniflare): what is sent (batches under D1's
// 100-parameter limit, one atomic D1 batch), atomicity when a later batch
// fails, values converted exactly as asave() converts them, F() values,
// related managers, and Django's errors. The rows themselves are compared with
// real Django 5.2 in django.test.mjs (the oracle's bulkUpdate cases).

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { F, IntegrityError, ValueError, FieldError, QuarryError } from "quarry";
import { libraryOnD1, rawRows } from "./fixtures.mjs";

let d1, dispose, db, counter, C;
let Author, Book, Item, Kind;

before(async () => {
  ({ d1, dispose, db, Author, Book, Item, Kind, counter, C } = await libraryOnD1());
});

after(() => dispose?.());

async function seedItems(n) {
  await d1.batch([d1.prepare("DELETE FROM item")]);
  const insert = d1.prepare("INSERT INTO item (name, n) VALUES (?, ?)");
  await d1.batch(Array.from({ length: n }, (_, i) => insert.bind(`item${i}`, i)));
}

async function seedBooks() {
  await d1.batch(["kind", "book", "author"].map((t) => d1.prepare(`DELETE FROM ${t}`)));
  const ann = await Author.objects.acreate({ name: "Ann", email: "ann@x" });
  const bob = await Author.objects.acreate({ name: "Bob", email: "bob@x" });
  const books = [];
  for (let i = 0; i < 6; i++) books.push(await Book.objects.acreate({ title: `b${i}`, pages: i, author: i < 3 ? ann : bob }));
  return { ann, bob, books };
}

test("batches stay under D1's 100 parameters, run as one D1 batch, and the count is their sum", async () => {
  await seedItems(45);
  const items = await C.Item.objects.orderBy("pk").alist();
  for (const it of items) {
    it.name = `${it.name}!`;
    it.n = it.n * 10;
  }
  counter.reset();
  assert.equal(await C.Item.objects.abulkUpdate(items, ["name", "n"]), 45);
  // 2 fields: 5 parameters per object -> 20 objects per statement.
  assert.deepEqual(counter.log.map((s) => s.params.length), [100, 100, 25]);
  assert.ok(counter.log.every((s) => s.batched && /^UPDATE "item" SET "name" = CASE WHEN \("item"\."id" = \?\) THEN \? /.test(s.sql)));
  const rows = await rawRows(d1, "SELECT name, n FROM item ORDER BY id");
  assert.deepEqual(rows, items.map((it) => [it.name, it.n]));

  counter.reset();
  assert.equal(await C.Item.objects.abulkUpdate(items, ["n"], { batchSize: 10 }), 45);
  assert.deepEqual(counter.log.map((s) => s.params.length), [30, 30, 30, 30, 15]);

  counter.reset();
  assert.equal(await C.Item.objects.abulkUpdate([], ["n"]), 0);
  assert.equal(counter.log.length, 0, "no objects: no query");
});

test("a failing later batch leaves nothing written (one atomic D1 batch)", async () => {
  const { books } = await seedBooks();
  books.forEach((b) => (b.title = `${b.title}-new`));
  books[5].title = null; // NOT NULL: fails in the third statement
  await assert.rejects(Book.objects.abulkUpdate(books, ["title"], { batchSize: 2 }), IntegrityError);
  const titles = (await rawRows(d1, "SELECT title FROM book ORDER BY id")).map((r) => r[0]);
  assert.deepEqual(titles, ["b0", "b1", "b2", "b3", "b4", "b5"]);
});

test("values are written as asave() writes them", async () => {
  await d1.batch(["kind", "book", "author"].map((t) => d1.prepare(`DELETE FROM ${t}`)));
  const a = await Author.objects.acreate({ name: "A", email: "a@x" });
  const saved = await Kind.objects.acreate({});
  const bulk = await Kind.objects.acreate({});
  const values = {
    i: 7, bi: 2 ** 40, f: 1.25, d: "3.5", c: "text", t: "long text", b: true, dt: "2020-02-03", ts: new Date("2021-04-05T06:07:08.009Z"),
    j: { a: [1, "x", null] }, u: "12345678-1234-5678-1234-567812345678", x: new Uint8Array([1, 2, 255]), author: a,
  };
  Object.assign(saved, values);
  Object.assign(bulk, values);
  await saved.asave();
  const names = Object.keys(values);
  assert.equal(await Kind.objects.abulkUpdate([bulk], names), 1);
  const cols = "i, bi, f, d, c, t, b, dt, ts, j, u, hex(x), author_id";
  const [row1] = await rawRows(d1, `SELECT ${cols} FROM kind WHERE big = ?`, saved.pk);
  const [row2] = await rawRows(d1, `SELECT ${cols} FROM kind WHERE big = ?`, bulk.pk);
  assert.deepEqual(row2, row1);
  assert.equal(row2.at(-1), a.pk);
  // bulk_update does not touch the objects: they keep what they were given.
  assert.deepEqual(bulk.j, { a: [1, "x", null] });
});

test("F() values, and the QuerySet's (or related manager's) own filters", async () => {
  const { ann, books } = await seedBooks();
  books.forEach((b) => (b.pages = F("pages").add(100)));
  // Only Ann's books (pk IN (...) AND author_id = ann).
  assert.equal(await ann.books.abulkUpdate(books, ["pages"]), 3);
  assert.deepEqual((await rawRows(d1, "SELECT pages FROM book ORDER BY id")).map((r) => r[0]), [100, 101, 102, 3, 4, 5]);
  assert.equal(await Book.objects.filter({ pages__gt: 100 }).abulkUpdate(books, ["pages"]), 2);
  assert.deepEqual((await rawRows(d1, "SELECT pages FROM book ORDER BY id")).map((r) => r[0]), [100, 201, 202, 3, 4, 5]);
});

test("Django's errors", async () => {
  const { books } = await seedBooks();
  const [b] = books;
  const rejects = (p, cls, message) => assert.rejects(p, (e) => e instanceof cls && e instanceof QuarryError && e.message === message);
  await rejects(Book.objects.abulkUpdate([b], []), ValueError, "Field names must be given to bulk_update().");
  await rejects(Book.objects.abulkUpdate([b], undefined), ValueError, "Field names must be given to bulk_update().");
  await rejects(Book.objects.abulkUpdate([b], ["title"], { batchSize: 0 }), ValueError, "Batch size must be a positive integer.");
  await rejects(Book.objects.abulkUpdate([b], ["title"], { batchSize: -1 }), ValueError, "Batch size must be a positive integer.");
  await rejects(Book.objects.abulkUpdate([b, new Book({ title: "new" })], ["title"]), ValueError, "All bulk_update() objects must have a primary key set.");
  await rejects(Book.objects.abulkUpdate([b], ["title", "nope"]), FieldError, "Book has no field named 'nope'");
  await rejects(Author.objects.abulkUpdate([], ["books"]), ValueError, "bulk_update() can only be used with concrete fields.");
  await rejects(Book.objects.abulkUpdate([b], ["id"]), ValueError, "bulk_update() cannot be used with primary key fields.");
  await assert.rejects(Book.objects.abulkUpdate([{ id: 1, title: "x" }], ["title"]), /abulkUpdate\(\) takes Book instances\./);
  await assert.rejects(Book.objects.slice(0, 2).abulkUpdate([b], ["title"]), { message: "Cannot filter a query once a slice has been taken." });
  // An unsaved related object: only when that relation is updated.
  const x = await Book.objects.aget({ pk: b.pk });
  x.author = new Author({ name: "new", email: "new@x" });
  x.title = "changed";
  await rejects(Book.objects.abulkUpdate([x], ["title", "author"]), ValueError, "bulk_update() prohibited to prevent data loss due to unsaved related object 'author'.");
  assert.equal(await Book.objects.abulkUpdate([x], ["title"]), 1);
  // abulkCreate and asave name themselves, as Django's bulk_create() and save().
  const y = new Book({ title: "y", author: new Author({ name: "new2", email: "new2@x" }) });
  await rejects(Book.objects.abulkCreate([y]), ValueError, "bulk_create() prohibited to prevent data loss due to unsaved related object 'author'.");
  await rejects(y.asave(), ValueError, "save() prohibited to prevent data loss due to unsaved related object 'author'.");
  assert.deepEqual((await rawRows(d1, "SELECT title FROM book WHERE id = ?", b.pk))[0], ["changed"]);
});
