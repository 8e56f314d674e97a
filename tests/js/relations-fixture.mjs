// Models, seed data and host executors for relations.test.mjs.
//
// Everything runs on a real D1 binding (Miniflare / workerd). The host
// executors here are plain `{ execute, batch }` objects that forward every
// statement to that D1 binding: they count (and can sabotage) what the
// library sends, nothing is mocked.

import { fields } from "quarry";

/**
 * The relation fixture: publishers, authors, books, tags and one model per
 * relation feature (every onDelete, one-to-one, self FK, explicit through).
 * Defined on several Databases over the same D1, each gets its own classes
 * over the same tables.
 */
export function defineModels(db) {
  const Publisher = db.model("Publisher", {
    name: fields.CharField({ maxLength: 50 }),
  }, { ordering: ["name"] });
  const Author = db.model("Author", {
    name: fields.CharField({ maxLength: 50 }),
    age: fields.IntegerField({ null: true }),
    publisher: fields.ForeignKey("Publisher", { null: true, onDelete: "SET_NULL", relatedName: "authors" }),
  }, { ordering: ["name"] });
  const Tag = db.model("Tag", {
    name: fields.CharField({ maxLength: 50, unique: true }),
  }, { ordering: ["name"] });
  const Book = db.model("Book", {
    title: fields.CharField({ maxLength: 100 }),
    pages: fields.IntegerField({ default: 0 }),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
    tags: fields.ManyToManyField("Tag", { relatedName: "books" }),
  });
  // One-to-one without relatedName: `author.profile`, lookups `profile__bio`.
  const Profile = db.model("Profile", {
    bio: fields.CharField({ maxLength: 100 }),
    author: fields.OneToOneField("Author", { onDelete: "CASCADE" }),
  });
  // Nullable reverse FK (aremove/aclear allowed): `publisher.imprints`.
  const Imprint = db.model("Imprint", {
    name: fields.CharField({ maxLength: 50 }),
    publisher: fields.ForeignKey("Publisher", { null: true, onDelete: "SET_NULL", relatedName: "imprints" }),
  });
  // Self-referential FK without relatedName: `node.node_set`, lookups `node__name`.
  const Node = db.model("Node", {
    name: fields.CharField({ maxLength: 50 }),
    parent: fields.ForeignKey("self", { null: true, onDelete: "CASCADE" }),
  });
  // Explicit through model.
  const Club = db.model("Club", {
    name: fields.CharField({ maxLength: 50 }),
    members: fields.ManyToManyField("Author", { through: "Membership", relatedName: "clubs" }),
  });
  const Membership = db.model("Membership", {
    club: fields.ForeignKey("Club", { onDelete: "CASCADE" }),
    author: fields.ForeignKey("Author", { onDelete: "CASCADE" }),
    role: fields.CharField({ maxLength: 20, default: "member" }),
  });
  // Every onDelete, each on its own model pointing at Category.
  const Category = db.model("Category", {
    name: fields.CharField({ maxLength: 50 }),
  });
  const onDeleteModel = (name, onDelete, extra = {}) =>
    db.model(name, {
      label: fields.CharField({ maxLength: 50 }),
      category: fields.ForeignKey("Category", { onDelete, relatedName: name.toLowerCase() + "s", ...extra }),
    });
  const CascadeChild = onDeleteModel("CascadeChild", "CASCADE");
  const SetNullChild = onDeleteModel("SetNullChild", "SET_NULL", { null: true });
  const SetDefaultChild = onDeleteModel("SetDefaultChild", "SET_DEFAULT", { default: 1 });
  const ProtectChild = onDeleteModel("ProtectChild", "PROTECT");
  const RestrictChild = onDeleteModel("RestrictChild", "RESTRICT");
  const NothingChild = onDeleteModel("NothingChild", "DO_NOTHING");
  // Django's RESTRICT example: deleting an artist deletes its songs through
  // the album cascade and the artist cascade, so RESTRICT does not block;
  // deleting an album alone is restricted.
  const Artist = db.model("Artist", { name: fields.CharField({ maxLength: 50 }) });
  const Album = db.model("Album", {
    title: fields.CharField({ maxLength: 50 }),
    artist: fields.ForeignKey("Artist", { onDelete: "CASCADE" }),
  });
  const Song = db.model("Song", {
    title: fields.CharField({ maxLength: 50 }),
    artist: fields.ForeignKey("Artist", { onDelete: "CASCADE" }),
    album: fields.ForeignKey("Album", { onDelete: "RESTRICT" }),
  });
  return {
    Publisher, Author, Tag, Book, Profile, Imprint, Node, Club, Membership, Category,
    CascadeChild, SetNullChild, SetDefaultChild, ProtectChild, RestrictChild, NothingChild,
    Artist, Album, Song,
  };
}

