// The in-Worker bench (Issue 11, target 3): one Worker holding all four
// contenders, run by Miniflare (real workerd) with a D1 binding as env.DB.
// bench/lib/worker.mjs bundles it with wrangler (so `quarry` resolves through
// its "workerd" condition and the .wasm is a separate module), starts it,
// seeds it and calls /run once per round.
//
//   POST /seed?books=N   creates the tables (Quarry's migrate()) and N books, 50 authors
//   GET  /check          each op's result in each library (the harness checks they agree)
//   GET  /run?n=get:40,list:4,...&order=raw,quarry,...&start=i
//                        for each op: n turns; in each turn every library runs
//                        the op once (awaited; the order rotates turn by turn);
//                        returns each library's total time / n, in ms per op.
//
// workerd's clock only advances across I/O (and in coarse steps): every op
// awaits D1, so the clock read just before an op is the time the previous D1
// call returned, and the one just after it the time its own D1 call returned.
// One op's figure is coarse; the sum over many ops is fair (its rounding
// errors do not add up one way), and taking turns op by op makes slow
// changes of the machine's load cancel between the libraries.
import * as quarry from "quarry";
import { Kysely } from "kysely";
import { D1Dialect } from "kysely-d1";
import { drizzle } from "drizzle-orm/d1";
import { eq, gte, and, asc, desc, count } from "drizzle-orm";
import { defineModels } from "../lib/schema-quarry.mjs";
import { tables } from "../lib/schema-drizzle.mjs";

const BOOKS = 2000;
const AUTHORS = 50;

// The same four statements written by hand, for D1's .all() (the 1.00x
// baseline) and .raw() (rows as arrays, as Quarry asks D1 for them).
const SQL = {
  get: "SELECT * FROM book WHERE id = ?",
  list: "SELECT * FROM book LIMIT ?",
  filter: "SELECT * FROM book WHERE inPrint = ? AND pages >= ? ORDER BY rating DESC, id ASC LIMIT ?",
  count: "SELECT COUNT(*) AS n FROM book WHERE pages >= ?",
};
// The varying values of iteration i.
const pk = (i) => 1 + (i % BOOKS);
const minPages = (i) => 100 + (i % 700);

let libs = null;
function setup(env) {
  if (libs) return libs;
  const d1 = env.DB;
  const { db, Book } = defineModels(quarry, d1);
  const k = new Kysely({ dialect: new D1Dialect({ database: d1 }) });
  const d = drizzle(d1);
  const { book } = tables();
  const stmt = (sql, ...params) => d1.prepare(sql).bind(...params);
  libs = {
    db,
    ops: {
      raw: {
        get: async (i) => (await stmt(SQL.get, pk(i)).all()).results[0],
        list: async () => (await stmt(SQL.list, 1000).all()).results,
        filter: async (i) => (await stmt(SQL.filter, 1, minPages(i), 20).all()).results,
        count: async (i) => (await stmt(SQL.count, minPages(i)).all()).results[0].n,
      },
      d1raw: {
        get: async (i) => (await stmt(SQL.get, pk(i)).raw())[0],
        list: () => stmt(SQL.list, 1000).raw(),
        filter: (i) => stmt(SQL.filter, 1, minPages(i), 20).raw(),
        count: async (i) => (await stmt(SQL.count, minPages(i)).raw())[0][0],
      },
      quarry: {
        get: (i) => Book.objects.aget({ pk: pk(i) }),
        list: () => Book.objects.all().slice(0, 1000).alist(),
        filter: (i) => Book.objects.filter({ inPrint: true, pages__gte: minPages(i) }).orderBy("-rating", "id").slice(0, 20).alist(),
        count: (i) => Book.objects.filter({ pages__gte: minPages(i) }).acount(),
      },
      kysely: {
        get: (i) => k.selectFrom("book").selectAll().where("id", "=", pk(i)).executeTakeFirstOrThrow(),
        list: () => k.selectFrom("book").selectAll().limit(1000).execute(),
        filter: (i) =>
          k.selectFrom("book").selectAll().where("inPrint", "=", 1).where("pages", ">=", minPages(i))
            .orderBy("rating", "desc").orderBy("id", "asc").limit(20).execute(),
        count: async (i) =>
          Number((await k.selectFrom("book").select((eb) => eb.fn.countAll().as("n")).where("pages", ">=", minPages(i)).executeTakeFirstOrThrow()).n),
      },
      drizzle: {
        get: (i) => d.select().from(book).where(eq(book.id, pk(i))).get(),
        list: () => d.select().from(book).limit(1000),
        filter: (i) =>
          d.select().from(book).where(and(eq(book.inPrint, true), gte(book.pages, minPages(i)))).orderBy(desc(book.rating), asc(book.id)).limit(20),
        count: async (i) => (await d.select({ n: count() }).from(book).where(gte(book.pages, minPages(i))).get()).n,
      },
    },
  };
  return libs;
}

