// filter/exclude/aget/Q keys: the model's fields, then the lookups and
// transforms their kind allows, with value types checked.
import { Q, F, Value, Exists, OuterRef, Count, type ModelInstance } from "quarry";
import { Author, Book, Category, Entry, Profile, Publisher, Tag } from "./models.js";

export async function scalarLookups(a: ModelInstance<typeof Author>) {
  Author.objects.filter({ name: "Ann", age: 30 });
  Author.objects.filter({ name__icontains: "an", name__istartswith: "a", name__regex: "^A", name__iexact: "ann" });
  Author.objects.filter({ age__gte: 18, age__lt: 65, age__in: [1, 2, 3], age__range: [1, 9], age__isnull: false });
  Author.objects.filter({ age: null, age__exact: null });
  Author.objects.exclude({ pk__in: [1, 2] }, { id__gt: 3 });
  Author.objects.filter({ pk__in: Author.objects.filter({ age__gt: 3 }).values("id") });
  Book.objects.filter({ author__in: Author.objects.filter({ age__gt: 3 }), author: Author.objects.all().slice(0, 1), pages__gt: Book.objects.values("pages").slice(0, 1) });
  Book.objects.filter({ pubDate__year__gte: 2020, pubDate__month: 3, pubDate__week_day: 2, pubDate__quarter__in: [1, 2] });
  Book.objects.filter({ pubDate: "2024-01-01", pubDate__gte: new Date(), pubDate__range: ["2024-01-01", "2024-12-31"] });
  Entry.objects.filter({ created__date: "2024-01-01", created__hour__lt: 12, created__date__year: 2024, edited__isnull: true });
  Entry.objects.filter({ uid__startswith: "6f", big__gt: 10n, price__lte: "9.99", flag: true, blob: new Uint8Array() });
  // JSONField: any key path.
  Entry.objects.filter({ data__owner__name: "x", data__tags__0: 1, data__has_key: "a" });
  // Expressions as values.
  Book.objects.filter({ pages__gt: F("rating"), title: Value("x") });
  await Author.objects.aget({ pk: 1 });
  await Author.objects.aget(Q({ name: "Ann" }).or(Q({ age__gt: 3 })));
  a;

  // @ts-expect-error misspelt field
  Author.objects.filter({ nmae: "Ann" });
  // @ts-expect-error wrong value type
  Author.objects.filter({ age__gte: "x" });
  // @ts-expect-error __in takes an array of the field's type
  Author.objects.filter({ age__in: ["a"] });
  // @ts-expect-error __in takes an array
  Author.objects.filter({ age__in: 3 });
  // @ts-expect-error __isnull takes a boolean
  Author.objects.filter({ age__isnull: 1 });
  // @ts-expect-error __range takes a pair
  Author.objects.filter({ age__range: [1] });
  // @ts-expect-error a pattern lookup on a number
  Author.objects.filter({ age__icontains: "3" });
  // @ts-expect-error a date transform on text
  Author.objects.filter({ name__year: 2020 });
  // @ts-expect-error an unknown lookup
  Author.objects.filter({ name__startwith: "A" });
  // @ts-expect-error a DateTimeField transform on a DateField
  Book.objects.filter({ pubDate__hour: 3 });
  // @ts-expect-error a transform's value is a number
  Book.objects.filter({ pubDate__year: "2020" });
  // @ts-expect-error boolean fields have no ordering lookups
  Book.objects.filter({ inPrint__gt: false });
  // @ts-expect-error null only with exact
  Author.objects.filter({ age__gt: null });
  // @ts-expect-error misspelt field in exclude
  Author.objects.exclude({ nmae: "Ann" });
  // @ts-expect-error misspelt field in aget
  await Author.objects.aget({ nmae: "Ann" });
  // @ts-expect-error misspelt field in a second argument
  Author.objects.filter({ name: "Ann" }, { agee: 3 });
  // @ts-expect-error Entry's primary key is `uid`: there is no `id`
  Entry.objects.filter({ id: 1 });
}

