// Result types: values(), valuesList(), annotate(), aaggregate(), ainBulk(),
// for await, aiterator, and the chain keeping them.
import { Count, Sum, Avg, Min, Max, StdDev, Variance, F, Value, Case, When, Subquery, OuterRef, Exists, Q, type ModelInstance, type QuerySet } from "quarry";
import { check, type Equal } from "./helpers.js";
import { Author, Book, Entry, Tag } from "./models.js";

type AuthorI = ModelInstance<typeof Author>;
type BookI = ModelInstance<typeof Book>;

export async function rows() {
  const all = await Author.objects.alist();
  check<Equal<typeof all, AuthorI[]>>();
  const one = await Author.objects.filter({ age__gt: 3 }).orderBy("-age").afirst();
  check<Equal<typeof one, AuthorI | null>>();
  const got = await Author.objects.aget({ pk: 1 });
  check<Equal<typeof got, AuthorI>>();
  check<Equal<Awaited<ReturnType<typeof Author.objects.acount>>, number>>();
  check<Equal<Awaited<ReturnType<typeof Author.objects.aexists>>, boolean>>();
  const latest = await Book.objects.alatest("pubDate");
  check<Equal<typeof latest, BookI>>();
  await Book.objects.aearliest("-pubDate", "title");
  check<Equal<Awaited<ReturnType<typeof Author.objects.acontains>>, boolean>>();
  await Author.objects.acontains(got);
  // @ts-expect-error acontains takes an instance of the QuerySet's model
  await Author.objects.acontains(await Tag.objects.aget({ pk: 1 }));
  // @ts-expect-error misspelt field in alatest
  await Book.objects.alatest("pubdate");
}

export async function values() {
  const r = await Book.objects.values("title", "author__name", "pubDate__year", "editor__age").alist();
  check<Equal<typeof r, { title: string; author__name: string; pubDate__year: number; editor__age: number | null }[]>>();
  // A relation's value is its primary key; a to-many path may be null (LEFT JOIN).
  const rel = await Book.objects.values("author", "editor", "tags", "tags__name", "author__books__title").alist();
  check<Equal<typeof rel[number], { author: number; editor: number | null; tags: number | null; tags__name: string | null; author__books__title: string | null }>>();
  // No fields: every concrete field by attname.
  const plain = await Book.objects.values().afirst();
  check<Equal<typeof plain, ({ id: number; title: string; pages: number; rating: number | null; inPrint: boolean; pubDate: string; author_id: number; editor_id: number | null } & {}) | null>>();
  const e = await Entry.objects.values("pk", "price", "created__date", "data__owner").aget();
  check<Equal<typeof e, { pk: string; price: string; created__date: string; data__owner: unknown }>>();

  // @ts-expect-error reading a field values() did not select
  r[0].pages;
  // @ts-expect-error misspelt field in values()
  Book.objects.values("titel");
  // @ts-expect-error misspelt relation at the start of a path in values()
  Book.objects.values("autor__name");
  // Past the first segment a path is not checked here (cheaply typed): it reads as `unknown`.
  const deep = await Book.objects.values("author__nmae").aget();
  check<Equal<typeof deep.author__nmae, unknown>>();
  // @ts-expect-error values() rows are not instances
  await (await Book.objects.values("title").aget()).asave();
}

export async function valuesList() {
  const tuples = await Book.objects.valuesList("id", "title", "rating").alist();
  check<Equal<typeof tuples, [number, string, number | null][]>>();
  const withFlatFalse = await Book.objects.valuesList("id", "title", { flat: false }).alist();
  check<Equal<typeof withFlatFalse, [number, string][]>>();
  const flat = await Book.objects.valuesList("title", { flat: true }).alist();
  check<Equal<typeof flat, string[]>>();
  const ids = await Book.objects.valuesList("author__id", { flat: true }).alist();
  check<Equal<typeof ids, number[]>>();
  const t = tuples[0];
  // @ts-expect-error a third element only
  t[3];
  // @ts-expect-error misspelt field in valuesList()
  Book.objects.valuesList("titel", { flat: true });
  const named = await Book.objects.valuesList("id", "title", { named: true }).alist();
  check<Equal<typeof named, { id: number; title: string }[]>>();
  // @ts-expect-error flat and named together
  Book.objects.valuesList("id", { named: true, flat: true });
}

