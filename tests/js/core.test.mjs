// Core behaviour of the public API (API.md) on a real D1 (Miniflare/workerd):
// models and schema, every field kind, every terminal method, the executor
// contract (what runs and what does not), D1's 100-parameter limit and lookups
// on tricky data. One Miniflare for the whole file.
//
// Two Databases share the one D1: `db` drives the D1 binding directly, `cdb`
// goes through a plain host executor over the same binding that counts the
// statements (tests/js/fixtures.mjs), so a test can see what was sent.

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import {
  Database,
  fields,
  Q,
  F,
  QuarryError,
  DoesNotExist,
  MultipleObjectsReturned,
  IntegrityError,
  ValueError,
  DatabaseError,
  Max,
  Min,
} from "quarry";
import { startD1 } from "./helpers.mjs";
import { defineLibrary, defineKind, countingExecutor, rawRows } from "./fixtures.mjs";

let d1, dispose, db, cdb, counter;
let Author, Book, Item; // over the D1 binding
let C; // the same models over the counting executor
let Kind, Code, Stamp;
let stampCounter = 0;

before(async () => {
  ({ db: d1, dispose } = await startD1());
  db = new Database(d1);
  ({ Author, Book, Item } = defineLibrary(db));
  Kind = defineKind(db);
  Code = db.model(
    "Code",
    {
      code: fields.CharField({ maxLength: 10, primaryKey: true }),
      label: fields.CharField({ maxLength: 20, dbColumn: "lbl", dbIndex: true }),
    },
    { table: "codes" },
  );
  Stamp = db.model("Stamp", {
    tag: fields.CharField({ maxLength: 20, default: () => `tag-${++stampCounter}` }),
    extra: fields.JSONField({ default: () => ({ fresh: true }) }),
  });
  await db.migrate();

  counter = countingExecutor(d1);
  cdb = new Database(counter);
  C = defineLibrary(cdb);
});

after(() => dispose?.());

async function clear(...tables) {
  await d1.batch(tables.map((t) => d1.prepare(`DELETE FROM "${t}"`)));
}

/** Authors Carol (40), alice (30), Bob (null), created in that order. */
async function seedAuthors() {
  await clear("kind", "book", "author");
  const carol = await Author.objects.acreate({ name: "Carol", age: 40, email: "carol@x" });
  const alice = await Author.objects.acreate({ name: "alice", age: 30, email: "alice@x" });
  const bob = await Author.objects.acreate({ name: "Bob", age: null, email: "bob@x" });
  return { carol, alice, bob };
}

/** Items with these names (n = index), inserted in order (ascending pks), in one D1 batch. */
async function seedItems(names) {
  await clear("item");
  if (names.length) {
    const insert = d1.prepare("INSERT INTO item (name, n) VALUES (?, ?)");
    await d1.batch(names.map((name, i) => insert.bind(name, i)));
  }
  return Item.objects.orderBy("pk").alist();
}

const names = (objs) => objs.map((o) => o.name);

// ---------------------------------------------------------------- schema

