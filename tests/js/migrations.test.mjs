// Issue 12: model changes become wrangler migration files.
//
// A model walked through eleven changes: after each, the real `npx quarry
// makemigrations` writes the next file, real `wrangler d1 migrations apply
// --local` applies it to a local D1 holding rows, and then no row is lost
// and the schema (each table's CREATE statement, PRAGMA table_info,
// index_list with each index's columns, foreign_key_list) is what real
// Django 5.2's makemigrations + migrate make of the same change. The same
// files through `db.migrate({ migrations })` on sql.js give the same
// schema and keep the rows too; wrangler and Quarry agree on what ran.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { Database, MigrationError } from "quarry";
import { d1Rows, makeProject, oracle, readSchema, sqljs } from "./migrations-fixture.mjs";

const author = { name: "Author", fields: { name: { kind: "CharField", options: { maxLength: 100 } } } };
const tag = { name: "Tag", fields: { label: { kind: "CharField", options: { maxLength: 30 } } } };
const book = (fields, extra = {}) => ({ name: "Book", fields, ...extra });
const title = { kind: "CharField", options: { maxLength: 100 } };
const rating = { kind: "FloatField", options: { null: true } };
const pages = { kind: "IntegerField", options: { default: 0 } };
const text = { kind: "TextField" };
const uniqueText = { kind: "TextField", options: { unique: true } };
const fk = { kind: "ForeignKey", to: "Author", options: { null: true, relatedName: "books" } };
const m2m = { kind: "ManyToManyField", to: "Tag", options: { relatedName: "books" } };
const byPages = { indexes: [{ fields: ["pages"] }] };

// Each step: the models after the change, the `--rename`s makemigrations
// needs, the tables the walked model and its M2M table have then, and the
// file it must make.
const STEPS = [
  { change: "create", models: [author, book({ title })], file: "0001_initial.sql" },
  { change: "add nullable field", models: [author, book({ title, rating })], file: "0002_book_rating.sql" },
  { change: "add field with default", models: [author, book({ title, rating, pages })], file: "0003_book_pages.sql" },
  { change: "alter type", models: [author, book({ title: text, rating, pages })], file: "0004_alter_book_title.sql" },
  { change: "rename field", models: [author, book({ name: text, rating, pages })], renames: [["Book.title", "name"]], file: "0005_rename_title_book_name.sql" },
  { change: "add unique", models: [author, book({ name: uniqueText, rating, pages })], file: "0006_alter_book_name.sql" },
  { change: "add index", models: [author, book({ name: uniqueText, rating, pages }, byPages)], file: /^0007_book_book_pages_[0-9a-f]{6}_idx\.sql$/ },
  { change: "add FK", models: [author, book({ name: uniqueText, rating, pages, author: fk }, byPages)], file: "0008_book_author.sql" },
  { change: "add M2M", models: [author, tag, book({ name: uniqueText, rating, pages, author: fk, tags: m2m }, byPages)], file: "0009_tag_book_tags.sql" },
  { change: "remove field", models: [author, tag, book({ name: uniqueText, pages, author: fk, tags: m2m }, byPages)], file: "0010_remove_book_rating.sql" },
  {
    change: "rename model",
    models: [author, tag, { ...book({ name: uniqueText, pages, author: fk, tags: m2m }, byPages), name: "Novel" }],
    renames: [["Book", "Novel"]],
    file: "0011_rename_book_novel_and_more.sql",
  },
  { change: "delete model", models: [author, tag], file: "0012_delete_novel.sql" },
];

const renameArgs = (step) => (step.renames ?? []).flatMap(([from, to]) => ["--rename", `${from}=${to}`]);

/**
 * The rows the walk puts in, by table: after each step two books, one
 * author, one tag and links, written with the columns the step has. The
 * walked model's label column (title, then name) always holds `book <id>`.
 */