export async function raw() {
  const books = await Book.objects.raw("SELECT * FROM book WHERE pages > %s", [100]).alist();
  check<Equal<typeof books[number]["title"], string>>();
  const extra: unknown = books[0]["twice"];
  for await (const b of Book.objects.raw("SELECT id FROM book")) check<Equal<typeof b.pages, number>>();
  // @ts-expect-error params are an array
  Book.objects.raw("SELECT * FROM book WHERE id = %s", 1);
  return extra;
}

export async function annotations() {
  const withN = await Author.objects.annotate({ n: Count("books"), pages: Sum("books__pages"), avg: Avg("books__rating"), first: Min("books__pubDate"), longest: Max("books__pages", { default: 0 }) }).alist();
  check<Equal<typeof withN[number]["n"], number>>();
  check<Equal<typeof withN[number]["pages"], number | null>>();
  check<Equal<typeof withN[number]["avg"], number | null>>();
  check<Equal<typeof withN[number]["first"], string | null>>();
  check<Equal<typeof withN[number]["longest"], number>>();
  // Annotated instances are still instances.
  check<Equal<typeof withN[number]["name"], string>>();
  await withN[0].asave();
  // Positional aggregates are named as Django names them.
  const pos = await Author.objects.annotate(Count("books")).afirst();
  check<Equal<NonNullable<typeof pos>["books__count"], number>>();
  // values().annotate() groups by the values: rows have both.
  const grouped = await Book.objects.values("author").annotate({ n: Count("id") }).orderBy("-n").alist();
  check<Equal<typeof grouped[number], { author: number } & { n: number }>>();
  // Expressions: F, arithmetic, Value, Case/When, Subquery, Exists.
  const ex = await Book.objects
    .annotate({
      double: F("pages").mul(2),
      title2: F("title"),
      one: Value(1),
      size: Case(When({ pages__gt: 300 }, { then: Value("long") }), When(Q({ pages__gt: 100 }), { then: "title" }), { default: Value("short") }),
      maybe: Case(When({ pages__gt: 300 }, { then: Value(1) })),
      authorName: Subquery(Author.objects.filter({ pk: OuterRef("author") }).values("name")),
      firstTag: Subquery(Tag.objects.filter({ books: OuterRef("pk") }).valuesList("name", { flat: true }).slice(0, 1)),
      tagged: Exists(Tag.objects.filter({ books: OuterRef("pk") })),
      long: Q({ pages__gt: 300 }),
    })
    .aget({ double__gt: 10, tagged: true, long: false });
  check<Equal<typeof ex.double, number>>();
  check<Equal<typeof ex.title2, string>>();
  check<Equal<typeof ex.one, number>>();
  check<Equal<typeof ex.size, string>>();
  check<Equal<typeof ex.maybe, number | null>>();
  check<Equal<typeof ex.authorName, string | null>>();
  check<Equal<typeof ex.firstTag, string | null>>();
  check<Equal<typeof ex.tagged, boolean>>();
  check<Equal<typeof ex.long, boolean>>();
  // An annotation can be selected by values() and ordered by.
  const v = await Author.objects.annotate({ n: Count("books") }).values("name", "n").orderBy("n").alist();
  check<Equal<typeof v, { name: string; n: number }[]>>();
  // @ts-expect-error an annotation name that was never added
  Author.objects.annotate({ n: Count("books") }).values("m");
  // @ts-expect-error annotate() takes expressions
  Author.objects.annotate({ n: 3 });
}

