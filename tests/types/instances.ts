// Instances, constructors and the create/update argument types.
import { Model, F, type ModelInstance, type DeleteResult } from "quarry";
import { check, type Equal } from "./helpers.js";
import { Author, Book, Category, Entry, Profile, Publisher, Tag, Note } from "./models.js";

type AuthorI = ModelInstance<typeof Author>;
type BookI = ModelInstance<typeof Book>;

export async function fieldTypes(a: AuthorI, b: BookI, e: ModelInstance<typeof Entry>) {
  // Each field's JS type, `| null` where `null: true`.
  check<Equal<typeof a.name, string>>();
  check<Equal<typeof a.age, number | null>>();
  check<Equal<typeof a.id, number>>();
  check<Equal<typeof a.pk, number>>();
  check<Equal<typeof b.rating, number | null>>();
  check<Equal<typeof b.inPrint, boolean>>();
  check<Equal<typeof b.pubDate, string>>();
  check<Equal<typeof e.pk, string>>();
  check<Equal<typeof e.uid, string>>();
  check<Equal<typeof e.big, number>>();
  check<Equal<typeof e.price, string>>();
  check<Equal<typeof e.created, Date>>();
  check<Equal<typeof e.edited, Date | null>>();
  check<Equal<typeof e.data, unknown>>();
  check<Equal<typeof e.blob, Uint8Array | null>>();

  // A ForeignKey: the related instance and the `_id` attname.
  check<Equal<typeof b.author, AuthorI>>();
  check<Equal<typeof b.author_id, number>>();
  check<Equal<typeof b.editor, AuthorI | null>>();
  check<Equal<typeof b.editor_id, number | null>>();
  check<Equal<typeof b.author.name, string>>();
  // A string target resolved through the Models registry.
  check<Equal<typeof a.publisher, ModelInstance<typeof Publisher> | null>>();
  // "self".
  const c = await Category.objects.aget({ pk: 1 });
  check<Equal<typeof c.parent, ModelInstance<typeof Category> | null>>();
  check<Equal<typeof c.parent_id, number | null>>();

  // @ts-expect-error misspelt field
  a.nmae;
  // @ts-expect-error a model has no `id` when another field is the primary key
  e.id;
  // @ts-expect-error M2M fields have no attname
  b.tags_id;
  // @ts-expect-error a string where the field holds a number
  a.age = "3";
  a.age = null;
  // @ts-expect-error not nullable
  a.name = null;
  b.author = a;
}

export async function methods(a: AuthorI, b: BookI) {
  await a.asave();
  await a.asave({ forceInsert: true });
  const counts: DeleteResult = await a.adelete();
  await a.arefreshFromDb({ fields: ["name", "age"] });
  // @ts-expect-error not a field
  await a.arefreshFromDb({ fields: ["nmae"] });
  check<Equal<ReturnType<typeof b.getDeferredFields>, Set<"id" | "title" | "pages" | "rating" | "inPrint" | "pubDate" | "author_id" | "editor_id">>>();
  const json = b.toJSON();
  check<Equal<typeof json, { id: number; title: string; pages: number; rating: number | null; inPrint: boolean; pubDate: string; author_id: number; editor_id: number | null }>>();

  // afetch: the related object, or the list for a to-many relation.
  check<Equal<Awaited<ReturnType<typeof b.afetch<"author">>>, AuthorI>>();
  const editor = await b.afetch("editor");
  check<Equal<typeof editor, AuthorI | null>>();
  const tags = await b.afetch("tags");
  check<Equal<typeof tags, ModelInstance<typeof Tag>[]>>();
  const books = await a.afetch("books");
  check<Equal<typeof books, BookI[]>>();
  const profile = await a.afetch("profile");
  check<Equal<typeof profile, ModelInstance<typeof Profile> | null>>();
  // @ts-expect-error not a relation
  await b.afetch("title");

  // Typed instances are Models (instanceof Model at run time).
  const m: Model = a;
  check<Equal<typeof a extends Model ? true : false, true>>();
  return [counts, m];
}

export async function relatedManagers(a: AuthorI, b: BookI, t: ModelInstance<typeof Tag>, p: ModelInstance<typeof Publisher>) {
  // Forward M2M.
  const first = await b.tags.afirst();
  check<Equal<typeof first, ModelInstance<typeof Tag> | null>>();
  await b.tags.aadd(t, 2);
  await b.tags.aremove(t);
  await b.tags.aset([t], { clear: true });
  await b.tags.aclear();
  const created = await b.tags.acreate({ name: "new" });
  check<Equal<typeof created, ModelInstance<typeof Tag>>>();
  // @ts-expect-error a Book is not a Tag
  await b.tags.aadd(b);

  // Reverse relations (the models are registered): relatedName, Django's default names, one-to-one.
  const mine = await a.books.filter({ pages__gte: 100 }).alist();
  check<Equal<typeof mine, BookI[]>>();
  check<Equal<Awaited<ReturnType<typeof a.edited.alist>>, BookI[]>>();
  const tagged = await t.books.acount();
  check<Equal<typeof tagged, number>>();
  check<Equal<typeof a.profile, ModelInstance<typeof Profile> | null>>();
  check<Equal<Awaited<ReturnType<typeof p.author_set.alist>>, AuthorI[]>>();
  const c = await Category.objects.aget({ pk: 1 });
  check<Equal<Awaited<ReturnType<typeof c.children.alist>>, ModelInstance<typeof Category>[]>>();
  // A reverse FK manager binds the foreign key: acreate does not ask for it.
  await a.books.acreate({ title: "Bound", pubDate: "2024-01-01" });
  // @ts-expect-error misspelt reverse accessor
  a.bookz;
  // @ts-expect-error relatedName "+" hides the reverse relation
  b.note_set;
  // @ts-expect-error Profile has no relatedName: the accessor is `profile`, not `profiles`
  a.profiles;
}