class Rows {
  constructor() {
    this.authors = [];
    this.tags = [];
    this.books = [];
    this.links = [];
  }
  async insert(i, run) {
    const a = this.authors.length + 1;
    await run(`INSERT INTO "author" ("id", "name") VALUES (?, ?)`, [a, `author ${a}`]);
    this.authors.push(a);
    if (i >= 8) {
      const t = this.tags.length + 1;
      await run(`INSERT INTO "tag" ("id", "label") VALUES (?, ?)`, [t, `tag ${t}`]);
      this.tags.push(t);
    }
    if (i >= 11) return;
    const label = i < 4 ? "title" : "name";
    const [table, through, col] = i >= 10 ? ["novel", "novel_tags", "novel_id"] : ["book", "book_tags", "book_id"];
    for (let k = 0; k < 2; k++) {
      const id = this.books.length + 1;
      const cols = { id, [label]: `book ${id}` };
      if (i >= 1 && i < 9) cols.rating = id / 2;
      if (i >= 2) cols.pages = id * 10;
      if (i >= 7) cols.author_id = this.authors[id % this.authors.length];
      const names = Object.keys(cols);
      await run(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`, Object.values(cols));
      this.books.push(id);
      if (i >= 8) {
        await run(`INSERT INTO "${through}" ("${col}", "tag_id") VALUES (?, ?)`, [id, this.tags.at(-1)]);
        this.links.push([id, this.tags.at(-1)]);
      }
    }
  }
  /** Every row put in is still there (the walked model's under its table of step `i`). */
  async check(i, rows, where) {
    const ids = async (table) => (await rows(`SELECT "id" FROM "${table}" ORDER BY "id"`)).map((r) => r[0]);
    assert.deepEqual(await ids("author"), this.authors, `${where}: author rows`);
    if (i >= 8) assert.deepEqual(await ids("tag"), this.tags, `${where}: tag rows`);
    if (i >= 11) return;
    const table = i >= 10 ? "novel" : "book";
    const label = i < 4 ? "title" : "name";
    const got = await rows(`SELECT "id", "${label}" FROM "${table}" ORDER BY "id"`);
    assert.deepEqual(got, this.books.map((id) => [id, `book ${id}`]), `${where}: ${table} rows and their ${label}`);
    if (i >= 2) {
      const p = await rows(`SELECT "pages" FROM "${table}" ORDER BY "id"`);
      // Rows from before the field existed got its default (0).
      assert.deepEqual(p.map((r) => r[0]), this.books.map((id) => (id <= 4 ? 0 : id * 10)), `${where}: pages`);
    }
    if (i >= 8) {
      const [through, col] = i >= 10 ? ["novel_tags", "novel_id"] : ["book_tags", "book_id"];
      const links = await rows(`SELECT "${col}", "tag_id" FROM "${through}" ORDER BY "id"`);
      assert.deepEqual(links, this.links, `${where}: ${through} rows`);
    }
  }
}

let django;
before(() => {
  django = oracle({ steps: STEPS.map((s) => ({ models: s.models, renames: s.renames ?? [] })) });
  assert.equal(django.django.split(".").slice(0, 2).join("."), "5.2");
});

test("a model walked through eleven changes: wrangler applies each file on a local D1 with rows, and the schema is Django's", { timeout: 300_000 }, async () => {
  const project = makeProject();
  try {
    const rows = new Rows();
    for (const [i, step] of STEPS.entries()) {
      project.writeModels(step.models);
      const made = project.quarry("makemigrations", ...renameArgs(step));
      assert.equal(made.code, 0, `${step.change}: makemigrations failed:\n${made.stderr}`);
      const files = project.migrations();
      assert.equal(files.length, i + 1, `${step.change}: one new file`);
      const file = files.at(-1).name;
      if (step.file instanceof RegExp) assert.match(file, step.file);
      else assert.equal(file, step.file, step.change);
      assert.match(made.stdout, new RegExp(`migrations/${file.replace(".", "\\.")}`));
      project.wranglerApply();
      const { db, dispose } = await project.localD1();
      try {
        const run = d1Rows(db);
        await rows.check(i, run, `step ${i} (${step.change}), D1`);
        assert.deepEqual(await readSchema(run), django.steps[i].schema, `step ${i} (${step.change}): the D1's schema is Django's`);
        const applied = (await run(`SELECT "name" FROM "d1_migrations" ORDER BY "id"`)).map((r) => r[0]);
        assert.deepEqual(applied, files.map((f) => f.name), "wrangler recorded each file");
        await rows.insert(i, async (sql, params) => db.prepare(sql).bind(...params).run());
      } finally {
        await dispose();
      }
      // Nothing left to do: the files are up to date with the models.
      assert.equal(project.quarry("makemigrations", "--check").code, 0, `${step.change}: makemigrations --check after`);
    }
    // The same files, one by one through db.migrate() on sql.js, with rows put in between.
    const lite = await sqljs();
    const db = new Database(lite.executor);
    const liteRows = new Rows();
    const all = project.migrations();
    for (const [i, step] of STEPS.entries()) {
      const applied = await db.migrate({ migrations: all.slice(0, i + 1) });
      assert.deepEqual(applied, [all[i].name], `${step.change}: db.migrate applies the one new file`);
      await liteRows.check(i, lite.rows, `step ${i} (${step.change}), sql.js`);
      assert.deepEqual(await readSchema(lite.rows), django.steps[i].schema, `step ${i} (${step.change}): sql.js's schema is Django's`);
      await liteRows.insert(i, lite.rows);
    }
    assert.deepEqual(await db.migrate({ migrations: all }), [], "nothing left to apply");
    const recorded = await lite.rows(`SELECT "id", "name" FROM "d1_migrations" ORDER BY "id"`);
    assert.deepEqual(recorded, all.map((f, i) => [i + 1, f.name]));
  } finally {
    project.dispose();
  }
});

test("Django's operations for each step, and the SQL Django runs for them, statement for statement", () => {
  // (The files' SQL against what Django's schema editor executed: same statements, same order.)
  const project = makeProject();
  try {
    for (const [i, step] of STEPS.entries()) {
      project.writeModels(step.models);
      const made = project.quarry("makemigrations", ...renameArgs(step));
      assert.equal(made.code, 0, made.stderr);
      const ops = made.stdout.split("\n").filter((l) => /^ {4}[+~-] /.test(l)).map((l) => l.slice(6));
      assert.deepEqual(ops, django.steps[i].operations, `step ${i} (${step.change}): operations`);
      assert.deepEqual([project.migrations().at(-1).name.replace(/^\d+_|\.sql$/g, "")], django.steps[i].names, `step ${i} (${step.change}): the name Django gives it`);
      const sql = project.quarry("sqlmigrate", String(i + 1)).stdout;
      const statements = sql.split("\n").filter((l) => l && !l.startsWith("--") && !l.startsWith("PRAGMA defer_foreign_keys")).map((l) => l.replace(/;$/, ""));
      assert.deepEqual(statements, django.steps[i].sql, `step ${i} (${step.change}): SQL`);
    }
  } finally {
    project.dispose();
  }
});