export async function aggregates() {
  const agg = await Book.objects.filter({ inPrint: true }).aaggregate({ total: Sum("pages"), n: Count("id", { distinct: true }), best: Max("rating"), first: Min("pubDate"), mean: Avg("pages", { default: 0 }) });
  check<Equal<typeof agg, { total: number | null; n: number; best: number | null; first: string | null; mean: number }>>();
  const pos = await Book.objects.aaggregate(Sum("pages"));
  check<Equal<typeof pos, { pages__sum: number | null }>>();
  const money = await Entry.objects.aaggregate({ sum: Sum("price") });
  check<Equal<typeof money, { sum: string | null }>>();
  // Paths the types cannot follow give `unknown`, never an error: aggregates are checked at run time.
  const loose = await Book.objects.aaggregate({ x: Max("nonsense") });
  check<Equal<typeof loose, { x: unknown }>>();
  // @ts-expect-error reading an aggregate that was not asked for
  agg.avg;
  const spread = await Book.objects.aaggregate({ sd: StdDev("pages"), v: Variance("rating", { sample: true, default: 0 }) });
  check<Equal<typeof spread, { sd: number | null; v: number }>>();
  const sdPos = await Book.objects.aaggregate(StdDev("pages"));
  check<Equal<typeof sdPos, { pages__stddev: number | null }>>();
  // @ts-expect-error StdDev and Variance take no distinct (Django's TypeError)
  StdDev("pages", { distinct: true });
}

export async function inBulk() {
  const byPk = await Book.objects.ainBulk([1, 2, 3]);
  check<Equal<typeof byPk, Map<number, BookI>>>();
  const everything = await Book.objects.ainBulk();
  check<Equal<typeof everything, Map<number, BookI>>>();
  const byTitle = await Book.objects.ainBulk(["A", "B"], { fieldName: "title" });
  check<Equal<typeof byTitle, Map<string, BookI>>>();
  const byUid = await Entry.objects.ainBulk(["6f1c"]);
  check<Equal<typeof byUid, Map<string, ModelInstance<typeof Entry>>>>();
  // @ts-expect-error ids of the primary key's type
  await Book.objects.ainBulk(["1"]);
  // @ts-expect-error not a field
  await Book.objects.ainBulk([], { fieldName: "titel" });
}

export async function iteration() {
  for await (const b of Book.objects.filter({ pages__gt: 1 })) check<Equal<typeof b, BookI>>();
  for await (const row of Book.objects.values("title")) check<Equal<typeof row, { title: string }>>();
  for await (const t of Book.objects.valuesList("title", "pages")) check<Equal<typeof t, [string, number]>>();
  for await (const id of Book.objects.valuesList("id", { flat: true })) check<Equal<typeof id, number>>();
  for await (const b of Book.objects.all().aiterator({ chunkSize: 500 })) check<Equal<typeof b, BookI>>();
  for await (const b of (await Author.objects.aget({ pk: 1 })).books) check<Equal<typeof b, BookI>>();
}

export function chains(qs: QuerySet<typeof Book>) {
  // The row type survives every chain method.
  const long = qs
    .filter({ pages__gt: 1 })
    .exclude({ title: "" })
    .orderBy("-pubDate", "title", "?")
    .distinct()
    .selectRelated("author", "editor", "author__publisher")
    .prefetchRelated("tags", "author__books")
    .only("title", "author__name")
    .defer("rating")
    .defer(null)
    .reverse()
    .slice(0, 10)
    .all();
  check<Equal<typeof long, QuerySet<typeof Book, BookI, {}>>>();
  const u = Book.objects.orderBy().union(Book.objects.filter({ pages: 1 }).orderBy(), { all: true }).intersection(Book.objects.all()).difference(Book.objects.none());
  check<Equal<typeof u, QuerySet<typeof Book, BookI, {}>>>();
  const sql: string = long.compile().sql;
  // @ts-expect-error misspelt field in orderBy
  qs.orderBy("-pubdate");
  // @ts-expect-error misspelt relation in selectRelated
  qs.selectRelated("autor");
  // @ts-expect-error misspelt field in only
  qs.only("titel");
  // @ts-expect-error misspelt relation at the start of an orderBy path
  qs.orderBy("-autor__name");
  return sql;
}

