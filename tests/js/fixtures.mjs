// Shared model definitions and a counting executor for core.test.mjs and
// errors.test.mjs. Nothing here is a mock: the counting executor is a plain
// host executor (`{ execute, batch }`) over the real D1 binding, which lets a
// test see, and count, every statement the library sends.

import { Database, fields, d1Executor } from "quarry";
import { startD1 } from "./helpers.mjs";

/**
 * The library models (the API.md example, plus a plain unordered model).
 * Calling it on several Databases over the same D1 gives each its own classes
 * over the same tables.
 */
export function defineLibrary(db) {
  const Author = db.model(
    "Author",
    {
      name: fields.CharField({ maxLength: 100 }),
      age: fields.IntegerField({ null: true }),
      email: fields.CharField({ maxLength: 200, unique: true }),
    },
    { table: "author", ordering: ["name"] },
  );
  const Book = db.model("Book", {
    title: fields.CharField({ maxLength: 200 }),
    pages: fields.IntegerField({ default: 0 }),
    rating: fields.FloatField({ null: true }),
    inPrint: fields.BooleanField({ default: true }),
    pubDate: fields.DateField({ null: true }),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
  });
  // No Meta.ordering, default table name ("item"), an indexed column.
  const Item = db.model("Item", {
    name: fields.CharField({ maxLength: 100, dbIndex: true }),
    n: fields.IntegerField({ default: 0 }),
  });
  return { Author, Book, Item };
}

/**
 * A model with one field of each kind and a BigAutoField primary key `big`
 * (table "kind"); its nullable FK to Author needs defineLibrary's models.
 */
export function defineKind(db) {
  return db.model("Kind", {
    big: fields.BigAutoField({ primaryKey: true }),
    i: fields.IntegerField({ default: 3 }),
    bi: fields.BigIntegerField({ null: true }),
    f: fields.FloatField({ null: true }),
    d: fields.DecimalField({ maxDigits: 8, decimalPlaces: 2, null: true }),
    c: fields.CharField({ maxLength: 20, default: "plain" }),
    t: fields.TextField({ null: true }),
    b: fields.BooleanField({ default: false }),
    dt: fields.DateField({ null: true }),
    ts: fields.DateTimeField({ null: true }),
    j: fields.JSONField({ null: true }),
    u: fields.UUIDField({ null: true }),
    x: fields.BinaryField({ null: true }),
    author: fields.ForeignKey("Author", { null: true, relatedName: "kinds", onDelete: "SET_NULL" }),
  });
}

/**
 * A host executor over a real D1 binding that records every statement.
 * `log` holds `{ sql, params }` for each statement run (batched ones too).
 */
export function countingExecutor(d1) {
  const inner = d1Executor(d1);
  const log = [];
  return {
    log,
    reset() {
      log.length = 0;
    },
    async execute(sql, params) {
      log.push({ sql, params });
      return inner.execute(sql, params);
    },
    async batch(statements) {
      for (const s of statements) log.push({ sql: s.sql, params: s.params, batched: true });
      return inner.batch(statements);
    },
  };
}

/** Rows of `sql` from the D1 binding directly (arrays, via raw()). */
export async function rawRows(d1, sql, ...params) {
  const stmt = d1.prepare(sql);
  return (params.length ? stmt.bind(...params) : stmt).raw();
}

/**
 * A real D1 with the library's and Kind's tables migrated, and the library
 * again over a counting host executor on the same D1:
 * `{ d1, dispose, db, Author, Book, Item, Kind, counter, C }`.
 */
export async function libraryOnD1() {
  const { db: d1, dispose } = await startD1();
  const db = new Database(d1);
  const { Author, Book, Item } = defineLibrary(db);
  const Kind = defineKind(db);
  await db.migrate();
  const counter = countingExecutor(d1);
  return { d1, dispose, db, Author, Book, Item, Kind, counter, C: defineLibrary(new Database(counter)) };
}

/**
 * A real D1 with the library's tables migrated and these rows created
 * through Quarry: `authors` as `[name, age]` (email `name@x`, lower-cased),
 * `books` as `[title, pages, index of the author, pubDate]`.
 * `{ d1, dispose, db, Author, Book, authors }`.
 */
export async function seededLibrary(authors, books) {
  const { db: d1, dispose } = await startD1();
  const db = new Database(d1);
  const { Author, Book } = defineLibrary(db);
  await db.migrate();
  const made = [];
  for (const [name, age] of authors) made.push(await Author.objects.acreate({ name, age, email: `${name.toLowerCase()}@x` }));
  for (const [title, pages, a, pubDate] of books) await Book.objects.acreate({ title, pages, author: made[a], pubDate });
  return { d1, dispose, db, Author, Book, authors: made };
}
