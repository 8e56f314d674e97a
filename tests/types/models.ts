// The models the type tests use: API.md's Author/Book/Tag, plus a model with
// every scalar kind, a one-to-one, a self relation and a string target.
import { Database, fields } from "quarry";

export const db = new Database(null);

export const Publisher = db.model("Publisher", {
  name: fields.CharField({ maxLength: 100 }),
});

export const Author = db.model(
  "Author",
  {
    name: fields.CharField({ maxLength: 100 }),
    age: fields.IntegerField({ null: true }),
    email: fields.CharField({ maxLength: 200, unique: true }),
    publisher: fields.ForeignKey("Publisher", { null: true, onDelete: "SET_NULL" }),
  },
  { table: "author", ordering: ["name"] },
);

export const Tag = db.model("Tag", {
  name: fields.CharField({ maxLength: 50 }),
});

export const Book = db.model("Book", {
  title: fields.CharField({ maxLength: 200 }),
  pages: fields.IntegerField({ default: 0 }),
  rating: fields.FloatField({ null: true }),
  inPrint: fields.BooleanField({ default: true }),
  pubDate: fields.DateField(),
  author: fields.ForeignKey(Author, { relatedName: "books", onDelete: "CASCADE" }),
  editor: fields.ForeignKey(Author, { null: true, relatedName: "edited", onDelete: "SET_NULL" }),
  tags: fields.ManyToManyField(Tag, { relatedName: "books" }),
});

/** No relatedName: Django's names (`author.profile`, `profile__bio`). */
export const Profile = db.model("Profile", {
  author: fields.OneToOneField(Author, { onDelete: "CASCADE" }),
  bio: fields.TextField({ blank: true }),
});

export const Category = db.model("Category", {
  name: fields.CharField(),
  parent: fields.ForeignKey("self", { null: true, relatedName: "children", onDelete: "CASCADE" }),
});

/** Every scalar kind, a UUID primary key, no relations. */
export const Entry = db.model("Entry", {
  uid: fields.UUIDField({ primaryKey: true }),
  big: fields.BigIntegerField(),
  price: fields.DecimalField({ maxDigits: 8, decimalPlaces: 2 }),
  body: fields.TextField({ default: "" }),
  created: fields.DateTimeField({ default: () => new Date() }),
  edited: fields.DateTimeField({ null: true }),
  data: fields.JSONField({ null: true }),
  blob: fields.BinaryField({ null: true }),
  flag: fields.BooleanField(),
});

/** A hidden reverse relation (`relatedName: "+"`). */
export const Note = db.model("Note", {
  text: fields.TextField(),
  book: fields.ForeignKey(Book, { relatedName: "+", onDelete: "CASCADE" }),
});

// String targets and reverse relations are typed through this registry.
declare module "quarry" {
  interface Models {
    Publisher: typeof Publisher;
    Author: typeof Author;
    Tag: typeof Tag;
    Book: typeof Book;
    Profile: typeof Profile;
    Category: typeof Category;
    Entry: typeof Entry;
    Note: typeof Note;
  }
}
