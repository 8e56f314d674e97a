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
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Database, IntegrityError, MigrationError } from "quarry";
import { d1Rows, makeProject, memoryD1, modelsSource, oracle, readSchema, repo, sqljs } from "./migrations-fixture.mjs";

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
  // (A key's column goes by rebuilding the table, which book_tags references: on D1 that needs the deferred foreign keys.)
  { change: "remove field", models: [author, tag, book({ name: uniqueText, rating, pages, tags: m2m }, byPages)], file: "0010_remove_book_author.sql" },
  {
    change: "rename model",
    models: [author, tag, { ...book({ name: uniqueText, rating, pages, tags: m2m }, byPages), name: "Novel" }],
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
      if (i >= 1) cols.rating = id / 2;
      if (i >= 2) cols.pages = id * 10;
      if (i >= 7 && i < 9) cols.author_id = this.authors[id % this.authors.length];
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

test("wrangler and db.migrate agree on what ran, whichever runs first, on the same local D1", { timeout: 120_000 }, async () => {
  const project = makeProject();
  const other = makeProject();
  const tableSql = async (d1) => (await d1Rows(d1)("SELECT sql FROM sqlite_master WHERE name = 'd1_migrations'"))[0][0];
  try {
    for (const [i, step] of STEPS.slice(0, 5).entries()) {
      project.writeModels(step.models);
      assert.equal(project.quarry("makemigrations", ...renameArgs(step)).code, 0);
      if (i === 1) project.wranglerApply(); // wrangler runs the first two
    }
    const files = project.migrations();
    const names = files.map((f) => f.name);
    let local = await project.localD1();
    let wranglersTable;
    try {
      const db = new Database(local.db);
      // Quarry runs the rest on the binding, and records them in wrangler's table.
      assert.deepEqual(await db.migrate({ migrations: files }), names.slice(2));
      assert.deepEqual(await db.migrate({ migrations: files }), []);
      wranglersTable = await tableSql(local.db);
    } finally {
      await local.dispose();
    }
    assert.match(project.wranglerApply(), /No migrations to apply/);
    local = await project.localD1();
    try {
      assert.deepEqual(await d1Rows(local.db)(`SELECT "id", "name" FROM "d1_migrations" ORDER BY "id"`), names.map((n, i) => [i + 1, n]));
      assert.deepEqual(await readSchema(d1Rows(local.db)), django.steps[4].schema);
    } finally {
      await local.dispose();
    }
    // Quarry first, on a new D1: the table it makes is wrangler's to the letter, and wrangler applies only the rest.
    mkdirSync(join(other.dir, "migrations"));
    for (const f of files) writeFileSync(join(other.dir, "migrations", f.name), f.sql);
    local = await other.localD1();
    try {
      assert.deepEqual(await new Database(local.db).migrate({ migrations: files.slice(0, 3) }), names.slice(0, 3));
      assert.equal(await tableSql(local.db), wranglersTable);
    } finally {
      await local.dispose();
    }
    const out = other.wranglerApply();
    for (const n of names) (names.indexOf(n) < 3 ? assert.doesNotMatch : assert.match)(out, new RegExp(`${n.replace(".", "\\.")} +│ ✅`));
    local = await other.localD1();
    try {
      assert.deepEqual((await d1Rows(local.db)(`SELECT "name" FROM "d1_migrations" ORDER BY "id"`)).map((r) => r[0]), names);
      assert.deepEqual(await readSchema(d1Rows(local.db)), django.steps[4].schema);
    } finally {
      await local.dispose();
    }
  } finally {
    project.dispose();
    other.dispose();
  }
});

/** Every table of a sql.js database, d1_migrations included. */
const tablesOf = async (lite) => (await lite.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => r[0]);

test("a models module that throws, or is not one: a clear error naming it, nothing written", () => {
  const project = makeProject();
  try {
    const cases = [
      [`import { fields } from "quarry";\nexport default (db) => { db.model("Book", { title: fields.CharField() }); throw new Error("models are broken"); };\n`, /The models in src\/models\.js failed to load: Error: models are broken/],
      [`throw new TypeError("cannot even import");\n`, /Could not load the models from src\/models\.js: TypeError: cannot even import/],
      [`export default (db) => { db.model("Book", { title: { kind: "StringField", options: {} } }); };\n`, /src\/models\.js.*Unknown field kind 'StringField' for 'Book\.title'/s],
      [`import { fields } from "quarry";\nexport default (db) => { db.model("Book", { author: fields.ForeignKey("Autor") }); };\n`, /src\/models\.js: field Book\.author refers to model 'Autor', which src\/models\.js does not define/],
      [`export const models = 1;\n`, /src\/models\.js must export default a function/],
      [`import { fields } from "quarry";\nexport default (db) => { db.model("Book", { t: fields.CharField() }, { constraints: [{ fields: ["t"] }] }); };\n`, /model Book: constraints need a name/],
      [`import { fields } from "quarry";\nexport default (db) => { db.model("Book", { t: fields.CharField() }, { indexes: [{ fields: ["nope"] }] }); };\n`, /model Book: an index or constraint names 'nope'/],
    ];
    for (const [source, message] of cases) {
      project.writeSource(source);
      const r = project.quarry("makemigrations");
      assert.equal(r.code, 1, source);
      assert.match(r.stderr, message);
      assert.deepEqual(project.migrations(), [], "nothing written");
    }
  } finally {
    project.dispose();
  }
});

test("a non-nullable field added without a default is refused with Django's words and advice; nothing written", () => {
  const project = makeProject({ models: STEPS[0].models });
  try {
    assert.equal(project.quarry("makemigrations").code, 0);
    project.writeModels([author, book({ title, pages: { kind: "IntegerField" } })]);
    const r = project.quarry("makemigrations");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^It is impossible to add a non-nullable field 'pages' to book without specifying a default\. This is because the database needs something to populate existing rows\./);
    assert.match(r.stderr, /give Book\.pages a default \(\{ default: \.\.\. \}.*or make it nullable \(\{ null: true \}\)/);
    assert.equal(project.migrations().length, 1);
    const bad = project.quarry("makemigrations", "--rename", "Book.titel=name");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--rename Book\.titel=name: the migrations have no field Book\.titel/);
  } finally {
    project.dispose();
  }
});

