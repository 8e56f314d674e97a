// The Author/Book models of API.md, defined on a Quarry Database. No import
// of its own: the compile mix passes js/node.js's Database and fields, the
// in-Worker bench the package's ("quarry", workerd condition).
export function defineModels({ Database, fields }, executor = null) {
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
