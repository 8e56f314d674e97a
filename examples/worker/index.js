// Quarry example Worker: Django's QuerySet on Cloudflare D1.
//
//   GET  /                          an HTML page of example queries: the code,
//                                   the SQL and params it compiles to, the rows
//   POST /seed                      applies the migrations and seeds the tables (idempotent)
//   GET  /api/authors?startswith=A  authors as JSON (name__istartswith)
//   GET  /api/books?author=Agatha   books with their author's name as JSON
//   GET  /api/authors/:id/books     one author's books through the related
//                                   manager (author.books), as JSON
//   POST /api/authors               { name, email, age?, books: [{ title, pages?,
//                                   pubDate }] }: the author and her books in
//                                   one db.atomic() group (all or nothing; a
//                                   taken email is 409 and writes nothing)
//
// Every /api request runs in a D1 session (read replication): it starts from
// the bookmark the client sent (the `x-d1-bookmark` header, else the
// `d1-bookmark` cookie), so it sees at least what the client saw or wrote
// last, and every response carries the session's latest bookmark back in both.
//
// The models are defined once, at module scope, on a Database without an
// executor; each request runs its queries through its own env.DB with
// `using()` (Django's name), and opens its D1 session with
// `db.withSession(bookmark, { using: env.DB })`. The database is migrated and
// seeded on the first request anyway, so the page works without POST /seed.
//
// The schema comes from the migration files `npx quarry makemigrations`
// writes into examples/worker/migrations/ from models.js. Deployed, they are
// applied with `npx wrangler d1 migrations apply DB --remote` (--local for
// `wrangler dev`); the Worker also applies any that have not run with
// `db.migrate({ migrations })`, which records them in the same d1_migrations
// table, so that the demo needs no step of its own. (wrangler bundles .sql
// files as text: import each new migration here.)
import { Database, Q, F, IntegrityError, QuarryError } from "quarry";
import defineModels from "./models.js";
import initial from "./migrations/0001_initial.sql";

const MIGRATIONS = { "0001_initial.sql": initial };

const AUTHORS = [
  { name: "Agatha Christie", age: 85, email: "agatha@example.com" },
  { name: "Arthur Conan Doyle", age: 71, email: "arthur@example.com" },
  { name: "Jane Austen", age: 41, email: "jane@example.com" },
  { name: "Leo Tolstoy", age: 82, email: "leo@example.com" },
  { name: "Ursula K. Le Guin", age: 88, email: "ursula@example.com" },
];

const BOOKS = [
  ["Murder on the Orient Express", 256, 4.3, true, "1934-01-01", "Agatha Christie"],
  ["And Then There Were None", 272, 4.6, true, "1939-11-06", "Agatha Christie"],
  ["The Mysterious Affair at Styles", 296, 3.9, false, "1920-10-01", "Agatha Christie"],
  ["A Study in Scarlet", 108, 4.1, true, "1887-11-01", "Arthur Conan Doyle"],
  ["The Hound of the Baskervilles", 256, 4.5, true, "1902-04-01", "Arthur Conan Doyle"],
  ["Pride and Prejudice", 432, 4.7, true, "1813-01-28", "Jane Austen"],
  ["Emma", 474, 4.0, false, "1815-12-23", "Jane Austen"],
  ["War and Peace", 1225, 4.4, true, "1869-01-01", "Leo Tolstoy"],
  ["The Left Hand of Darkness", 304, 4.2, true, "1969-03-01", "Ursula K. Le Guin"],
  ["The Dispossessed", 387, 4.6, true, "1974-05-01", "Ursula K. Le Guin"],
].map(([title, pages, rating, inPrint, pubDate, author]) => ({ title, pages, rating, inPrint, pubDate, author }));

