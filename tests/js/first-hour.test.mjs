// Issue 13's rough edges, each against a real D1 (Miniflare's workerd) where
// a query runs: Q().or() with a plain object, a prefetched manager's all(),
// the prefetch SELECT's columns, acreate()'s unexpected keywords, Django's
// synchronous names, ExecutorError stacks, a typo after a relation, a
// foreign key given a pk, and `using()` (models defined once, the executor
// given per query: how a Worker binds env.DB per request).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Database, fields, Q, Exists, OuterRef, ExecutorError, FieldError, QuarryError, ValueError, d1Executor } from "quarry";
import { startD1 } from "./helpers.mjs";
import { countingExecutor } from "./fixtures.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** Author and Book (a reverse FK `books`) and Tag (M2M `tags`) on `db`. */
function library(db) {
  const Author = db.model("Author", { name: fields.CharField({ maxLength: 100 }), age: fields.IntegerField({ null: true }) }, { table: "fh_author", ordering: ["name"] });
  const Tag = db.model("Tag", { name: fields.CharField({ maxLength: 50 }) }, { table: "fh_tag" });
  const Book = db.model(
    "Book",
    {
      title: fields.CharField({ maxLength: 200 }),
      author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
      tags: fields.ManyToManyField("Tag", { relatedName: "books" }),
    },
    { table: "fh_book", ordering: ["title"] },
  );
  return { Author, Book, Tag };
}

let d1, d1b, disposeA, disposeB, exec, db, Author, Book, Tag;

before(async () => {
  ({ db: d1, dispose: disposeA } = await startD1());
  ({ db: d1b, dispose: disposeB } = await startD1());
  exec = countingExecutor(d1);
  db = new Database(exec);
  ({ Author, Book, Tag } = library(db));
  await db.migrate();
  const ann = await Author.objects.acreate({ name: "Ann", age: 30 });
  const bob = await Author.objects.acreate({ name: "Bob", age: null });
  const [fun, old] = await Tag.objects.abulkCreate([{ name: "fun" }, { name: "old" }]);
  const alpha = await Book.objects.acreate({ title: "Alpha", author: ann });
  await Book.objects.acreate({ title: "Beta", author: ann });
  const gamma = await Book.objects.acreate({ title: "Gamma", author_id: bob.pk });
  await alpha.tags.aadd(fun, old);
  await gamma.tags.aadd(old);
});

after(async () => {
  await disposeA?.();
  await disposeB?.();
});

describe("Q().and() / .or() take an object of lookups, as filter() does", () => {
  test("Q({...}).or({...}) is Q({...}).or(Q({...})): same SQL, same rows", async () => {
    const plain = Book.objects.filter(Q({ title: "Alpha" }).or({ title: "Beta" }));
    const wrapped = Book.objects.filter(Q({ title: "Alpha" }).or(Q({ title: "Beta" })));
    assert.deepEqual(plain.compile(), wrapped.compile());
    assert.deepEqual(await plain.valuesList("title", { flat: true }).alist(), ["Alpha", "Beta"]);
    const and = Book.objects.filter(Q({ title__startswith: "A" }).and({ author__name: "Ann" }));
    assert.deepEqual(await and.valuesList("title", { flat: true }).alist(), ["Alpha"]);
    assert.deepEqual(await Book.objects.filter(Q.not({ title: "Alpha" })).valuesList("title", { flat: true }).alist(), ["Beta", "Gamma"]);
  });

  test("anything else is a TypeError naming what or() takes", () => {
    for (const bad of [1, "x", null, undefined, [["title", "x"]], new Date()]) {
      assert.throws(() => Q({ title: "Alpha" }).or(bad), (e) => e instanceof TypeError && e instanceof QuarryError && e.message === "Q.or() takes a Q, an object of lookups or Exists(...).");
    }
  });

  test("Q() itself takes only those: Q(5) and Q(new Date()) read as no lookups matched every row", () => {
    for (const bad of [5, "ab", null, [["title", "x"]], new Date(), new Map([["title", "x"]])]) {
      assert.throws(() => Q(bad), (e) => e instanceof TypeError && e instanceof QuarryError && e.message === "Q() takes a Q, an object of lookups or Exists(...).");
    }
    // What it takes: nothing (no condition), lookups, a Q, Exists(...).
    assert.equal(Book.objects.filter(Q()).compile().sql, Book.objects.all().compile().sql);
    assert.deepEqual(Book.objects.filter(Q(Q({ title: "Alpha" }))).compile(), Book.objects.filter({ title: "Alpha" }).compile());
    assert.match(Book.objects.filter(Q(Exists(Author.objects.filter({ pk: OuterRef("author") })))).compile().sql, /EXISTS/);
  });
});

