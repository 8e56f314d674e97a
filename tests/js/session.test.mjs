// D1 sessions (read replication): db.withSession(), qs.using(session),
// session.atomic(), session.bookmark(), on Miniflare's real D1 binding.
//
// The binding is wrapped only to count: withSession() hands back the real
// session object behind a counter of its prepare()/batch() calls, and the
// binding's own prepare()/batch() are counted too, so each test sees which
// of the two every statement went through.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { Database, fields, d1Executor, NotSupportedError, QuarryError } from "quarry";
import { startD1 } from "./helpers.mjs";

function counted(d1) {
  const calls = { db: 0, session: 0, batches: 0, opened: [] };
  return {
    calls,
    prepare: (sql) => (calls.db++, d1.prepare(sql)),
    batch: (s) => d1.batch(s),
    withSession(constraint) {
      calls.opened.push(constraint);
      const s = d1.withSession(constraint);
      return {
        prepare: (sql) => (calls.session++, s.prepare(sql)),
        batch: (stmts) => (calls.batches++, s.batch(stmts)),
        getBookmark: () => s.getBookmark(),
      };
    },
  };
}

async function setup() {
  const { db: d1, dispose } = await startD1();
  after(dispose);
  const binding = counted(d1);
  const db = new Database(binding);
  const Author = db.model("Author", { name: fields.CharField(), email: fields.CharField({ unique: true }) }, { table: "author", ordering: ["name"] });
  const Book = db.model("Book", {
    title: fields.CharField(),
    author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }),
    tags: fields.ManyToManyField("Tag", { relatedName: "books" }),
  });
  const Tag = db.model("Tag", { name: fields.CharField() });
  await db.migrate();
  const ann = await Author.objects.acreate({ name: "Ann", email: "ann@x" });
  await Book.objects.abulkCreate([{ title: "A1", author: ann }, { title: "A2", author: ann }]);
  await Tag.objects.acreate({ name: "t" });
  return { d1, binding, db, Author, Book, Tag };
}

/** Calls made during `fn`: through the binding itself, and through sessions. */
async function during(binding, fn) {
  const { db, session, batches } = binding.calls;
  const value = await fn();
  return { value, db: binding.calls.db - db, session: binding.calls.session - session, batches: binding.calls.batches - batches };
}

test("queries through qs.using(session) run on the session, not the binding", async () => {
  const { binding, db, Author, Book } = await setup();
  const s = db.withSession("first-primary");
  assert.deepEqual(binding.calls.opened, ["first-primary"]);
  const read = await during(binding, async () => [
    await Author.objects.using(s).filter({ name: "Ann" }).acount(),
    (await Book.objects.using(s).orderBy("title").valuesList("title", { flat: true }).alist()),
    await Promise.all((await Author.objects.using(s).prefetchRelated("books").alist()).map(async (a) => (await a.books.alist()).length)),
  ]);
  assert.equal(read.value[0], 1);
  assert.deepEqual(read.value[1], ["A1", "A2"]);
  assert.deepEqual(read.value[2], [2], "the prefetched books, no further query");
  assert.deepEqual(read.db, 0, "nothing through the binding");
  assert.equal(read.session, 4, "count, list, the authors and their prefetched books");
  // Chained calls keep the session; using(null) goes back to the Database.
  const back = await during(binding, () => Author.objects.using(s).using(null).acount());
  assert.deepEqual([back.db, back.session], [1, 0]);
  assert.throws(() => Author.objects.using("default"), (e) => e instanceof TypeError && e instanceof QuarryError);
});

