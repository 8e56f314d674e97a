// Drizzle side of the query mix: drizzle-orm/sqlite-core tables and the
// standalone QueryBuilder (no database), the same ten queries as
// lib/quarry.mjs, compiled with .toSQL().
import { sqliteTable, integer, text, real, QueryBuilder } from "drizzle-orm/sqlite-core";
import { eq, like, inArray, and, or, not, lt, gte, isNotNull, asc, desc, count, getTableColumns } from "drizzle-orm";

export const name = "Drizzle";

const likeEscape = (s) => s.replace(/[\\%_]/g, "\\$&");
const compile = (b) => b.toSQL();

export function setup() {
  const author = sqliteTable("author", {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    age: integer("age"),
    email: text("email").notNull().unique(),
  });
  const book = sqliteTable("book", {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    pages: integer("pages").notNull().default(0),
    rating: real("rating"),
    inPrint: integer("inPrint", { mode: "boolean" }).notNull().default(true),
    pubDate: text("pubDate").notNull(),
    authorId: integer("author_id").notNull().references(() => author.id, { onDelete: "cascade" }),
  });
  const qb = new QueryBuilder();
  const bookCols = getTableColumns(book);
  const all = () => qb.select().from(book);
  const withAuthor = (sel) => qb.select(sel).from(book).innerJoin(author, eq(book.authorId, author.id));
  return [
    { name: "eq", build: () => all().where(eq(book.pages, 300)), compile },
    { name: "startswith", build: () => all().where(like(book.title, likeEscape("Dj") + "%")), compile },
    { name: "in (5)", build: () => all().where(inArray(book.id, [1, 2, 3, 4, 5])), compile },
    {
      name: "range+orderBy",
      build: () => all().where(and(gte(book.pubDate, "2020-01-01"), lt(book.pubDate, "2021-01-01"))).orderBy(desc(book.pubDate), asc(book.title)),
      compile,
    },
    { name: "exclude nullable", build: () => all().where(not(and(lt(book.rating, 3), isNotNull(book.rating)))), compile },
    { name: "Q or", build: () => all().where(or(lt(book.pages, 100), gte(book.rating, 4.5))), compile },
    { name: "join author__name", build: () => withAuthor(bookCols).where(eq(author.name, "Ann")), compile },
    {
      name: "values via FK",
      build: () => withAuthor({ title: book.title, author__name: author.name }).where(eq(book.inPrint, true)),
      compile,
    },
    { name: "slice+order", build: () => all().orderBy(asc(book.title)).limit(10).offset(20), compile },
    { name: "count (join)", build: () => withAuthor({ __count: count() }).where(gte(author.age, 30)), compile },
  ];
}