export function relationLookups(a: ModelInstance<typeof Author>, t: ModelInstance<typeof Tag>) {
  Book.objects.filter({ author: a, author__in: [a, 2], author_id: 1, author_id__in: [1, 2], author__isnull: false });
  Book.objects.filter({ author__name__startswith: "A", author__age__gte: 30, editor__isnull: true });
  Book.objects.filter({ author__publisher__name: "Acme", author__publisher__name__icontains: "ac" });
  Book.objects.filter({ tags: t, tags__name: "x", tags__in: Tag.objects.all() });
  Book.objects.filter({ author__in: Author.objects.filter({ age__gt: 3 }) });
  Category.objects.filter({ parent__parent__name: "root", parent: null });
  // Reverse relations (registered models): relatedName, Django's default names.
  Author.objects.filter({ books__title: "T", books__pages__gt: 3, edited__isnull: true, profile__bio__icontains: "x" });
  Publisher.objects.filter({ author__name: "Ann", author__books__tags__name: "y" });
  Tag.objects.filter({ books__author__name: "Ann" });
  Category.objects.filter({ children__name: "leaf" });
  Profile.objects.filter({ author__books__pubDate__year: 2020 });

  // @ts-expect-error misspelt field across a relation
  Book.objects.filter({ author__nmae: "A" });
  // @ts-expect-error wrong lookup for the kind across a relation
  Book.objects.filter({ author__age__icontains: "3" });
  // @ts-expect-error wrong value type across two relations
  Book.objects.filter({ author__publisher__name: 3 });
  // @ts-expect-error an instance of the wrong model
  Book.objects.filter({ author: t });
  // @ts-expect-error a relation compared with a string primary key
  Book.objects.filter({ author: "1" });
  // @ts-expect-error misspelt reverse relation
  Author.objects.filter({ bokos__title: "T" });
  // @ts-expect-error the reverse name with relatedName is `books`, not Django's default `book`
  Author.objects.filter({ book__title: "T" });
  // @ts-expect-error `_id` is an integer column: no pattern lookups
  Book.objects.filter({ author_id__contains: "1" });
}

export function qObjects() {
  const q = Q({ name__startswith: "A" }).and(Q({ age__gte: 3 })).or(Q.not({ age: null }));
  Author.objects.filter(q);
  Author.objects.filter(Q({ name: "A" }).not(), { age: 1 });
  Author.objects.filter(Q(), Q(Exists(Book.objects.filter({ author: OuterRef("pk") }))));
  Author.objects.filter(Exists(Book.objects.filter({ author: OuterRef("pk") })));
  // Q() is model-agnostic until it reaches a QuerySet.
  const loose = Q({ nmae: "x" });
  // @ts-expect-error misspelt field in a Q
  Author.objects.filter(loose);
  // @ts-expect-error wrong value type inside an or()
  Author.objects.filter(Q({ name: "A" }).or(Q({ age__gte: "x" })));
  // @ts-expect-error Q.and takes a Q, not a lookups object (it throws at run time)
  Q({ name: "A" }).and({ age: 3 });
}

export function annotationLookups() {
  Author.objects.annotate({ n: Count("books") }).filter({ n__gte: 2 }).orderBy("-n");
  Author.objects.annotate(Count("books")).filter({ books__count__gt: 1 }).orderBy("books__count");
  Author.objects.alias({ lower: F("name") }).filter({ lower__startswith: "a" });
  // @ts-expect-error an annotation's lookups follow its type
  Author.objects.annotate({ n: Count("books") }).filter({ n__gte: "2" });
  // @ts-expect-error annotations do not exist before annotate()
  Author.objects.filter({ n__gte: 2 }).annotate({ n: Count("books") });
}

export function dynamicLookups(field: string) {
  // Keys not known statically are not checked.
  const lookups: Record<string, unknown> = { [`${field}__in`]: [1, 2] };
  Author.objects.filter(lookups);
  Author.objects.filter({ [field]: 1 });
}