async function seed(env, n) {
  const { db } = setup(env);
  await db.migrate();
  const d1 = env.DB;
  if ((await d1.prepare("SELECT COUNT(*) AS n FROM book").first()).n >= n) return { books: n, seeded: false };
  const stmts = [];
  for (let a = 1; a <= AUTHORS; a++) {
    stmts.push(d1.prepare("INSERT INTO author (id, name, age, email) VALUES (?, ?, ?, ?)").bind(a, `Author ${a}`, a % 5 ? 20 + a : null, `a${a}@example.com`));
  }
  for (let b = 1; b <= n; b++) {
    stmts.push(
      d1.prepare('INSERT INTO book (id, title, pages, rating, "inPrint", "pubDate", author_id) VALUES (?, ?, ?, ?, ?, ?, ?)').bind(
        b, `Book number ${b}`, 50 + ((b * 37) % 900), b % 7 ? 1 + (b % 40) / 10 : null, b % 3 ? 1 : 0,
        `${1950 + (b % 70)}-${String(1 + (b % 12)).padStart(2, "0")}-${String(1 + (b % 28)).padStart(2, "0")}`, 1 + (b % AUTHORS),
      ),
    );
  }
  for (let s = 0; s < stmts.length; s += 500) await d1.batch(stmts.slice(s, s + 500));
  return { books: n, seeded: true };
}

// A summary of an op's result that every library must agree on.
function digest(op, r) {
  if (op === "count") return Number(r);
  const rows = op === "get" ? [r] : r;
  const id = (x) => (Array.isArray(x) ? x[0] : x.id);
  return `${rows.length}:${rows.slice(0, 50).map(id).join(",")}`;
}

let sink = 0;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      if (url.pathname === "/seed") return Response.json(await seed(env, Number(url.searchParams.get("books") ?? BOOKS)));
      const { ops } = setup(env);
      if (url.pathname === "/check") {
        const out = {};
        for (const [lib, o] of Object.entries(ops)) {
          out[lib] = {};
          for (const op of Object.keys(o)) out[lib][op] = [digest(op, await o[op](7)), digest(op, await o[op](523))];
        }
        return Response.json(out);
      }
      if (url.pathname === "/run") {
        const n = Object.fromEntries(url.searchParams.get("n").split(",").map((s) => s.split(":")).map(([op, c]) => [op, Number(c)]));
        const libsOrder = url.searchParams.get("order").split(",");
        let i = Number(url.searchParams.get("start") ?? 0);
        const ms = {};
        for (const [op, count] of Object.entries(n)) {
          const total = Object.fromEntries(libsOrder.map((lib) => [lib, 0]));
          const fns = libsOrder.map((lib) => ops[lib][op]);
          // Libraries take turns op by op (the turn order rotating), so a
          // burst of load on the machine hits all of them alike.
          for (let k = 0; k < count; k++) {
            for (let j = 0; j < libsOrder.length; j++) {
              const at = (j + k) % libsOrder.length;
              const t0 = performance.now();
              const r = await fns[at](i++);
              total[libsOrder[at]] += performance.now() - t0;
              sink += r ? 1 : 0;
            }
          }
          ms[op] = Object.fromEntries(libsOrder.map((lib) => [lib, total[lib] / count]));
        }
        return Response.json({ ms, sink });
      }
      return new Response("not found", { status: 404 });
    } catch (e) {
      return new Response(String(e?.stack ?? e), { status: 500 });
    }
  },
};
