// Quarry side of the query mix: compile-only Database (no executor), the
// Author/Book models of API.md, and the ten queries, each built from the
// manager (`Book.objects`) and compiled to { sql, params }.
import { Database, fields, Q } from "../../js/node.js";

export const name = "Quarry";

export function models(executor = null) {
  const db = new Database(executor);
  const Author = db.model("Author", {
    name: fields.CharField({ maxLength: 100 }),
    age: fields.IntegerField({ null: true }),
    email: fields.CharField({ maxLength: 200, unique: true }),
  }, { table: "author" });
  const Book = db.model("Book", {
    title: fields.CharField({ maxLength: 200 }),
    pages: fields.IntegerField({ default: 0 }),
    rating: fields.FloatField({ null: true }),
    inPrint: fields.BooleanField({ default: true }),
    pubDate: fields.DateField(),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
  });
  return { db, Author, Book };
}

const rows = (qs) => qs.compile();
// acount()'s statement: the public API has no compile() for it, so this goes
// through the core handle's compileShape("count") (one wasm call, as compile()).
const count = (qs) => qs._core.compileShape("count");

/** [{ name, build: () => builder, compile: (builder) => { sql, params } }] */
export function setup() {
  const { Book } = models();
  const B = Book.objects;
  return [
    { name: "eq", build: () => B.filter({ pages: 300 }), compile: rows },
    { name: "startswith", build: () => B.filter({ title__startswith: "Dj" }), compile: rows },
    { name: "in (5)", build: () => B.filter({ id__in: [1, 2, 3, 4, 5] }), compile: rows },
    {
      name: "range+orderBy",
      build: () => B.filter({ pubDate__gte: "2020-01-01", pubDate__lt: "2021-01-01" }).orderBy("-pubDate", "title"),
      compile: rows,
    },
    { name: "exclude nullable", build: () => B.exclude({ rating__lt: 3 }), compile: rows },
    { name: "Q or", build: () => B.filter(Q({ pages__lt: 100 }).or(Q({ rating__gte: 4.5 }))), compile: rows },
    { name: "join author__name", build: () => B.filter({ author__name: "Ann" }), compile: rows },
    { name: "values via FK", build: () => B.filter({ inPrint: true }).values("title", "author__name"), compile: rows },
    { name: "slice+order", build: () => B.orderBy("title").slice(20, 30), compile: rows },
    { name: "count (join)", build: () => B.filter({ author__age__gte: 30 }), compile: count },
  ];
}