test("instances loaded through a session save, refresh, fetch relations and delete through it", async () => {
  const { binding, db, Author, Book } = await setup();
  const s = db.withSession("first-unconstrained");
  const ann = await Author.objects.using(s).aget({ name: "Ann" });
  const writes = await during(binding, async () => {
    ann.name = "Anne";
    await ann.asave();
    await ann.arefreshFromDb();
    const books = await ann.books.orderBy("title").alist();
    const first = books[0];
    const author = await first.afetch("author");
    first.title = "A1 (2nd ed.)";
    await first.asave();
    await books[1].adelete();
    return [ann.name, author.name, await ann.books.acount()];
  });
  assert.deepEqual(writes.value, ["Anne", "Anne", 1]);
  assert.equal(writes.db, 0, "nothing through the binding");
  assert.ok(writes.session >= 7, `${writes.session} statements through the session`);
  const created = await during(binding, () => Author.objects.using(s).acreate({ name: "Bo", email: "bo@x" }));
  assert.deepEqual([created.db, created.session], [0, 1]);
  const moved = await during(binding, async () => {
    created.value.name = "Bob";
    await created.value.asave();
  });
  // (save(): an UPDATE, and the INSERT Django would run had it matched nothing, in one batch.)
  assert.deepEqual([moved.db, moved.session, moved.batches], [0, 2, 1], "an instance created through a session saves through it");
  // So do the related objects selectRelated() loaded with an instance.
  const book = await Book.objects.using(s).selectRelated("author").aget({ title: "A1 (2nd ed.)" });
  const related = await during(binding, async () => {
    book.author.name = "Ann";
    await book.author.asave();
  });
  assert.deepEqual([related.db, related.session], [0, 2]);
  // An instance loaded through the Database itself keeps using the binding.
  const plain = await Author.objects.aget({ name: "Bob" });
  const viaDb = await during(binding, () => plain.asave());
  assert.deepEqual([viaDb.db, viaDb.session], [2, 0]);
});

test("session.atomic() batches through the session; bookmarks come back and open later sessions", async () => {
  const { d1, binding, db, Author, Book, Tag } = await setup();
  const s = db.withSession("first-primary");
  assert.equal(s.bookmark(), null, "no query yet, no bookmark");
  const tag = await Tag.objects.using(s).aget({ name: "t" });
  const group = await during(binding, () =>
    s.atomic((tx) => {
      const cy = tx.create(Author, { name: "Cy", email: "cy@x" });
      const b = tx.create(Book, { title: "C1", author: cy });
      tx.add(tag.books, b);
      tx.update(Book.objects.filter({ title: "A1" }), { title: "A1!" });
    }),
  );
  assert.deepEqual([group.db, group.batches], [0, 1], "one batch, through the session");
  const [cy, c1] = group.value;
  assert.equal(c1.author_id, cy.pk);
  const bookmark = s.bookmark();
  assert.equal(typeof bookmark, "string");
  assert.ok(bookmark.length > 0);
  // Saved through the session too: the instances tx created carry it.
  const save = await during(binding, async () => {
    cy.name = "Cyd";
    await cy.asave();
  });
  assert.deepEqual([save.db, save.session], [0, 2]);
  // The bookmark opens the next request's session, which sees those writes.
  const next = db.withSession(bookmark);
  assert.deepEqual(binding.calls.opened.at(-1), bookmark);
  assert.deepEqual(await Book.objects.using(next).filter({ tags__name: "t" }).valuesList("title", { flat: true }).alist(), ["C1"]);
  assert.equal(await Author.objects.using(next).filter({ name: "Cyd" }).acount(), 1);
  // As D1 itself reports it.
  const raw = d1.withSession(bookmark);
  await raw.prepare("SELECT 1").raw();
  assert.equal(typeof raw.getBookmark(), "string");
});

test("hosts without sessions: withSession() is NotSupportedError", async () => {
  const { db: d1, dispose } = await startD1();
  after(dispose);
  {
    for (const db of [new Database(d1Executor(d1)), new Database({ execute: async () => ({ rows: [] }) }), new Database(null)]) {
      assert.throws(() => db.withSession("first-primary"), (e) => e instanceof NotSupportedError && /has no sessions/.test(e.message));
    }
    // A session of another Database is not this one's.
    const a = new Database(d1);
    const b = new Database(d1);
    const M = a.model("M", { x: fields.IntegerField() });
    assert.throws(() => M.objects.using(b.withSession("first-primary")), (e) => e instanceof TypeError && /session of this Database/.test(e.message));
  }
});