test("two conflicting migrations (made on two branches): both tools name the files and apply nothing", async () => {
  const project = makeProject({ models: STEPS[0].models });
  try {
    assert.equal(project.quarry("makemigrations").code, 0);
    // Branch A adds rating, branch B adds pages, both after 0001: merged, two files numbered 0002.
    project.writeModels(STEPS[1].models);
    assert.equal(project.quarry("makemigrations").code, 0);
    const a = project.migrations()[1];
    rmSync(join(project.dir, "migrations", a.name));
    project.writeModels([author, book({ title, pages })]);
    assert.equal(project.quarry("makemigrations").code, 0);
    writeFileSync(join(project.dir, "migrations", a.name), a.sql);
    const files = project.migrations();
    assert.deepEqual(files.map((f) => f.name), ["0001_initial.sql", "0002_book_pages.sql", "0002_book_rating.sql"]);
    const r = project.quarry("makemigrations");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Conflicting migrations 0002_book_pages\.sql and 0002_book_rating\.sql/);
    assert.equal(project.migrations().length, 3, "nothing written");
    const lite = await sqljs();
    await assert.rejects(new Database(lite.executor).migrate({ migrations: files }), (e) => e instanceof MigrationError && /0002_book_pages\.sql and 0002_book_rating\.sql/.test(e.message));
    assert.deepEqual(await tablesOf(lite), [], "nothing applied");
    // Renumbered by hand, the later file still says which it was made after.
    rmSync(join(project.dir, "migrations", a.name));
    writeFileSync(join(project.dir, "migrations", "0003_book_rating.sql"), a.sql);
    const again = project.quarry("makemigrations");
    assert.equal(again.code, 1);
    assert.match(again.stderr, /0003_book_rating\.sql was made after 0001_initial\.sql, but follows 0002_book_pages\.sql/);
    await assert.rejects(new Database(lite.executor).migrate({ migrations: project.migrations() }), /0003_book_rating\.sql was made after 0001_initial\.sql/);
    assert.deepEqual(await tablesOf(lite), []);
    // The fix the message gives: delete the unapplied one and make it again after the other.
    rmSync(join(project.dir, "migrations", "0003_book_rating.sql"));
    project.writeModels([author, book({ title, pages, rating })]);
    assert.equal(project.quarry("makemigrations").code, 0);
    assert.deepEqual(project.migrations().map((f) => f.name), ["0001_initial.sql", "0002_book_pages.sql", "0003_book_rating.sql"]);
    assert.equal((await new Database(lite.executor).migrate({ migrations: project.migrations() })).length, 3);
  } finally {
    project.dispose();
  }
});