describe("assigning a related set (author.books = [...])", () => {
  test("is Django's TypeError naming aset(), and changes nothing", async () => {
    const ann = await Author.objects.aget({ name: "Ann" });
    const alpha = await Book.objects.aget({ title: "Alpha" });
    const fun = await Tag.objects.aget({ name: "fun" });
    const refused = (side, set, accessor) => (e) =>
      e instanceof TypeError && e instanceof QuarryError && e.message === `Direct assignment to the ${side} side of a ${set} set is prohibited. Use ${accessor}.aset() instead.`;
    assert.throws(() => { ann.books = []; }, refused("reverse", "related", "books"));
    assert.throws(() => { alpha.tags = [fun]; }, refused("forward", "many-to-many", "tags"));
    assert.throws(() => { fun.books = []; }, refused("reverse", "many-to-many", "books"));
    assert.throws(() => new Book({ title: "New", tags: [fun] }), refused("forward", "many-to-many", "tags"));
    // What it says to do instead works, and the refused assignments left the rows alone.
    assert.deepEqual(await ann.books.valuesList("title", { flat: true }).alist(), ["Alpha", "Beta"]);
    await alpha.tags.aset([fun]);
    assert.deepEqual(await alpha.tags.valuesList("name", { flat: true }).alist(), ["fun"]);
    await alpha.tags.aadd(await Tag.objects.aget({ name: "old" }));
  });
});

describe("prefetchRelated", () => {
  test("a prefetched manager's all() is served from the prefetch cache, as in Django", async () => {
    const authors = await Author.objects.prefetchRelated("books").alist();
    exec.reset();
    const ann = authors.find((a) => a.name === "Ann");
    assert.deepEqual((await ann.books.all().alist()).map((b) => b.title), ["Alpha", "Beta"]);
    const titles = [];
    for await (const b of ann.books.all()) titles.push(b.title);
    assert.deepEqual(titles, ["Alpha", "Beta"]);
    assert.equal(await ann.books.all().acount(), 2);
    assert.equal((await ann.books.all().afirst()).title, "Alpha");
    assert.equal(exec.log.length, 0, exec.log.map((s) => s.sql).join("\n"));
    // A filter is a new query (Django's too).
    assert.deepEqual((await ann.books.filter({ title: "Beta" }).alist()).map((b) => b.title), ["Beta"]);
    assert.equal(exec.log.length, 1);
  });

  test("the prefetch SELECT lists each column once (reverse FK, forward FK), one extra for M2M", async () => {
    const columns = (sql) => sql.slice("SELECT ".length, sql.indexOf(" FROM ")).split(", ");
    exec.reset();
    await Author.objects.prefetchRelated("books").alist();
    const reverse = exec.log[1].sql;
    assert.deepEqual(columns(reverse), ['"fh_book"."id"', '"fh_book"."title"', '"fh_book"."author_id"'], reverse);

    exec.reset();
    const books = await Book.objects.prefetchRelated("author").alist();
    assert.deepEqual(columns(exec.log[1].sql), ['"fh_author"."id"', '"fh_author"."name"', '"fh_author"."age"'], exec.log[1].sql);
    assert.deepEqual(books.map((b) => [b.title, b.author.name]), [["Alpha", "Ann"], ["Beta", "Ann"], ["Gamma", "Bob"]]);

    exec.reset();
    const withTags = await Book.objects.prefetchRelated("tags").alist();
    const m2m = columns(exec.log[1].sql);
    assert.equal(new Set(m2m).size, m2m.length, exec.log[1].sql);
    assert.equal(m2m.length, 3, "the tag's two columns and the through table's book_id");
    assert.deepEqual(await Promise.all(withTags.map(async (b) => [b.title, (await b.tags.alist()).map((t) => t.name).sort()])), [
      ["Alpha", ["fun", "old"]],
      ["Beta", []],
      ["Gamma", ["old"]],
    ]);
  });
});