export async function functions() {
  const { Lower, Length, Coalesce, Round, Cast, Concat, Abs, Sqrt, Pi, F: Fn, fields } = await import("quarry");
  const rows = await Book.objects
    .annotate({ low: Lower("title"), n: Length("title"), r: Coalesce("rating", 0), rr: Round("rating", { precision: 1 }), c: Cast("pages", fields.FloatField()), s: Sqrt("pages"), p: Pi() })
    .alist();
  check<Equal<(typeof rows)[number]["low"], string | null>>();
  check<Equal<(typeof rows)[number]["n"], number | null>>();
  check<Equal<(typeof rows)[number]["r"], number | null>>();
  check<Equal<(typeof rows)[number]["rr"], number | null>>();
  check<Equal<(typeof rows)[number]["c"], number | null>>();
  check<Equal<(typeof rows)[number]["s"], number | null>>();
  check<Equal<(typeof rows)[number]["p"], number>>();
  const v = await Book.objects.values("id", { up: Concat("title", "-"), a: Abs(Fn("pages")) }).alist();
  check<Equal<(typeof v)[number]["up"], string | null>>();
  check<Equal<(typeof v)[number]["id"], number>>();
  await Book.objects.orderBy(Fn("rating").desc({ nullsLast: true }), Lower("title").asc(), "-id").alist();
  const { ExpressionWrapper } = await import("quarry");
  const w = await Author.objects.annotate({ total: Coalesce(Sum("books__pages"), 0), d: ExpressionWrapper(Fn("age").div(2), { outputField: fields.IntegerField() }) }).alist();
  check<Equal<(typeof w)[number]["d"], number | null>>();
  const agg = await Book.objects.aaggregate({ s: Coalesce(Sum("pages"), 0) });
  void agg;
  // @ts-expect-error nullsFirst takes true (Django's True or None)
  Fn("rating").asc({ nullsFirst: false });
}

export async function jsonAndDates() {
  const { KT, JSONObject, F: Fn } = await import("quarry");
  const keyed = await Entry.objects.filter({ data__owner__name: "Ann", data__tags__0: "x", data__has_keys: ["a"], data__n__gt: 1 }).alist();
  check<Equal<typeof keyed, ModelInstance<typeof Entry>[]>>();
  const kt = await Entry.objects.annotate({ owner: KT("data__owner__name"), o: JSONObject({ b: "body", n: Fn("big") }) }).values("owner", "o").alist();
  check<Equal<(typeof kt)[number]["owner"], string | number | null>>();
  check<Equal<(typeof kt)[number]["o"], Record<string, unknown>>>();
  const days = await Entry.objects.dates("created", "month", { order: "DESC" }).alist();
  check<Equal<typeof days, string[]>>();
  const hours = await Entry.objects.datetimes("created", "hour").alist();
  check<Equal<typeof hours, Date[]>>();
  // @ts-expect-error dates() takes no "hour"
  Entry.objects.dates("created", "hour");
  // @ts-expect-error KT needs a key after the field
  KT("data");
}

export async function windows() {
  const { Window, RowNumber, PercentRank, Lag, FirstValue, Ntile, RowRange, Sum, Avg, F: Fn } = await import("quarry");
  const rows = await Book.objects
    .annotate({
      rn: Window(RowNumber(), { partitionBy: "author", orderBy: ["-pages", Fn("id").asc()] }),
      pr: Window(PercentRank(), { orderBy: Fn("pages").desc({ nullsLast: true }) }),
      prev: Window(Lag("pages", { offset: 2, default: 0 }), { orderBy: "id" }),
      first: Window(FirstValue("title"), { partitionBy: ["author", "inPrint"] }),
      tile: Window(Ntile(3), { orderBy: "id" }),
      run: Window(Sum("pages"), { orderBy: "id", frame: RowRange({ start: -1, end: 0 }) }),
      avg: Window(Avg("pages")),
    })
    .orderBy(Window(RowNumber(), { orderBy: "id" }).desc())
    .alist();
  check<Equal<(typeof rows)[number]["rn"], number>>();
  check<Equal<(typeof rows)[number]["pr"], number>>();
  check<Equal<(typeof rows)[number]["prev"], number | null>>();
  check<Equal<(typeof rows)[number]["first"], string | null>>();
  check<Equal<(typeof rows)[number]["run"], number | null>>();
  // @ts-expect-error a frame is RowRange() or ValueRange()
  Window(RowNumber(), { frame: { start: 1 } });
}

export async function namedRows() {
  const rows = await Book.objects.valuesList("id", "title", { named: true }).alist();
  check<Equal<(typeof rows)[number]["title"], string>>();
}