test("a hand-edited state: both tools name the file and apply nothing", async () => {
  const project = makeProject({ models: STEPS[0].models });
  try {
    assert.equal(project.quarry("makemigrations").code, 0);
    project.writeModels(STEPS[1].models);
    assert.equal(project.quarry("makemigrations").code, 0);
    const file = join(project.dir, "migrations", "0002_book_rating.sql");
    const original = project.migrations()[1].sql;
    writeFileSync(file, original.replace('"maxLength":100', '"maxLength":120'));
    const r = project.quarry("makemigrations");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /0002_book_rating\.sql: its quarry:state line was edited by hand/);
    assert.equal(project.migrations().length, 2, "nothing written");
    const lite = await sqljs();
    await assert.rejects(new Database(lite.executor).migrate({ migrations: project.migrations() }), (e) => e instanceof MigrationError && /0002_book_rating\.sql: its quarry:state line was edited by hand/.test(e.message));
    assert.deepEqual(await tablesOf(lite), [], "nothing applied");
    // Its SQL edited by hand (a data fix, say) is the user's business: it applies.
    writeFileSync(file, original.replace("PRAGMA", "UPDATE author SET name = name;\nPRAGMA"));
    assert.equal((await new Database(lite.executor).migrate({ migrations: project.migrations() })).length, 2);
  } finally {
    project.dispose();
  }
});

test("db.migrate: a failing file rejects naming it, is not recorded, and the files before it stay applied (as wrangler)", async () => {
  const lite = await sqljs();
  const db = new Database(lite.executor);
  const migrations = {
    "./migrations/0001_a.sql": 'CREATE TABLE "a" ("id" integer NOT NULL PRIMARY KEY);',
    "./migrations/0002_b.sql": 'CREATE TABLE "b" ("id" integer NOT NULL PRIMARY KEY);\nINSERT INTO "nope" VALUES (1);',
  };
  await assert.rejects(db.migrate({ migrations }), (e) => e.message.startsWith("0002_b.sql: ") && /nope/.test(e.message));
  assert.deepEqual(await tablesOf(lite), ["a", "d1_migrations"]);
  assert.deepEqual(await lite.rows(`SELECT "name" FROM "d1_migrations"`), [["0001_a.sql"]]);
  await assert.rejects(db.migrate({ migrations: [{ name: "x.sql", sql: "" }] }), (e) => e instanceof MigrationError && /x\.sql: a migration is an \.sql file named after its number/.test(e.message));
  await assert.rejects(db.migrate({}), MigrationError);
  await assert.rejects(db.migrate({ migrations: "0001_a.sql" }), MigrationError);
  // A custom table, as wrangler.toml's migrations_table names it; statements split as wrangler splits them.
  const split = [{ name: "0001_t.sql", sql: "-- a; comment\nCREATE TABLE t (x TEXT DEFAULT 'a;b'); /* c; */ INSERT INTO t VALUES ('--;');\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = x; END;" }];
  assert.deepEqual(await db.migrate({ migrations: split, table: "schema_log" }), ["0001_t.sql"]);
  assert.deepEqual(await lite.rows("SELECT x FROM t"), [["--;"]]);
  assert.deepEqual(await lite.rows(`SELECT "name" FROM "schema_log"`), [["0001_t.sql"]]);
});