describe("model arguments", () => {
  test("acreate() with an unknown keyword: Django's TypeError, then the names it takes", async () => {
    await assert.rejects(Author.objects.acreate({ nmae: "Ann" }), (e) => {
      assert.ok(e instanceof TypeError && e instanceof QuarryError);
      assert.equal(e.message, "Author() got unexpected keyword arguments: 'nmae'. Choices are: age, id, name");
      return true;
    });
    assert.throws(() => new Book({ titel: "x", autor: 1 }), {
      message: "Book() got unexpected keyword arguments: 'titel', 'autor'. Choices are: author, author_id, id, title",
    });
  });

  test("a foreign key given a pk: Django's ValueError (author_id takes the pk)", async () => {
    const before = await Book.objects.acount();
    await assert.rejects(Book.objects.acreate({ title: "Delta", author: 1 }), (e) => {
      assert.ok(e instanceof ValueError);
      assert.equal(e.message, 'Cannot assign "1": "Book.author" must be a "Author" instance.');
      return true;
    });
    assert.throws(() => new Book({ title: "x", author: "Ann" }), { message: `Cannot assign "'Ann'": "Book.author" must be a "Author" instance.` });
    const tag = await Tag.objects.aget({ name: "fun" });
    assert.throws(() => new Book({ title: "x", author: tag }), { message: `Cannot assign "<Tag: Tag object (${tag.pk})>": "Book.author" must be a "Author" instance.` });
    const book = await Book.objects.aget({ title: "Alpha" });
    assert.throws(() => {
      book.author = true;
    }, { message: 'Cannot assign "True": "Book.author" must be a "Author" instance.' });
    assert.equal(await Book.objects.acount(), before, "nothing was written");
    // The pk through the attname, and null, are fine.
    const ann = await Author.objects.aget({ name: "Ann" });
    const delta = await Book.objects.acreate({ title: "Delta", author_id: ann.pk });
    assert.equal((await Book.objects.selectRelated("author").aget({ pk: delta.pk })).author.name, "Ann");
    await delta.adelete();
    assert.equal(new Book({ title: "x", author: null }).author_id, null);
  });

  test("a typo after a relation names the related model's fields", () => {
    const choices = "Choices are: age, books, id, name";
    for (const [qs, key] of [
      [Book.objects, "author__nmae"],
      [Book.objects, "author__nmae__icontains"],
      [Tag.objects, "books__author__nmae"],
    ]) {
      assert.throws(() => qs.filter({ [key]: "x" }), (e) => e instanceof FieldError && e.message === `Cannot resolve keyword 'nmae' into field. ${choices}`);
    }
    assert.throws(() => Author.objects.filter({ books__titel: "x" }), {
      message: "Cannot resolve keyword 'titel' into field. Choices are: author, author_id, id, tags, title",
    });
    assert.throws(() => Book.objects.orderBy("author__nmae"), { message: `Cannot resolve keyword 'nmae' into field. ${choices}` });
    // A lookup the relation does not take keeps Django's message.
    assert.throws(() => Book.objects.filter({ author__startswith: "A" }), {
      message: "Unsupported lookup 'startswith' for ForeignKey or join on the field not permitted.",
    });
  });
});