// Example queries for the page: the code as shown, and the same code to run.
const EXAMPLES = [
  {
    title: "Authors whose name starts with “a”, oldest first",
    code: `Author.objects.filter({ name__istartswith: "a" }).orderBy("-age")`,
    qs: ({ Author }) => Author.filter({ name__istartswith: "a" }).orderBy("-age"),
  },
  {
    title: "Books in print since 1900, with the author's name (a join)",
    code: `Book.objects
  .filter({ inPrint: true, pubDate__year__gte: 1900 })
  .orderBy("pubDate")
  .values("title", "pubDate", "author__name")`,
    qs: ({ Book }) =>
      Book
        .filter({ inPrint: true, pubDate__year__gte: 1900 })
        .orderBy("pubDate")
        .values("title", "pubDate", "author__name"),
  },
  {
    title: "Highly rated or short books (Q objects)",
    code: `Book.objects
  .filter(Q({ rating__gte: 4.5 }).or(Q({ pages__lt: 200 })))
  .orderBy("title")
  .valuesList("title", { flat: true })`,
    qs: ({ Book }) =>
      Book
        .filter(Q({ rating__gte: 4.5 }).or(Q({ pages__lt: 200 })))
        .orderBy("title")
        .valuesList("title", { flat: true }),
  },
  {
    title: "Authors starting with “A” and their books (prefetchRelated: one query per level)",
    code: `Author.objects
  .filter({ name__startswith: "A" })
  .prefetchRelated("books")`,
    qs: ({ Author }) => Author.filter({ name__startswith: "A" }).prefetchRelated("books"),
    show: async (authors) =>
      Promise.all(authors.map(async (a) => ({ name: a.name, books: (await a.books.alist()).map((b) => b.title) }))),
  },
  {
    title: "Long books: more pages than 100 × rating (F expressions), top 3",
    code: `Book.objects
  .filter({ pages__gt: F("rating").mul(100) })
  .exclude({ author__name__startswith: "Leo" })
  .orderBy("-pages")
  .slice(0, 3)
  .values("title", "pages", "rating")`,
    qs: ({ Book }) =>
      Book
        .filter({ pages__gt: F("rating").mul(100) })
        .exclude({ author__name__startswith: "Leo" })
        .orderBy("-pages")
        .slice(0, 3)
        .values("title", "pages", "rating"),
  },
];

// The models, once per isolate: no executor here, env.DB comes per request.
const db = new Database();
const { Author, Book } = defineModels(db);

// What one request works with: the models' managers through its env.DB.
const bind = (env) => ({ Author: Author.objects.using(env.DB), Book: Book.objects.using(env.DB), binding: env.DB });

// Applies the migrations that have not run and, when the database is empty, the rows. Runs once
// per binding; concurrent first requests share the same promise.
const seeded = new WeakMap();
function ensureSeeded(app) {
  if (!seeded.has(app.binding)) {
    const run = (async () => {
      const migrated = await db.migrate({ migrations: MIGRATIONS, using: app.binding });
      let created = false;
      if (!(await app.Author.aexists())) {
        const authors = await app.Author.abulkCreate(AUTHORS.map((a) => new Author(a)));
        const byName = new Map(authors.map((a) => [a.name, a]));
        await app.Book.abulkCreate(BOOKS.map(({ author, ...b }) => new Book({ ...b, author: byName.get(author) })));
        created = true;
      }
      return { migrated, created, authors: await app.Author.acount(), books: await app.Book.acount() };
    })();
    // Try again on the next request if it failed.
    run.catch(() => seeded.delete(app.binding));
    seeded.set(app.binding, run);
  }
  return seeded.get(app.binding);
}

// JSON that also carries bigint (as a string) and Uint8Array (as an array).
function toJson(value, space) {
  return JSON.stringify(
    value,
    (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? [...v] : v),
    space,
  );
}

