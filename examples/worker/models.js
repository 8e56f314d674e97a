// The example's models. `npx quarry makemigrations` (run in the repository,
// whose package.json says "quarry": { "models": "examples/worker/models.js" })
// reads them and writes examples/worker/migrations/; the Worker defines them
// on its Database with the same function.
import { fields } from "quarry";

export default function defineModels(db) {
  const Author = db.model(
    "Author",
    {
      name: fields.CharField({ maxLength: 100 }),
      age: fields.IntegerField({ null: true }),
      email: fields.CharField({ maxLength: 200, unique: true }),
    },
    { table: "author", ordering: ["name"] },
  );
  const Book = db.model("Book", {
    title: fields.CharField({ maxLength: 200 }),
    pages: fields.IntegerField({ default: 0 }),
    rating: fields.FloatField({ null: true }),
    inPrint: fields.BooleanField({ default: true }),
    pubDate: fields.DateField(),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
  });
  return { Author, Book };
}
