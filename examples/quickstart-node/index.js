import initSqlJs from "sql.js";
import { Database, fields } from "quarry";

// An executor is any object with an async execute(sql, params) that resolves
// to { rows, changes }. Here: an in-memory SQLite (sql.js).
const SQL = await initSqlJs();
const sqlite = new SQL.Database();
const executor = {
  async execute(sql, params) {
    const stmt = sqlite.prepare(sql);
    stmt.bind(params.map((p) => (typeof p === "boolean" ? Number(p) : p)));
    const rows = [];
    while (stmt.step()) rows.push(stmt.get());
    stmt.free();
    return { rows, changes: sqlite.getRowsModified() };
  },
};

const db = new Database(executor);
const Author = db.model("Author", {
  name: fields.CharField({ maxLength: 100 }),
  born: fields.IntegerField({ null: true }),
});
const Book = db.model("Book", {
  title: fields.CharField({ maxLength: 200 }),
  author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
});
await db.migrate();

const ada = await Author.objects.acreate({ name: "Ada Lovelace", born: 1815 });
await Book.objects.acreate({ title: "Notes on the Analytical Engine", author: ada });
const grace = await Author.objects.acreate({ name: "Grace Hopper", born: 1906 });
await grace.books.acreate({ title: "Understanding Computers" });

const old = Book.objects.filter({ author__born__lt: 1900 }).valuesList("title", { flat: true });
console.log(old.compile().sql);
console.log(await old.alist());
for await (const author of Author.objects.orderBy("-born").prefetchRelated("books")) {
  console.log(author.name, (await author.books.alist()).map((b) => b.title));
}
