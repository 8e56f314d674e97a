// Windows on a real D1 (Miniflare): the same shape run again with other
// values (the plan cache re-binds them; a frame's bounds are part of the
// shape, as they are written into the SQL), filters on windows, errors at the
// call that makes them. Results are checked against real Django in
// django.test.mjs (cases "window ...").

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import {
  F, Q, Window, RowRange, ValueRange, RowNumber, Rank, DenseRank, PercentRank, CumeDist, Ntile, Lag, Lead, FirstValue, LastValue, NthValue,
  Sum, Avg, Count, Max, StdDev, Variance, Lower, FieldError, ValueError, NotSupportedError, QuarryTypeError, DatabaseError,
} from "quarry";
import { isError } from "./helpers.mjs";
import { seededLibrary } from "./fixtures.mjs";

let d1, dispose, db, Author, Book;

before(async () => {
  ({ d1, dispose, db, Author, Book } = await seededLibrary([["Ann", 15], ["Bob", null]], [
    ["Alpha", 100, 0, "2020-03-01"], ["beta", 300, 0, "2021-07-04"], ["Gamma", 50, 1, "2019-11-30"], ["Delta", 200, 1, null],
  ]));
});

after(() => dispose?.());

const is = isError;
const flat = (qs, name) => qs.orderBy("id").valuesList(name, { flat: true }).alist();

test("window functions and aggregates over windows", async () => {
  const rows = await Book.objects
    .annotate({
      rn: Window(RowNumber(), { partitionBy: "author", orderBy: ["-pages", "id"] }),
      rank: Window(Rank(), { orderBy: "-pages" }),
      dense: Window(DenseRank(), { orderBy: F("author").asc() }),
      pr: Window(PercentRank(), { orderBy: "pages" }),
      cd: Window(CumeDist(), { orderBy: "pages" }),
      prev: Window(Lag("title"), { orderBy: "id" }),
      next: Window(Lead("pubDate", { default: "pubDate" }), { orderBy: "id" }),
      first: Window(FirstValue("title"), { partitionBy: "author", orderBy: "id" }),
      last: Window(LastValue("pages"), { partitionBy: "author", orderBy: "id", frame: RowRange() }),
      second: Window(NthValue("pages", { nth: 2 }), { orderBy: "id" }),
      total: Window(Sum("pages"), { partitionBy: "author" }),
      avg: Window(Avg("pages")),
      n: Window(Count("id"), { partitionBy: ["author"] }),
    })
    .orderBy("id")
    .values("rn", "rank", "dense", "pr", "cd", "prev", "next", "first", "last", "second", "total", "avg", "n")
    .alist();
  assert.deepEqual(rows, [
    { rn: 2, rank: 3, dense: 1, pr: 1 / 3, cd: 0.5, prev: null, next: "2021-07-04", first: "Alpha", last: 300, second: null, total: 400, avg: 162.5, n: 2 },
    { rn: 1, rank: 1, dense: 1, pr: 1, cd: 1, prev: "Alpha", next: "2019-11-30", first: "Alpha", last: 300, second: 300, total: 400, avg: 162.5, n: 2 },
    { rn: 2, rank: 4, dense: 2, pr: 0, cd: 0.25, prev: "beta", next: null, first: "Gamma", last: 200, second: 300, total: 250, avg: 162.5, n: 2 },
    { rn: 1, rank: 2, dense: 2, pr: 2 / 3, cd: 0.75, prev: "Gamma", next: null, first: "Gamma", last: 200, second: 300, total: 250, avg: 162.5, n: 2 },
  ]);
});