export async function construct(a: AuthorI) {
  // new Model({...}) takes any subset, as Django's constructor.
  const n = new Author();
  const m = new Author({ name: "Ann" });
  check<Equal<typeof m, AuthorI>>();
  new Book({ title: "T", author: a, editor: null, pk: 3 });
  new Book({ author_id: 1 });
  // @ts-expect-error misspelt field
  new Author({ nmae: "Ann" });
  // @ts-expect-error wrong value type
  new Author({ age: "3" });
  // @ts-expect-error M2M values are set with .aset(), not in the constructor
  new Book({ tags: [] });
  return n;
}

export async function create(a: AuthorI) {
  const b = await Book.objects.acreate({ title: "T", pubDate: "2024-01-01", author: a });
  check<Equal<typeof b, BookI>>();
  // A relation by primary key, or by its attname; a Date for a DateField.
  await Book.objects.acreate({ title: "T", pubDate: new Date(), author: 1 });
  await Book.objects.acreate({ title: "T", pubDate: "2024-01-01", author_id: 1, pages: 3, rating: null });
  // CharField with blank: true, fields with defaults, the primary key: optional.
  await Profile.objects.acreate({ author: a });
  await Entry.objects.acreate({ uid: "6f1c", big: 10n, price: 9.5, flag: true });
  await Author.objects.acreate({ name: "N", email: "e@x" });

  // @ts-expect-error missing required field (title)
  await Book.objects.acreate({ pubDate: "2024-01-01", author: a });
  // @ts-expect-error missing required relation (author or author_id)
  await Book.objects.acreate({ title: "T", pubDate: "2024-01-01" });
  // @ts-expect-error misspelt field
  await Book.objects.acreate({ title: "T", pubDate: "2024-01-01", author: a, pagse: 3 });
  // @ts-expect-error wrong value type
  await Book.objects.acreate({ title: "T", pubDate: "2024-01-01", author: a, pages: "3" });
  // @ts-expect-error null for a field without null: true
  await Book.objects.acreate({ title: null, pubDate: "2024-01-01", author: a });
  // @ts-expect-error an instance of the wrong model for a relation
  await Book.objects.acreate({ title: "T", pubDate: "2024-01-01", author: await Tag.objects.aget({ pk: 1 }) });
  // @ts-expect-error a DateTimeField takes a Date or a string
  await Entry.objects.acreate({ uid: "x", big: 1, price: "1.00", flag: true, created: 5 });
}

export async function getOrCreateAndUpdate(a: AuthorI) {
  const [obj, created] = await Author.objects.agetOrCreate({ email: "e@x" }, { defaults: { name: "N", age: () => 3 } });
  check<Equal<typeof obj, AuthorI>>();
  check<Equal<typeof created, boolean>>();
  const [b2] = await Book.objects.aupdateOrCreate({ title: "T" }, { defaults: { pages: 3 }, createDefaults: { pubDate: "2024-01-01", author: a } });
  check<Equal<typeof b2, BookI>>();
  // @ts-expect-error misspelt lookup
  await Author.objects.agetOrCreate({ emial: "e@x" });
  // @ts-expect-error misspelt default
  await Author.objects.agetOrCreate({ email: "e@x" }, { defaults: { nmae: "N" } });

  const n = await Book.objects.filter({ pages__lt: 10 }).aupdate({ pages: F("pages").add(1), rating: null, editor: a });
  check<Equal<typeof n, number>>();
  await Book.objects.aupdate({ author_id: 2 });
  // @ts-expect-error misspelt field
  await Book.objects.aupdate({ pagse: 1 });
  // @ts-expect-error wrong value type
  await Book.objects.aupdate({ inPrint: "yes" });

  const made = await Book.objects.abulkCreate([{ title: "A", pubDate: "2024-01-01", author: a }, new Book({ title: "B" })], { batchSize: 100, updateFields: ["title"], uniqueFields: ["id"] });
  check<Equal<typeof made, BookI[]>>();
  // @ts-expect-error missing required field (title) in abulkCreate
  await Book.objects.abulkCreate([{ pubDate: "2024-01-01", author: a }]);
  const rows = await Book.objects.abulkUpdate(made, ["title", "pages"], { batchSize: 10 });
  check<Equal<typeof rows, number>>();
  // @ts-expect-error not a field
  await Book.objects.abulkUpdate(made, ["titel"]);
  // @ts-expect-error Authors in a Book QuerySet
  await Book.objects.abulkUpdate([a], ["title"]);
}

export async function classes() {
  check<Equal<typeof Author.modelName, "Author">>();
  try {
    await Author.objects.aget({ pk: 1 });
  } catch (e) {
    if (e instanceof Author.DoesNotExist) check<Equal<typeof e.message, string>>();
  }
  // @ts-expect-error Model.objects has no adelete (Django's Manager); use objects.all().adelete()
  Author.objects.adelete();
  await Author.objects.all().adelete();
  // Note has a relation to Book but Book gets no accessor for it.
  check<Equal<typeof Note.modelName, "Note">>();
}
