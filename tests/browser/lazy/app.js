// The browser entry before and after its wasm arrives, for
// tests/js/quickstart.test.mjs: served as a plain <script type="module">
// page (import map → the packed package's dist/browser.js) and as an esbuild
// bundle. Nothing in the module graph awaits at top level, so this module
// runs before the wasm is fetched: models, chains and queries made now must
// work, and the synchronous calls that need the core throw naming ready().
// sql.js comes as a classic script (the global initSqlJs).
import { Database, fields, ready, FieldError } from "quarry";

const sqlite = globalThis.initSqlJs({ locateFile: (f) => `/node_modules/sql.js/dist/${f}` }).then((SQL) => new SQL.Database());
const executor = {
  async execute(sql, params) {
    const db = await sqlite;
    const stmt = db.prepare(sql);
    stmt.bind(params.map((p) => (typeof p === "boolean" ? Number(p) : p)));
    const rows = [];
    while (stmt.step()) rows.push(stmt.get());
    stmt.free();
    return { rows, changes: db.getRowsModified() };
  },
};

const out = {};
const caught = (fn) => {
  try {
    fn();
    return "no error";
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
};

// Before the wasm: definitions, chains (checked when they run), a query.
const db = new Database(executor);
const Author = db.model("Author", { name: fields.CharField({ maxLength: 100 }), born: fields.IntegerField({ null: true }) });
const Book = db.model("Book", { title: fields.CharField({ maxLength: 100 }), author: fields.ForeignKey("Author", { relatedName: "books" }) });
const early = Author.objects.filter({ name__startswith: "A" }).orderBy("born");
const typo = Author.objects.filter({ nmae: "x" });
out.compileEarly = caught(() => early.compile());
out.newEarly = caught(() => new Author({ name: "x" }));
const typoRun = typo.alist().then(
  () => "no error",
  (e) => `${e.name}: ${e.message}`,
);
const migrated = db.migrate();

async function main() {
  await migrated;
  await Author.objects.abulkCreate([
    { name: "Ada Lovelace", born: 1815 },
    { name: "Alan Turing", born: 1912 },
    { name: "Grace Hopper", born: 1906 },
  ]);
  const ada = await Author.objects.aget({ name: "Ada Lovelace" });
  await ada.books.acreate({ title: "Notes" });
  out.early = await early.valuesList("name", { flat: true }).alist();
  out.typo = await typoRun;
  await ready();
  out.compileAfter = early.compile().sql;
  out.typoAfter = caught(() => Author.objects.filter({ nmae: "x" }));
  out.typoIsFieldError = (() => {
    try {
      Author.objects.filter({ nmae: "x" });
    } catch (e) {
      return e instanceof FieldError;
    }
  })();
  const withBooks = await Author.objects.filter({ books__isnull: false }).prefetchRelated("books").alist();
  out.prefetched = await Promise.all(withBooks.map(async (a) => [a.name, (await a.books.all().alist()).map((b) => b.title)]));
  out.books = await Book.objects.values("title", "author__name").alist();
  window.results = { ok: true, data: out };
}
main().catch((e) => (window.results = { ok: false, error: String(e?.stack ?? e) }));
