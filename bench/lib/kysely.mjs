// Kysely side of the query mix: a compile-only Kysely (DummyDriver) with
// SQLite's adapter and compiler, the same ten queries as lib/quarry.mjs,
// selecting the same columns and binding the same parameters.
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, DummyDriver } from "kysely";

export const name = "Kysely";

const BOOK = ["book.id", "book.title", "book.pages", "book.rating", "book.inPrint", "book.pubDate", "book.author_id"];
// Django escapes the LIKE pattern (and adds ESCAPE '\'); do the escaping here too.
const likeEscape = (s) => s.replace(/[\\%_]/g, "\\$&");
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
  const book = () => db.selectFrom("book");
  const withAuthor = () => db.selectFrom("book").innerJoin("author", "book.author_id", "author.id");
  return [
    { name: "eq", build: () => book().select(BOOK).where("book.pages", "=", 300), compile },
    { name: "startswith", build: () => book().select(BOOK).where("book.title", "like", likeEscape("Dj") + "%"), compile },
    { name: "in (5)", build: () => book().select(BOOK).where("book.id", "in", [1, 2, 3, 4, 5]), compile },
    {
      name: "range+orderBy",
      build: () =>
        book().select(BOOK)
          .where((eb) => eb.and([eb("book.pubDate", ">=", "2020-01-01"), eb("book.pubDate", "<", "2021-01-01")]))
          .orderBy("book.pubDate", "desc").orderBy("book.title", "asc"),
      compile,
    },
    {
      name: "exclude nullable",
      build: () => book().select(BOOK).where((eb) => eb.not(eb.and([eb("book.rating", "<", 3), eb("book.rating", "is not", null)]))),
      compile,
    },
    {
      name: "Q or",
      build: () => book().select(BOOK).where((eb) => eb.or([eb("book.pages", "<", 100), eb("book.rating", ">=", 4.5)])),
      compile,
    },
    { name: "join author__name", build: () => withAuthor().select(BOOK).where("author.name", "=", "Ann"), compile },
    {
      name: "values via FK",
      build: () => withAuthor().select(["book.title", "author.name as author__name"]).where("book.inPrint", "=", 1),
      compile,
    },
    { name: "slice+order", build: () => book().select(BOOK).orderBy("book.title", "asc").limit(10).offset(20), compile },
    {
      name: "count (join)",
      build: () => withAuthor().select((eb) => eb.fn.countAll().as("__count")).where("author.age", ">=", 30),
      compile,
    },
  ];
}