describe("a forgotten await or a synchronous name answers with the async name", () => {
  const qs = () => Author.objects.filter({ age__gte: 1 });
  test("QuerySet: Django's sync methods name their a-method", () => {
    for (const [sync, use] of [
      ["get", "aget"],
      ["count", "acount"],
      ["first", "afirst"],
      ["exists", "aexists"],
      ["create", "acreate"],
      ["update", "aupdate"],
      ["delete", "adelete"],
      ["getOrCreate", "agetOrCreate"],
      ["bulkCreate", "abulkCreate"],
      ["aggregate", "aaggregate"],
      ["iterator", "aiterator"],
    ]) {
      assert.throws(() => Author.objects[sync]({ name: "Ann" }), (e) => {
        assert.ok(e instanceof TypeError && e instanceof QuarryError, sync);
        assert.equal(e.message, `QuerySet.${sync}() does not exist: Quarry is async only. Use await qs.${use}().`);
        return true;
      });
    }
  });

  test("for...of, spread, Array.from, map and length on a QuerySet name for await / alist()", () => {
    const forAwait = /Use for await \(const obj of qs\)/;
    assert.throws(() => {
      for (const a of qs()) assert.fail(a);
    }, forAwait);
    assert.throws(() => [...qs()], forAwait);
    assert.throws(() => Array.from(qs()), forAwait);
    assert.throws(() => qs().map((a) => a.name), { message: "QuerySet.map() does not exist: Quarry is async only. Use for await (const obj of qs), or (await qs.alist()).map(...)." });
    assert.throws(() => qs().forEach(() => {}), /\(await qs\.alist\(\)\)\.forEach/);
    assert.throws(() => qs().length, { message: "QuerySet.length does not exist: Quarry is async only. Use await qs.acount()." });
  });

  test("instances and related managers too", async () => {
    const ann = await Author.objects.aget({ name: "Ann" });
    assert.throws(() => ann.save(), { message: "Model.save() does not exist: Quarry is async only. Use await obj.asave()." });
    assert.throws(() => ann.delete(), /await obj\.adelete\(\)/);
    const alpha = await Book.objects.aget({ title: "Alpha" });
    assert.throws(() => alpha.tags.add(1), { message: "RelatedManager.add() does not exist: Quarry is async only. Use await manager.aadd()." });
    assert.throws(() => ann.books.get({ title: "Alpha" }), /Use await qs\.aget\(\)/);
    // The real methods still work.
    assert.equal((await ann.books.aget({ title: "Alpha" })).pk, alpha.pk);
  });
});