test("models defined once without an executor (a Worker): using() takes a session, a host or null, and db.atomic / withSession take { using }", async () => {
  const { db: d1, dispose } = await startD1();
  after(dispose);
  const binding = counted(d1);
  const other = counted(d1);
  // Module scope: no executor; each request brings its binding.
  const db = new Database();
  const Author = db.model("Author", { name: fields.CharField(), email: fields.CharField({ unique: true }) }, { table: "author", ordering: ["name"] });
  const Book = db.model("Book", { title: fields.CharField(), author: fields.ForeignKey("Author", { relatedName: "books", onDelete: "CASCADE" }) });
  await db.migrate({ using: binding });
  assert.throws(() => db.withSession("first-primary"), (e) => e instanceof NotSupportedError && /\{ using: env\.DB \}/.test(e.message));

  // A group through the request's binding; the instances it made belong to it.
  const made = await during(binding, () =>
    db.atomic(
      (tx) => {
        const a = tx.create(Author, { name: "Ann", email: "ann@x" });
        tx.create(Book, { title: "A1", author: a });
      },
      { using: binding },
    ),
  );
  const [ann, a1] = made.value;
  assert.deepEqual([a1.title, a1.author_id], ["A1", ann.pk]);
  assert.deepEqual([made.db, made.session], [2, 0], "one batch of two statements, through the binding");
  ann.name = "Ann B";
  const saved = await during(binding, () => ann.asave());
  assert.ok(saved.db > 0, "the instance saves through the binding that made it");
  // Without one, the Database has no executor: the group says so.
  await assert.rejects(db.atomic((tx) => void tx.create(Author, { name: "x", email: "x@x" })), (e) => e.name === "ExecutorError" && /db\.atomic\(fn, \{ using: env\.DB \}\)/.test(e.message));

  // The request's session, opened on its binding.
  const s = db.withSession("first-primary", { using: binding });
  assert.deepEqual(binding.calls.opened, ["first-primary"]);
  const read = await during(binding, () => Author.objects.using(s).valuesList("name", { flat: true }).alist());
  assert.deepEqual([read.value, read.db, read.session], [["Ann B"], 0, 1]);
  // using(null) goes back to the Database's own (here none), a host to that host.
  await assert.rejects(Author.objects.using(s).using(null).acount(), (e) => e.name === "ExecutorError");
  assert.equal(await Author.objects.using(s).using(other).acount(), 1);
  // { using } on instances and db.atomic takes the session too.
  const loaded = await Author.objects.using(other).aget({ name: "Ann B" });
  loaded.name = "Ann C";
  const viaSession = await during(binding, () => loaded.asave({ using: s }));
  assert.deepEqual([viaSession.db, viaSession.session], [0, 2]);
  const grouped = await during(binding, () => db.atomic((tx) => void tx.update(Book.objects.filter({ title: "A1" }), { title: "A1 (2nd ed.)" }), { using: s }));
  assert.deepEqual([grouped.value, grouped.db, grouped.session, grouped.batches], [[1], 0, 1, 1]);
  // A QuerySet bound to another host than the group's would write elsewhere than it says: a TypeError.
  await assert.rejects(
    db.atomic((tx) => void tx.update(Book.objects.using(other).all(), { title: "x" }), { using: binding }),
    (e) => e instanceof TypeError && e instanceof QuarryError && /another executor \(using\(\)\) than the group/.test(e.message),
  );
  assert.deepEqual(await Book.objects.using(binding).valuesList("title", { flat: true }).alist(), ["A1 (2nd ed.)"]);
});