test("the same window shape with other values re-binds them; frames are part of the shape", async () => {
  const tiles = (n) => flat(Book.objects.annotate({ t: Window(Ntile(n), { orderBy: "id" }) }), "t");
  assert.deepEqual(await tiles(2), [1, 1, 2, 2]);
  assert.deepEqual(await tiles(4), [1, 2, 3, 4]);
  assert.throws(() => Book.objects.annotate({ t: Window(Ntile(0)) }), is(ValueError, "num_buckets must be greater than 0."));
  const lag = (offset, d) => flat(Book.objects.annotate({ p: Window(Lag("pages", { offset, default: d }), { orderBy: "id" }) }), "p");
  assert.deepEqual(await lag(1, 0), [0, 100, 300, 50]);
  assert.deepEqual(await lag(2, -1), [-1, -1, 100, 300]);
  // Django's positional forms give the same: Lag(expr, offset, default), NthValue(expr, nth).
  assert.deepEqual(await flat(Book.objects.annotate({ p: Window(Lag("pages", 2, -1), { orderBy: "id" }) }), "p"), [-1, -1, 100, 300]);
  assert.deepEqual(await flat(Book.objects.annotate({ p: Window(Lead("pages", 1), { orderBy: "id" }) }), "p"), [300, 50, 200, null]);
  const nth = (n) => flat(Book.objects.annotate({ p: Window(NthValue("pages", n), { orderBy: "id", frame: RowRange() }) }), "p");
  assert.deepEqual(await nth(3), [50, 50, 50, 50]);
  assert.deepEqual(await nth({ nth: 2 }), [300, 300, 300, 300]);
  const rows = (start, end) => flat(Book.objects.annotate({ s: Window(Sum("pages"), { orderBy: "id", frame: RowRange({ start, end }) }) }), "s");
  assert.deepEqual(await rows(-1, 0), [100, 400, 350, 250]);
  assert.deepEqual(await rows(-2, 0), [100, 400, 450, 550]);
  assert.deepEqual(await rows(0, 1), [400, 350, 250, 200]);
  assert.deepEqual(await rows(null, null), [650, 650, 650, 650]);
  const range = (start, end) => flat(Book.objects.annotate({ c: Window(Count("id"), { orderBy: "pages", frame: ValueRange({ start, end }) }) }), "c");
  assert.deepEqual(await range(-100, 0), [2, 2, 1, 2]);
  assert.deepEqual(await range(-50, 50), [2, 1, 2, 1]);
});

test("filters on windows wrap the query, with count, exists, slices and re-bound values", async () => {
  const top = Book.objects.annotate({ x: Window(RowNumber(), { partitionBy: "author", orderBy: ["-pages", "id"] }) });
  const titles = (n) => top.filter({ x__lte: n }).orderBy("title").valuesList("title", { flat: true }).alist();
  assert.deepEqual(await titles(1), ["Delta", "beta"]);
  assert.deepEqual(await titles(2), ["Alpha", "Delta", "Gamma", "beta"]);
  assert.equal(await top.filter({ x: 1 }).acount(), 2);
  assert.equal(await top.filter({ x: 3 }).aexists(), false);
  assert.equal(await top.filter({ x: 2 }).aexists(), true);
  assert.deepEqual(await top.exclude({ x: 1 }).orderBy("-pages").slice(0, 1).valuesList("title", { flat: true }).alist(), ["Alpha"]);
  assert.deepEqual(await flat(top.filter(Q({ x: 1 }).or(Q({ pages__lt: 60 }))), "title"), ["beta", "Gamma", "Delta"]);
  // A window only alias()ed, and values() that leave the window out.
  const masked = await Book.objects.alias({ r: Window(Rank(), { orderBy: "-pages" }) }).filter({ r__lte: 2, pages__gt: 0 }).orderBy("id").values("title").alist();
  assert.deepEqual(masked, [{ title: "beta" }, { title: "Delta" }]);
  // Compared with another annotation by name.
  const above = await flat(Book.objects.annotate({ avg: Window(Avg("pages"), { partitionBy: "author" }) }).filter({ pages__gt: F("avg") }), "title");
  assert.deepEqual(above, ["beta", "Delta"]);
  // Model instances come back whole.
  const [b] = await top.filter({ x: 1, author__name: "Ann" }).alist();
  assert.equal(b.title, "beta");
  assert.equal(b.x, 1);
});

test("windows in a grouped query and in orderBy", async () => {
  const rows = await Author.objects
    .annotate({ n: Sum("books__pages"), r: Window(Rank(), { orderBy: Sum("books__pages").desc() }) })
    .orderBy("r")
    .values("name", "n", "r")
    .alist();
  assert.deepEqual(rows, [{ name: "Ann", n: 400, r: 1 }, { name: "Bob", n: 250, r: 2 }]);
  const ids = await Book.objects.orderBy(Window(RowNumber(), { orderBy: "pages" }).desc()).valuesList("title", { flat: true }).alist();
  assert.deepEqual(ids, ["beta", "Delta", "Alpha", "Gamma"]);
});

