// union / intersection / difference and aexplain on a real D1 (Miniflare):
// results, Django's errors after a combinator (thrown when the QuerySet is
// built), and EXPLAIN QUERY PLAN through the executor. Results are also
// compared with real Django in django.test.mjs (the "$qs" cases).

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { Database, QuarryError, NotSupportedError, DatabaseError, ValueError, Count } from "quarry";
import { startD1, isError } from "./helpers.mjs";
import { defineLibrary } from "./fixtures.mjs";

let dispose, Author, Book;

before(async () => {
  let d1;
  ({ db: d1, dispose } = await startD1());
  const db = new Database(d1);
  ({ Author, Book } = defineLibrary(db));
  await db.migrate();
  for (const [name, age] of [["Ann", 30], ["Bob", 40], ["Cy", 50], ["Di", null]]) {
    await Author.objects.acreate({ name, age, email: `${name}@x` });
  }
});

after(() => dispose?.());

const is = isError;

// Author has Meta.ordering: operands must clear it, as on Django + SQLite.
const A = () => Author.objects.orderBy();
const names = (list) => list.map((a) => a.name);

test("union, union all, intersection, difference", async () => {
  const young = A().filter({ age__lt: 45 });
  const old = A().filter({ age__gte: 40 });
  assert.deepEqual(names(await young.union(old).orderBy("name").alist()), ["Ann", "Bob", "Cy"]);
  assert.deepEqual(names(await young.union(old, { all: true }).orderBy("name").alist()), ["Ann", "Bob", "Bob", "Cy"]);
  assert.deepEqual(names(await young.intersection(old).alist()), ["Bob"]);
  assert.deepEqual(names(await young.difference(old).alist()), ["Ann"]);
  assert.deepEqual(names(await A().filter({ name: "Ann" }).union(A().filter({ name: "Bob" }), A().filter({ name: "Di" })).orderBy("-name").alist()), ["Di", "Bob", "Ann"]);
  const u = young.union(old);
  assert.equal(await u.acount(), 3);
  assert.equal(await u.aexists(), true);
  assert.equal(await young.intersection(A().filter({ age: 99 })).aexists(), false);
  assert.equal((await u.orderBy("name").afirst()).name, "Ann");
  assert.equal((await u.orderBy("name").alast()).name, "Cy");
  assert.equal((await u.afirst()).pk, Math.min(...(await u.alist()).map((a) => a.pk)));
  assert.deepEqual(names(await u.orderBy("name").slice(1, 3).alist()), ["Bob", "Cy"]);
  assert.equal(await u.slice(1).acount(), 2);
  assert.deepEqual(await u.valuesList("name", { flat: true }).orderBy("name").alist(), ["Ann", "Bob", "Cy"]);
  assert.deepEqual(await A().values("name").filter({ age: 30 }).union(A().filter({ age: 50 })).orderBy("name").alist(), [{ name: "Ann" }, { name: "Cy" }]);
  assert.equal((await A().filter({ name: "Ann" }).union(A().filter({ name: "Ann" })).aget()).name, "Ann");
  assert.equal((await u.aearliest("name")).name, "Ann");
  assert.equal((await u.alatest("name")).name, "Cy");
  // none(): Django's EmptyQuerySet shortcuts.
  assert.deepEqual(names(await A().none().union(young).orderBy("name").alist()), ["Ann", "Bob"]);
  assert.deepEqual(await young.intersection(A().none()).alist(), []);
  assert.deepEqual(names(await young.difference(A().none()).orderBy("name").alist()), ["Ann", "Bob"]);
  assert.deepEqual(await u.none().alist(), []);
});

test("methods after a combinator throw Django's NotSupportedError when built", async () => {
  const u = A().union(A());
  const msg = (m, c = "union") => `Calling QuerySet.${m}() after ${c}() is not supported.`;
  assert.throws(() => u.filter({ age: 1 }), is(NotSupportedError, msg("filter")));
  assert.throws(() => A().intersection(A()).exclude({ age: 1 }), is(NotSupportedError, msg("exclude", "intersection")));
  assert.throws(() => A().difference(A()).distinct(), is(NotSupportedError, msg("distinct", "difference")));
  assert.throws(() => u.annotate({ n: Count("books") }), is(NotSupportedError, msg("annotate")));
  assert.throws(() => u.selectRelated("x"), is(NotSupportedError, msg("select_related")));
  assert.throws(() => u.prefetchRelated("books"), is(NotSupportedError, msg("prefetch_related")));
  await assert.rejects(u.aget({ name: "Ann" }), is(NotSupportedError, "Calling QuerySet.get(...) with filters after union() is not supported."));
  await assert.rejects(u.aupdate({ age: 1 }), is(NotSupportedError, msg("update")));
  await assert.rejects(u.adelete(), is(NotSupportedError, msg("delete")));
  await assert.rejects(u.acontains(await Author.objects.afirst()), is(NotSupportedError, msg("contains")));
  await assert.rejects(u.ainBulk([1]), is(NotSupportedError, msg("filter")));
});

test("ordered or sliced operands: Django's DatabaseError on SQLite", () => {
  const order = "ORDER BY not allowed in subqueries of compound statements.";
  assert.throws(() => Author.objects.all().union(A()), is(DatabaseError, order));
  assert.throws(() => A().union(A().orderBy("age")), is(DatabaseError, order));
  assert.throws(() => A().union(A().slice(0, 1)), is(DatabaseError, "LIMIT/OFFSET not allowed in subqueries of compound statements."));
  assert.throws(() => A().union(A()).union(A().union(A()).orderBy("name")), is(DatabaseError, order));
});

test("aexplain runs EXPLAIN QUERY PLAN through the executor", async () => {
  const plan = await Author.objects.filter({ age__gt: 1 }).aexplain();
  assert.equal(typeof plan, "string");
  assert.match(plan, /^\d+ \d+ \d+ SCAN author/m);
  assert.match(plan, /USE TEMP B-TREE FOR ORDER BY/);
  const u = await A().filter({ age: 30 }).union(A().filter({ age: 40 })).aexplain();
  assert.match(u, /COMPOUND QUERY/);
  assert.equal(await Author.objects.none().aexplain(), "");
  await assert.rejects(Author.objects.aexplain({ format: "json" }), is(ValueError, "JSON is not a recognized format. SQLite does not support any formats."));
  await assert.rejects(Author.objects.aexplain({ foo: 1, bar: 2 }), is(ValueError, "Unknown options: bar, foo"));
  await assert.rejects(Author.objects.aexplain({ "a b": 1 }), is(ValueError, "Invalid option name: 'a b'."));
});
