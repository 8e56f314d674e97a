// Case/When, Subquery, Exists, OuterRef on a real D1 (Miniflare): results,
// and Django's errors (class, message, when). Results are checked against
// real Django in django.test.mjs (cases "case ...", "exists ...", "subquery ...").

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import {
  Database,
  Q,
  F,
  Value,
  Case,
  When,
  Exists,
  Subquery,
  OuterRef,
  Sum,
  Count,
  QuarryError,
  NotSupportedError,
  FieldError,
  ValueError,
  QuarryTypeError,
} from "quarry";
import { isError } from "./helpers.mjs";
import { defineLibrary, seededLibrary } from "./fixtures.mjs";

let d1, dispose, db, Author, Book;

before(async () => {
  ({ d1, dispose, db, Author, Book } = await seededLibrary([["Ann", 15], ["Bob", 70], ["Cid", 40]], [
    ["A1", 100, 0, "2020-01-01"], ["A2", 300, 0, "2021-01-01"], ["B1", 50, 1, "2019-01-01"],
  ]));
});

after(() => dispose?.());

const is = isError;

const kind = () =>
  Case(When({ age__lt: 18 }, { then: Value("minor") }), When(Q({ age__gte: 65 }), { then: Value("senior") }), { default: Value("adult") });

test("Case/When in annotate, filter, orderBy, aggregates and aupdate", async () => {
  const rows = await Author.objects.annotate({ kind: kind() }).orderBy("name").valuesList("name", "kind").alist();
  assert.deepEqual(rows, [["Ann", "minor"], ["Bob", "senior"], ["Cid", "adult"]]);
  const adults = await Author.objects.annotate({ kind: kind() }).filter({ kind: "adult" }).valuesList("name", { flat: true }).alist();
  assert.deepEqual(adults, ["Cid"]);
  const ordered = await Author.objects.alias({ kind: kind() }).orderBy("-kind").valuesList("name", { flat: true }).alist();
  assert.deepEqual(ordered, ["Bob", "Ann", "Cid"]);
  // A boolean Case converts to booleans; a string `then` names a field, as Django's.
  const flags = await Author.objects.annotate({ old: Case(When({ age__gte: 40 }, { then: Value(true) }), { default: Value(false) }) }).orderBy("name").valuesList("old", { flat: true }).alist();
  assert.deepEqual(flags, [false, true, true]);
  const named = await Author.objects.annotate({ x: Case(When({ age__gt: 50 }, { then: "name" }), { default: Value("-") }) }).orderBy("name").valuesList("x", { flat: true }).alist();
  assert.deepEqual(named, ["-", "Bob", "-"]);
  const long = await Author.objects.annotate({ long: Sum(Case(When({ books__pages__gt: 99 }, { then: Value(1) }), { default: Value(0) })) }).orderBy("name").valuesList("name", "long").alist();
  assert.deepEqual(long, [["Ann", 2], ["Bob", 0], ["Cid", 0]]);
  const n = await Book.objects.filter({ pages__gt: 60 }).aupdate({ title: Case(When({ pages__lt: 200 }, { then: Value("short") }), { default: F("title") }) });
  assert.equal(n, 2);
  assert.deepEqual(await Book.objects.orderBy("id").valuesList("title", { flat: true }).alist(), ["short", "A2", "B1"]);
  await Book.objects.filter({ title: "short" }).aupdate({ title: "A1" });
});

