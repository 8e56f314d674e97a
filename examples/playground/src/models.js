// The playground's models and seed data: publishers, authors, tags and books.
// Plain functions of a Database (and the package's `fields`), so the page and
// the tests (tests/js/sqlite-executors.test.mjs, tests/js/playground.test.mjs,
// which run the same on D1) define and seed exactly the same thing.

/** Defines the four models on `db`; returns `{ Publisher, Author, Tag, Book }`. */
export function defineModels(db, fields) {
  const Publisher = db.model("Publisher", {
    name: fields.CharField({ maxLength: 100, unique: true }),
    country: fields.CharField({ maxLength: 2 }),
  }, { ordering: ["name"] });
  const Author = db.model("Author", {
    name: fields.CharField({ maxLength: 100 }),
    born: fields.IntegerField({ null: true }),
    publisher: fields.ForeignKey("Publisher", { null: true, onDelete: "SET_NULL", relatedName: "authors" }),
  }, { ordering: ["name"] });
  const Tag = db.model("Tag", {
    name: fields.CharField({ maxLength: 50, unique: true }),
  }, { ordering: ["name"] });
  const Book = db.model("Book", {
    title: fields.CharField({ maxLength: 200 }),
    pages: fields.IntegerField({ default: 0 }),
    rating: fields.FloatField({ null: true }),
    inPrint: fields.BooleanField({ default: true }),
    pubDate: fields.DateField(),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
    tags: fields.ManyToManyField("Tag", { relatedName: "books" }),
  }, { ordering: ["title"] });
  return { Publisher, Author, Tag, Book };
}

export const PUBLISHERS = [
  ["Penguin Classics", "GB"],
  ["Vintage", "US"],
  ["Gollancz", "GB"],
  ["Ace Books", "US"],
  ["Small Beer Press", "US"], // no authors
];

// [name, born, publisher]
export const AUTHORS = [
  ["Jane Austen", 1775, "Penguin Classics"],
  ["Leo Tolstoy", 1828, "Penguin Classics"],
  ["Mary Shelley", 1797, null],
  ["Arthur Conan Doyle", 1859, "Penguin Classics"],
  ["Agatha Christie", 1890, "Vintage"],
  ["Isaac Asimov", 1920, "Gollancz"],
  ["Ursula K. Le Guin", 1929, "Ace Books"],
  ["Toni Morrison", 1931, "Vintage"],
  ["Terry Pratchett", 1948, "Gollancz"],
  ["Octavia E. Butler", 1947, "Vintage"],
  ["Anonymous", null, null], // no books
];

export const TAGS = ["classic", "fantasy", "gothic", "humour", "mystery", "romance", "science fiction", "war"];

// [title, pages, rating, inPrint, pubDate, author, tags]
export const BOOKS = [
  ["Pride and Prejudice", 432, 4.7, true, "1813-01-28", "Jane Austen", ["classic", "romance"]],
  ["Emma", 474, 4.0, false, "1815-12-23", "Jane Austen", ["classic", "romance", "humour"]],
  ["Persuasion", 249, 4.3, true, "1817-12-20", "Jane Austen", ["classic", "romance"]],
  ["War and Peace", 1225, 4.4, true, "1869-01-01", "Leo Tolstoy", ["classic", "war"]],
  ["Anna Karenina", 864, 4.5, true, "1878-01-01", "Leo Tolstoy", ["classic", "romance"]],
  ["Frankenstein", 280, 4.1, true, "1818-01-01", "Mary Shelley", ["classic", "gothic", "science fiction"]],
  ["A Study in Scarlet", 108, 4.1, true, "1887-11-01", "Arthur Conan Doyle", ["mystery"]],
  ["The Hound of the Baskervilles", 256, 4.5, true, "1902-04-01", "Arthur Conan Doyle", ["mystery", "gothic"]],
  ["Murder on the Orient Express", 256, 4.3, true, "1934-01-01", "Agatha Christie", ["mystery"]],
  ["And Then There Were None", 272, 4.6, true, "1939-11-06", "Agatha Christie", ["mystery"]],
  ["The Mysterious Affair at Styles", 296, 3.9, false, "1920-10-01", "Agatha Christie", ["mystery"]],
  ["Foundation", 255, 4.2, true, "1951-06-01", "Isaac Asimov", ["science fiction"]],
  ["I, Robot", 253, 4.2, true, "1950-12-02", "Isaac Asimov", ["science fiction"]],
  ["The Left Hand of Darkness", 304, 4.2, true, "1969-03-01", "Ursula K. Le Guin", ["science fiction"]],
  ["A Wizard of Earthsea", 183, 4.0, true, "1968-11-01", "Ursula K. Le Guin", ["fantasy"]],
  ["The Dispossessed", 387, 4.6, true, "1974-05-01", "Ursula K. Le Guin", ["science fiction"]],
  ["Beloved", 324, 4.0, true, "1987-09-02", "Toni Morrison", ["classic"]],
  ["Guards! Guards!", 416, 4.5, true, "1989-11-01", "Terry Pratchett", ["fantasy", "humour"]],
  ["Small Gods", 400, 4.4, true, "1992-05-01", "Terry Pratchett", ["fantasy", "humour"]],
  ["Kindred", 264, 4.3, true, "1979-06-01", "Octavia E. Butler", ["science fiction"]],
  ["Parable of the Sower", 345, null, true, "1993-10-01", "Octavia E. Butler", ["science fiction"]],
];

/** Creates the tables and the rows above through Quarry itself (bulk creates, then M2M aset). */
export async function seed(db, { Publisher, Author, Tag, Book }) {
  await db.migrate();
  const publishers = await Publisher.objects.abulkCreate(PUBLISHERS.map(([name, country]) => new Publisher({ name, country })));
  const pub = new Map(publishers.map((p) => [p.name, p]));
  const authors = await Author.objects.abulkCreate(
    AUTHORS.map(([name, born, publisher]) => new Author({ name, born, publisher: publisher ? pub.get(publisher) : null })),
  );
  const author = new Map(authors.map((a) => [a.name, a]));
  const tags = await Tag.objects.abulkCreate(TAGS.map((name) => new Tag({ name })));
  const tag = new Map(tags.map((t) => [t.name, t]));
  const books = await Book.objects.abulkCreate(
    BOOKS.map(([title, pages, rating, inPrint, pubDate, a]) => new Book({ title, pages, rating, inPrint, pubDate, author: author.get(a) })),
  );
  for (let i = 0; i < books.length; i++) await books[i].tags.aset(BOOKS[i][6].map((t) => tag.get(t)));
  return { publishers: publishers.length, authors: authors.length, tags: tags.length, books: books.length };
}