describe("error stacks", () => {
  test("ExecutorError's stack has no wasm frames (wrangler printed them as 'at [object Object]')", async () => {
    const failing = new Database({
      async execute() {
        throw new Error("host down");
      },
    });
    const { Author: A } = library(failing);
    const err = await A.objects.alist().catch((e) => e);
    assert.ok(err instanceof ExecutorError);
    assert.match(err.stack, /^ExecutorError: The database host failed: host down/);
    assert.doesNotMatch(err.stack, /wasm-function|wasm:\/\/|\[object Object\]/);
    assert.equal(err.cause.message, "host down");
  });

  test("an error thrown at the call keeps the caller's frame", () => {
    function userCode() {
      return Author.objects.filter({ nmae: 1 });
    }
    const err = (() => {
      try {
        userCode();
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err instanceof FieldError);
    assert.doesNotMatch(err.stack, /wasm-function|wasm:\/\//);
    assert.match(err.stack, /at userCode \(.*first-hour\.test\.mjs/);
  });
});

describe("using(): models defined once, the executor given per query", () => {
  let shared, S;
  before(async () => {
    shared = new Database();
    S = library(shared);
    await shared.migrate({ using: d1b });
  });

  test("a Database without an executor compiles, and a query without using() says how to run it", async () => {
    assert.match(S.Author.objects.filter({ name: "x" }).compile().sql, /^SELECT /);
    await assert.rejects(S.Author.objects.acount(), (e) => e instanceof ExecutorError && /has no executor: run the query through one with \.using\(env\.DB\)/.test(e.message));
  });

  test("each QuerySet runs through its own host; instances save, delete and refresh through it", async () => {
    const onA = (qs) => qs.using(d1);
    const onB = (qs) => qs.using(d1b);
    // The same tables in both databases: B starts empty.
    assert.equal(await onB(S.Author.objects).acount(), 0);
    assert.equal(await onA(S.Author.objects).acount(), 2);

    const cy = await onB(S.Author.objects).acreate({ name: "Cy", age: 7 });
    assert.deepEqual(await onB(S.Author.objects).valuesList("name", { flat: true }).alist(), ["Cy"]);
    assert.deepEqual(await onA(S.Author.objects).valuesList("name", { flat: true }).alist(), ["Ann", "Bob"]);

    // Loaded through B, saved through B.
    const loaded = await onB(S.Author.objects).aget({ name: "Cy" });
    loaded.age = 8;
    await loaded.asave();
    assert.equal((await onB(S.Author.objects).aget({ pk: cy.pk })).age, 8);
    await loaded.arefreshFromDb();
    assert.equal(loaded.age, 8);
    // Related managers and prefetches of a B instance read B.
    await loaded.books.acreate({ title: "On B" });
    assert.deepEqual((await loaded.books.alist()).map((b) => b.title), ["On B"]);
    const [withBooks] = await onB(S.Author.objects).prefetchRelated("books").alist();
    assert.deepEqual((await withBooks.books.all().alist()).map((b) => b.title), ["On B"]);
    const book = await onB(S.Book.objects).selectRelated("author").aget({ title: "On B" });
    assert.equal(book.author.name, "Cy");
    assert.equal((await book.afetch("author")).name, "Cy");
    // save({ using }) and delete({ using }), as Django's save(using=).
    const dee = new S.Author({ name: "Dee" });
    await dee.asave({ using: d1b });
    assert.equal(await onB(S.Author.objects).filter({ name: "Dee" }).acount(), 1);
    assert.equal(await onA(S.Author.objects).filter({ name: "Dee" }).acount(), 0);
    assert.deepEqual(await dee.adelete(), [1, { Author: 1 }]);
    assert.deepEqual(await loaded.adelete(), [2, { Author: 1, Book: 1 }]);
    assert.equal(await onB(S.Author.objects).acount(), 0);
    assert.equal(await onA(S.Author.objects).acount(), 2, "A untouched");
  });

  test("concurrent queries through two hosts never mix (one core per host, shared plans)", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `W${i}`);
    await Promise.all(names.map((name, i) => (i % 2 ? S.Author.objects.using(d1b) : S.Author.objects.using(d1Executor(d1b))).acreate({ name, age: i })));
    const reads = await Promise.all(
      names.map((_, i) => (i % 2 ? S.Author.objects.using(d1) : S.Author.objects.using(d1b)).filter({ name__startswith: "W" }).acount()),
    );
    assert.deepEqual(reads, names.map((_, i) => (i % 2 ? 0 : 20)));
    assert.equal(shared._bind(d1b), shared._bind(d1b), "one core per host object");
    await S.Author.objects.using(d1b).filter({ name__startswith: "W" }).adelete();
  });

  test("using() refuses what is not a host", () => {
    assert.throws(() => S.Author.objects.using("default"), (e) => e instanceof TypeError && /using\(\) takes a D1 binding \(env\.DB\) or an object with execute/.test(e.message));
    assert.throws(() => S.Author.objects.using({}), (e) => e instanceof ValueError && /using\(executor\): pass a D1 binding/.test(e.message));
  });
});

test("the typings accept new Database() and using()", () => {
  const dir = mkdtempSync(join(tmpdir(), "quarry-types-"));
  try {
    writeFileSync(
      join(dir, "check.ts"),
      `import { Database, fields, ready } from ${JSON.stringify(join(repo, "js", "index.js"))};
declare const env: { DB: { prepare(sql: string): unknown; batch(s: unknown[]): Promise<unknown[]> } };
const db = new Database();
const Author = db.model("Author", { name: fields.CharField() });
export async function run(): Promise<number> {
  await ready();
  await db.migrate({ using: env.DB });
  const a = await Author.objects.using(env.DB).afirst();
  if (a) await a.asave({ using: env.DB });
  return Author.objects.using({ async execute() { return { rows: [] }; } }).acount();
}
`,
    );
    const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [tsc, "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", join(dir, "check.ts")], {
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout}${e.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
