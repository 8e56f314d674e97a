// Drizzle side of the compile mix: drizzle-orm/sqlite-core tables and the
// standalone QueryBuilder (no database) for the SELECTs, a sqlite-proxy
// database that is never called for the UPDATE (the standalone builder has
// no update()); the same queries as lib/quarry.mjs, compiled with .toSQL().
import { QueryBuilder } from "drizzle-orm/sqlite-core";
import { tables } from "./schema-drizzle.mjs";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { eq, like, inArray, and, gte, asc, desc, count, getTableColumns } from "drizzle-orm";

export const name = "Drizzle";

const likeEscape = (s) => s.replace(/[\\%_]/g, "\\$&");
const ids20 = (v) => Array.from({ length: 20 }, (_, k) => v + k);
const compile = (b) => b.toSQL();

export function setup() {
  const { author, book } = tables();
  const qb = new QueryBuilder();
  const db = drizzle(async () => ({ rows: [] }));
  const authorCols = getTableColumns(author);
  const bookCols = getTableColumns(book);
  return [
    { name: "select by pk", build: (i) => qb.select().from(book).where(eq(book.id, i % 1000)), compile },
    {
      name: "3 conditions + LIKE",
      build: (i) =>
        qb.select().from(book).where(and(eq(book.inPrint, true), gte(book.pages, i % 1000), like(book.title, `%${likeEscape(`Dj${i % 1000}`)}%`))),
      compile,
    },
    { name: "IN of 20", build: (i) => qb.select().from(book).where(inArray(book.id, ids20(i % 1000))), compile },
    {
      name: "order + limit + offset",
      build: (i) =>
        qb.select().from(book).where(gte(book.pages, i % 1000)).orderBy(desc(book.pubDate), asc(book.title)).limit(20).offset(i % 1000),
      compile,
    },
    {
      name: "join filter",
      build: (i) => qb.select(bookCols).from(book).innerJoin(author, eq(book.authorId, author.id)).where(eq(author.name, `Ann ${i % 1000}`)),
      compile,
    },
    {
      name: "values().annotate(Count)",
      build: (i) => qb.select({ author: book.authorId, n: count(book.id) }).from(book).where(gte(book.pages, i % 1000)).groupBy(book.authorId),
      compile,
    },
    {
      name: "annotate(Count) on a join",
      build: (i) =>
        qb.select({ ...authorCols, n: count(book.id) }).from(author).leftJoin(book, eq(book.authorId, author.id))
          .where(gte(author.age, i % 1000)).groupBy(author.id, author.name, author.age, author.email),
      compile,
    },
    {
      name: "UPDATE by pk",
      build: (i) => db.update(book).set({ pages: i % 1000 }).where(eq(book.id, i % 1000)),
      compile,
    },
  ];
}