test("Exists, Subquery and OuterRef in filter, exclude, annotate; the inner QuerySet stays usable", async () => {
  const inner = Book.objects.filter({ author: OuterRef("pk"), pages__gt: 200 });
  assert.deepEqual(await Author.objects.filter(Exists(inner)).valuesList("name", { flat: true }).alist(), ["Ann"]);
  assert.deepEqual(await Author.objects.exclude(Exists(inner)).valuesList("name", { flat: true }).alist(), ["Bob", "Cid"]);
  assert.deepEqual(await Author.objects.filter(Q(Exists(inner)).or(Q({ name: "Cid" }))).valuesList("name", { flat: true }).alist(), ["Ann", "Cid"]);
  const has = await Author.objects.annotate({ has: Exists(Book.objects.filter({ author: OuterRef("pk") })) }).valuesList("name", "has").alist();
  assert.deepEqual(has, [["Ann", true], ["Bob", true], ["Cid", false]]);
  const latest = Book.objects.filter({ author: OuterRef("pk") }).orderBy("-pubDate").values("title").slice(0, 1);
  const rows = await Author.objects.annotate({ latest: Subquery(latest) }).valuesList("name", "latest").alist();
  assert.deepEqual(rows, [["Ann", "A2"], ["Bob", "B1"], ["Cid", null]]);
  const ids = Book.objects.filter({ pages__gt: 60 }).values("author_id");
  assert.deepEqual(await Author.objects.filter({ pk__in: Subquery(ids) }).valuesList("name", { flat: true }).alist(), ["Ann"]);
  // The handles passed to Exists()/Subquery() still work on their own.
  assert.equal(await ids.acount(), 2);
  assert.equal((await Author.objects.filter(Exists(inner)).filter(Exists(inner)).alist()).length, 1);
});

test("errors: Django's classes and messages, raised when the QuerySet is built (or run, as Django)", async () => {
  // An OuterRef to an outer aggregate: Django 5.2's SQL fails on SQLite; Quarry says so when it is built.
  assert.throws(
    () => Author.objects.annotate({ n: Count("books") }).filter(Exists(Book.objects.filter({ pages__lt: OuterRef("n") }))),
    (e) => e instanceof NotSupportedError && e.message.startsWith("OuterRef('n') names an aggregate annotation"),
  );
  // Running a QuerySet that refers to an outer query: Django's ValueError.
  const inner = Book.objects.filter({ author: OuterRef("pk") });
  await assert.rejects(inner.alist(), is(ValueError, "This queryset contains a reference to an outer query and may only be used in a subquery."));
  await assert.rejects(inner.acount(), is(ValueError));
  assert.throws(
    () => Author.objects.annotate({ x: Case(When({ age__lt: 1 }, { then: Value("a") }), { default: Value(2) }) }),
    is(FieldError, "Expression contains mixed types: CharField, IntegerField. You must set output_field."),
  );
  // outputField settles the type, as in Django.
  Author.objects.annotate({ x: Case(When({ age__lt: 1 }, { then: Value("a") }), { default: Value(2), outputField: { kind: "CharField" } }) });
  assert.throws(() => Author.objects.annotate({ x: Case(When(Q(), { then: Value(1) })) }), is(ValueError, "An empty Q() can't be used as a When() condition."));
  assert.throws(
    () => Author.objects.annotate({ x: Case(When(F("age"), { then: Value(1) })) }),
    is(QuarryTypeError, "When() supports a Q object, a boolean expression, or lookups as a condition."),
  );
  assert.throws(() => Author.objects.annotate({ x: Case(Value(1)) }), is(QuarryTypeError, "Positional arguments must all be When objects."));
  assert.throws(() => Author.objects.filter(F("age")), is(QuarryTypeError, "Cannot filter against a non-conditional expression."));
  assert.throws(
    () => Author.objects.annotate({ x: Subquery(Book.objects.filter({ author: OuterRef("pk") }).values("id", "title")) }),
    is(FieldError, "Cannot resolve expression type, unknown output_field"),
  );
  assert.throws(() => Author.objects.filter(Exists(Book.objects.filter({ author: OuterRef("nope") }))), is(FieldError, /^Cannot resolve keyword 'nope' into field\./));
  assert.throws(() => Author.objects.filter(Exists([1, 2])), is(QuarryTypeError, "Subquery() and Exists() take a QuerySet."));
  const other = defineLibrary(new Database(d1));
  assert.throws(() => Author.objects.filter(Exists(other.Book.objects.all())), is(ValueError, "Subquery() and Exists() take a QuerySet of the same Database."));
  // `in` a Subquery of two columns: Django checks nothing, the database refuses.
  await assert.rejects(Author.objects.filter({ pk__in: Subquery(Book.objects.values("id", "title")) }).alist(), QuarryError);
  // The library keeps working.
  assert.equal(await Author.objects.acount(), 3);
});
