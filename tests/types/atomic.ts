// db.atomic(), its recorder and D1 sessions.
import { Database, type AtomicResult, type ModelInstance, type Session, type D1Like } from "quarry";
import { check, type Equal } from "./helpers.js";
import { db, Author, Book, Tag } from "./models.js";

type AuthorI = ModelInstance<typeof Author>;
type BookI = ModelInstance<typeof Book>;

export async function groups(book: BookI, tag: ModelInstance<typeof Tag>, binding: D1Like) {
  let made: AuthorI | undefined;
  const results = await db.atomic((tx) => {
    // The recorder returns typed instances, usable by the writes after them.
    const a = tx.create(Author, { name: "Ann", email: "ann@example.com" });
    check<Equal<typeof a, AuthorI>>();
    made = a;
    tx.create(Book, { title: "First", pubDate: "2024-01-02", author: a });
    const many = tx.bulkCreate(Tag, [{ name: "x" }, new Tag({ name: "y" })]);
    check<Equal<typeof many, Array<ModelInstance<typeof Tag>>>>();
    tx.update(Book.objects.filter({ inPrint: false }), { pages: 0 });
    tx.delete(Book.objects.filter({ pages__lt: 10 }));
    tx.delete(book);
    tx.save(book);
    tx.bulkUpdate(Book.objects.all(), [book], ["pages"]);
    tx.add(book.tags, tag, 3);
    tx.remove(book.tags, tag);
    tx.set(book.tags, [tag], { clear: true });
    tx.clear(book.tags);
    // @ts-expect-error a misspelt field in the values
    tx.create(Author, { name: "Bo", email: "bo@x", nmae: "Bo" });
    // @ts-expect-error a required field missing
    tx.create(Author, { name: "Bo" });
    // @ts-expect-error a value of the wrong type
    tx.update(Book.objects.all(), { pages: "many" });
    // @ts-expect-error bulkUpdate fields are the model's
    tx.bulkUpdate(Book.objects.all(), [book], ["nmae"]);
    // @ts-expect-error a Tag is not a Book's author
    tx.add(book.tags, made);
  });
  check<Equal<typeof results, AtomicResult[]>>();

  // @ts-expect-error the callback must not be async
  await db.atomic(async (tx) => void tx.save(book));
  // @ts-expect-error nor return a Promise
  await db.atomic((tx) => Promise.resolve(tx.save(book)));

  // A Database without an executor: the group names its host.
  await new Database().atomic((tx) => void tx.save(book), { using: binding });

  // Sessions: using() takes a session, a host or null; so do the { using } options.
  const s: Session = db.withSession("first-unconstrained");
  const s2 = new Database().withSession("first-primary", { using: binding });
  check<Equal<typeof s2, Session>>();
  const bookmark = s.bookmark();
  check<Equal<typeof bookmark, string | null>>();
  const fromSession = await Author.objects.using(s).filter({ name: "Ann" }).alist();
  check<Equal<typeof fromSession, AuthorI[]>>();
  await Author.objects.using(binding).using(null).acount();
  await s.atomic((tx) => void tx.create(Author, { name: "Cy", email: "cy@x" }));
  await db.atomic((tx) => tx.save(book), { using: s });
  await book.asave({ using: s });
  await book.adelete({ using: binding });
  await book.arefreshFromDb({ using: s });
  // @ts-expect-error using() takes no string (Django's alias names are not hosts here)
  Author.objects.using("default");
  // @ts-expect-error withSession takes a constraint or a bookmark string
  db.withSession(3);
}
