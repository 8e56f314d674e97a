// Kysely side of the compile mix: a compile-only Kysely (DummyDriver) with
// SQLite's adapter and compiler, the same queries as lib/quarry.mjs,
// selecting the same columns and binding the same parameters.
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, DummyDriver } from "kysely";

export const name = "Kysely";

const BOOK = ["book.id", "book.title", "book.pages", "book.rating", "book.inPrint", "book.pubDate", "book.author_id"];
const AUTHOR = ["author.id", "author.name", "author.age", "author.email"];
// Django escapes the LIKE pattern (and adds ESCAPE '\'); do the escaping here too.
const likeEscape = (s) => s.replace(/[\\%_]/g, "\\$&");
const ids20 = (v) => Array.from({ length: 20 }, (_, k) => v + k);
const compile = (b) => b.compile();

export function setup() {
  const db = new Kysely({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  return [
    { name: "select by pk", build: (i) => db.selectFrom("book").select(BOOK).where("book.id", "=", i % 1000), compile },
    {
      name: "3 conditions + LIKE",
      build: (i) =>
        db.selectFrom("book").select(BOOK)
          .where("book.inPrint", "=", 1)
          .where("book.pages", ">=", i % 1000)
          .where("book.title", "like", `%${likeEscape(`Dj${i % 1000}`)}%`),
      compile,
    },
    { name: "IN of 20", build: (i) => db.selectFrom("book").select(BOOK).where("book.id", "in", ids20(i % 1000)), compile },
    {
      name: "order + limit + offset",
      build: (i) =>
        db.selectFrom("book").select(BOOK).where("book.pages", ">=", i % 1000)
          .orderBy("book.pubDate", "desc").orderBy("book.title", "asc")
          .limit(20).offset(i % 1000),
      compile,
    },
    {
      name: "join filter",
      build: (i) => db.selectFrom("book").innerJoin("author", "book.author_id", "author.id").select(BOOK).where("author.name", "=", `Ann ${i % 1000}`),
      compile,
    },
    {
      name: "values().annotate(Count)",
      build: (i) =>
        db.selectFrom("book")
          .select((eb) => ["book.author_id as author", eb.fn.count("book.id").as("n")])
          .where("book.pages", ">=", i % 1000)
          .groupBy("book.author_id"),
      compile,
    },
    {
      name: "annotate(Count) on a join",
      build: (i) =>
        db.selectFrom("author").leftJoin("book", "book.author_id", "author.id")
          .select((eb) => [...AUTHOR, eb.fn.count("book.id").as("n")])
          .where("author.age", ">=", i % 1000)
          .groupBy(AUTHOR),
      compile,
    },
    {
      name: "UPDATE by pk",
      build: (i) => db.updateTable("book").set({ pages: i % 1000 }).where("book.id", "=", i % 1000),
      compile,
    },
  ];
}
