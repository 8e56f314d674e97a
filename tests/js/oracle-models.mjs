// The models of the Django oracle, a mirror of
// tests/django/oracle_app/models.py: keep the two identical. `fields` is
// passed in, so that a test may run them on another build of the package
// (django.test.mjs's QUARRY_MODULE).

export function defineOracleModels(db, fields) {
  const Publisher = db.model("Publisher", { name: fields.CharField({ maxLength: 100 }) }, { table: "publisher" });
  const Author = db.model(
    "Author",
    {
      name: fields.CharField({ maxLength: 100 }),
      age: fields.IntegerField({ null: true }),
      email: fields.CharField({ maxLength: 200, unique: true }),
    },
    { table: "author", ordering: ["name"] },
  );
  const Tag = db.model("Tag", { name: fields.CharField({ maxLength: 50, unique: true }) }, { table: "tag" });
  const Book = db.model(
    "Book",
    {
      title: fields.CharField({ maxLength: 200 }),
      pages: fields.IntegerField({ default: 0 }),
      rating: fields.FloatField({ null: true }),
      inPrint: fields.BooleanField({ default: true }),
      pubDate: fields.DateField({ null: true }),
      created: fields.DateTimeField({ null: true }),
      price: fields.DecimalField({ maxDigits: 8, decimalPlaces: 2, null: true }),
      author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
      publisher: fields.ForeignKey("Publisher", { null: true, relatedName: "books", onDelete: "SET_NULL" }),
      tags: fields.ManyToManyField("Tag", { relatedName: "books" }),
    },
    { table: "book" },
  );
  const Event = db.model(
    "Event",
    {
      name: fields.CharField({ maxLength: 50 }),
      data: fields.JSONField({ null: true }),
      happened: fields.DateTimeField({ null: true }),
      day: fields.DateField({ null: true }),
    },
    { table: "event" },
  );
  return { Publisher, Author, Tag, Book, Event };
}
