// makemigrations against real Django 5.2, change by change, beyond the walk
// of migrations.test.mjs: every field kind and option, M2M tables and
// through models, Meta indexes and unique constraints, renames of fields
// and models that others point at, deletions, several changes in one
// migration, and the changes Django refuses. For every step of every
// scenario the file Quarry writes must hold the operations Django's
// autodetector makes, under the name Django gives them, with the SQL
// Django's SQLite schema editor runs, statement for statement; and applied
// by `db.migrate({ migrations })` on sql.js it must leave the schema
// (CREATE statements, PRAGMA table_info / index_list / index_info /
// foreign_key_list) Django's `migrate` leaves.
import test, { before } from "node:test";
import assert from "node:assert/strict";
import { Database } from "quarry";
import { makeProject, oracle, readSchema, sqljs } from "./migrations-fixture.mjs";

const F = (kind, options = {}, to = undefined) => ({ kind, options, ...(to ? { to } : {}) });
const char = (maxLength, more = {}) => F("CharField", { maxLength, ...more });
const model = (name, fields, extra = {}) => ({ name, fields, ...extra });

const SCENARIOS = {
  "every field kind and option, M2M tables, a through model, indexes and constraints": [
    {
      models: [
        model("Publisher", { name: char(100, { unique: true }), code: F("UUIDField", { null: true }), founded: F("DateField", { null: true }) }),
        model("Author", {
          name: char(100, { dbIndex: true }),
          email: char(200, { unique: true }),
          bio: F("TextField", { blank: true }),
          data: F("JSONField", { default: {} }),
          avatar: F("BinaryField", { null: true }),
          born: F("DateTimeField", { null: true }),
          score: F("DecimalField", { maxDigits: 5, decimalPlaces: 2, default: "1.50" }),
          ratio: F("FloatField", { default: 1 }),
          active: F("BooleanField", { default: true }),
          big: F("BigIntegerField", { null: true }),
          nick: F("CharField", { null: true }),
          contact: char(50, { null: true, dbColumn: "contact_email" }),
          publisher: F("ForeignKey", { null: true, onDelete: "SET_NULL" }, "Publisher"),
          mentor: F("ForeignKey", { null: true, relatedName: "mentees" }, "self"),
          friends: F("ManyToManyField", { relatedName: "+" }, "self"),
        }),
        model("Profile", { author: F("OneToOneField", {}, "Author"), site: char(50) }),
        model("Tag", { name: char(30, { unique: true }) }),
        model("Book", {
          title: char(200),
          author: F("ForeignKey", { relatedName: "books" }, "Author"),
          tags: F("ManyToManyField", { relatedName: "books" }, "Tag"),
          editors: F("ManyToManyField", { through: "Editing", relatedName: "edited" }, "Author"),
        }),
        model(
          "Editing",
          { book: F("ForeignKey", {}, "Book"), author: F("ForeignKey", { relatedName: "editings" }, "Author"), role: char(20) },
          { constraints: [{ fields: ["book", "author"], name: "uniq_editing" }], indexes: [{ fields: ["role", "-book"], name: "editing_role_idx" }, { fields: ["author"] }] },
        ),
        model("Chapter", { code: char(10, { primaryKey: true }), book: F("ForeignKey", { dbIndex: false }, "Book"), number: F("IntegerField") }),
        model("Section", { chapter: F("ForeignKey", {}, "Chapter") }),
        model("Thing", { id: F("BigAutoField", { primaryKey: true }) }),
        model("Part", { thing: F("ForeignKey", {}, "Thing") }, { table: "thing_part" }),
      ],
    },
  ],
  "field changes one by one, on a table others point at": [
    { models: [model("Author", { name: char(50), age: F("IntegerField", { null: true }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(50), age: F("IntegerField", { default: 0 }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(80), age: F("IntegerField", { default: 0 }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(80, { default: "x" }), age: F("IntegerField", { default: 0 }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(80, { default: "x", dbIndex: true }), age: F("IntegerField", { default: 0 }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(80, { default: "x", dbIndex: true, unique: true }), age: F("IntegerField", { default: 0 }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(80, { default: "x", dbIndex: true, unique: true, dbColumn: "full_name" }), age: F("IntegerField", { default: 0 }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })] },
    {
      models: [model("Author", { name: char(80, { default: "x", dbIndex: true, unique: true, dbColumn: "full_name" }), years: F("IntegerField", { default: 0 }), mentor: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })],
      renames: [["Author.age", "years"]],
    },
    {
      models: [model("Author", { name: char(80, { default: "x", dbIndex: true, unique: true, dbColumn: "full_name" }), years: F("IntegerField", { default: 0 }), teacher: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", {}, "Author"), title: char(100) })],
      renames: [["Author.mentor", "teacher"]],
    },
    { models: [model("Author", { name: char(80, { default: "x", dbIndex: true, unique: true, dbColumn: "full_name" }), years: F("IntegerField", { default: 0 }), teacher: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", { dbColumn: "writer" }, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(80, { default: "x" }), years: F("IntegerField", { default: 0 }), teacher: F("ForeignKey", { null: true }, "self") }), model("Book", { author: F("ForeignKey", { dbColumn: "writer" }, "Author"), title: char(100) })] },
    // Refused by both: a non-nullable field without a default.
    { models: [model("Author", { name: char(80, { default: "x" }), years: F("IntegerField", { default: 0 }), teacher: F("ForeignKey", { null: true }, "self"), rank: F("IntegerField") }), model("Book", { author: F("ForeignKey", { dbColumn: "writer" }, "Author"), title: char(100) })] },
    { models: [model("Author", { name: char(80, { default: "x" }), years: F("IntegerField", { default: 0 }), active: F("BooleanField", { default: true }), note: char(20, { blank: true }) }), model("Book", { author: F("ForeignKey", { dbColumn: "writer" }, "Author"), title: char(100) })] },
    {
      models: [
        model("Author", { name: char(80, { default: "x" }), years: F("IntegerField", { default: 0 }), active: F("BooleanField", { default: true }), note: char(20, { blank: true }) }),
        model("Book", { author: F("ForeignKey", { dbColumn: "writer" }, "Author"), title: char(100), editor: F("ForeignKey", { default: 1, relatedName: "edited" }, "Author"), cover: F("OneToOneField", { null: true, relatedName: "cover_of" }, "Author") }),
      ],
    },
    // Refused by both: a nullable field made non-nullable without a default.
    { models: [model("Author", { name: char(80, { default: "x" }), years: F("IntegerField", { default: 0 }), active: F("BooleanField", { default: true }), note: char(20, { blank: true }) }), model("Book", { author: F("ForeignKey", { dbColumn: "writer" }, "Author"), title: char(100), editor: F("ForeignKey", { default: 1, relatedName: "edited" }, "Author"), cover: F("OneToOneField", { relatedName: "cover_of" }, "Author") })] },
  ],
  "Meta indexes and unique constraints": [
    { models: [model("Item", { name: char(40), price: F("IntegerField", { default: 0 }), kind: char(10, { null: true }) })] },
    { models: [model("Item", { name: char(40), price: F("IntegerField", { default: 0 }), kind: char(10, { null: true }) }, { indexes: [{ fields: ["name", "-price"], name: "item_name_idx" }] })] },
    { models: [model("Item", { name: char(40), price: F("IntegerField", { default: 0 }), kind: char(10, { null: true }) }, { indexes: [{ fields: ["name", "-price"], name: "item_by_name" }] })] },
    { models: [model("Item", { name: char(40), price: F("IntegerField", { default: 0 }), kind: char(10, { null: true }) }, { indexes: [{ fields: ["name", "-price"], name: "item_by_name" }, { fields: ["kind"] }] })] },
    { models: [model("Item", { name: char(40), price: F("IntegerField", { default: 0 }), kind: char(10, { null: true }) }, { indexes: [{ fields: ["kind"] }], constraints: [{ fields: ["name", "kind"], name: "item_name_kind" }] })] },
    { models: [model("Item", { name: char(40), price: F("IntegerField", { default: 0 }) }, { constraints: [{ fields: ["name", "price"], name: "item_name_price" }] })] },
    { models: [model("Item", { name: char(40), price: F("IntegerField", { default: 0 }) })] },
  ],
  "M2M fields added, renamed, removed, and given a through model": [
    { models: [model("Post", { title: char(50) }), model("Label", { name: char(20) })] },
    { models: [model("Post", { title: char(50), labels: F("ManyToManyField", {}, "Label") }), model("Label", { name: char(20) })] },
    { models: [model("Post", { title: char(50), tags: F("ManyToManyField", {}, "Label") }), model("Label", { name: char(20) })], renames: [["Post.labels", "tags"]] },
    { models: [model("Post", { title: char(50) }), model("Label", { name: char(20) })] },
    {
      models: [
        model("Post", { title: char(50), tags: F("ManyToManyField", { through: "Tagging" }, "Label") }),
        model("Label", { name: char(20) }),
        model("Tagging", { post: F("ForeignKey", {}, "Post"), label: F("ForeignKey", {}, "Label"), weight: F("IntegerField", { default: 1 }) }),
      ],
    },
    { models: [model("Post", { title: char(50) }), model("Label", { name: char(20) })] },
  ],
  "renamed models that others point at, with default and explicit tables": [
    {
      models: [
        model("Owner", { name: char(30) }),
        model("Pet", { owner: F("ForeignKey", {}, "Owner"), name: char(30), parent: F("ForeignKey", { null: true }, "self"), pals: F("ManyToManyField", {}, "self") }),
        model("Toy", { pets: F("ManyToManyField", {}, "Pet") }),
      ],
    },
    {
      models: [
        model("Person", { name: char(30) }),
        model("Pet", { owner: F("ForeignKey", {}, "Person"), name: char(30), parent: F("ForeignKey", { null: true }, "self"), pals: F("ManyToManyField", {}, "self") }),
        model("Toy", { pets: F("ManyToManyField", {}, "Pet") }),
      ],
      renames: [["Owner", "Person"]],
    },
    {
      models: [
        model("Person", { name: char(30) }),
        model("Animal", { owner: F("ForeignKey", {}, "Person"), name: char(30), parent: F("ForeignKey", { null: true }, "self"), pals: F("ManyToManyField", {}, "self") }, { table: "pet" }),
        model("Toy", { pets: F("ManyToManyField", {}, "Animal") }),
      ],
      renames: [["Pet", "Animal"]],
    },
    {
      models: [
        model("Person", { name: char(30) }),
        model("Creature", { owner: F("ForeignKey", {}, "Person"), name: char(30), parent: F("ForeignKey", { null: true }, "self"), pals: F("ManyToManyField", {}, "self") }),
        model("Toy", { pets: F("ManyToManyField", {}, "Creature") }),
      ],
      renames: [["Animal", "Creature"]],
    },
  ],
  "models deleted with the relations between them": [
    { models: [model("A", { name: char(10) }), model("B", { a: F("ForeignKey", {}, "A"), others: F("ManyToManyField", { relatedName: "bs" }, "A") }), model("C", { b: F("ForeignKey", {}, "B") })] },
    { models: [model("A", { name: char(10) })] },
    { models: [] },
  ],
  "relations pointed elsewhere, a key made an integer, an M2M made a key": [
    { models: [model("Author", { name: char(10) }), model("Publisher", { name: char(10) }), model("Label", {}), model("Tag", {}), model("Book", { by: F("ForeignKey", {}, "Author"), tags: F("ManyToManyField", {}, "Label"), n: F("IntegerField", { null: true }) })] },
    { models: [model("Author", { name: char(10) }), model("Publisher", { name: char(10) }), model("Label", {}), model("Tag", {}), model("Book", { by: F("ForeignKey", {}, "Publisher"), tags: F("ManyToManyField", {}, "Tag"), n: F("IntegerField", { null: true }) })] },
    { models: [model("Author", { name: char(10) }), model("Publisher", { name: char(10) }), model("Label", {}), model("Tag", {}), model("Book", { by: F("IntegerField", { default: 0, dbColumn: "by_id" }), tags: F("ManyToManyField", {}, "Tag"), n: F("ManyToManyField", {}, "Label") })] },
  ],
  "defaults of every kind filling a table's rows": [
    { models: [model("Row", { a: F("IntegerField", { null: true }) })] },
    {
      models: [
        model("Row", {
          a: F("IntegerField", { null: true }),
          s: char(20, { default: "it's" }),
          t: F("TextField", { default: "x;y" }),
          f: F("FloatField", { default: 2.5 }),
          b: F("BooleanField", { default: false }),
          d: F("DateField", { default: "2020-02-29" }),
          big: F("BigIntegerField", { default: 9007199254740991 }),
          dec: F("DecimalField", { maxDigits: 6, decimalPlaces: 2, default: "12.50" }),
          bin: F("BinaryField", { blank: true }),
          blank: F("TextField", { blank: true }),
        }),
      ],
    },
  ],
  "a primary key of one's own instead of id": [
    { models: [model("Thing", { name: char(10) }), model("Use", { thing: F("ForeignKey", {}, "Thing") })] },
    { models: [model("Thing", { code: char(10, { primaryKey: true }), name: char(10) }), model("Use", { thing: F("ForeignKey", {}, "Thing") })] },
  ],
  "several changes to one table in one migration": [
    { models: [model("Doc", { title: char(20), body: F("TextField", { null: true }), n: F("IntegerField", { null: true }) })] },
    { models: [model("Doc", { title: char(40), slug: char(30, { default: "" }), n: F("IntegerField", { default: 0 }), at: F("DateTimeField", { null: true }) }, { indexes: [{ fields: ["slug"], name: "doc_slug" }] })] },
  ],
};

let django;
before(() => {
  django = oracle({ scenarios: Object.values(SCENARIOS).map((steps) => ({ steps: steps.map((s) => ({ models: s.models, renames: s.renames ?? [] })) })) });
});

const statements = (file) =>
  file
    .replace(/^-- quarry:state .*$/m, "")
    .split("\n")
    .filter((l) => l && !l.startsWith("--") && !l.startsWith("PRAGMA defer_foreign_keys"))
    .map((l) => l.replace(/;$/, ""));

for (const [index, [name, steps]] of Object.entries(SCENARIOS).entries()) {
  test(name, async () => {
    const want = django.scenarios[index];
    const project = makeProject();
    const lite = await sqljs();
    const db = new Database(lite.executor);
    try {
      for (const [i, step] of steps.entries()) {
        const where = `step ${i}`;
        project.writeModels(step.models);
        const before = project.migrations().length;
        const made = await project.run("makemigrations", ...(step.renames ?? []).flatMap(([a, b]) => ["--rename", `${a}=${b}`]));
        if (want[i].error) {
          assert.equal(made.code, 1, `${where}: refused as Django refuses it (${want[i].error})`);
          assert.ok(made.stderr.startsWith(want[i].error), `${where}: Django's words:\n${made.stderr}\n${want[i].error}`);
          assert.equal(project.migrations().length, before, `${where}: nothing written`);
          continue;
        }
        assert.equal(made.code, 0, `${where}: ${made.stderr}`);
        const files = project.migrations();
        if (!want[i].operations.length) {
          assert.equal(made.stdout, "No changes detected");
          continue;
        }
        assert.equal(files.length, before + 1, `${where}: one file`);
        const file = files.at(-1);
        assert.deepEqual([file.name.replace(/^\d+_|\.sql$/g, "")], want[i].names, `${where}: Django's name`);
        const ops = made.stdout.split("\n").filter((l) => /^ {4}[+~-] /.test(l)).map((l) => l.slice(6));
        assert.deepEqual(ops, want[i].operations, `${where}: operations`);
        if (process.env.MIGR_DEBUG && JSON.stringify(statements(file.sql)) !== JSON.stringify(want[i].sql)) {
          console.error(`--- ${name} ${where}\nQUARRY:\n${statements(file.sql).join("\n")}\nDJANGO:\n${want[i].sql.join("\n")}`);
        }
        // A renamed model's referencing tables are rebuilt in the order of
        // Django's model registry, which follows the models it re-rendered
        // (sets, so Python's hash seed): compare those as a set.
        if (want[i].operations.some((op) => op.startsWith("Rename model"))) {
          assert.deepEqual(statements(file.sql).sort(), [...want[i].sql].sort(), `${where}: SQL`);
        } else {
          assert.deepEqual(statements(file.sql), want[i].sql, `${where}: SQL`);
        }
        assert.deepEqual(await db.migrate({ migrations: files }), [file.name]);
        assert.deepEqual(await readSchema(lite.rows), want[i].schema, `${where}: schema`);
        assert.equal((await project.run("makemigrations", "--check")).code, 0, `${where}: nothing left`);
      }
    } finally {
      project.dispose();
    }
  });
}