function json(value, status = 200) {
  return new Response(toJson(value, 2), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function runExample(app, ex) {
  try {
    const qs = ex.qs(app);
    const { sql, params } = qs.compile();
    const items = await qs.alist();
    const rows = ex.show ? await ex.show(items) : items;
    return { ...ex, sql, params, rows };
  } catch (e) {
    return { ...ex, error: `${e?.name ?? "Error"}: ${e?.message ?? e}` };
  }
}

async function page(app) {
  const results = [];
  for (const ex of EXAMPLES) results.push(await runExample(app, ex));
  const sections = results
    .map(
      (r) => `<section>
<h2>${escapeHtml(r.title)}</h2>
<pre class="code"><code>${escapeHtml(r.code)}</code></pre>
${
  r.error
    ? `<pre class="error">${escapeHtml(r.error)}</pre>`
    : `<h3>SQL</h3>
<pre class="sql"><code>${escapeHtml(r.sql)}</code></pre>
<p class="params">params: <code>${escapeHtml(toJson(r.params))}</code></p>
<h3>Rows (${r.rows.length})</h3>
<pre class="rows"><code>${escapeHtml(toJson(r.rows, 2))}</code></pre>`
}
</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quarry on D1</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  h1 { margin-bottom: 0; } h2 { margin-top: 2.5rem; font-size: 1.2rem; } h3 { font-size: 0.9rem; margin: 0.8rem 0 0.2rem; color: #555; }
  pre { background: #f5f5f2; border: 1px solid #ddd; border-radius: 6px; padding: 0.7rem; overflow-x: auto; font-size: 0.85rem; }
  pre.code { background: #1e2430; color: #e6e6e6; border-color: #1e2430; }
  pre.sql { background: #eef5ff; }
  pre.error { background: #fff0f0; border-color: #e3a0a0; color: #900; }
  .params { font-size: 0.85rem; margin: 0.2rem 0; }
  section { border-top: 1px solid #eee; }
</style>
</head>
<body>
<h1>Quarry on D1</h1>
<p>Django's QuerySet, compiled to SQL by Rust in WebAssembly, run by this Worker's D1 binding.
JSON: <a href="/api/authors?startswith=A">/api/authors?startswith=A</a>,
<a href="/api/books?author=Agatha">/api/books?author=Agatha</a>.</p>
${sections}
</body>
</html>`;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      const app = bind(env);
      if (url.pathname === "/seed") {
        if (request.method !== "POST") return json({ error: "use POST /seed" }, 405);
        return json(await ensureSeeded(app));
      }
      await ensureSeeded(app);
      if (url.pathname === "/" && request.method === "GET") {
        return new Response(await page(app), { headers: { "content-type": "text/html; charset=utf-8" } });
      }
      if (url.pathname.startsWith("/api/")) return withBookmark(request, app, (session) => api(request, url, session));
      return json({ error: "not found" }, 404);
    } catch (e) {
      if (e?.name === "DoesNotExist") return json({ error: e.message }, 404);
      return json({ error: `${e?.name ?? "Error"}: ${e?.message ?? e}` }, 500);
    }
  },
};

// D1 sessions: the request's session starts from the client's bookmark, and
// the response hands the session's latest bookmark back (as Cloudflare
// documents it: a header, here also a cookie for browsers).
async function withBookmark(request, app, handle) {
  const cookie = /(?:^|;\s*)d1-bookmark=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
  const bookmark = request.headers.get("x-d1-bookmark") ?? (cookie && decodeURIComponent(cookie));
  const session = db.withSession(bookmark ?? "first-unconstrained", { using: app.binding });
  const response = await handle(session);
  const latest = session.bookmark();
  if (latest) {
    response.headers.set("x-d1-bookmark", latest);
    response.headers.append("set-cookie", `d1-bookmark=${encodeURIComponent(latest)}; Path=/; HttpOnly; SameSite=Lax`);
  }
  return response;
}

async function api(request, url, session) {
  try {
    if (url.pathname === "/api/authors" && request.method === "POST") {
      const body = await request.json();
      // One batch: the author and her books are written together or not at all.
      const [author, ...books] = await session.atomic((tx) => {
        const author = tx.create(Author, { name: body.name, age: body.age ?? null, email: body.email });
        for (const b of body.books ?? []) tx.create(Book, { ...b, author });
      });
      return json({ author: author.toJSON(), books: books.map((b) => b.toJSON()) }, 201);
    }
    if (url.pathname === "/api/authors" && request.method === "GET") {
      let qs = Author.objects.using(session);
      const startswith = url.searchParams.get("startswith");
      if (startswith) qs = qs.filter({ name__istartswith: startswith });
      qs = qs.orderBy("name").values("id", "name", "age", "email");
      return json({ query: qs.compile(), results: await qs.alist() });
    }
    if (url.pathname === "/api/books" && request.method === "GET") {
      let qs = Book.objects.using(session);
      const author = url.searchParams.get("author");
      if (author) qs = qs.filter({ author__name__icontains: author });
      qs = qs.orderBy("pubDate").values("id", "title", "pages", "rating", "inPrint", "pubDate", "author__name");
      return json({ query: qs.compile(), results: await qs.alist() });
    }
    const byAuthor = url.pathname.match(/^\/api\/authors\/(\d+)\/books$/);
    if (byAuthor && request.method === "GET") {
      // Loaded through the session: its related manager queries through it too.
      const author = await Author.objects.using(session).aget({ pk: Number(byAuthor[1]) });
      const books = [];
      // The related manager is a QuerySet bound to the author.
      for await (const b of author.books.orderBy("pubDate")) books.push({ id: b.id, title: b.title, pubDate: b.pubDate });
      return json({ author: author.name, count: await author.books.acount(), query: author.books.compile(), books });
    }
    return json({ error: "not found" }, 404);
  } catch (e) {
    if (e?.name === "DoesNotExist") return json({ error: e.message }, 404);
    if (e instanceof IntegrityError) return json({ error: `${e.name}: ${e.message}` }, 409);
    if (e instanceof QuarryError) return json({ error: `${e.name}: ${e.message}` }, 400);
    throw e;
  }
}