// Django's StdDev/Variance are Python aggregates on SQLite, which SQLite
// cannot run as windows (Django's query fails there); Quarry writes each of
// their sums over the window.
test("StdDev and Variance over a window, with a partition and a frame", async () => {
  const rows = await Book.objects
    .annotate({
      sd: Window(StdDev("pages"), { partitionBy: "author" }),
      v: Window(Variance("pages", { sample: true }), { orderBy: "id", frame: RowRange({ start: -1, end: 0 }) }),
    })
    .orderBy("id")
    .valuesList("title", "sd", "v")
    .alist();
  assert.deepEqual(rows, [["Alpha", 100, null], ["beta", 100, 20000], ["Gamma", 75, 31250], ["Delta", 75, 11250]]);
});

test("Django's refusals, at the call that makes the mistake", async () => {
  const annotate = (x) => () => Book.objects.annotate({ x });
  assert.throws(annotate(Window(Lower("title"))), is(ValueError, "Expression 'Lower' isn't compatible with OVER clauses."));
  assert.throws(annotate(Window(F("pages"))), is(ValueError, "Expression 'F' isn't compatible with OVER clauses."));
  assert.throws(annotate(Window(Lag("pages", { offset: 0 }))), is(ValueError, "Lag requires a positive integer for the offset."));
  assert.throws(annotate(Window(NthValue("pages", { nth: 0 }))), is(ValueError, "NthValue requires a positive integer as for nth."));
  assert.throws(annotate(Window(Lead(null))), is(ValueError, "Lead requires a non-null source expression."));
  assert.throws(annotate(Variance("pages", { distinct: true })), is(TypeError, "Variance does not allow distinct."));
  assert.throws(annotate(Window(Sum("pages"), { frame: ValueRange({ start: 3 }) })), is(ValueError, "start argument must be a negative integer, zero, or None, but got '3'."));
  assert.throws(annotate(Window(Sum("pages"), { frame: RowRange({ start: 0.5 }) })), is(ValueError, "start argument must be an integer, zero, or None, but got '0.5'."));
  assert.throws(annotate(Window(Sum("pages"), { frame: RowRange({ start: 2, end: 1 }) })), is(ValueError, "start cannot be greater than end."));
  assert.throws(annotate(Window(NthValue("pages", null))), is(ValueError, "NthValue requires a positive integer as for nth."));
  // SQLite's refusal when the query would run (Django's OperationalError), here at annotate().
  assert.throws(
    annotate(Window(Sum("pages"), { orderBy: ["pages", "id"], frame: ValueRange({ start: -1 }) })),
    is(DatabaseError, "RANGE with offset PRECEDING/FOLLOWING requires one ORDER BY expression"),
  );
  assert.throws(annotate(Window(Sum("pages"), { frame: ValueRange({ end: 1 }) })), DatabaseError);
  assert.throws(annotate(Window(Sum("pages"), { frame: { start: 1 } })), QuarryTypeError);
  assert.throws(annotate(Window(RowNumber(), { orderBy: 3 })), is(ValueError, "Window.order_by must be either a string reference to a field, an expression, or a list or tuple of them."));
  assert.throws(annotate(Window(RowNumber(), { orderBy: "nope" })), FieldError);
  // Django leaves a bare window function to SQLite's refusal when the query runs.
  assert.throws(annotate(RowNumber()), ValueError);
  await assert.rejects(Book.objects.filter({ id: 1 }).aupdate({ pages: Window(Max("pages")) }), is(FieldError, "Window expressions are not allowed in this query (pages=Window)."));
  const grouped = Author.objects.annotate({ n: Count("books"), r: Window(Rank(), { orderBy: "name" }) });
  assert.throws(
    () => grouped.filter(Q({ r: 1 }).or(Q({ name: "Ann" }))),
    is(NotSupportedError, "Heterogeneous disjunctive predicates against window functions are not implemented when performing conditional aggregation."),
  );
  assert.throws(() => Book.objects.orderBy(Count("id").desc()), NotSupportedError);
  await assert.rejects(Book.objects.annotate({ x: Window(RowNumber()) }).filter({ x: 1 }).adelete(), NotSupportedError);
});
