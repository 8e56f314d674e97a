// Test Worker for tests/js/per-request.test.mjs (issue 13): the models are
// defined once, at module scope, on a Database without an executor; each
// request runs its queries through the D1 binding it picks (`?db=a|b`) with
// `using()`. Requests overlap (each awaits between its writes and reads), so
// a binding leaking from one request into another would show in the answers.
//
//   GET /note?db=a&who=w3   creates author w3 and a book, waits a little,
//                           reads back; answers what it saw, and how many
//                           times the models were defined in this isolate
//   GET /fail               a query on a missing table: the error's stack
import { Database, fields, ExecutorError } from "quarry";

let definitions = 0;
const db = new Database();
const Author = db.model("Author", { name: fields.CharField({ maxLength: 50, unique: true }) }, { ordering: ["name"] });
const Book = db.model("Book", {
  title: fields.CharField({ maxLength: 100 }),
  author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
});
definitions++;

// Tables once per binding (CREATE TABLE IF NOT EXISTS; concurrent first requests share it).
const migrated = new WeakMap();
function migrate(binding) {
  if (!migrated.has(binding)) migrated.set(binding, db.migrate({ using: binding }));
  return migrated.get(binding);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/fail") {
      const missing = new Database(env.DB_A).model("Missing", { x: fields.IntegerField() });
      const e = await missing.objects.alist().catch((err) => err);
      return Response.json({ isExecutorError: e instanceof ExecutorError, stack: e.stack });
    }
    const which = url.searchParams.get("db");
    const DB = which === "b" ? env.DB_B : env.DB_A;
    const who = url.searchParams.get("who");
    await migrate(DB);
    const author = await Author.objects.using(DB).acreate({ name: who });
    await pause(Number(url.searchParams.get("pause") ?? 0));
    // Through the instance: it remembers the binding it was saved through.
    await author.books.acreate({ title: `${who}'s book` });
    await pause(Number(url.searchParams.get("pause") ?? 0));
    const mine = await Book.objects.using(DB).filter({ author__name: who }).valuesList("title", { flat: true }).alist();
    const names = await Author.objects.using(DB).valuesList("name", { flat: true }).alist();
    const [withBooks] = await Author.objects.using(DB).filter({ name: who }).prefetchRelated("books").alist();
    return Response.json({ db: which, who, mine, names, prefetched: (await withBooks.books.all().alist()).map((b) => b.title), definitions });
  },
};