test("schemaSql(): tables in dependency order, columns, FKs, indexes, dbColumn", () => {
  const sql = db.schemaSql();
  assert.match(sql, /CREATE TABLE IF NOT EXISTS "author" \(/);
  assert.match(sql, /CREATE TABLE IF NOT EXISTS "book" \(/);
  assert.match(sql, /CREATE TABLE IF NOT EXISTS "item" \(/, "default table: the model name lower-cased");
  assert.match(sql, /CREATE TABLE IF NOT EXISTS "codes" \(/, "the table option");
  assert.ok(sql.indexOf('"author" (') < sql.indexOf('"book" ('), "author is created before book");
  assert.ok(sql.indexOf('"author" (') < sql.indexOf('"kind" ('), "author is created before kind");

  const table = (name) => sql.match(new RegExp(`CREATE TABLE IF NOT EXISTS "${name}" \\((.*)\\);`))[1];
  // implicit id AutoField; unique; null
  assert.match(table("author"), /"id" integer NOT NULL PRIMARY KEY AUTOINCREMENT/);
  assert.match(table("author"), /"email" varchar\(200\) NOT NULL UNIQUE/);
  assert.match(table("author"), /"age" integer(,|$)/);
  assert.doesNotMatch(table("author"), /"age" integer NOT NULL/);
  // ForeignKey stored as author_id, referencing author(id)
  assert.match(table("book"), /"author_id" integer NOT NULL REFERENCES "author" \("id"\)/);
  assert.doesNotMatch(table("book"), /(^|, )"author" /);
  assert.match(table("book"), /"inPrint" bool NOT NULL/, "the column is the field name as written");
  // BigAutoField primary key: no implicit id
  assert.match(table("kind"), /"big" integer NOT NULL PRIMARY KEY AUTOINCREMENT/);
  assert.doesNotMatch(table("kind"), /(^|, )"id" /);
  // primaryKey on a CharField, dbColumn
  assert.match(table("codes"), /"code" varchar\(10\) NOT NULL PRIMARY KEY/);
  assert.match(table("codes"), /"lbl" varchar\(20\) NOT NULL/);
  assert.doesNotMatch(table("codes"), /"label"/);
  assert.doesNotMatch(table("codes"), /(^|, )"id" /);
  // dbIndex and FK indexes
  assert.match(sql, /CREATE INDEX IF NOT EXISTS "[^"]+" ON "codes" ?\("lbl"\)/);
  assert.match(sql, /CREATE INDEX IF NOT EXISTS "[^"]+" ON "item" ?\("name"\)/);
  assert.match(sql, /CREATE INDEX IF NOT EXISTS "[^"]+" ON "book" ?\("author_id"\)/);
});

test("migrate() created every table and index, and is idempotent", async () => {
  await db.migrate(); // second (and third) run: no error, nothing lost
  await Author.objects.all().adelete();
  await Author.objects.acreate({ name: "Keep", email: "keep@x" });
  await db.migrate();
  assert.equal(await Author.objects.acount(), 1, "migrate() again keeps the rows");
  const tables = (await rawRows(d1, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => r[0]);
  for (const t of ["author", "book", "item", "kind", "codes", "stamp"]) assert.ok(tables.includes(t), `table ${t}: ${tables}`);
  const indexes = (await rawRows(d1, "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
  assert.ok(indexes.some(([t, s]) => t === "codes" && s.includes('"lbl"')), JSON.stringify(indexes));
  assert.ok(indexes.some(([t, s]) => t === "item" && s.includes('"name"')), JSON.stringify(indexes));
});

// ---------------------------------------------------------------- field kinds

test("every field kind round-trips through a real D1", async () => {
  const { carol } = await seedAuthors();
  await clear("kind");
  const when = new Date("2024-01-02T03:04:05.678Z");
  const uuid = "12345678-9abc-4def-8123-456789abcdef";
  const bytes = new Uint8Array([0, 1, 127, 128, 255]);
  const json = { a: [1, { b: null, c: "ü'\"" }], n: 1.5, t: true };
  const k = await Kind.objects.acreate({
    bi: 2 ** 53 - 1,
    f: 1.25,
    d: "12.5",
    t: "long text ".repeat(50),
    b: true,
    dt: "2024-02-29",
    ts: when,
    j: json,
    u: uuid,
    x: bytes,
    author: carol,
  });
  assert.equal(typeof k.big, "number", "BigAutoField pk is set after acreate");
  assert.equal(k.pk, k.big, "pk names the BigAutoField primary key");
  assert.equal(k.author_id, carol.id);

  const got = await Kind.objects.aget({ pk: k.pk });
  assert.equal(got.big, k.big);
  assert.equal(got.i, 3, "IntegerField default");
  assert.equal(got.bi, 2 ** 53 - 1, "BigIntegerField");
  assert.equal(got.f, 1.25, "FloatField");
  assert.equal(got.d, "12.50", "DecimalField: a string with decimalPlaces digits");
  assert.equal(got.c, "plain", "CharField default");
  assert.equal(got.t, "long text ".repeat(50), "TextField");
  assert.equal(got.b, true, "BooleanField true");
  assert.equal(got.dt, "2024-02-29", "DateField: YYYY-MM-DD");
  assert.ok(got.ts instanceof Date, "DateTimeField: a Date");
  assert.equal(got.ts.getTime(), when.getTime(), "DateTimeField round trip");
  assert.deepEqual(got.j, json, "JSONField round trip");
  assert.equal(got.u, uuid, "UUIDField: the dashed string");
  assert.ok(got.x instanceof Uint8Array, "BinaryField: a Uint8Array");
  assert.deepEqual([...got.x], [...bytes], "BinaryField round trip");
  assert.equal(got.author_id, carol.id, "ForeignKey readable as <name>_id");

  // How the values are stored.
  const [row] = await rawRows(d1, "SELECT ts, b, author_id, dt FROM kind WHERE big = ?", k.pk);
  assert.equal(typeof row[0], "string", "DateTimeField stored as text");
  assert.match(row[0], /^2024-01-02[T ]03:04:05\.678(000)?(Z|\+00:00)?$/, `stored ISO-8601 UTC text: ${row[0]}`);
  assert.equal(new Date(row[0].endsWith("Z") ? row[0] : row[0].replace(" ", "T") + "Z").getTime(), when.getTime());
  assert.equal(row[1], 1, "BooleanField stored as 1");
  assert.equal(row[2], carol.id, "ForeignKey stored in <name>_id");
  assert.equal(row[3], "2024-02-29");

  // false, nulls and the values in lookups.
  const k2 = await Kind.objects.acreate({ b: false, d: "0.1" });
  const got2 = await Kind.objects.aget({ pk: k2.pk });
  assert.equal(got2.b, false, "BooleanField false");
  assert.equal(got2.d, "0.10");
  for (const f of ["bi", "f", "t", "dt", "ts", "j", "u", "x", "author_id"]) assert.equal(got2[f], null, `${f} is null`);
  assert.deepEqual((await rawRows(d1, "SELECT b FROM kind WHERE big = ?", k2.pk))[0], [0]);

  const pks = async (lookups) => (await Kind.objects.filter(lookups).orderBy("pk").valuesList("pk", { flat: true }).alist());
  assert.deepEqual(await pks({ b: true }), [k.pk]);
  assert.deepEqual(await pks({ b: false }), [k2.pk]);
  assert.deepEqual(await pks({ d: "12.50" }), [k.pk]);
  assert.deepEqual(await pks({ d__gt: "1" }), [k.pk]);
  assert.deepEqual(await pks({ dt: "2024-02-29" }), [k.pk]);
  assert.deepEqual(await pks({ dt__year: 2024 }), [k.pk]);
  assert.deepEqual(await pks({ ts: when }), [k.pk]);
  assert.deepEqual(await pks({ ts__lt: new Date("2024-01-02T03:04:06Z") }), [k.pk]);
  assert.deepEqual(await pks({ u: uuid }), [k.pk]);
  assert.deepEqual(await pks({ author: carol }), [k.pk]);
  assert.deepEqual(await pks({ author_id: carol.id }), [k.pk]);
  assert.deepEqual(await pks({ author__name: "Carol" }), [k.pk]);
  assert.deepEqual(await pks({ ts__isnull: true }), [k2.pk]);
  assert.deepEqual(await pks({ author__isnull: true }), [k2.pk]);

  // values() uses attnames and converts too.
  const [v] = await Kind.objects.filter({ pk: k.pk }).values("b", "d", "ts", "j", "u", "author").alist();
  assert.deepEqual(v, { b: true, d: "12.50", ts: when, j: json, u: uuid, author: carol.id });
});

test("field meta: implicit AutoField id and BigAutoField pk", () => {
  const id = Author._meta.fields.find((f) => f.name === "id");
  assert.equal(id.kind, "AutoField");
  assert.equal(id.primaryKey, true);
  assert.equal(Author._meta.pk, "id");
  const big = Kind._meta.fields.find((f) => f.primaryKey);
  assert.equal(big.name, "big");
  assert.equal(big.kind, "BigAutoField");
  assert.ok(!Kind._meta.fields.some((f) => f.name === "id"));
});

test("default: a value, and a function called once per instance", async () => {
  await clear("stamp");
  const a = new Stamp();
  const b = new Stamp();
  assert.notEqual(a.tag, b.tag, "the default function runs per instance");
  assert.match(a.tag, /^tag-\d+$/);
  a.extra.mine = 1;
  assert.deepEqual(b.extra, { fresh: true }, "a function default gives each instance its own object");
  await a.asave();
  const c = await Stamp.objects.acreate({});
  const rows = await Stamp.objects.orderBy("pk").alist();
  assert.deepEqual(rows.map((r) => r.tag), [a.tag, c.tag]);
  assert.deepEqual(rows[0].extra, { fresh: true, mine: 1 });
  const k = new Kind();
  assert.equal(k.i, 3);
  assert.equal(k.c, "plain");
  assert.equal(k.b, false);
  assert.equal(k.bi, null);
});

test("unique: a duplicate is an IntegrityError from D1", async () => {
  await seedAuthors();
  await assert.rejects(Author.objects.acreate({ name: "Other", email: "carol@x" }), (e) => {
    assert.ok(e instanceof IntegrityError);
    assert.ok(e instanceof QuarryError);
    assert.match(e.message, /UNIQUE constraint failed: author\.email/);
    return true;
  });
  assert.equal(await Author.objects.acount(), 3);
});

test("primaryKey on a CharField, dbColumn in every kind of query", async () => {
  await clear("codes");
  const c = await Code.objects.acreate({ code: "X1", label: "hello" });
  assert.equal(c.pk, "X1");
  assert.equal(c.code, "X1");
  assert.deepEqual(await rawRows(d1, "SELECT code, lbl FROM codes"), [["X1", "hello"]]);

  // asave() with a preset pk that has no row inserts it (UPDATE, then INSERT).
  const c2 = new Code({ pk: "A2", label: "help" });
  assert.equal(c2.code, "A2", "pk in the constructor sets the primary key");
  await c2.asave();
  assert.equal(await Code.objects.acount(), 2);

  assert.equal((await Code.objects.aget({ pk: "X1" })).label, "hello");
  assert.deepEqual(await Code.objects.filter({ label__startswith: "hel" }).orderBy("-label").valuesList("pk", { flat: true }).alist(), ["A2", "X1"]);
  assert.deepEqual(await Code.objects.filter({ pk__in: ["A2", "nope"] }).values("label").alist(), [{ label: "help" }]);
  assert.equal(await Code.objects.filter({ label: "help" }).aupdate({ label: "helped" }), 1);
  assert.deepEqual(await rawRows(d1, "SELECT code, lbl FROM codes ORDER BY code"), [["A2", "helped"], ["X1", "hello"]]);

  c.label = "bye";
  await c.asave();
  assert.equal(await Code.objects.acount(), 2, "asave() of a loaded instance updates");
  assert.equal((await Code.objects.aget({ code: "X1" })).label, "bye");
  assert.match(Code.objects.filter({ label: "x" }).compile().sql, /"codes"\."lbl" = \?/);
});

test("implicit id, the pk alias in lookups and on instances", async () => {
  const { carol, alice, bob } = await seedAuthors();
  assert.equal(carol.pk, carol.id);
  assert.equal(typeof carol.id, "number");
  assert.equal((await Author.objects.aget({ pk: alice.id })).name, "alice");
  assert.deepEqual(names(await Author.objects.filter({ pk__in: [carol.pk, bob.pk] }).alist()), ["Bob", "Carol"]);
  assert.deepEqual(names(await Author.objects.filter({ pk__gt: carol.pk }).orderBy("-pk").alist()), ["Bob", "alice"]);
  assert.deepEqual(names(await Author.objects.exclude({ pk: alice.pk }).alist()), ["Bob", "Carol"]);
  assert.deepEqual(await Author.objects.filter({ pk: bob.pk }).values("pk", "name").alist(), [{ pk: bob.pk, name: "Bob" }]);
  const a = new Author({ name: "x" });
  assert.equal(a.pk, null);
  a.pk = 123;
  assert.equal(a.id, 123, "setting pk sets the primary key field");
});

test("table and ordering options; orderBy() and reverse()", async () => {
  await seedAuthors();
  assert.deepEqual((await rawRows(d1, "SELECT name FROM author ORDER BY id")).map((r) => r[0]), ["Carol", "alice", "Bob"]);
  // Meta.ordering ["name"], SQLite's binary collation: "Bob" < "Carol" < "alice"
  assert.deepEqual(names(await Author.objects.alist()), ["Bob", "Carol", "alice"]);
  assert.deepEqual(names(await Author.objects.reverse().alist()), ["alice", "Carol", "Bob"]);
  assert.deepEqual(names(await Author.objects.orderBy("-age").alist()), ["Carol", "alice", "Bob"], "NULL last in DESC on SQLite");
  assert.doesNotMatch(Author.objects.orderBy().compile().sql, /ORDER BY/, "orderBy() clears Meta.ordering");
  assert.match(Author.objects.all().compile().sql, /ORDER BY "author"\."name" ASC/);
  assert.doesNotMatch(Item.objects.all().compile().sql, /ORDER BY/, "no ordering without Meta.ordering");
});

// ---------------------------------------------------------------- terminal methods

test("aget: by pk, with no arguments, DoesNotExist and MultipleObjectsReturned", async () => {
  const { carol } = await seedAuthors();
  const got = await Author.objects.aget({ pk: carol.pk });
  assert.ok(got instanceof Author);
  assert.deepEqual(got.toJSON(), { id: carol.id, name: "Carol", age: 40, email: "carol@x" });
  assert.equal((await Author.objects.filter({ age__gte: 35 }).aget()).name, "Carol", "aget() with no arguments");
  assert.equal((await Author.objects.aget(Q({ name: "Bob" }).or(Q({ name: "nobody" })))).name, "Bob", "aget(Q)");

  await assert.rejects(Author.objects.aget({ name: "nobody" }), (e) => {
    assert.equal(e.message, "Author matching query does not exist.");
    assert.ok(e instanceof Author.DoesNotExist);
    assert.ok(e instanceof DoesNotExist);
    assert.ok(e instanceof QuarryError);
    assert.ok(e instanceof Error);
    assert.ok(!(e instanceof Book.DoesNotExist), "another model's DoesNotExist does not match");
    assert.equal(e.name, "DoesNotExist");
    return true;
  });
  await assert.rejects(Author.objects.filter({ age__isnull: false }).aget(), (e) => {
    assert.equal(e.message, "get() returned more than one Author -- it returned 2!");
    assert.ok(e instanceof Author.MultipleObjectsReturned);
    assert.ok(e instanceof MultipleObjectsReturned);
    assert.ok(e instanceof QuarryError);
    assert.ok(!(e instanceof DoesNotExist));
    return true;
  });
  await seedItems(Array.from({ length: 25 }, () => "same"));
  await assert.rejects(Item.objects.aget({ name: "same" }), (e) => {
    assert.equal(e.message, "get() returned more than one Item -- it returned more than 20!");
    assert.ok(e instanceof Item.MultipleObjectsReturned);
    return true;
  });
  await seedItems(["solo"]);
  assert.equal((await Item.objects.aget()).name, "solo", "aget() on a one-row table");
});

test("afirst / alast: ordering, pk order when unordered, null when empty", async () => {
  await seedAuthors();
  assert.equal((await Author.objects.afirst()).name, "Bob", "Meta.ordering");
  assert.equal((await Author.objects.alast()).name, "alice");
  assert.equal((await Author.objects.orderBy("age").afirst()).name, "Bob", "NULLs first in ASC on SQLite");
  assert.equal((await Author.objects.orderBy("age").alast()).name, "Carol");
  assert.equal(await Author.objects.filter({ name: "nobody" }).afirst(), null);
  assert.equal(await Author.objects.filter({ name: "nobody" }).alast(), null);

  // Unordered: by pk, even where SQLite would scan the name index.
  const [z, , m] = await seedItems(["z", "a", "m"]);
  counter.reset();
  assert.equal((await C.Item.objects.filter({ name__gte: "a" }).afirst()).pk, z.pk);
  assert.match(counter.log[0].sql, /ORDER BY "item"\."id" ASC/);
  assert.equal((await C.Item.objects.filter({ name__gte: "a" }).alast()).pk, m.pk);
  assert.match(counter.log[1].sql, /ORDER BY "item"\."id" DESC/);
  assert.equal(counter.log.length, 2);
  assert.equal((await Item.objects.afirst()).name, "z");
  assert.equal((await Item.objects.alast()).name, "m");
});

test("acount, aexists, alist", async () => {
  await seedAuthors();
  assert.equal(await Author.objects.acount(), 3);
  assert.equal(await Author.objects.filter({ age__gt: 35 }).acount(), 1);
  assert.equal(await Author.objects.slice(1).acount(), 2);
  assert.equal(await Author.objects.slice(0, 2).acount(), 2);
  assert.equal(await Author.objects.filter({ name: "nobody" }).acount(), 0);
  assert.equal(await Author.objects.aexists(), true);
  assert.equal(await Author.objects.filter({ age: 30 }).aexists(), true);
  assert.equal(await Author.objects.filter({ age: 31 }).aexists(), false);
  const all = await Author.objects.alist();
  assert.ok(Array.isArray(all));
  assert.equal(all.length, 3);
  assert.ok(all.every((a) => a instanceof Author));
  assert.deepEqual(names(await Author.objects.slice(1, 2).alist()), ["Carol"]);
  assert.deepEqual(names(await Author.objects.slice(1).alist()), ["Carol", "alice"]);
  assert.deepEqual(names(await Author.objects.filter({ age__isnull: true }).alist()), ["Bob"]);
  assert.deepEqual(names(await Author.objects.exclude({ age: 30 }).alist()), ["Bob", "Carol"], "exclude keeps NULLs (Django)");
});

test("acontains: true, false, another model, unsaved, not a model", async () => {
  const { carol, alice } = await seedAuthors();
  const old = Author.objects.filter({ age__gte: 35 });
  assert.equal(await old.acontains(carol), true);
  assert.equal(await old.acontains(alice), false);
  assert.equal(await Author.objects.acontains(new Author({ id: 999999, name: "ghost" })), false, "a pk with no row");
  const book = await Book.objects.acreate({ id: carol.pk, title: "T", author: carol });
  assert.equal(book.pk, carol.pk, "(a Book with the same pk value as an Author in the set)");
  assert.equal(await Author.objects.acontains(book), false, "an instance of another model");
  await assert.rejects(Author.objects.acontains(new Author({ name: "x" })), (e) => {
    assert.ok(e instanceof ValueError);
    assert.equal(e.message, "QuerySet.contains() cannot be used on unsaved objects.");
    return true;
  });
  await assert.rejects(Author.objects.acontains({ id: carol.id }), (e) => {
    assert.ok(e instanceof TypeError && e instanceof QuarryError);
    assert.equal(e.message, "'obj' must be a model instance.");
    return true;
  });
});

test("aiterator({ chunkSize: 2 }) over 5 rows runs 3 statements and caches nothing", async () => {
  const items = await seedItems(["a", "b", "c", "d", "e"]);
  counter.reset();
  const seen = [];
  for await (const it of C.Item.objects.orderBy("pk").aiterator({ chunkSize: 2 })) {
    assert.ok(it instanceof C.Item);
    seen.push(it.name);
  }
  assert.deepEqual(seen, ["a", "b", "c", "d", "e"]);
  assert.equal(counter.log.length, 3, counter.log.map((s) => s.sql).join("\n"));
  assert.ok(counter.log.every((s) => /^SELECT /.test(s.sql)));
  // nothing cached: a second pass runs the statements again
  const again = [];
  for await (const it of C.Item.objects.orderBy("pk").aiterator({ chunkSize: 2 })) again.push(it.pk);
  assert.deepEqual(again, items.map((i) => i.pk));
  assert.equal(counter.log.length, 6);
  // chunks are taken from a filtered, sliced query too
  const some = [];
  for await (const v of Item.objects.filter({ name__gt: "a" }).orderBy("-name").valuesList("name", { flat: true }).aiterator({ chunkSize: 3 })) some.push(v);
  assert.deepEqual(some, ["e", "d", "c", "b"]);
  const sliced = [];
  for await (const it of Item.objects.orderBy("pk").slice(1, 4).aiterator({ chunkSize: 2 })) sliced.push(it.name);
  assert.deepEqual(sliced, ["b", "c", "d"]);
});

test("for await on every kind of QuerySet", async () => {
  await seedAuthors();
  const collect = async (qs) => {
    const out = [];
    for await (const x of qs) out.push(x);
    return out;
  };
  const models = await collect(Author.objects.all());
  assert.deepEqual(names(models), ["Bob", "Carol", "alice"]);
  assert.ok(models.every((a) => a instanceof Author));
  assert.deepEqual(await collect(Author.objects.filter({ age__gte: 30 }).values("name", "age")), [
    { name: "Carol", age: 40 },
    { name: "alice", age: 30 },
  ]);
  assert.deepEqual(
    (await collect(Author.objects.values())).map((v) => Object.keys(v).sort().join()),
    ["age,email,id,name", "age,email,id,name", "age,email,id,name"],
  );
  assert.deepEqual(await collect(Author.objects.valuesList("name", "age")), [["Bob", null], ["Carol", 40], ["alice", 30]]);
  assert.deepEqual(await collect(Author.objects.valuesList("name", { flat: true })), ["Bob", "Carol", "alice"]);
  assert.deepEqual(names(await collect(Author.objects.slice(1, 2))), ["Carol"]);
  assert.deepEqual(names(await collect(Author.objects.orderBy("-name").distinct())), ["alice", "Carol", "Bob"]);
  assert.deepEqual(await collect(Author.objects.none()), []);
  assert.deepEqual(await collect(Author.objects.filter({ name__in: [] })), []);
  // breaking out early is fine
  for await (const a of Author.objects.all()) {
    assert.equal(a.name, "Bob");
    break;
  }
});

test("aearliest / alatest, and DoesNotExist on an empty set", async () => {
  const { carol, alice } = await seedAuthors();
  await clear("book");
  const mk = (title, pubDate, pages) => Book.objects.acreate({ title, pubDate, pages, author: carol });
  await mk("Mid", "2020-06-01", 10);
  await mk("Old", "1999-01-01", 10);
  await mk("New", "2024-12-31", 5);
  await mk("Undated", null, 1);
  assert.equal((await Book.objects.filter({ pubDate__isnull: false }).aearliest("pubDate")).title, "Old");
  assert.equal((await Book.objects.alatest("pubDate")).title, "New");
  assert.equal((await Book.objects.alatest("-pubDate")).title, "Undated", "NULLs sort first on SQLite");
  assert.equal((await Book.objects.aearliest("pubDate")).title, "Undated");
  assert.equal((await Book.objects.alatest("pages", "-pubDate")).title, "Old");
  assert.equal((await Book.objects.aearliest("pages", "title")).title, "Undated");
  await assert.rejects(Book.objects.filter({ author: alice }).aearliest("pubDate"), (e) => {
    assert.ok(e instanceof Book.DoesNotExist);
    assert.equal(e.message, "Book matching query does not exist.");
    return true;
  });
  await assert.rejects(Book.objects.filter({ author: alice }).alatest("pubDate"), Book.DoesNotExist);
});

test("acreate", async () => {
  await seedAuthors();
  const a = await Author.objects.acreate({ name: "Dora", age: 5, email: "dora@x" });
  assert.ok(a instanceof Author);
  assert.equal(typeof a.pk, "number");
  assert.deepEqual(await rawRows(d1, "SELECT name, age, email FROM author WHERE id = ?", a.pk), [["Dora", 5, "dora@x"]]);
  const b = await Book.objects.acreate({ title: "By id", author_id: a.pk });
  assert.equal(b.author_id, a.pk);
  assert.equal(b.pages, 0);
  assert.equal(b.inPrint, true);
  assert.equal((await Book.objects.aget({ pk: b.pk })).author_id, a.pk);
});

test("aupdate: returns the count; F arithmetic", async () => {
  const { carol, alice } = await seedAuthors();
  await clear("book");
  await Book.objects.acreate({ title: "A", pages: 10, author: carol });
  await Book.objects.acreate({ title: "B", pages: 20, author: carol });
  await Book.objects.acreate({ title: "C", pages: 30, author: alice });
  assert.equal(await Book.objects.filter({ author: carol }).aupdate({ pages: F("pages").add(1).mul(2) }), 2);
  assert.deepEqual(await Book.objects.orderBy("title").valuesList("title", "pages").alist(), [["A", 22], ["B", 42], ["C", 30]]);
  assert.equal(await Book.objects.filter({ title: "C" }).aupdate({ pages: F("pages").sub(F("pages")).add(7), inPrint: false }), 1);
  assert.deepEqual(await Book.objects.filter({ title: "C" }).values("pages", "inPrint").alist(), [{ pages: 7, inPrint: false }]);
  assert.equal(await Book.objects.filter({ title: "nothing" }).aupdate({ pages: 1 }), 0);
  assert.equal(await Book.objects.aupdate({ rating: 4.5 }), 3, "on the manager: every row");
  assert.equal(await Book.objects.filter({ rating: 4.5 }).acount(), 3);
});

test("aupdate: the same chain setting other fields with values of the same kinds runs its own UPDATE", async () => {
  const { carol } = await seedAuthors();
  await clear("book");
  const b = await Book.objects.acreate({ title: "A", pages: 10, rating: 1, author: carol });
  // One chain shape, two updates whose values are both integers: each keeps its own plan.
  assert.equal(await Book.objects.filter({ pk: b.pk }).aupdate({ pages: 11 }), 1);
  assert.equal(await Book.objects.filter({ pk: b.pk }).aupdate({ rating: 3 }), 1);
  assert.equal(await Book.objects.filter({ pk: b.pk }).aupdate({ pages: 12 }), 1);
  assert.equal(await Book.objects.filter({ pk: b.pk }).aupdate({ rating: 4 }), 1);
  assert.deepEqual(await Book.objects.filter({ pk: b.pk }).values("pages", "rating").alist(), [{ pages: 12, rating: 4 }]);
});

test("adelete: [total, { Model: n }] with cascades", async () => {
  const { carol, alice } = await seedAuthors();
  await clear("book");
  await Book.objects.acreate({ title: "A", author: carol });
  await Book.objects.acreate({ title: "B", author: carol });
  await Book.objects.acreate({ title: "C", author: alice });
  assert.deepEqual(await Author.objects.filter({ pk: carol.pk }).adelete(), [3, { Author: 1, Book: 2 }]);
  assert.deepEqual(await Author.objects.filter({ name: "nobody" }).adelete(), [0, {}]);
  assert.deepEqual(await Book.objects.filter({ title: "C" }).adelete(), [1, { Book: 1 }]);
  assert.deepEqual(names(await Author.objects.alist()), ["Bob", "alice"]);
  assert.equal(await Book.objects.acount(), 0);
});

test("adelete / aupdate filtered against an aggregate with no join: Django's rows, not every row", async () => {
  const { carol } = await seedAuthors();
  await clear("book");
  for (const pages of [0, 10, 20, 30]) await Book.objects.acreate({ title: `p${pages}`, pages, author: carol });
  const pages = async () => (await Book.objects.orderBy("pages").valuesList("pages", { flat: true }).alist());
  // Django groups by the row: each book's own Max is its pages. Both deleted every book before.
  assert.deepEqual(await Book.objects.annotate({ m: Max("pages") }).filter({ m__gt: 15 }).adelete(), [2, { Book: 2 }]);
  assert.deepEqual(await pages(), [0, 10]);
  await db.atomic((tx) => tx.delete(Book.objects.alias({ m: Max("pages") }).filter({ m__lt: 5 })));
  assert.deepEqual(await pages(), [10]);
  // Django writes the aggregate into the UPDATE's WHERE and SQLite refuses it; this one set every row.
  await assert.rejects(Book.objects.filter({ pages__gt: Min("pages") }).aupdate({ pages: 99 }), (e) => e instanceof DatabaseError && /misuse of aggregate function/.test(e.message));
  assert.deepEqual(await pages(), [10]);
});

test("instances: asave inserts then updates, adelete, arefreshFromDb, toJSON", async () => {
  const { carol } = await seedAuthors();
  const a = new C.Author({ name: "Eve", email: "eve@x" });
  assert.equal(a.pk, null);
  assert.equal(a.age, null);
  counter.reset();
  await a.asave();
  assert.equal(typeof a.pk, "number");
  assert.match(counter.log[0].sql, /^INSERT INTO "author"/);
  a.age = 33;
  counter.reset();
  await a.asave();
  assert.ok(counter.log.length >= 1);
  assert.match(counter.log[0].sql, /^UPDATE "author"/);
  // Django's "UPDATE, else INSERT" in one batch: the INSERT inserts only when no row matched.
  assert.ok(counter.log.every((s) => !/^INSERT/.test(s.sql) || /ON CONFLICT\("id"\) DO NOTHING/.test(s.sql)), "an update does not insert");
  assert.equal(await Author.objects.acount(), 4);
  assert.deepEqual(await rawRows(d1, "SELECT age FROM author WHERE id = ?", a.pk), [[33]]);

  // arefreshFromDb
  await Author.objects.filter({ pk: a.pk }).aupdate({ age: 34, name: "Eve2" });
  assert.equal(a.age, 33);
  await a.arefreshFromDb();
  assert.equal(a.age, 34);
  assert.equal(a.name, "Eve2");
  await assert.rejects(a.arefreshFromDb({ fromQueryset: C.Author.objects.filter({ age: 0 }) }), C.Author.DoesNotExist);

  // toJSON: attnames, including the FK column
  const book = await Book.objects.acreate({ title: "J", pubDate: "2001-02-03", author: carol });
  assert.deepEqual(JSON.parse(JSON.stringify(book)), {
    id: book.pk,
    title: "J",
    pages: 0,
    rating: null,
    inPrint: true,
    pubDate: "2001-02-03",
    author_id: carol.pk,
  });
  assert.deepEqual(book.toJSON(), { id: book.pk, title: "J", pages: 0, rating: null, inPrint: true, pubDate: "2001-02-03", author_id: carol.pk });

  // adelete
  assert.deepEqual(await a.adelete(), [1, { Author: 1 }]);
  assert.equal(a.pk, null, "the pk is cleared, as in Django");
  assert.equal(await Author.objects.filter({ name: "Eve2" }).aexists(), false);
  assert.deepEqual(await carol.adelete(), [2, { Author: 1, Book: 1 }]);
  await assert.rejects(new Author({ name: "u" }).adelete(), ValueError);
});

// ---------------------------------------------------------------- what runs

test("compile() returns { sql, params } and runs nothing", async () => {
  await seedAuthors();
  counter.reset();
  const qs = C.Author.objects.filter({ age__gte: 30, name__startswith: "C" }).orderBy("-age");
  const compiled = qs.compile();
  assert.equal(typeof compiled.sql, "string");
  assert.ok(Array.isArray(compiled.params));
  assert.match(compiled.sql, /^SELECT .* FROM "author" WHERE .* ORDER BY "author"\."age" DESC/);
  assert.deepEqual(compiled.params.slice().sort(), ["C%", 30].sort());
  assert.deepEqual(cdb.compile(qs), compiled, "db.compile(qs) is qs.compile()");
  assert.equal(counter.log.length, 0, "compile() ran no statement");
  // the SQL is the query: run it by hand on D1
  const rows = await d1.prepare(compiled.sql).bind(...compiled.params).raw();
  assert.deepEqual(rows.map((r) => r[1]), ["Carol"]);
  assert.equal(counter.log.length, 0);
});

test("none() runs no query: [], 0, false, null", async () => {
  await seedAuthors();
  counter.reset();
  const none = C.Author.objects.none();
  assert.deepEqual(await none.alist(), []);
  assert.equal(await none.acount(), 0);
  assert.equal(await none.aexists(), false);
  assert.equal(await none.afirst(), null);
  assert.equal(await none.alast(), null);
  assert.deepEqual(await none.values("name").alist(), []);
  assert.deepEqual(await none.filter({ name: "Bob" }).alist(), []);
  for await (const x of none.aiterator({ chunkSize: 2 })) assert.fail(`got ${x}`);
  await assert.rejects(none.aget(), C.Author.DoesNotExist);
  assert.equal(counter.log.length, 0, counter.log.map((s) => s.sql).join("\n"));
});

test("none(): aupdate and adelete run no query and change nothing", async () => {
  await seedAuthors();
  counter.reset();
  assert.equal(await C.Author.objects.none().aupdate({ age: 1 }), 0);
  assert.deepEqual(await C.Author.objects.none().adelete(), [0, {}]);
  assert.equal(counter.log.length, 0, counter.log.map((s) => s.sql).join("\n"));
  assert.equal(await Author.objects.filter({ age: 1 }).acount(), 0);
  assert.equal(await Author.objects.acount(), 3);
});

test("filter({ x__in: [] }) matches nothing and runs no query", async () => {
  await seedAuthors();
  counter.reset();
  assert.deepEqual(await C.Author.objects.filter({ id__in: [] }).alist(), []);
  assert.equal(await C.Author.objects.filter({ name__in: [] }).acount(), 0);
  assert.equal(await C.Author.objects.filter({ name__in: [] }).aexists(), false);
  assert.equal(counter.log.length, 0, counter.log.map((s) => s.sql).join("\n"));
  // an empty branch of an OR drops out (Django); exclude of nothing keeps everything
  assert.deepEqual(names(await C.Author.objects.filter(Q({ id__in: [] }).or(Q({ name: "Bob" }))).alist()), ["Bob"]);
  assert.equal(await C.Author.objects.exclude({ id__in: [] }).acount(), 3);
  assert.deepEqual(names(await C.Author.objects.filter({ name__in: ["Bob", null] }).alist()), ["Bob"], "None items are dropped");
});

test("compile() of an empty QuerySet does not give SQL that selects rows", async () => {
  await seedAuthors();
  for (const qs of [Author.objects.none(), Author.objects.filter({ id__in: [] })]) {
    let compiled;
    try {
      compiled = qs.compile();
    } catch (e) {
      assert.ok(e instanceof QuarryError, String(e));
      continue;
    }
    const rows = await d1.prepare(compiled.sql).bind(...compiled.params).raw();
    assert.deepEqual(rows, [], `${compiled.sql} selects ${rows.length} rows`);
  }
});

// ---------------------------------------------------------------- D1's 100-parameter limit

test("a long __in list (250 ids) works on D1 in filter and exclude, as one json_each parameter", async () => {
  const all = (await seedItems(Array.from({ length: 300 }, (_, i) => `it${String(i).padStart(3, "0")}`))).map((i) => i.pk);
  assert.equal(all.length, 300);
  const ids = all.filter((_, i) => i % 6 !== 5).slice(0, 250); // 250 ids, with gaps
  const idSet = new Set(ids);

  const qs = Item.objects.filter({ id__in: ids });
  const compiled = qs.compile();
  assert.equal(compiled.params.length, 1, compiled.sql);
  assert.match(compiled.sql, /json_each\(\?\)/);
  const got = await qs.orderBy("pk").valuesList("pk", { flat: true }).alist();
  assert.deepEqual(got, ids);
  assert.equal(await qs.acount(), 250);

  const ex = Item.objects.exclude({ id__in: ids });
  assert.equal(ex.compile().params.length, 1);
  const rest = await ex.orderBy("pk").valuesList("pk", { flat: true }).alist();
  assert.deepEqual(rest, all.filter((id) => !idSet.has(id)));

  // combined with other parameters, strings, pk__in, inside Q, and reversed sense
  assert.equal(await Item.objects.filter({ pk__in: ids, n__gte: 100 }).acount(), ids.filter((id) => all.indexOf(id) >= 100).length);
  const wanted = Array.from({ length: 250 }, (_, i) => `it${String(i + 25).padStart(3, "0")}`).concat(["nope'", "%"]);
  assert.equal(await Item.objects.filter({ name__in: wanted }).acount(), 250);
  assert.equal(await Item.objects.filter(Q({ name__in: wanted }).not()).acount(), 50);
  assert.equal(await Item.objects.filter(Q({ id__in: ids }).or(Q({ n: 299 }))).acount(), idSet.has(all[299]) ? 250 : 251);
  assert.deepEqual((await Item.objects.filter({ id__in: [...ids, ...ids] }).acount()), 250, "duplicates do not duplicate rows");
  const map = await Item.objects.ainBulk(ids);
  assert.equal(map.size, 250);
  assert.deepEqual([...map.keys()].sort((a, b) => a - b), ids);
});

test("aupdate() and adelete() with a long __in list (250 ids) work on D1", async () => {
  const all = (await seedItems(Array.from({ length: 300 }, (_, i) => `it${i}`))).map((i) => i.pk);
  const ids = all.slice(25, 275);
  assert.equal(await Item.objects.filter({ id__in: ids }).aupdate({ n: -1 }), 250);
  assert.equal(await Item.objects.filter({ n: -1 }).acount(), 250);
  assert.equal(await Item.objects.exclude({ id__in: ids }).aupdate({ n: -2 }), 50);
  assert.deepEqual(await Item.objects.filter({ id__in: ids }).adelete(), [250, { Item: 250 }]);
  assert.equal(await Item.objects.acount(), 50);
});

// ---------------------------------------------------------------- lookups on tricky data

test("lookups with %, _, \\, apostrophes and non-ASCII behave as Django on SQLite", async () => {
  const data = ["100%", "100 percent", "a_b", "axb", "back\\slash", "backslash", "O'Brien", "Obrien", "Ünïcode", "ünïcode", "ABC", "abc", "Straße", "STRASSE", "日本語"];
  await seedItems(data);
  const q = async (lookups) => (await Item.objects.filter(lookups).orderBy("pk").valuesList("name", { flat: true }).alist());
  // wildcards are literal
  assert.deepEqual(await q({ name__contains: "%" }), ["100%"]);
  assert.deepEqual(await q({ name__endswith: "%" }), ["100%"]);
  assert.deepEqual(await q({ name__startswith: "100" }), ["100%", "100 percent"]);
  assert.deepEqual(await q({ name__contains: "_" }), ["a_b"]);
  assert.deepEqual(await q({ name__iexact: "A_B" }), ["a_b"]);
  assert.deepEqual(await q({ name__contains: "\\" }), ["back\\slash"]);
  assert.deepEqual(await q({ name__endswith: "\\slash" }), ["back\\slash"]);
  assert.deepEqual(await q({ name__icontains: "K\\S" }), ["back\\slash"]);
  // apostrophes
  assert.deepEqual(await q({ name: "O'Brien" }), ["O'Brien"]);
  assert.deepEqual(await q({ name__contains: "'" }), ["O'Brien"]);
  assert.deepEqual(await q({ name__iexact: "o'brien" }), ["O'Brien"]);
  assert.deepEqual(await q({ name__in: ["O'Brien", "x'); DROP TABLE item; --"] }), ["O'Brien"]);
  // exact and in are case-sensitive; LIKE is ASCII case-insensitive on SQLite
  assert.deepEqual(await q({ name: "abc" }), ["abc"]);
  assert.deepEqual(await q({ name__in: ["ABC"] }), ["ABC"]);
  assert.deepEqual(await q({ name__iexact: "abc" }), ["ABC", "abc"]);
  assert.deepEqual(await q({ name__contains: "abc" }), ["ABC", "abc"], "contains is case-insensitive for ASCII on SQLite");
  assert.deepEqual(await q({ name__startswith: "ab" }), ["ABC", "abc"]);
  assert.deepEqual(await q({ name__istartswith: "STRA" }), ["Straße", "STRASSE"]);
  // non-ASCII is case-sensitive everywhere
  assert.deepEqual(await q({ name__iexact: "ünïcode" }), ["ünïcode"]);
  assert.deepEqual(await q({ name__icontains: "ÜNÏ" }), [], "Ï is not ï for SQLite's LIKE");
  assert.deepEqual(await q({ name__icontains: "ÜNï" }), ["Ünïcode"], "N is n (ASCII), Ü only Ü");
  assert.deepEqual(await q({ name__contains: "nïc" }), ["Ünïcode", "ünïcode"]);
  assert.deepEqual(await q({ name__iendswith: "SSE" }), ["STRASSE"], "ß is not SS");
  assert.deepEqual(await q({ name__endswith: "ße" }), ["Straße"]);
  assert.deepEqual(await q({ name: "日本語" }), ["日本語"]);
  assert.deepEqual(await q({ name__contains: "本" }), ["日本語"]);
  // the empty pattern matches everything; exclude is the complement
  assert.equal((await q({ name__contains: "" })).length, data.length);
  assert.deepEqual(await Item.objects.exclude({ name__contains: "%" }).acount(), data.length - 1);
  assert.deepEqual(await q({ name__gt: "Z", name__lt: "b" }), ["a_b", "axb", "abc"]);
});

test("pattern lookups with a long value (over D1's 50-byte LIKE limit) still work", async () => {
  const long = "x".repeat(60);
  const mid = "Ab%_\\" + "y".repeat(50) + "Ünï";
  const rows = [long, "short", `pre ${long} post`, mid, mid.toUpperCase(), `pre ${mid} post`, "Ab%_\\" + "y".repeat(50) + "ünï", "AbX_\\" + "y".repeat(50) + "Ünï"];
  await seedItems(rows);
  const q = async (lookups) => Item.objects.filter(lookups).orderBy("pk").valuesList("name", { flat: true }).alist();
  for (const lookup of ["contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact"]) {
    const got = await q({ [`name__${lookup}`]: long });
    const want = { contains: [long, `pre ${long} post`], startswith: [long], endswith: [long], iexact: [long] }[lookup.replace(/^i(?!exact)/, "")];
    assert.deepEqual(got, want, lookup);
  }
  // the same meaning as SQLite's LIKE: % and _ literal, ASCII case-insensitive, non-ASCII case-sensitive
  assert.deepEqual(await q({ name__iexact: mid }), [mid], "iexact: ASCII folds, Ü/ü do not");
  assert.deepEqual(await q({ name__iexact: mid.toLowerCase() }), [rows[6]]);
  assert.deepEqual(await q({ name__contains: mid }), [mid, `pre ${mid} post`], "contains: % and _ are literal; ÜNÏ is not Ünï");
  assert.deepEqual(await q({ name__contains: mid.replace("Ab", "aB") }), [mid, `pre ${mid} post`], "contains is ASCII case-insensitive on SQLite");
  assert.deepEqual(await q({ name__startswith: mid.slice(0, 55) }), [mid, mid.toUpperCase(), rows[6]], "an ASCII prefix matches case-insensitively");
  assert.deepEqual(await q({ name__istartswith: mid.slice(0, 55).toLowerCase() }), [mid, mid.toUpperCase(), rows[6]]);
  assert.deepEqual(await q({ name__endswith: mid.slice(2) }), [mid]);
  assert.deepEqual(await q({ name__iendswith: "Y".repeat(50) + "Ünï" }), [mid, rows[7]]);
  assert.equal(await Item.objects.exclude({ name__contains: "y".repeat(50) }).acount(), 3);
  assert.deepEqual(await q({ name__icontains: "z".repeat(60) }), []);
});