/**
 * A second, independent schema with a reverse relation left unnamed:
 * `Book.author` has no relatedName, so `author.book_set` and `book__title`.
 */
export function definePlain(db) {
  const Author = db.model("Author", { name: fields.CharField({ maxLength: 50 }) }, { table: "plain_author", ordering: ["name"] });
  const Book = db.model("Book", {
    title: fields.CharField({ maxLength: 100 }),
    author: fields.ForeignKey("Author", { null: true, onDelete: "CASCADE" }),
  }, { table: "plain_book" });
  return { Author, Book };
}

// Hand-written seed (explicit ids, so expected answers can be computed by hand).
//
// Publishers: 1 Acme, 2 Birch, 3 Cobalt (no authors)
// Authors (ordering name): 1 Alice(30, Acme), 2 Adam(40, Birch), 3 Bob(50, -),
//   4 Carol(null, Acme), 5 Dave(25, -, no books)
// Tags: 1 fiction, 2 history, 3 science, 4 poetry (unused)
// Books: 1 Alpha 100p Alice [fiction, history]   2 Beta 200p Alice [science]
//        3 Gamma 300p Adam [fiction]             4 Delta 150p Bob []
//        5 Epsilon 250p Carol [history, science] 6 Zeta 100p Adam [history]
export const SEED = {
  publisher: "INSERT INTO publisher (id, name) VALUES (1, 'Acme'), (2, 'Birch'), (3, 'Cobalt')",
  author: `INSERT INTO author (id, name, age, publisher_id) VALUES
     (1, 'Alice', 30, 1), (2, 'Adam', 40, 2), (3, 'Bob', 50, NULL), (4, 'Carol', NULL, 1), (5, 'Dave', 25, NULL)`,
  tag: "INSERT INTO tag (id, name) VALUES (1, 'fiction'), (2, 'history'), (3, 'science'), (4, 'poetry')",
  book: `INSERT INTO book (id, title, pages, author_id) VALUES
     (1, 'Alpha', 100, 1), (2, 'Beta', 200, 1), (3, 'Gamma', 300, 2),
     (4, 'Delta', 150, 3), (5, 'Epsilon', 250, 4), (6, 'Zeta', 100, 2)`,
  book_tags: "INSERT INTO book_tags (book_id, tag_id) VALUES (1, 1), (1, 2), (2, 3), (3, 1), (5, 2), (5, 3), (6, 2)",
  // Profiles: Bob and Carol (not Alice, so her cascade is exactly Book + Book_tags).
  profile: "INSERT INTO profile (id, bio, author_id) VALUES (1, 'bob bio', 3), (2, 'carol bio', 4)",
  imprint: "INSERT INTO imprint (id, name, publisher_id) VALUES (1, 'Acme Kids', 1), (2, 'Acme Classics', 1), (3, 'Birch Press', 2), (4, 'Loose', NULL)",
  // root -> (a -> (a1, a2)), (b)
  node: "INSERT INTO node (id, name, parent_id) VALUES (1, 'root', NULL), (2, 'a', 1), (3, 'b', 1), (4, 'a1', 2), (5, 'a2', 2)",
  club: "INSERT INTO club (id, name) VALUES (1, 'Chess'), (2, 'Rowing')",
  // Chess: Bob (captain), Carol; Rowing: Carol (captain), Dave
  membership: "INSERT INTO membership (id, club_id, author_id, role) VALUES (1, 1, 3, 'captain'), (2, 1, 4, 'member'), (3, 2, 4, 'captain'), (4, 2, 5, 'member')",
  // Category 1 is SetDefaultChild's default; 2..7 are each referenced by one onDelete kind.
  category: `INSERT INTO category (id, name) VALUES (1, 'default'), (2, 'cascade'), (3, 'setnull'), (4, 'setdefault'),
     (5, 'protect'), (6, 'restrict'), (7, 'nothing'), (8, 'lonely')`,
  cascadechild: "INSERT INTO cascadechild (id, label, category_id) VALUES (1, 'c1', 2), (2, 'c2', 2)",
  setnullchild: "INSERT INTO setnullchild (id, label, category_id) VALUES (1, 'n1', 3), (2, 'n2', 3), (3, 'n3', 8)",
  setdefaultchild: "INSERT INTO setdefaultchild (id, label, category_id) VALUES (1, 'd1', 4), (2, 'd2', 4)",
  protectchild: "INSERT INTO protectchild (id, label, category_id) VALUES (1, 'p1', 5)",
  restrictchild: "INSERT INTO restrictchild (id, label, category_id) VALUES (1, 'r1', 6)",
  nothingchild: "INSERT INTO nothingchild (id, label, category_id) VALUES (1, 'x1', 7)",
  artist: "INSERT INTO artist (id, name) VALUES (1, 'Nina')",
  album: "INSERT INTO album (id, title, artist_id) VALUES (1, 'Blue', 1)",
  song: "INSERT INTO song (id, title, artist_id, album_id) VALUES (1, 'One', 1, 1), (2, 'Two', 1, 1)",
  plain_author: "INSERT INTO plain_author (id, name) VALUES (1, 'Pia'), (2, 'Quinn')",
  plain_book: "INSERT INTO plain_book (id, title, author_id) VALUES (1, 'P1', 1), (2, 'P2', 1), (3, 'Q1', 2)",
};