test("makemigrations: No changes detected, --check, --dry-run, --name, --empty; sqlmigrate prints a file's SQL", () => {
  const project = makeProject({ models: STEPS[0].models });
  try {
    assert.deepEqual(project.quarry("makemigrations", "--dry-run").code, 0);
    assert.deepEqual(project.migrations(), []);
    const check = project.quarry("makemigrations", "--check");
    assert.equal(check.code, 1);
    assert.match(check.stdout, /\+ Create model Book/);
    assert.equal(project.quarry("makemigrations", "--name", "start").code, 0);
    assert.deepEqual(project.migrations().map((f) => f.name), ["0001_start.sql"]);
    const none = project.quarry("makemigrations");
    assert.equal(none.code, 0);
    assert.equal(none.stdout.trim(), "No changes detected");
    assert.equal(project.quarry("makemigrations", "--empty", "--name", "data").code, 0);
    assert.equal(project.migrations()[1].name, "0002_data.sql");
    assert.equal(project.quarry("makemigrations").stdout.trim(), "No changes detected");
    const sql = project.quarry("sqlmigrate", "0001");
    assert.equal(sql.code, 0);
    assert.equal(sql.stdout.trimEnd(), project.migrations()[0].sql.replace(/\n-- quarry:state .*\n$/, ""));
    assert.match(sql.stdout, /^CREATE TABLE "book" \("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar\(100\) NOT NULL\);$/m);
    assert.equal(project.quarry("sqlmigrate", "0001_start").stdout, sql.stdout);
    const missing = project.quarry("sqlmigrate", "0009");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot find a migration matching '0009' in migrations\//);
    assert.equal(project.quarry("frobnicate").code, 1);
  } finally {
    project.dispose();
  }
});

test("`npx quarry` resolves in a project that depends on the package (its bin)", () => {
  const dir = mkdtempSync(join(tmpdir(), "quarry-npx-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", type: "module", private: true, dependencies: { quarry: `file:${repo}` }, quarry: { models: "models.js" } }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, stdio: "pipe" });
    writeFileSync(join(dir, "models.js"), modelsSource(STEPS[0].models));
    const out = execFileSync("npx", ["--no-install", "quarry", "makemigrations"], { cwd: dir, encoding: "utf8" });
    assert.match(out, /migrations\/0001_initial\.sql\n {4}\+ Create model Author\n {4}\+ Create model Book/);
    assert.match(execFileSync("npx", ["--no-install", "quarry", "sqlmigrate", "1"], { cwd: dir, encoding: "utf8" }), /^CREATE TABLE "book"/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("db.migrate() without arguments and the initial migration make the same columns and indexes (the runtime's quick start agrees with makemigrations)", async () => {
  const every = [
    { name: "Target", fields: { code: { kind: "CharField", options: { maxLength: 12, primaryKey: true } } } },
    { name: "Big", fields: { id: { kind: "BigAutoField", options: { primaryKey: true } } } },
    {
      name: "Every",
      fields: {
        i: { kind: "IntegerField" }, b: { kind: "BigIntegerField", options: { null: true } }, f: { kind: "FloatField" },
        d: { kind: "DecimalField", options: { maxDigits: 5, decimalPlaces: 2 } }, c: { kind: "CharField", options: { maxLength: 10, unique: true } },
        c2: { kind: "CharField", options: { null: true, dbIndex: true } }, t: { kind: "TextField", options: { dbColumn: "body" } },
        ok: { kind: "BooleanField", options: { default: true } }, day: { kind: "DateField" }, at: { kind: "DateTimeField", options: { null: true } },
        j: { kind: "JSONField", options: { null: true } }, u: { kind: "UUIDField" }, bin: { kind: "BinaryField", options: { null: true } },
        target: { kind: "ForeignKey", to: "Target" }, big: { kind: "ForeignKey", to: "Big", options: { null: true } },
        one: { kind: "OneToOneField", to: "Big", options: { relatedName: "every1" } }, tags: { kind: "ManyToManyField", to: "Target", options: { relatedName: "+" } },
      },
    },
  ];
  const project = makeProject({ models: every });
  try {
    assert.equal(project.quarry("makemigrations").code, 0);
    const viaFiles = await sqljs();
    await new Database(viaFiles.executor).migrate({ migrations: project.migrations() });
    const quick = await sqljs();
    const db = new Database(quick.executor);
    (await import(`${pathToFileURL(join(project.dir, "src", "models.js")).href}?quick`)).default(db);
    await db.migrate();
    // Same columns (Django puts the keys last; compared by name), types up to case (Django's BLOB,
    // Quarry's blob), NOT NULL and keys; the same indexes up to their names (Django's md5, Quarry's FNV).
    const shape = (schema) =>
      Object.fromEntries(
        Object.entries(schema).map(([t, s]) => [
          t,
          {
            columns: s.columns.map(([, name, type, notnull, , pk]) => [name, type.toLowerCase(), notnull, pk]).sort(),
            indexes: s.indexes.map((i) => [i.unique, i.columns.join(",")]).sort(),
            keys: s.foreign_keys.map(([, , table, from, to]) => [table, from, to]).sort(),
          },
        ]),
      );
    assert.deepEqual(shape(await readSchema(quick.rows)), shape(await readSchema(viaFiles.rows)));
  } finally {
    project.dispose();
  }
});

test("on D1 a rebuilt table that others reference needs the file's PRAGMA defer_foreign_keys: without it, FOREIGN KEY constraint failed and nothing applied", async () => {
  const project = makeProject();
  try {
    for (const step of STEPS.slice(0, 10)) {
      project.writeModels(step.models);
      assert.equal(project.quarry("makemigrations", ...renameArgs(step)).code, 0);
    }
    const files = project.migrations();
    const last = files.at(-1);
    assert.equal(last.name, "0010_remove_book_author.sql");
    assert.match(last.sql, /^PRAGMA defer_foreign_keys = ON;$[\s\S]*DROP TABLE "book";[\s\S]*^PRAGMA defer_foreign_keys = OFF;$/m);
    for (const withPragma of [false, true]) {
      const d1 = await memoryD1();
      try {
        const db = new Database(d1.db);
        const run = d1Rows(d1.db);
        const rows = new Rows();
        for (let i = 0; i < 9; i++) {
          await db.migrate({ migrations: files.slice(0, i + 1) });
          await rows.insert(i, (sql, params) => d1.db.prepare(sql).bind(...params).run());
        }
        const file = withPragma ? last : { ...last, sql: last.sql.replace(/^PRAGMA defer_foreign_keys = O(N|FF);\n/gm, "") };
        const before = await readSchema(run);
        if (withPragma) {
          assert.deepEqual(await db.migrate({ migrations: [...files.slice(0, 9), file] }), [last.name]);
          await rows.check(9, run, "rebuilt with rows referencing it");
          assert.deepEqual(await readSchema(run), django.steps[9].schema);
        } else {
          await assert.rejects(db.migrate({ migrations: [...files.slice(0, 9), file] }), (e) => e instanceof IntegrityError && /^0010_remove_book_author\.sql: .*FOREIGN KEY constraint failed/.test(e.message));
          assert.deepEqual(await readSchema(run), before, "nothing applied");
          await rows.check(8, run, "rows as they were");
        }
      } finally {
        await d1.dispose();
      }
    }
  } finally {
    project.dispose();
  }
});
