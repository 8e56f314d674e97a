// Quarry in a real browser, over an in-browser SQLite (sql.js) through the
// package's sqljsExecutor. Imported by index.html; tests/js/browser.test.mjs reads
// window.results: { ok: true, data } or { ok: false, error }.
//
// "quarry" resolves through the page's import map to /dist/browser.js, the
// package's browser entry: it starts fetching the wasm, and queries wait for
// it (tests/browser/lazy/ tests what runs before it has arrived).
import {
  Database, fields, Q, Count, Sum, Max,
  DoesNotExist, MultipleObjectsReturned, IntegrityError, QuarryError, sqljsExecutor,
} from "quarry";

const t0 = performance.now();

// ---- sql.js as a Quarry host executor: the package's sqljsExecutor -------------

/** `inner` with every statement it runs reported to `log(sql, params)`. */
function logged(inner, log) {
  return {
    execute(sql, params) {
      log(sql, params);
      return inner.execute(sql, params);
    },
    batch(statements) {
      for (const s of statements) log(s.sql, s.params);
      return inner.batch(statements);
    },
  };
}

// ---- the run ----------------------------------------------------------------

async function main() {
  // eslint-disable-next-line no-undef -- global of sql-wasm.js (classic script)
  const SQL = await initSqlJs({ locateFile: (file) => `/node_modules/sql.js/dist/${file}` });
  // sqljsExecutor turns foreign keys on and registers REGEXP, as Django does.
  const sqlite = new SQL.Database();

  const statements = [];
  const executor = logged(sqljsExecutor(sqlite), (sql) => statements.push(sql));
  const db = new Database(executor);
  const queries = async (fn) => {
    const before = statements.length;
    const value = await fn();
    return [value, statements.slice(before)];
  };

  const Author = db.model("Author", {
    name: fields.CharField({ maxLength: 100 }),
    age: fields.IntegerField({ null: true }),
    email: fields.CharField({ maxLength: 200, unique: true }),
  }, { table: "author", ordering: ["name"] });

  const Book = db.model("Book", {
    title: fields.CharField({ maxLength: 200 }),
    pages: fields.IntegerField({ default: 0 }),
    rating: fields.FloatField({ null: true }),
    inPrint: fields.BooleanField({ default: true }),
    pubDate: fields.DateField(),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
  });

  await db.migrate();
  const tables = sqlite.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\\' ORDER BY name")[0].values.flat();

  // Rows.
  const ada = await Author.objects.acreate({ name: "Ada Lovelace", age: 36, email: "ada@example.org" });
  const alan = await Author.objects.acreate({ name: "Alan Turing", age: 41, email: "alan@example.org" });
  const grace = await Author.objects.acreate({ name: "Grace Hopper", age: 85, email: "grace@example.org" });
  const donald = await Author.objects.acreate({ name: "Donald Knuth", age: null, email: "don@example.org" });
  const created = await Book.objects.abulkCreate([
    new Book({ title: "Notes on the Analytical Engine", pages: 66, rating: 4.5, pubDate: "1843-09-01", author: ada }),
    new Book({ title: "On Computable Numbers", pages: 36, rating: 4.9, pubDate: "1936-11-12", author: alan }),
    new Book({ title: "Computing Machinery and Intelligence", pages: 22, rating: 4.8, pubDate: "1950-10-01", author: alan }),
    new Book({ title: "Understanding Computers", pages: 120, rating: null, inPrint: false, pubDate: "1984-01-01", author: grace }),
    new Book({ title: "The Art of Computer Programming", pages: 672, rating: 5.0, pubDate: "1968-01-01", author: donald }),
    new Book({ title: "Digital Typography", pages: 685, rating: 4.2, pubDate: "1999-01-01", author: donald }),
    new Book({ title: "Dancing Links", pages: 26, rating: 4.6, pubDate: "2000-11-15", author: donald }),
  ]);

  const data = {};
  data.tables = tables;
  data.authorPks = [ada.pk, alan.pk, grace.pk, donald.pk];
  data.createdBookPks = created.map((b) => b.pk);
  data.authorIsInstance = ada instanceof Author;

  // filter / startswith (default ordering: name)
  data.startswithA = (await Author.objects.filter({ name__startswith: "A" }).alist()).map((a) => a.name);
  // exclude + orderBy
  data.excludeNullAgeByAgeDesc = (await Author.objects.exclude({ age__isnull: true }).orderBy("-age").alist())
    .map((a) => [a.name, a.age]);
  // Q objects
  data.qOr = (await Book.objects.filter(Q({ pages__gt: 600 }).or(Q({ rating__isnull: true }))).orderBy("title").alist())
    .map((b) => b.title);
  // values / valuesList
  data.values = await Book.objects.filter({ pages__gte: 100 }).orderBy("pages").values("title", "pages", "inPrint").alist();
  data.valuesListFlat = await Author.objects.orderBy("-name").valuesList("email", { flat: true }).alist();
  // count / exists
  data.countBooks = await Book.objects.acount();
  data.countInPrint = await Book.objects.filter({ inPrint: true }).acount();
  data.existsNone = await Book.objects.filter({ title: "Nope" }).aexists();
  // aget, DoesNotExist, MultipleObjectsReturned
  const grace2 = await Author.objects.aget({ email: "grace@example.org" });
  data.aget = { name: grace2.name, age: grace2.age, pkMatches: grace2.pk === grace.pk };
  try {
    await Author.objects.aget({ name: "Nobody" });
    data.doesNotExist = "no error";
  } catch (e) {
    data.doesNotExist = {
      name: e.constructor.name,
      message: e.message,
      isModelDoesNotExist: e instanceof Author.DoesNotExist,
      isDoesNotExist: e instanceof DoesNotExist,
      isQuarryError: e instanceof QuarryError,
      isBookDoesNotExist: e instanceof Book.DoesNotExist,
    };
  }
  try {
    await Author.objects.aget({ name__startswith: "A" });
    data.multiple = "no error";
  } catch (e) {
    data.multiple = { message: e.message, isMultiple: e instanceof MultipleObjectsReturned };
  }
  // async iteration, over instances and over values
  data.iterTitles = [];
  for await (const b of Book.objects.filter({ author: alan }).orderBy("pubDate")) {
    data.iterTitles.push([b.title, b.pubDate, b.author_id === alan.pk]);
  }
  data.iterValues = [];
  for await (const row of Author.objects.filter({ age__gte: 40 }).values("name")) data.iterValues.push(row);
  // a join across the foreign key, both directions
  data.joinForward = (await Book.objects.filter({ author__name__startswith: "D" }).orderBy("title").alist()).map((b) => b.title);
  data.joinForwardSqlHasJoin = /\bJOIN\b/.test(Book.objects.filter({ author__name__startswith: "D" }).compile().sql);
  data.joinReverse = (await Author.objects.filter({ books__rating__gte: 4.8 }).distinct().alist()).map((a) => a.name);
  // selectRelated: one query, the author loaded with each book
  const [withAuthors, selectSql] = await queries(() => Book.objects.selectRelated("author").orderBy("pubDate").alist());
  data.selectRelated = { queries: selectSql.length, pairs: withAuthors.slice(0, 3).map((b) => [b.title, b.author.name]) };
  // prefetchRelated: two queries, then the related managers answer from the cache
  const [authors, prefetchSql] = await queries(() => Author.objects.prefetchRelated("books").alist());
  const [byAuthor, afterSql] = await queries(async () => {
    const out = {};
    for (const a of authors) out[a.name] = (await a.books.alist()).map((b) => b.title).sort();
    return out;
  });
  data.prefetch = { queries: prefetchSql.length, queriesAfter: afterSql.length, byAuthor };
  // aggregate (annotate() is not implemented yet)
  data.aggregate = await Book.objects.filter({ author__name__startswith: "A" }).aaggregate({ n: Count("id"), pages: Sum("pages"), best: Max("rating") });
  // regex: allowed on a host executor; sql.js has REGEXP registered above
  const regexQs = Book.objects.filter({ title__regex: "^D" }).orderBy("title");
  data.regexSql = regexQs.compile().sql;
  data.regex = (await regexQs.alist()).map((b) => b.title);
  data.iregex = (await Book.objects.filter({ title__iregex: "^d" }).orderBy("title").alist()).map((b) => b.title);
  // writes: update, IntegrityError, atomic batch with ROLLBACK
  data.updated = await Book.objects.filter({ author: donald }).aupdate({ inPrint: false });
  try {
    await Author.objects.acreate({ name: "Ada again", email: "ada@example.org" });
    data.integrity = "no error";
  } catch (e) {
    data.integrity = { isIntegrityError: e instanceof IntegrityError, message: e.message };
  }
  try {
    await Author.objects.abulkCreate(
      [new Author({ name: "Fresh", email: "fresh@example.org" }), new Author({ name: "Dup", email: "alan@example.org" })],
      { batchSize: 1 },
    );
    data.batchRollback = "no error";
  } catch (e) {
    data.batchRollback = {
      isIntegrityError: e instanceof IntegrityError,
      freshExists: await Author.objects.filter({ email: "fresh@example.org" }).aexists(),
      authors: await Author.objects.acount(),
    };
  }
  // delete with cascade
  data.deleted = await Author.objects.filter({ pk: grace.pk }).adelete();
  data.booksAfterDelete = await Book.objects.acount();

  const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/pkg/quarry_bg.wasm"));
  data.timing = {
    quarryWasmFetchMs: wasm ? Math.round(wasm.duration) : null,
    runMs: Math.round(performance.now() - t0),
    sinceNavigationMs: Math.round(performance.now()),
  };
  data.statements = statements.length;
  return data;
}

main().then(
  (data) => {
    window.results = { ok: true, data };
    document.getElementById("out").textContent = JSON.stringify(data, null, 2);
  },
  (e) => {
    window.results = { ok: false, error: `${e?.name}: ${e?.message}\n${e?.stack ?? ""}${e?.cause ? `\ncause: ${e.cause}` : ""}` };
    document.getElementById("out").textContent = window.results.error;
  },
);