/** Every table of both schemas (children first). */
export const TABLES = [
  "song", "album", "artist",
  "cascadechild", "setnullchild", "setdefaultchild", "protectchild", "restrictchild", "nothingchild", "category",
  "membership", "club", "node", "imprint", "profile", "book_tags", "book", "tag", "author", "publisher",
  "plain_book", "plain_author",
];

/**
 * Puts `tables` (default: all) back to SEED, in one atomic D1 batch (the
 * foreign keys are deferred, so the order inside the batch does not matter).
 */
export async function reseed(d1, tables = TABLES) {
  const list = tables.map((t) => `'${t}'`).join(", ");
  const stmts = [
    ...tables.map((t) => `DELETE FROM "${t}"`),
    `DELETE FROM sqlite_sequence WHERE name IN (${list})`,
    ...tables.map((t) => SEED[t]),
  ];
  await d1.batch(stmts.map((s) => d1.prepare(s)));
}

/** Groups of tables that reference only each other, for partial reseeds. */
export const GROUPS = {
  library: ["publisher", "author", "tag", "book", "book_tags", "profile", "imprint", "club", "membership"],
  category: ["category", "cascadechild", "setnullchild", "setdefaultchild", "protectchild", "restrictchild", "nothingchild"],
  music: ["artist", "album", "song"],
  node: ["node"],
  plain: ["plain_author", "plain_book"],
};

/** Row count of each table (default: all), straight from D1, in one call. */
export async function tableCounts(d1, tables = TABLES) {
  const sql = `SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM "${t}")`).join(", ")}`;
  const [row] = await d1.prepare(sql).raw();
  return Object.fromEntries(tables.map((t, i) => [t, row[i]]));
}

/** Rows of `sql` from the D1 binding directly (arrays, via raw()). */
export async function rawRows(d1, sql, ...params) {
  const stmt = d1.prepare(sql);
  return (params.length ? stmt.bind(...params) : stmt).raw();
}

const reads = (sql) => /^\s*(SELECT|WITH|EXPLAIN|PRAGMA)\b/i.test(sql) || /\bRETURNING\b/i.test(sql);
const bind = (d1, sql, params = []) => {
  const stmt = d1.prepare(sql);
  return params.length ? stmt.bind(...params) : stmt;
};

/**
 * A host executor over the real D1 binding that counts its calls: `raw()`
 * for SELECT/RETURNING statements, `run()` otherwise, `d1.batch()` for
 * batches. `calls` has one entry per execute() or batch() call.
 * `sabotage(stmts)`, when set, may rewrite a batch before it is sent;
 * `errors` keeps every error a batch was rejected with (the host's own).
 */
export function countingExecutor(d1) {
  const ex = {
    calls: [],
    errors: [],
    sabotage: null,
    reset() {
      ex.calls.length = 0;
    },
    get executes() {
      return ex.calls.filter((c) => c.kind === "execute").length;
    },
    get batches() {
      return ex.calls.filter((c) => c.kind === "batch");
    },
    async execute(sql, params) {
      ex.calls.push({ kind: "execute", sql, params });
      if (reads(sql)) return { rows: await bind(d1, sql, params).raw() };
      const res = await bind(d1, sql, params).run();
      return { rows: [], changes: res.meta?.changes ?? 0, lastRowId: res.meta?.last_row_id ?? null };
    },
    async batch(statements) {
      const stmts = ex.sabotage ? ex.sabotage(statements) : statements;
      ex.calls.push({ kind: "batch", statements: stmts });
      let results;
      try {
        results = await d1.batch(stmts.map((s) => bind(d1, s.sql, s.params)));
      } catch (e) {
        ex.errors.push(e);
        throw e;
      }
      return results.map((r) => ({
        rows: (r.results ?? []).map((row) => (Array.isArray(row) ? row : Object.values(row))),
        changes: r.meta?.changes ?? 0,
        lastRowId: r.meta?.last_row_id ?? null,
      }));
    },
  };
  return ex;
}
